/**
 * Cost benchmark: a 20-turn chat against the strict local server, once with prompt caching
 * (the default, 5-minute TTL) and once without. Reports billed input tokens (uncached input,
 * cache reads, cache writes) and cost from the price table for each; goal: cached cost ≤ 0.35 ×
 * uncached. Also the time `messages.countTokens` takes before a send, and the time to first
 * token with the count run alongside versus none (the count must not delay the answer).
 *
 *   npx tsx bench/cost.ts [--json] [--turns 20] [--model claude-sonnet-5-5]
 */
import { performance } from 'node:perf_hooks';
import { readConfig } from '../src/core/config';
import { ChatController } from '../src/core/chat/chatController';
import { HistoryStore } from '../src/core/chat/historyStore';
import { costOf } from '../src/core/chat/pricing';
import { createAnthropicClient, StreamingService } from '../src/core/streaming';
import type { StreamResult, Usage } from '../src/core/streaming/types';
import { startMockAnthropicServer } from '../test/server';
import { memoryState, RecordingView } from '../test/unit/support/chatDoubles';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const TURNS = Number(arg('turns', '20'));
const MODEL = arg('model', 'claude-sonnet-5-5');

/** A developer's session: a file pasted first, then follow-ups; answers of a few hundred tokens. */
const FILE = Array.from({ length: 220 }, (_, i) => `export function step${i}(input: number): number { return input * ${i} + ${i % 7}; }`).join('\n');
const question = (i: number): string =>
  i === 0 ? `Review this module and suggest improvements:\n\n\`\`\`ts\n${FILE}\n\`\`\`` : `Follow-up ${i}: what about the edge case where step${i} gets a negative input?`;
const answer = (i: number): string => `For turn ${i}: ${'The function handles the value, and the caller checks the bound before use. '.repeat(14)}`;

interface Run {
  usage: Required<Omit<Usage, 'promptTokens'>>;
  cost: number;
  ttftMs: number[];
  countMs: number[];
}

async function session(cacheTtl: '5m' | 'off', countAlongside: boolean): Promise<Run> {
  const server = await startMockAnthropicServer();
  const client = createAnthropicClient({ apiKey: server.apiKey, baseUrl: server.url });
  const service = new StreamingService({ client });
  const config = readConfig((key) => ({ model: MODEL, 'cache.ttl': cacheTtl, maxTokens: 8192 })[key]);
  const results: StreamResult[] = [];
  const countMs: number[] = [];
  const controller = new ChatController({
    runStream: async (request, observer, signal) => {
      const result = await service.stream(request, observer, signal);
      results.push(result);
      return result;
    },
    config: () => config,
    history: new HistoryStore(memoryState(), () => 10),
    contextWindow: () => 1_000_000,
    countTokens: countAlongside
      ? async (request) => {
          const t0 = performance.now();
          try {
            const counted = await client.messages.countTokens({ model: request.model, messages: request.messages, ...(request.system ? { system: request.system } : {}) });
            return counted.input_tokens;
          } catch {
            return undefined;
          } finally {
            countMs.push(performance.now() - t0);
          }
        }
      : undefined,
  });
  controller.attach(new RecordingView());
  try {
    for (let i = 0; i < TURNS; i++) {
      server.enqueue({ text: answer(i), delayMs: 0 });
      controller.submit(question(i));
      await controller.idle();
    }
  } finally {
    controller.dispose();
    await server.close();
  }
  const usage = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWrite5mTokens: 0, cacheWrite1hTokens: 0 };
  let cost = 0;
  for (const r of results) {
    usage.inputTokens += r.usage.inputTokens;
    usage.outputTokens += r.usage.outputTokens;
    usage.cacheReadTokens += r.usage.cacheReadTokens ?? 0;
    usage.cacheWrite5mTokens += r.usage.cacheWrite5mTokens ?? 0;
    usage.cacheWrite1hTokens += r.usage.cacheWrite1hTokens ?? 0;
    const c = costOf(MODEL, r.usage);
    if (!c) throw new Error(`no price for ${MODEL}`);
    cost += c.total;
  }
  return { usage, cost, ttftMs: results.map((r) => r.timeToFirstTokenMs ?? NaN), countMs };
}

const median = (xs: number[]): number => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
};
const p95 = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(s.length * 0.95))] : NaN;
};

async function main(): Promise<void> {
  const uncached = await session('off', false);
  const cached = await session('5m', false);
  const counted = await session('5m', true);
  // The first-token comparison is noisy on a shared machine: alternate more runs of both.
  for (let i = 0; i < 2; i++) {
    cached.ttftMs.push(...(await session('5m', false)).ttftMs);
    const again = await session('5m', true);
    counted.ttftMs.push(...again.ttftMs);
    counted.countMs.push(...again.countMs);
  }
  const billedInput = (r: Run) => r.usage.inputTokens + r.usage.cacheReadTokens + r.usage.cacheWrite5mTokens + r.usage.cacheWrite1hTokens;
  const out = {
    turns: TURNS,
    model: MODEL,
    uncached: { ...uncached.usage, billedInput: billedInput(uncached), costUsd: uncached.cost },
    cached: { ...cached.usage, billedInput: billedInput(cached), costUsd: cached.cost },
    ratio: cached.cost / uncached.cost,
    countTokensMs: { median: median(counted.countMs), p95: p95(counted.countMs), n: counted.countMs.length },
    ttftMs: { withoutCount: median(cached.ttftMs), withCountAlongside: median(counted.ttftMs) },
  };
  if (args.includes('--json')) console.log(JSON.stringify(out));
  else {
    const $ = (n: number) => `$${n.toFixed(4)}`;
    console.log(`${TURNS}-turn chat on ${MODEL}`);
    for (const [name, r] of [
      ['without caching', out.uncached],
      ['with caching (5m)', out.cached],
    ] as const) {
      console.log(
        `  ${name}: ${r.billedInput.toLocaleString('en-US')} input tokens billed (${r.inputTokens.toLocaleString('en-US')} uncached, ${r.cacheReadTokens.toLocaleString('en-US')} cache read, ${(r.cacheWrite5mTokens + r.cacheWrite1hTokens).toLocaleString('en-US')} cache write), ${r.outputTokens.toLocaleString('en-US')} output, ${$(r.costUsd)}`,
      );
    }
    console.log(`  cached / uncached cost: ${out.ratio.toFixed(3)} (goal ≤ 0.35)`);
    console.log(`  countTokens before a send: median ${out.countTokensMs.median.toFixed(1)} ms, p95 ${out.countTokensMs.p95.toFixed(1)} ms (n=${out.countTokensMs.n})`);
    console.log(`  time to first token: ${out.ttftMs.withoutCount.toFixed(1)} ms without a count, ${out.ttftMs.withCountAlongside.toFixed(1)} ms with the count alongside`);
  }
}

void main();
