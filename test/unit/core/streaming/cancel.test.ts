import * as assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { ANSWER, startHarness, type Harness } from './harness';

describe('StreamingService cancellation', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  it('sends nothing when cancelled before it starts', async () => {
    const controller = new AbortController();
    controller.abort();
    const { result } = await h.ask('hi', {}, controller.signal);
    assert.equal(result.outcome, 'cancelled');
    assert.equal(h.server.requests.length, 0);
  });

  it('stops promptly when cancelled before the response headers arrive', async () => {
    h.server.enqueue({ text: ANSWER, headersDelayMs: 3000 });
    const controller = new AbortController();
    // Cancel once the server holds the request, so the cancel is really before the headers.
    const poll = setInterval(() => {
      if (h.server.requests.length > 0) {
        clearInterval(poll);
        controller.abort();
      }
    }, 5);
    const started = Date.now();
    const { result, seen } = await h.ask('hi', {}, controller.signal);
    assert.equal(result.outcome, 'cancelled');
    assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms`);
    assert.equal(seen.deltas.length, 0);
    await sleep(100);
    assert.equal(h.server.requests.length, 1);
  });

  it('keeps the partial text and shows nothing more after a cancel mid-stream', async () => {
    h.server.enqueue({ text: ANSWER, delayMs: 2 });
    const controller = new AbortController();
    let afterCancel = 0;
    let seenText = '';
    const { result, seen } = await h.ask('hi', {}, controller.signal, {
      onText: (d) => {
        if (controller.signal.aborted) afterCancel++;
        seenText += d;
        if (seenText.length > 40) controller.abort();
      },
    });
    assert.equal(result.outcome, 'cancelled');
    assert.equal(afterCancel, 0);
    assert.equal(result.text, seenText);
    assert.ok(result.text.length > 40 && result.text.length < ANSWER.length);
    assert.ok(ANSWER.startsWith(result.text));
    assert.equal(result.error, undefined);
    assert.equal(seen.retries.length, 0);
    await sleep(100);
    assert.equal(h.server.requests.length, 1);
  });

  it('stops during a back-off wait without sending the retry', async () => {
    h.server.enqueue({ status: 529 }, { text: 'never' });
    const controller = new AbortController();
    const announced: number[] = [];
    const started = Date.now();
    const { result, seen } = await h.ask('hi', { backoffMs: 5000 }, controller.signal, {
      onRetryWait: (notice) => {
        announced.push(notice.delayMs);
        setTimeout(() => controller.abort(), 20);
      },
    });
    assert.equal(result.outcome, 'cancelled');
    assert.ok(Date.now() - started < 1000);
    assert.deepEqual(announced, [5000]);
    assert.equal(seen.deltas.length, 0);
    await sleep(100);
    assert.equal(h.server.requests.length, 1);
  });

  it('keeps the resumed text when cancelled during the back-off before a resume', async () => {
    h.server.enqueue({ text: ANSWER, resetAfterTokens: 10 }, { text: ANSWER });
    const controller = new AbortController();
    const { result } = await h.ask('hi', { backoffMs: 5000 }, controller.signal, {
      onRetryWait: () => void setTimeout(() => controller.abort(), 10),
    });
    assert.equal(result.outcome, 'cancelled');
    assert.ok(result.text.length > 0 && ANSWER.startsWith(result.text));
    await sleep(50);
    assert.equal(h.server.requests.length, 1);
  });
});
