import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { summarize } from '../../../../src/core/learning/batchAnalysis';
import { applyInsights, readLearningState, toLearningView, LEARNING_STATE_KEY } from '../../../../src/core/learning/insights';
import { LearningStore } from '../../../../src/core/learning/store';
import { BASE_TIME, makeRecord, memoryState, removeDir, tempDir } from './helpers';

const WEEK = 7 * 24 * 3_600_000;

describe('learning view and insights', () => {
  let dir: string;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => removeDir(dir));

  it('draws topics over time, sentiment trend, timings and quality by topic', async () => {
    const store = new LearningStore({ root: path.join(dir, 'l') });
    await store.append([
      ...Array.from({ length: 5 }, (_, i) => makeRecord({ topics: ['react'], time: BASE_TIME + i, sentiment: 0.5, ttft: 500 })),
      ...Array.from({ length: 3 }, (_, i) => makeRecord({ topics: ['rust'], time: BASE_TIME + WEEK + i, sentiment: -0.25, ttft: 900 })),
    ]);
    const summary = await summarize(store, { bucketing: { tzOffsetMinutes: 0 } });
    const view = toLearningView(summary, readLearningState(memoryState()));
    assert.equal(view.recordCount, 8);
    assert.deepEqual(view.topicsOverTime, [
      { period: '2026-W07', topics: [{ term: 'react', count: 5 }] },
      { period: '2026-W08', topics: [{ term: 'rust', count: 3 }] },
    ]);
    assert.deepEqual(view.sentimentTrend, [
      { period: '2026-W07', value: 0.5 },
      { period: '2026-W08', value: -0.25 },
    ]);
    assert.deepEqual(view.timeToFirstTokenMs, [500, 500, 500, 500, 500, 900, 900, 900]);
    assert.equal(view.responseTimesMs.length, 8);
    assert.deepEqual(view.qualityByTopic, [
      { topic: 'react', quality: 0.5, count: 5 },
      { topic: 'rust', quality: 0.5, count: 3 },
    ]);
  });

  it('has nothing to show and nothing to apply before the first summary', () => {
    const state = readLearningState(memoryState());
    const view = toLearningView(undefined, state, 3);
    assert.equal(view.recordCount, 3);
    assert.deepEqual(view.insights, []);
    assert.deepEqual(applyInsights(undefined, state, { applyToPrompts: true }), { systemSuffix: undefined, suggestedSettings: [] });
  });

  it('treats malformed stored state as empty rather than failing', () => {
    const kv = memoryState();
    void kv.update(LEARNING_STATE_KEY, { dismissed: 'all', preferences: { text: 5 }, recordsSinceSummary: -3, claudeNarrative: { text: 'x', summaryId: 7 } });
    assert.deepEqual(readLearningState(kv), {
      dismissed: [],
      preferences: undefined,
      lastSummaryId: undefined,
      lastSummaryAt: undefined,
      recordsSinceSummary: 0,
      failedSinceSummary: 0,
      claudeNarrative: undefined,
    });
  });
});

describe('learning by language', () => {
  let dir: string;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => removeDir(dir));

  it("keeps each answer's language in its record and groups the Learning section by it", async () => {
    const german = makeRecord({ language: 'de', sentiment: 0.6 });
    assert.equal(german.language, 'de');
    const store = new LearningStore({ root: path.join(dir, 'l') });
    await store.append([
      ...Array.from({ length: 3 }, (_, i) => makeRecord({ language: 'en', time: BASE_TIME + i, sentiment: 0.5 })),
      german,
      makeRecord({ language: 'ja', time: BASE_TIME + 5 }),
      makeRecord({ language: 'de', time: BASE_TIME + 6 }),
    ]);
    const summary = await summarize(store, { bucketing: { tzOffsetMinutes: 0 } });
    const view = toLearningView(summary, readLearningState(memoryState()));
    assert.deepEqual(
      view.byLanguage?.map((r) => [r.language, r.count]),
      [
        ['en', 3],
        ['de', 2],
        ['ja', 1],
      ],
    );
    // The German and Japanese answers were not scored, so they do not pull the trend to 0.
    assert.deepEqual(view.sentimentTrend, [{ period: '2026-W07', value: 0.5 }]);
  });
});

describe('learning by attached context', () => {
  let dir: string;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => removeDir(dir));

  it('notes which kinds of context a question carried, and shows the best-rated kinds first', async () => {
    const withProblems = makeRecord({ contextKinds: ['file', 'problems', 'file'] });
    assert.deepEqual(withProblems.contextKinds, ['file', 'problems'], 'each kind once');
    assert.equal(makeRecord().contextKinds, undefined, 'nothing attached: no field');
    const liked = (r: ReturnType<typeof makeRecord>) => ({ ...r, signals: { feedback: 'up' as const, applied: true } });
    const disliked = (r: ReturnType<typeof makeRecord>) => ({ ...r, signals: { feedback: 'down' as const, regenerated: true } });
    const store = new LearningStore({ root: path.join(dir, 'l') });
    await store.append([
      liked(withProblems),
      liked(makeRecord({ contextKinds: ['problems'], time: BASE_TIME + 1 })),
      disliked(makeRecord({ time: BASE_TIME + 2 })),
      makeRecord({ contextKinds: ['file'], time: BASE_TIME + 3 }),
    ]);
    const summary = await summarize(store, { bucketing: { tzOffsetMinutes: 0 } });
    const view = toLearningView(summary, readLearningState(memoryState()));
    const rows = view.byContextKind ?? [];
    assert.deepEqual(
      rows.map((r) => [r.kind, r.count]),
      [
        ['problems', 2],
        ['file', 2],
        ['none', 1],
      ],
    );
    assert.ok(rows[0].quality > rows[1].quality && rows[1].quality > rows[2].quality, JSON.stringify(rows));
  });
});
