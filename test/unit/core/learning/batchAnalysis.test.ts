import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LearningSummary, SummarizeOptions } from '../../../../src/core/learning/batchAnalysis';
import { parseSummary, summarize } from '../../../../src/core/learning/batchAnalysis';
import { histMedian } from '../../../../src/core/learning/aggregates';
import type { QualitySignals } from '../../../../src/core/learning/recordSchema';
import { LearningStore } from '../../../../src/core/learning/store';
import type { LearningFs } from '../../../../src/core/learning/learningFs';
import { nodeLearningFs } from '../../../../src/core/learning/learningFs';
import type { RecordSpec } from './helpers';
import { BASE_TIME, makeRecord, removeDir, tempDir } from './helpers';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('batch analysis', () => {
  let dir: string;
  let store: LearningStore;
  beforeEach(() => {
    dir = tempDir();
    store = new LearningStore({ root: path.join(dir, 'learning') });
  });
  afterEach(() => removeDir(dir));

  /** Writes `n` records built by `spec(i)`, with optional amends per record. */
  async function add(n: number, spec: (i: number) => RecordSpec & { amend?: QualitySignals }): Promise<void> {
    const records = [];
    for (let i = 0; i < n; i++) {
      const s = spec(i);
      const r = makeRecord(s);
      records.push(r);
      if (s.amend) await store.amend(r.id, s.amend);
    }
    await store.append(records);
  }
  const run = (options: SummarizeOptions = {}): Promise<LearningSummary> => summarize(store, { bucketing: { tzOffsetMinutes: 0 }, ...options });
  const ids = (s: LearningSummary) => s.insights.map((i) => i.id);
  const filler = (n: number) => add(n, (i) => ({ topics: ['typescript'], time: BASE_TIME + i * HOUR }));

  it('summarises an empty store without insights', async () => {
    const s = await run();
    assert.equal(s.recordCount, 0);
    assert.deepEqual(s.insights, []);
    assert.equal(s.preferences, undefined);
  });

  it('shows topics and languages per week, entity types, answer length and working hours', async () => {
    await add(6, (i) => ({ topics: ['react', 'hooks'], time: BASE_TIME + i * HOUR, answer: '```tsx\n<A/>\n```' }));
    await add(4, (i) => ({ topics: ['django'], time: BASE_TIME + 7 * DAY + i * HOUR, answer: '```py\nx\n```', sentiment: -0.5 }));
    const s = await run();
    const weeks = Object.keys(s.aggregate.periods).sort();
    assert.deepEqual(weeks, ['2026-W07', '2026-W08']);
    assert.equal(s.aggregate.periods['2026-W07'].topics.react, 6);
    assert.equal(s.aggregate.periods['2026-W07'].languages.typescript, 6);
    assert.equal(s.aggregate.periods['2026-W08'].topics.django, 4);
    assert.equal(s.aggregate.periods['2026-W08'].languages.python, 4);
    assert.equal(s.aggregate.periods['2026-W08'].sentiment.sum / s.aggregate.periods['2026-W08'].sentiment.n, -0.5);
    assert.equal(s.aggregate.entityTypes.path, 10);
    assert.equal(s.aggregate.hours[10], 2);
    assert.equal(s.aggregate.hours[15], 1);
    const median = histMedian(s.aggregate.answerChars)!;
    assert.ok(median > 10 && median < 20, `median answer length ${median}`);
  });

  it('groups by day when asked', async () => {
    await add(3, (i) => ({ time: BASE_TIME + i * DAY }));
    const s = await run({ bucketing: { period: 'day', tzOffsetMinutes: 0 } });
    assert.deepEqual(Object.keys(s.aggregate.periods).sort(), ['2026-02-09', '2026-02-10', '2026-02-11']);
  });

  it('folds amends into quality: a follow-up "that doesn\'t work" lowers the topic it was about', async () => {
    await add(10, () => ({ topics: ['docker'], amend: { followUp: -1 } }));
    await add(10, () => ({ topics: ['react'], amend: { applied: true } }));
    const s = await run();
    assert.ok(Math.abs(s.aggregate.topics.docker.quality / 10 - 0.3) < 1e-9);
    assert.ok(Math.abs(s.aggregate.topics.react.quality / 10 - 0.75) < 1e-9);
  });

  describe('insights appear only when their pattern is present', () => {
    it('flags a topic that is often regenerated, with the numbers', async () => {
      await filler(30);
      await add(10, (i) => ({ topics: ['webpack'], amend: i < 4 ? { regenerated: true } : undefined }));
      const insight = (await run()).insights.find((i) => i.id === 'regenerated-topic-webpack');
      assert.ok(insight);
      assert.equal(insight.kind, 'improvement');
      assert.equal(insight.text, 'Answers about webpack are regenerated 40% of the time (4 of 10): add your webpack config as context.');
    });

    it('does not flag a topic that is rarely regenerated, or too rare to judge', async () => {
      await filler(30);
      await add(10, (i) => ({ topics: ['webpack'], amend: i < 1 ? { regenerated: true } : undefined }));
      await add(5, () => ({ topics: ['vite'], amend: { regenerated: true } }));
      const found = ids(await run());
      assert.ok(!found.some((id) => id.startsWith('regenerated-topic')), found.join());
    });

    it('flags a topic whose answers score well below the rest', async () => {
      await filler(30);
      await add(10, () => ({ topics: ['kubernetes'], amend: { feedback: 'down' } }));
      assert.ok(ids(await run()).includes('low-quality-topic-kubernetes'));
    });

    it('suggests raising maxTokens when answers keep hitting it', async () => {
      await add(30, (i) => ({ stopReason: i < 6 ? 'max_tokens' : 'end_turn' }));
      const insight = (await run()).insights.find((i) => i.id === 'max-tokens');
      assert.ok(insight);
      assert.equal(insight.text, '20% of answers hit max_tokens and were cut off: raise maxTokens to 8192.');
      assert.deepEqual(insight.setting, { key: 'claudeStream.maxTokens', value: 8192 });
      const higher = (await run({ context: { maxTokens: 8192 } })).insights.find((i) => i.id === 'max-tokens');
      assert.deepEqual(higher?.setting, { key: 'claudeStream.maxTokens', value: 16384 });
    });

    it('does not suggest raising maxTokens when answers rarely hit it', async () => {
      await add(30, (i) => ({ stopReason: i < 2 ? 'max_tokens' : 'end_turn' }));
      assert.ok(!ids(await run()).includes('max-tokens'));
    });

    it('compares time to first token between models for short questions', async () => {
      await add(12, () => ({ model: 'claude-opus-4-6', ttft: 2100, prompt: 'short?' }));
      await add(12, () => ({ model: 'claude-haiku-4-5', ttft: 600, prompt: 'short?' }));
      const insight = (await run()).insights.find((i) => i.kind === 'optimization' && i.id.startsWith('ttft-'));
      assert.ok(insight);
      assert.equal(insight.id, 'ttft-claude-opus-4-6-vs-claude-haiku-4-5');
      const [slow, fast] = [...insight.text.matchAll(/(\d+\.\d) s/g)].map((m) => Number(m[1]));
      assert.ok(Math.abs(slow - 2.1) <= 0.2 && Math.abs(fast - 0.6) <= 0.1, insight.text);
      assert.match(insight.text, /on claude-opus-4-6, .* on claude-haiku-4-5 for short questions/);
    });

    it('stays silent when models are equally fast, or questions are long', async () => {
      await add(12, () => ({ model: 'claude-opus-4-6', ttft: 650, prompt: 'short?' }));
      await add(12, () => ({ model: 'claude-haiku-4-5', ttft: 600, prompt: 'short?' }));
      await add(12, () => ({ model: 'claude-sonnet-5', ttft: 5000, prompt: 'long '.repeat(100) }));
      assert.ok(!ids(await run()).some((id) => id.startsWith('ttft-')));
    });

    it('notices retries clustering at certain hours', async () => {
      await add(48, (i) => ({ time: BASE_TIME + i * HOUR, retries: [14, 15].includes((10 + i) % 24) ? 4 : 0 }));
      const insight = (await run()).insights.find((i) => i.id === 'retry-hours-14');
      assert.ok(insight, ids(await run()).join());
      assert.match(insight.text, /^Retries cluster at 14:00–16:00: 100% of retries, 8% of requests/);
    });

    it('does not see a cluster when retries are spread over the day', async () => {
      await add(48, (i) => ({ time: BASE_TIME + i * HOUR, retries: 1 }));
      assert.ok(!ids(await run()).some((id) => id.startsWith('retry-hours')));
    });

    it('reports a recurring error kind with a retry suggestion', async () => {
      await add(30, (i) => (i < 6 ? { outcome: 'error', errorKind: 'rate_limit' } : {}));
      const insight = (await run()).insights.find((i) => i.id === 'errors-rate-limit');
      assert.ok(insight);
      assert.deepEqual(insight.setting, { key: 'claudeStream.retry.maxRetries', value: 5 });
      await store.clear();
      await add(30, (i) => (i < 2 ? { outcome: 'error', errorKind: 'rate_limit' } : {}));
      assert.ok(!ids(await run()).some((id) => id.startsWith('errors-')));
    });

    it('notices long answers the user keeps stopping', async () => {
      await add(30, (i) => (i < 8 ? { outcome: 'cancelled', outputTokens: 900 } : {}));
      assert.ok(ids(await run()).includes('cancelled-often'));
      await store.clear();
      await add(30, (i) => (i < 2 ? { outcome: 'cancelled', outputTokens: 900 } : {}));
      assert.ok(!ids(await run()).includes('cancelled-often'));
    });
  });

  it('learns a preference for concise answers with code first from what the user kept', async () => {
    const short = '```ts\nconst a = 1;\n```\nDone.';
    const long = 'Let me explain in depth. ' + 'More background. '.repeat(250) + '\n```ts\nconst a = 1;\n```';
    await add(15, () => ({ answer: short, amend: { applied: true } }));
    await add(15, () => ({ answer: long, amend: { regenerated: true } }));
    const s = await run();
    assert.equal(s.preferences, 'Works mainly in TypeScript. Prefers concise answers with code first.', 'the language is not repeated as a topic');
  });

  it('reports progress and can be cancelled without writing a summary', async () => {
    await add(3000, (i) => ({ time: BASE_TIME + i * 1000 }));
    const abort = new AbortController();
    const seen: number[] = [];
    await assert.rejects(run({ signal: abort.signal, onProgress: (f) => (seen.push(f), f > 0.3 && abort.abort()) }), (e: Error) => e.name === 'AbortError');
    assert.ok(seen.length > 0 && seen.every((f) => f > 0 && f <= 1));
    assert.equal(await store.readSummaryJson(), undefined);
  });

  it('writes summary.json that validates, and rejects a tampered one', async () => {
    await filler(5);
    const s = await run();
    const raw = await store.readSummaryJson();
    assert.deepEqual(parseSummary(raw), JSON.parse(JSON.stringify(s)));
    assert.equal(parseSummary({ ...(raw as object), aggregate: { records: 'many' } }), undefined);
    assert.equal(parseSummary('garbage'), undefined);
  });

  describe('bounded size', () => {
    const bounded = (fsPort: LearningFs = nodeLearningFs) =>
      (store = new LearningStore({ root: path.join(dir, 'learning'), maxSegmentBytes: 6000, maxTotalBytes: 15_000, fs: fsPort }));
    const recordFiles = () => fs.readdirSync(path.join(dir, 'learning')).filter((n) => n.startsWith('segment-'));
    const bytes = () => recordFiles().reduce((s, n) => s + fs.statSync(path.join(dir, 'learning', n)).size, 0);

    it('never drops data just by recording, only after summarising it', async () => {
      bounded();
      for (let i = 0; i < 40; i++) await add(1, () => ({ topics: ['react'] }));
      const before = recordFiles().length;
      assert.ok(bytes() > 15_000);
      const s = await run({ quietMs: 0 });
      assert.equal(s.recordCount, 40);
      assert.equal(s.aggregate.topics.react.n, 40);
      assert.ok(recordFiles().length < before);
      assert.ok(bytes() <= 15_000, `${bytes()} bytes left`);
      assert.ok(s.archive.segments.length > 0 && s.archive.aggregate.records > 0);
    });

    it('keeps the figures of dropped segments in later summaries', async () => {
      bounded();
      for (let i = 0; i < 40; i++) await add(1, () => ({ topics: ['react'] }));
      await run({ quietMs: 0 });
      await add(10, () => ({ topics: ['vue'] }));
      const s = await run({ quietMs: 0 });
      assert.equal(s.recordCount, 50);
      assert.equal(s.aggregate.topics.react.n, 40);
      assert.equal(s.aggregate.topics.vue.n, 10);
    });

    it('does not count a segment twice when a crash kept it from being deleted', async () => {
      let unlinkFails = true;
      bounded({
        ...nodeLearningFs,
        unlink: async (f) => {
          if (unlinkFails) throw Object.assign(new Error('EBUSY'), { code: 'EBUSY' });
          return nodeLearningFs.unlink(f);
        },
      });
      for (let i = 0; i < 40; i++) await add(1, () => ({ topics: ['react'] }));
      await run({ quietMs: 0 });
      unlinkFails = false;
      const s = await run({ quietMs: 0 });
      assert.equal(s.recordCount, 40);
      assert.ok(bytes() <= 15_000);
    });

    it("leaves alone another window's recent segment even when over the limit", async () => {
      bounded();
      const other = new LearningStore({ root: path.join(dir, 'learning'), maxSegmentBytes: 1_000_000 });
      await other.append(Array.from({ length: 40 }, () => makeRecord()));
      const s = await run();
      assert.equal(s.archive.segments.length, 0);
      assert.equal(recordFiles().length, 1);
    });
  });
});
