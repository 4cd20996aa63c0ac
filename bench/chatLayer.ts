/**
 * The chat layer's own per-token cost, without network or SDK: ChatController's observer is fed
 * 20,000 tokens and metrics callbacks synchronously, as StreamingService would call it, into a
 * view that only counts posts. Prints the median time per answer of 30.
 *
 *   npx tsx bench/chatLayer.ts
 */
import { ChatController } from '../src/core/chat/chatController';
import { HistoryStore } from '../src/core/chat/historyStore';
import { readConfig } from '../src/core/config';
import type { KeyValueStore } from '../src/core/ports';
import type { StreamResult } from '../src/core/streaming/types';

const TOKENS = 20_000;
const data = new Map<string, unknown>();
const state: KeyValueStore = { get: <T>(k: string) => data.get(k) as T | undefined, update: async (k, v) => void data.set(k, v) };
const tokens = Array.from({ length: TOKENS }, (_, i) => `w${i % 10}  `.slice(0, 4));
const times: number[] = [];
let posts = 0;

const controller = new ChatController({
  config: () => readConfig(() => undefined),
  history: new HistoryStore(state, () => 5),
  runStream: async (_request, observer) => {
    const t0 = performance.now();
    for (let i = 0; i < TOKENS; i += 1) {
      observer.onText?.(tokens[i]);
      observer.onMetrics?.({ tokensPerSecond: 100, outputTokens: i, inputTokens: 5, elapsedMs: i, timeToFirstTokenMs: 1 });
    }
    times.push(performance.now() - t0);
    const result: StreamResult = {
      outcome: 'done',
      text: tokens.join(''),
      thinking: '',
      usage: { inputTokens: 5, outputTokens: TOKENS },
      model: 'claude-sonnet-5',
      totalMs: 1,
      tokensPerSecond: 1,
      retries: 0,
      resumed: false,
    };
    return result;
  },
});
controller.attach({ visible: true, post: () => void (posts += 1) });

async function main(): Promise<void> {
  for (let run = 0; run < 30; run += 1) {
    controller.submit('Go');
    await controller.idle();
    await controller.newChat();
  }
  times.sort((a, b) => a - b);
  const median = times[times.length >> 1];
  console.log(`chat layer: ${median.toFixed(2)} ms per ${TOKENS} tokens (median of ${times.length}), ${((median * 1000) / TOKENS).toFixed(3)} µs per token; ${posts} posts`);
  controller.dispose();
}

void main();
