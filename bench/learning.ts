/**
 * Learning store benchmark: append throughput, the cost of constructing a store over 100k
 * records, and `summarize` over 100k synthetic records (goal: ≤ 2 s, ≤ 100 MB extra memory).
 *
 *   npx tsx bench/learning.ts [records=100000]
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import type { LearningFs } from '../src/core/learning/learningFs';
import { nodeLearningFs } from '../src/core/learning/learningFs';
import type { LearningRecord } from '../src/core/learning/records';
import { createRecord } from '../src/core/learning/records';
import { LearningStore } from '../src/core/learning/store';
import { summarize } from '../src/core/learning/batchAnalysis';
import type { EntityType } from '../src/shared/protocol';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const N = Number(process.argv[2] ?? 100_000);
const TOPICS = [
  'react',
  'webpack',
  'typescript',
  'docker',
  'kubernetes',
  'hooks',
  'eslint',
  'vite',
  'jest',
  'prisma',
  'graphql',
  'css',
  'node',
  'express',
  'postgres',
  'redis',
  'auth',
  'oauth',
  'git',
  'ci',
];
const LANGS = ['ts', 'py', 'go', 'rust', 'sh', 'json'];
const MODELS = ['claude-sonnet-5', 'claude-opus-4-6', 'claude-haiku-4-5'];
const ENTITY_TYPES: EntityType[] = ['path', 'package', 'call', 'identifier', 'url', 'version'];
const DAY = 86_400_000;
const START = Date.UTC(2026, 0, 1);

/** Deterministic pseudo-random numbers so runs are comparable. */
let seed = 42;
const rand = (): number => (seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff) / 0x7fffffff;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

function synthetic(i: number): LearningRecord {
  const topics = [pick(TOPICS), pick(TOPICS), pick(TOPICS), pick(TOPICS), pick(TOPICS), pick(TOPICS)];
  const lang = pick(LANGS);
  const prose = 'This explains the change and why it works. '.repeat(8 + Math.floor(rand() * 20));
  const answer = `${prose}\n\n\`\`\`${lang}\n${'const value = compute(input);\n'.repeat(6)}\`\`\`\n`;
  const outcome = rand() < 0.08 ? 'cancelled' : rand() < 0.03 ? 'error' : 'done';
  const sentiment = rand() * 2 - 1;
  return createRecord({
    id: `b${i}`,
    time: START + Math.floor((i / N) * 90 * DAY + rand() * 3_600_000),
    source: rand() < 0.2 ? 'inline' : 'chat',
    prompt: `How do I fix this ${topics[0]} problem in my project? `.repeat(1 + Math.floor(rand() * 4)),
    storeContent: true,
    analysis: {
      streamId: `s${i}`,
      sentiment: { value: sentiment, trend: 'steady', series: Array.from({ length: 12 }, () => Math.round(rand() * 100) / 100) },
      topics: topics.map((term, k) => ({ term, weight: 1 - k * 0.1, count: 6 - k })),
      entities: Array.from({ length: 8 }, (_, k) => ({ text: `src/module${k}/file${i % 50}.ts`, type: pick(ENTITY_TYPES), count: 1 + k })),
      tokensAnalyzed: 400,
      final: true,
      timing: { chunks: 8, lastChunkMs: 1, totalMs: 9 },
    },
    result: {
      outcome,
      text: answer,
      thinking: '',
      stopReason: outcome === 'done' ? (rand() < 0.1 ? 'max_tokens' : 'end_turn') : undefined,
      usage: { inputTokens: 300 + Math.floor(rand() * 2000), outputTokens: 200 + Math.floor(rand() * 1500) },
      model: pick(MODELS),
      timeToFirstTokenMs: 300 + Math.floor(rand() * 2500),
      totalMs: 2000 + Math.floor(rand() * 20_000),
      tokensPerSecond: 30 + rand() * 60,
      retries: rand() < 0.05 ? 1 + Math.floor(rand() * 3) : 0,
      resumed: false,
      error: outcome === 'error' ? { kind: 'overloaded', retryable: true, message: 'Overloaded' } : undefined,
    },
  });
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-bench-learning-'));
  const root = path.join(dir, 'learning');
  try {
    // 1. Append throughput, in the batches ContinuousLearning flushes (10 records).
    const writer = new LearningStore({ root });
    let t = performance.now();
    const batches = 500;
    for (let b = 0; b < batches; b++) await writer.append(Array.from({ length: 10 }, (_, k) => synthetic(b * 10 + k)));
    let ms = performance.now() - t;
    console.log(`append (batches of 10): ${Math.round((batches * 10) / (ms / 1000))} records/s, ${(ms / batches).toFixed(2)} ms per flush`);

    // 2. Fill to N records in larger batches.
    t = performance.now();
    for (let i = batches * 10; i < N; i += 1000) await writer.append(Array.from({ length: Math.min(1000, N - i) }, (_, k) => synthetic(i + k)));
    ms = performance.now() - t;
    const segments = (await writer.segments()).filter((s) => s.kind === 'records');
    const bytes = segments.reduce((s, x) => s + x.size, 0);
    console.log(
      `append (batches of 1000): ${Math.round((N - batches * 10) / (ms / 1000))} records/s; store: ${N} records, ${segments.length} segments, ${mb(bytes)} (${Math.round(bytes / N)} B/record)`,
    );

    // 3. Constructing a store over N records: must read nothing.
    let calls = 0;
    const counting = Object.fromEntries(
      Object.entries(nodeLearningFs).map(([k, f]) => [k, (...a: unknown[]) => (calls++, (f as (...x: unknown[]) => unknown)(...a))]),
    ) as unknown as LearningFs;
    t = performance.now();
    const reopened = new LearningStore({ root, fs: counting });
    const constructMs = performance.now() - t;
    console.log(`construct store over ${N} records: ${(constructMs * 1000).toFixed(0)} µs, ${calls} fs calls`);
    t = performance.now();
    await reopened.append([synthetic(N)]);
    console.log(`first append after construction: ${(performance.now() - t).toFixed(2)} ms, ${calls} fs calls`);

    // 4. summarize over N records, with peak memory sampled while it runs.
    gc();
    const base = process.memoryUsage();
    let peakRss = base.rss;
    let peakHeap = base.heapUsed;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }, 5);
    const cpu0 = process.cpuUsage();
    t = performance.now();
    const summary = await summarize(new LearningStore({ root }), { context: { maxTokens: 4096, maxRetries: 3 } });
    ms = performance.now() - t;
    const cpu = process.cpuUsage(cpu0);
    clearInterval(sampler);
    const end = process.memoryUsage();
    peakRss = Math.max(peakRss, end.rss);
    peakHeap = Math.max(peakHeap, end.heapUsed);
    console.log(
      `summarize ${summary.recordCount} records: ${(ms / 1000).toFixed(2)} s (goal ≤ 2 s), ${Math.round(summary.recordCount / (ms / 1000))} records/s, ${mb(bytes / (ms / 1000))}/s; CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s (wall time suffers when other processes share the 2 cores)`,
    );
    console.log(`summarize memory: peak RSS +${mb(peakRss - base.rss)}, peak heap +${mb(peakHeap - base.heapUsed)} (goal ≤ 100 MB)`);
    console.log(`summary.json: ${mb(fs.statSync(path.join(root, 'summary.json')).size)}; insights: ${summary.insights.map((i) => i.id).join(', ') || 'none'}`);
    console.log(`learned preferences: ${summary.preferences ?? '(none)'}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
