import * as assert from 'node:assert/strict';
import { SCHEMA_VERSION, codeLanguagesOf, migrate } from '../../../../src/core/learning/records';
import { makeRecord } from './helpers';

describe('learning records', () => {
  it('keeps the prompt, the answer and every metric of a finished answer', () => {
    const r = makeRecord({ prompt: 'Why?', answer: 'Because.', ttft: 321, stopReason: 'max_tokens', retries: 2 });
    assert.equal(r.schemaVersion, SCHEMA_VERSION);
    assert.equal(r.prompt, 'Why?');
    assert.equal(r.answer, 'Because.');
    assert.equal(r.metrics.timeToFirstTokenMs, 321);
    assert.equal(r.metrics.stopReason, 'max_tokens');
    assert.equal(r.metrics.retries, 2);
    assert.equal(r.metrics.outcome, 'done');
  });

  it('stores no text when content storage is off, but keeps the lengths', () => {
    const r = makeRecord({ prompt: 'secret prompt', answer: 'secret answer', storeContent: false });
    assert.equal(r.prompt, undefined);
    assert.equal(r.answer, undefined);
    assert.equal(r.promptChars, 13);
    assert.equal(r.answerChars, 13);
    assert.ok(!JSON.stringify(r).includes('secret'));
  });

  it('marks cancelled and failed answers in their quality signals', () => {
    assert.equal(makeRecord({ outcome: 'cancelled' }).signals.cancelledEarly, true);
    assert.equal(makeRecord({ outcome: 'error', errorKind: 'overloaded' }).signals.error, true);
    assert.equal(makeRecord({ outcome: 'error', errorKind: 'overloaded' }).metrics.errorKind, 'overloaded');
  });

  it('finds the languages of opening code fences, not closing ones', () => {
    assert.deepEqual(codeLanguagesOf('```ts\na\n```\ntext\n```py\nb\n```\n```\nplain\n```'), ['typescript', 'python']);
  });

  it('reads a current record back unchanged', () => {
    const stored = JSON.parse(JSON.stringify(makeRecord())) as unknown;
    assert.deepEqual(migrate(stored), stored);
  });

  it('migrates an unversioned (v0) record to the current schema', () => {
    const v0 = {
      id: 'old-1',
      timestamp: 1_700_000_000_000,
      content: 'Try this:\n```python\nprint(1)\n```',
      analysis: { sentiment: 0.4, topics: ['Django', 'ORM'], entities: ['models.py'] },
      metrics: { responseTime: 2000, tokenCount: 100, qualityScore: 0.8 },
    };
    const r = migrate(v0);
    assert.ok(r);
    assert.equal(r.schemaVersion, SCHEMA_VERSION);
    assert.equal(r.id, 'old-1');
    assert.equal(r.answer, v0.content);
    assert.deepEqual(r.codeLanguages, ['python']);
    assert.deepEqual(
      r.analysis.topics.map((t) => t.term),
      ['django', 'orm'],
    );
    assert.equal(r.metrics.responseTimeMs, 2000);
    assert.equal(r.metrics.outputTokens, 100);
    assert.equal(r.metrics.tokensPerSecond, 50);
    assert.equal(r.signals.legacyScore, 0.8);
  });

  it('rejects malformed or hostile data instead of trusting it', () => {
    const good = JSON.parse(JSON.stringify(makeRecord())) as Record<string, unknown>;
    const bad: unknown[] = [
      null,
      42,
      'text',
      [],
      {},
      { ...good, id: '../../etc/passwd' },
      { ...good, time: -1 },
      { ...good, source: 'email' },
      { ...good, metrics: { ...(good.metrics as object), outcome: 'exploded' } },
      { ...good, metrics: { ...(good.metrics as object), outputTokens: Number.NaN } },
      { ...good, analysis: { ...(good.analysis as object), entities: [{ text: 'x', type: 'virus', count: 1 }] } },
      { ...good, signals: { feedback: 'meh' } },
      { ...good, signals: { evil: true } },
      { ...good, schemaVersion: 99 },
      { content: 'x', analysis: {}, metrics: { responseTime: 'fast', tokenCount: 1 } },
      { content: 'x', analysis: {}, metrics: { responseTime: 1, tokenCount: 1, qualityScore: 7 } },
    ];
    for (const raw of bad) assert.equal(migrate(raw), undefined, JSON.stringify(raw)?.slice(0, 80));
  });
});
