import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnalysisClient } from '../../../../src/core/analysis/analysisClient';
import { ChatController } from '../../../../src/core/chat/chatController';
import type { LiveAnalysisPort } from '../../../../src/core/chat/chatTypes';
import { HistoryStore } from '../../../../src/core/chat/historyStore';
import { readConfig } from '../../../../src/core/config';
import { createAnthropicClient, StreamingService } from '../../../../src/core/streaming';
import type { AnalysisSnapshot } from '../../../../src/shared/protocol';
import { startMockAnthropicServer, type MockAnthropicServer } from '../../../server';
import { memoryState, RecordingView } from '../../support/chatDoubles';
import { buildDyingWorker, CRASH_MARKER } from '../../support/dyingAnalysisWorker';

const sentences = (n: number, word: string) => Array.from({ length: n }, (_, i) => `Sentence ${i} explains ${word} in detail.`).join(' ');

describe('an analysis worker that dies mid-answer', function () {
  this.timeout(60_000);
  let dir: string;
  let workerPath: string;
  let server: MockAnthropicServer;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dying-worker-'));
    workerPath = await buildDyingWorker(dir);
    server = await startMockAnthropicServer();
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The analysis client the extension uses, on the worker that dies, routed as the analysis router does. */
  function analysisFor(onSnapshot: (s: AnalysisSnapshot) => void): { client: AnalysisClient; port: LiveAnalysisPort } {
    const client = new AnalysisClient({ workerPath, threshold: 8, onSnapshot });
    return { client, port: { begin: (id) => client.begin(id), push: (id, d) => client.push(id, d), end: (id) => client.end(id) } };
  }

  it('ends that answer’s analysis with a note, and the next end() does not wait for a worker that is gone', async () => {
    const seen: AnalysisSnapshot[] = [];
    const { client } = analysisFor((s) => seen.push(s));
    client.begin('a');
    for (let i = 0; i < 8; i++) client.push('a', `word${i} `);
    client.push('a', CRASH_MARKER);
    for (let i = 0; i < 8; i++) client.push('a', `more${i} `);
    const final = await Promise.race([client.end('a'), new Promise<'hung'>((r) => setTimeout(() => r('hung'), 5_000))]);
    assert.notEqual(final, 'hung', 'end() settled');
    assert.ok(final !== 'hung' && final.final && final.interrupted, JSON.stringify(final));
    assert.ok(
      seen.some((s) => s.streamId === 'a' && s.interrupted),
      'the views were told',
    );
    // A new stream starts a new worker and is analysed to the end.
    client.begin('b');
    for (let i = 0; i < 20; i++) client.push('b', `TypeScript is excellent ${i} `);
    const next = await client.end('b');
    assert.ok(next.final && !next.interrupted && next.tokensAnalyzed > 0, JSON.stringify(next));
    await client.dispose();
  });

  it('leaves the chat usable: the answer ends, and the prompt queued behind it is answered and analysed', async () => {
    server.reset();
    const config = readConfig((key) => ({ 'retry.backoffMs': 5, 'stream.idleTimeoutMs': 2000, model: 'claude-sonnet-5' })[key]);
    const service = new StreamingService({ client: createAnthropicClient({ apiKey: server.apiKey, baseUrl: server.url }) });
    const view = new RecordingView();
    // The analysis port needs the controller, which needs the port: the callback reads it late.
    const late: { controller?: ChatController } = {};
    const { client, port } = analysisFor((s) => late.controller?.acceptAnalysis(s));
    const controller = new ChatController({
      runStream: (request, observer, signal) => service.stream(request, observer, signal),
      config: () => config,
      history: new HistoryStore(memoryState(), () => 10),
      analysis: port,
      batchIntervalMs: 20,
    });
    late.controller = controller;
    controller.attach(view);
    // The marker ends the answer, so the worker dies while the final pass (end) is pending.
    server.enqueue({ text: `${sentences(40, 'borrowing')} ${CRASH_MARKER}`, delayMs: 1 });
    server.enqueue({ text: sentences(20, 'slices'), delayMs: 0 });
    controller.submit('Explain borrowing');
    controller.submit('And slices?');
    const idle = controller.idle().then(async () => {
      // The queued prompt starts as the first answer's bookkeeping ends; wait for it too.
      while (controller!.isStreaming || controller!.messages().length < 4) await new Promise((r) => setTimeout(r, 10));
      await controller!.idle();
    });
    const outcome = await Promise.race([idle.then(() => 'idle'), new Promise((r) => setTimeout(() => r('stalled'), 20_000))]);
    assert.equal(outcome, 'idle', 'the chat did not stall behind the dead worker');
    const messages = controller.messages();
    assert.deepEqual(
      messages.map((m) => [m.role, m.state]),
      [
        ['user', 'done'],
        ['assistant', 'done'],
        ['user', 'done'],
        ['assistant', 'done'],
      ],
    );
    const [first, second] = messages
      .filter((m) => m.role === 'assistant')
      .map(
        (m) =>
          view
            .of('analysis/snapshot')
            .filter((s) => s.streamId === m.id)
            .at(-1)?.analysis,
      );
    assert.ok(first?.final && first.interrupted, `the first answer's analysis ends with the note: ${JSON.stringify(first)}`);
    assert.ok(second?.final && !second.interrupted, `the next answer is analysed to the end: ${JSON.stringify(second)}`);
    controller.dispose();
    await client.dispose();
  });
});
