/**
 * The real analysis worker, except that it dies (`process.exit`, as a crash or an out-of-memory
 * kill would end it) when a chunk of text contains CRASH_MARKER. Bundled by the tests that need it.
 */
import { parentPort } from 'node:worker_threads';
import { EngineHost, type ToWorker } from '../../../src/core/analysis/workerProtocol';

export const CRASH_MARKER = 'KILL-THE-ANALYSIS-WORKER';

const port = parentPort;
if (port) {
  const host = new EngineHost();
  // The marker may arrive split across chunks: look at each stream's text so far.
  const seen = new Map<string, string>();
  port.on('message', (message: ToWorker) => {
    if (message.type === 'chunk' || message.type === 'end') {
      const text = (seen.get(message.streamId) ?? '') + message.text;
      seen.set(message.streamId, text.slice(-CRASH_MARKER.length * 2));
      if (text.includes(CRASH_MARKER)) process.exit(70);
    }
    const reply = host.handle(message);
    if (reply) port.postMessage(reply);
  });
}

/** Bundles this worker into `dir` and returns its path. */
export async function buildDyingWorker(dir: string): Promise<string> {
  const { build } = await import('esbuild');
  const { join } = await import('node:path');
  const outfile = join(dir, 'dyingAnalysisWorker.js');
  await build({ entryPoints: [__filename], bundle: true, platform: 'node', format: 'cjs', outfile, logLevel: 'silent', external: ['esbuild'] });
  return outfile;
}
