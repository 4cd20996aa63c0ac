import * as assert from 'node:assert/strict';
import type { Aggregate, Bucketing } from '../../../../src/core/learning/aggregates';
import { addRecord, emptyAggregate } from '../../../../src/core/learning/aggregates';
import type { LearningSummary } from '../../../../src/core/learning/batchAnalysis';
import { deriveInsights } from '../../../../src/core/learning/insightRules';
import { readLearningState, toLearningView } from '../../../../src/core/learning/insights';
import { derivePreferences } from '../../../../src/core/learning/preferences';
import type { QualitySignals } from '../../../../src/core/learning/recordSchema';
import { BASE_TIME, makeRecord, memoryState, type RecordSpec } from './helpers';

const BUCKETS: Bucketing = { period: 'week', tzOffsetMinutes: 0 };
const CONTEXT = { maxTokens: 4096, maxRetries: 3 };

/** An aggregate of `n` records per spec, with the given later signals. */
function aggregate(groups: Array<{ n: number; spec: (i: number) => RecordSpec; signals?: (i: number) => QualitySignals }>): Aggregate {
  const agg = emptyAggregate();
  for (const { n, spec, signals } of groups) {
    for (let i = 0; i < n; i++) {
      const record = makeRecord({ time: BASE_TIME + i * 1000, ...spec(i) });
      addRecord(agg, record, { ...record.signals, ...signals?.(i) }, BUCKETS);
    }
  }
  return agg;
}

describe('what the insights say', () => {
  it('makes one suggestion, not three, when topics always come up together in regenerated answers', () => {
    const agg = aggregate([
      { n: 12, spec: () => ({ topics: ['JavaScript', 'webpack', 'browser'] }), signals: (i) => (i < 4 ? { regenerated: true } : {}) },
      { n: 20, spec: () => ({ topics: ['react'] }) },
    ]);
    const topical = deriveInsights(agg, CONTEXT).filter((i) => i.id.startsWith('regenerated-topic'));
    assert.deepEqual(
      topical.map((i) => i.text),
      ['Answers about webpack (also tagged JavaScript, browser) are regenerated 33% of the time (4 of 12): add your webpack config as context.'],
    );
  });

  it('keeps separate suggestions for topics whose figures differ', () => {
    const agg = aggregate([
      { n: 10, spec: () => ({ topics: ['webpack'] }), signals: (i) => (i < 4 ? { regenerated: true } : {}) },
      { n: 12, spec: () => ({ topics: ['docker'] }), signals: (i) => (i < 6 ? { regenerated: true } : {}) },
    ]);
    const ids = deriveInsights(agg, CONTEXT).map((i) => i.id);
    assert.deepEqual(
      ids.filter((id) => id.startsWith('regenerated-topic')),
      ['regenerated-topic-docker', 'regenerated-topic-webpack'],
    );
  });

  it('does not name the main language again as a topic in the learned preferences', () => {
    const agg = aggregate([{ n: 12, spec: () => ({ topics: ['TypeScript', 'react'] }) }]);
    assert.equal(derivePreferences(agg), 'Works mainly in TypeScript, often on react.');
  });

  const narrativeOf = (agg: Aggregate) => {
    const summary: LearningSummary = {
      schemaVersion: 1,
      id: 's1',
      createdAt: BASE_TIME,
      durationMs: 1,
      recordCount: agg.records,
      bucketing: BUCKETS,
      aggregate: agg,
      archive: { aggregate: emptyAggregate(), segments: [] },
      insights: [],
    };
    return toLearningView(summary, readLearningState(memoryState())).narrative;
  };

  it('centres the working hours on the busiest hour and counts one answer in the singular', () => {
    // BASE_TIME is 10:00 UTC.
    assert.match(narrativeOf(aggregate([{ n: 24, spec: () => ({}) }])) ?? '', /^24 answers recorded; most often between 09:00 and 12:00;/);
    assert.match(narrativeOf(aggregate([{ n: 1, spec: () => ({}) }])) ?? '', /^1 answer recorded;/);
  });
});
