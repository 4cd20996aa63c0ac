/**
 * `worker_threads` entry of the analysis worker (bundled to dist/analysisWorker.js). No
 * vscode here: it hosts one engine per stream and answers each chunk with a snapshot.
 */
import { parentPort } from 'node:worker_threads';
import { EngineHost } from './workerProtocol';
import type { ToWorker } from './workerProtocol';

const port = parentPort;
if (port) {
  const host = new EngineHost();
  port.on('message', (message: ToWorker) => {
    const reply = host.handle(message);
    if (reply) port.postMessage(reply);
  });
}
