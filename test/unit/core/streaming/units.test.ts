import * as assert from 'node:assert/strict';
import { backoffDelay, MAX_BACKOFF_MS, wait } from '../../../../src/core/streaming/backoff';
import { ContinuationJoiner } from '../../../../src/core/streaming/continuationJoiner';
import { classifyError, parseRetryAfter, redact, StreamStalledError } from '../../../../src/core/streaming/errors';
import { supportsPrefill } from '../../../../src/core/streaming/resumeStrategy';

describe('back-off', () => {
  it('doubles the base delay per attempt when the jitter is neutral', () => {
    assert.deepEqual(
      [0, 1, 2, 3].map((a) => backoffDelay(a, 100, undefined, () => 0.5)),
      [100, 200, 400, 800],
    );
  });

  it('spreads the delay by ±25% with the injected randomness', () => {
    assert.equal(
      backoffDelay(1, 100, undefined, () => 0),
      150,
    );
    assert.equal(
      backoffDelay(1, 100, undefined, () => 0.999999),
      250,
    );
  });

  it('uses the server retry-after instead of the formula, and caps the formula', () => {
    assert.equal(
      backoffDelay(5, 100, 1234, () => 0),
      1234,
    );
    assert.equal(
      backoffDelay(30, 1000, undefined, () => 0.5),
      MAX_BACKOFF_MS,
    );
  });

  it('rejects a wait as soon as it is cancelled', async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 10);
    await assert.rejects(wait(5000, controller.signal), { name: 'AbortError' });
    assert.ok(Date.now() - started < 500);
  });

  it('rejects at once when already cancelled, and resolves after the delay otherwise', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(wait(5000, controller.signal));
    const started = Date.now();
    await wait(20);
    assert.ok(Date.now() - started >= 18);
  });
});

describe('continuation joiner', () => {
  const join = (context: string, ws: string, deltas: string[]): string => {
    const j = new ContinuationJoiner(context, ws);
    return deltas.map((d) => j.push(d)).join('') + j.flush();
  };

  it('passes a clean continuation through', () => {
    assert.equal(join('The quick brown', '', [' fox', ' jumps']), ' fox jumps');
  });

  it('drops a repeated tail, even when it arrives in pieces', () => {
    assert.equal(join('The quick brown fox', '', ['bro', 'wn f', 'ox jumps', ' over']), ' jumps over');
  });

  it('keeps a short coincidental match, which is more likely new text than a repeat', () => {
    assert.equal(join('I said no', '', ['no more']), 'no more');
  });

  it('drops the whitespace the user already saw before a prefill trimmed it', () => {
    assert.equal(join('Hello world', '  ', ['  next', ' word']), 'next word');
    assert.equal(join('Hello world', ' \n', [' ', '\nnext']), 'next');
  });

  it('keeps the model text when it chose other whitespace', () => {
    assert.equal(join('Hello world', ' ', ['\nnext']), '\nnext');
  });

  it('handles a repeat followed by the trimmed whitespace', () => {
    assert.equal(join('Hello world', ' ', ['world more']), 'more');
  });

  it('releases held-back text when the attempt ends while it still looked like a repeat', () => {
    assert.equal(join('abc defgh', '', ['def']), 'def');
  });
});

describe('prefill support', () => {
  it('is true for older models that accept an assistant prefill', () => {
    for (const m of ['claude-haiku-4-5', 'claude-sonnet-4-5', 'claude-opus-4-5', 'claude-haiku-4-5-20251001', 'claude-3-5-sonnet-20241022', 'claude-opus-4-1']) {
      assert.equal(supportsPrefill(m), true, m);
    }
  });

  it('is false for models that reject it, and for names it does not know', () => {
    for (const m of ['claude-opus-4-6', 'claude-sonnet-4-6', 'claude-sonnet-5', 'claude-opus-5-1', 'claude-mythos', 'claude-fable-1', 'gateway/some-model']) {
      assert.equal(supportsPrefill(m), false, m);
    }
  });
});

describe('error details', () => {
  it('reads retry-after-ms first, then seconds, then an HTTP date', () => {
    assert.equal(parseRetryAfter(new Headers({ 'retry-after-ms': '250', 'retry-after': '9' })), 250);
    assert.equal(parseRetryAfter(new Headers({ 'retry-after': '2' })), 2000);
    const now = Date.parse('2026-01-01T00:00:00Z');
    assert.equal(parseRetryAfter(new Headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:03 GMT' }), now), 3000);
    assert.equal(parseRetryAfter(new Headers({ 'retry-after': 'soon' })), undefined);
    assert.equal(parseRetryAfter(new Headers()), undefined);
  });

  it('removes keys from messages by shape and by value', () => {
    const text = redact('key sk-ant-api03-abcdefgh12345 and x-api-key: mysecret99 and token abc-secret-value', ['abc-secret-value']);
    assert.ok(!text.includes('sk-ant-api03-abcdefgh12345'));
    assert.ok(!text.includes('mysecret99'));
    assert.ok(!text.includes('abc-secret-value'));
    assert.ok(text.includes('key '));
  });

  it('classifies our stall as retryable and an abort as a cancel', () => {
    assert.deepEqual([classifyError(new StreamStalledError(100)).kind, classifyError(new StreamStalledError(100)).retryable], ['stalled', true]);
    const abort = new Error('aborted');
    abort.name = 'AbortError';
    assert.equal(classifyError(abort).kind, 'cancelled');
  });
});
