import * as assert from 'node:assert/strict';
import { ChatController } from '../../../src/core/chat/chatController';
import type { ChatStatus } from '../../../src/core/chat/chatTypes';
import { HistoryStore } from '../../../src/core/chat/historyStore';
import { throttleLatest } from '../../../src/core/timers';
import { readConfig } from '../../../src/core/config';
import type { KeyValueStore } from '../../../src/core/ports';
import { createAnthropicClient, StreamingService } from '../../../src/core/streaming';
import { startMockAnthropicServer, type MockAnthropicServer } from '../../server';

function memoryState(): KeyValueStore {
  const data = new Map<string, unknown>();
  return { get: <T>(k: string) => data.get(k) as T | undefined, update: async (k, v) => void data.set(k, v) };
}

/** The most events that fell in any window of `windowMs`. */
function peakPerWindow(times: number[], windowMs: number): number {
  let peak = 0;
  for (let i = 0, j = 0; i < times.length; i += 1) {
    while (times[i] - times[j] >= windowMs) j += 1;
    peak = Math.max(peak, i - j + 1);
  }
  return peak;
}

describe('throttled surfaces', function () {
  this.timeout(30_000);
  let server: MockAnthropicServer;
  before(async () => {
    server = await startMockAnthropicServer();
  });
  after(async () => {
    await server.close();
  });

  it('the status bar hears about the token rate at most 4 times a second, however fast tokens arrive', async () => {
    const config = readConfig((key) => ({ model: 'claude-sonnet-5' })[key]);
    const service = new StreamingService({ client: createAnthropicClient({ apiKey: server.apiKey, baseUrl: server.url }) });
    const controller = new ChatController({ runStream: (r, o, s) => service.stream(r, o, s), config: () => config, history: new HistoryStore(memoryState(), () => 5) });
    const rateUpdates: number[] = [];
    const events: ChatStatus[] = [];
    controller.onDidChangeStatus((status) => {
      events.push(status);
      if (status.tokensPerSecond !== undefined) rateUpdates.push(performance.now());
    });
    // About 1,500 tokens over 1.5 s or more: one metrics callback per token from the service.
    server.enqueue({ text: 'word '.repeat(1500), tokenChars: 5, delayMs: 1 });
    controller.submit('Go');
    await controller.idle();
    assert.ok(rateUpdates.length >= 2, `the rate was shown while streaming (${rateUpdates.length} updates)`);
    assert.ok(peakPerWindow(rateUpdates, 1000) <= 4, `at most 4 rate updates in any second, saw ${peakPerWindow(rateUpdates, 1000)}`);
    assert.deepEqual([events[0].streaming, events.at(-1)!.streaming], [true, false], 'start and end are never throttled away');
    controller.dispose();
  });

  it('at the insights (250 ms) and comment-thread (100 ms) intervals, the shared throttle delivers at most 4 and 10 updates a second, ending on the latest', async () => {
    for (const [intervalMs, perSecond] of [
      [250, 4],
      [100, 10],
    ] as const) {
      const delivered: Array<{ at: number; value: number }> = [];
      const throttled = throttleLatest((value: number) => delivered.push({ at: performance.now(), value }), intervalMs);
      const started = performance.now();
      let value = 0;
      while (performance.now() - started < 1200) {
        throttled((value += 1));
        await new Promise((r) => setImmediate(r));
      }
      throttled.flush();
      const peak = peakPerWindow(
        delivered.map((d) => d.at),
        1000 - 1,
      );
      assert.ok(peak <= perSecond + 1, `${intervalMs} ms: ${peak} updates in one second`);
      assert.equal(delivered.at(-1)!.value, value, 'the last update shown is the latest');
      assert.ok(value > 100 * delivered.length, 'many more calls than deliveries');
    }
  });
});
