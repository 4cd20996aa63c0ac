import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { LearningSettings } from '../../../../src/core/learning/continuousLearning';
import { ContinuousLearning } from '../../../../src/core/learning/continuousLearning';
import type { LearningSummary } from '../../../../src/core/learning/batchAnalysis';
import type { LearningFs } from '../../../../src/core/learning/learningFs';
import { nodeLearningFs } from '../../../../src/core/learning/learningFs';
import { readLearningState } from '../../../../src/core/learning/insights';
import { LearningStore } from '../../../../src/core/learning/store';
import { BASE_TIME, makeRecord, memoryState, removeDir, tempDir } from './helpers';

const SETTINGS: LearningSettings = { enabled: true, batchSize: 100, storeContent: true, applyToPrompts: false, maxTokens: 4096, maxRetries: 3 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The real fs, counting every call by operation name. */
function countingFs(): LearningFs & { calls: Map<string, number>; reads(): number } {
  const calls = new Map<string, number>();
  const counted = Object.fromEntries(
    Object.entries(nodeLearningFs).map(([name, fn]) => [
      name,
      (...args: unknown[]) => {
        calls.set(name, (calls.get(name) ?? 0) + 1);
        return (fn as (...a: unknown[]) => unknown)(...args);
      },
    ]),
  ) as unknown as LearningFs;
  return Object.assign(counted, { calls, reads: () => ['readdir', 'stat', 'readChunks'].reduce((n, k) => n + (calls.get(k) ?? 0), 0) });
}

describe('automatic summaries', () => {
  let dir: string;
  let root: string;
  let state: ReturnType<typeof memoryState>;
  let learning: ContinuousLearning | undefined;
  let summaries: LearningSummary[];
  beforeEach(() => {
    dir = tempDir();
    root = path.join(dir, 'learning');
    state = memoryState();
    summaries = [];
  });
  afterEach(async () => {
    await learning?.dispose();
    learning = undefined;
    removeDir(dir);
  });

  const start = (settings: Partial<LearningSettings>, summaryDebounceMs: number, fs?: LearningFs) =>
    (learning = new ContinuousLearning({
      store: new LearningStore({ root, fs }),
      state,
      settings: { ...SETTINGS, ...settings },
      flushSize: 10,
      // Long: a completed batch must not wait for the interval.
      flushIntervalMs: 60_000,
      summaryDebounceMs,
      bucketing: { tzOffsetMinutes: 0 },
      onSummary: (s) => summaries.push(s),
    }));
  let seq = 0;
  const answer = (l: ContinuousLearning) => {
    const r = makeRecord({ time: BASE_TIME + ++seq });
    l.recordAnswer({
      messageId: `m${seq}`,
      source: 'chat',
      prompt: 'How do I type this?',
      analysis: r.analysis,
      result: {
        outcome: 'done',
        text: r.answer ?? '',
        thinking: '',
        stopReason: 'end_turn',
        usage: { inputTokens: 10, outputTokens: 40 },
        model: r.model,
        totalMs: 900,
        timeToFirstTokenMs: 200,
        tokensPerSecond: 44,
        retries: 0,
        resumed: false,
      },
    });
  };
  const waitForSummaries = async (n: number, timeoutMs = 5_000) => {
    const deadline = Date.now() + timeoutMs;
    while (summaries.length < n && Date.now() < deadline) await sleep(5);
    assert.ok(summaries.length >= n, `expected ${n} summaries, saw ${summaries.length}`);
  };

  it('writes a completed batch at once and summarises it by itself after a short quiet time', async () => {
    const l = start({ batchSize: 3 }, 60);
    for (let i = 0; i < 3; i++) answer(l);
    await sleep(20);
    const written = (await new LearningStore({ root }).segments()).filter((s) => s.kind === 'records');
    assert.equal(written.length, 1, 'the batch is on disk without waiting for the flush interval');
    assert.equal(summaries.length, 0, 'the summary waits for the debounce');
    await waitForSummaries(1);
    assert.equal(summaries[0].recordCount, 3);
    assert.equal(readLearningState(state).recordsSinceSummary, 0);
  });

  it('gives a burst of answers across two batches one summary, not two', async () => {
    const l = start({ batchSize: 3 }, 80);
    for (let i = 0; i < 7; i++) {
      answer(l);
      await sleep(10);
    }
    await waitForSummaries(1);
    await sleep(200);
    assert.equal(summaries.length, 1);
    assert.equal(summaries[0].recordCount, 7, 'the summary flushes what is buffered first');
  });

  it('counts answers recorded while a summary runs towards the next batch', async () => {
    const seed = new LearningStore({ root, writerId: 'seed' });
    await seed.append(Array.from({ length: 5000 }, (_, i) => makeRecord({ id: `old${i}`, time: BASE_TIME + i })));
    const l = start({ batchSize: 3 }, 10);
    const running = l.updateModel();
    await sleep(5);
    assert.ok(l.summarizing, 'the summary of 5,000 records is still running');
    answer(l);
    await l.flush();
    await running;
    assert.ok(readLearningState(state).recordsSinceSummary >= 1, 'the answer written during the summary is still pending');
  });

  it('never summarises by itself below batchSize, nor when learning is off', async () => {
    const l = start({ batchSize: 5 }, 10);
    for (let i = 0; i < 4; i++) answer(l);
    await l.flush();
    await sleep(60);
    assert.equal(summaries.length, 0);
    l.updateSettings({ ...SETTINGS, batchSize: 5, enabled: false });
    answer(l);
    await sleep(60);
    assert.equal(summaries.length, 0);
  });

  it('reads no records when constructed over a store of 10,000 records, nor when showing the view', async function () {
    this.timeout(20_000);
    const seed = new LearningStore({ root, writerId: 'seed' });
    const records = Array.from({ length: 10_000 }, (_, i) => makeRecord({ id: `r${i}`, time: BASE_TIME + i }));
    for (let i = 0; i < records.length; i += 1000) assert.ok(await seed.append(records.slice(i, i + 1000)));
    await seed.settled();

    const fs = countingFs();
    const started = performance.now();
    const l = start({}, 10, fs);
    const constructMs = performance.now() - started;
    assert.equal(fs.calls.size, 0, `constructing touched the disk: ${[...fs.calls.keys()].join(', ')}`);
    assert.ok(constructMs < 50, `construction took ${constructMs.toFixed(1)} ms`);

    const view = await l.view();
    assert.equal(fs.reads(), 0, 'the view reads only summary.json, never a segment');
    assert.equal(view?.recordCount, 0);
    assert.deepEqual([...fs.calls.keys()], ['readFile']);
  });
});
