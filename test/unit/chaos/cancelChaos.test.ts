/**
 * Stop at every phase of an answer, through the chat controller and the real SDK: before the
 * headers, mid-stream, during a back-off wait, during a resume, and at seeded random moments
 * under random faults. After Stop, the webview gets no more text and the server no more requests.
 */
import * as assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { seededRandom } from '../../server/chunking';
import { startMockAnthropicServer, type MockAnthropicServer, type Scenario } from '../../server';
import { answerText } from './faults';
import { openPipeline, type Pipeline } from './pipeline';

const SEED = Number(process.env.CHAOS_SEED ?? Math.floor(Math.random() * 2 ** 31));
const SETTINGS = { model: 'claude-haiku-4-5', maxRetries: 3, backoffMs: 2, idleTimeoutMs: 150 };
const TEXT = answerText(seededRandom(7), 0, false);

describe(`chaos: Stop at every phase of an answer (CHAOS_SEED=${SEED})`, function () {
  this.timeout(60_000);
  let server: MockAnthropicServer;
  let p: Pipeline;

  before(async () => {
    server = await startMockAnthropicServer();
  });
  after(() => server?.close());
  beforeEach(() => {
    server.reset();
    p = openPipeline(server, SETTINGS, () => 0.5);
  });
  afterEach(() => p.controller.dispose());

  const messagesSent = () => server.requests.filter((r) => r.path === '/v1/messages').length;
  const until = async (probe: () => boolean, what: string) => {
    const deadline = Date.now() + 5000;
    while (!probe()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(2);
    }
  };

  /** Stops, then checks the answer ended cancelled with a prefix, and that nothing follows. */
  async function stopAndCheck(expectRequests: number): Promise<string> {
    const stoppedAt = Date.now();
    p.controller.stop();
    await p.controller.idle();
    assert.ok(Date.now() - stoppedAt < 1000, `stopping took ${Date.now() - stoppedAt} ms`);
    const id = p.view.answerId()!;
    const end = p.view.of('stream/end').find((m) => m.streamId === id)!;
    assert.equal(end.state, 'cancelled');
    assert.ok(TEXT.startsWith(end.text), 'the kept text is a prefix of the answer');
    assert.equal(p.view.assembled(id), end.text, 'the webview shows exactly the kept text');
    const postedBefore = p.view.posted.length;
    const requestsBefore = messagesSent();
    await sleep(250);
    assert.equal(p.view.posted.length, postedBefore, 'nothing reached the webview after the stop');
    assert.equal(messagesSent(), requestsBefore, 'no request was sent after the stop');
    assert.equal(requestsBefore, expectRequests);
    return end.text;
  }

  it('stops before the response headers arrive, showing nothing', async () => {
    server.enqueue({ text: TEXT, headersDelayMs: 3000 });
    p.controller.submit('phase: headers');
    await until(() => messagesSent() === 1, 'the request');
    assert.equal(await stopAndCheck(1), '');
  });

  it('stops mid-stream, keeping what was shown', async () => {
    server.enqueue({ text: TEXT, delayMs: 3 });
    p.controller.submit('phase: streaming');
    await until(() => p.view.of('stream/delta').length >= 3, 'a few deltas');
    assert.ok((await stopAndCheck(1)).length > 0);
  });

  it('stops during a back-off wait without sending the retry', async () => {
    server.enqueue({ status: 529, retryAfterSec: 5 }, { text: TEXT });
    p.controller.submit('phase: back-off');
    await until(() => p.view.of('stream/retry').length === 1, 'the retry notice');
    assert.equal(await stopAndCheck(1), '');
  });

  it('stops during the back-off before a resume, keeping the partial answer', async () => {
    p.controller.dispose();
    p = openPipeline(server, { ...SETTINGS, backoffMs: 3000 }, () => 0.5);
    server.enqueue({ text: TEXT, resetAfterTokens: 6 }, { text: TEXT });
    p.controller.submit('phase: before resume');
    await until(() => p.view.of('stream/retry').length === 1, 'the retry notice');
    assert.ok((await stopAndCheck(1)).length > 0);
  });

  it('stops while the resumed answer streams, keeping text from both attempts', async () => {
    server.enqueue({ text: TEXT, resetAfterTokens: 5 }, { text: TEXT, delayMs: 3 });
    p.controller.submit('phase: resume');
    await until(() => messagesSent() === 2 && p.view.assembled(p.view.answerId()!).length > 40, 'the resumed stream');
    const kept = await stopAndCheck(2);
    assert.ok(kept.length > 40);
  });

  it('stops at 40 seeded random moments under random faults, always cleanly', async () => {
    const random = seededRandom(SEED);
    const faults: Array<(r: () => number) => Scenario[]> = [
      () => [{ text: TEXT, delayMs: 1 }],
      (r) => [
        { text: TEXT, resetAfterTokens: 1 + Math.floor(r() * 10) },
        { text: TEXT, delayMs: 1 },
      ],
      (r) => [
        { text: TEXT, errorAfterTokens: 1 + Math.floor(r() * 10) },
        { text: TEXT, delayMs: 1 },
      ],
      () => [
        { status: 429, retryAfterSec: 0.03 },
        { text: TEXT, delayMs: 1 },
      ],
      (r) => [
        { text: TEXT, stallAfterTokens: 1 + Math.floor(r() * 10), stallMs: 400 },
        { text: TEXT, delayMs: 1 },
      ],
      () => [{ text: TEXT, headersDelayMs: 60, splitUtf8: true, delayMs: 1 }],
    ];
    const outcomes = { cancelled: 0, done: 0 };
    for (let round = 0; round < 40; round++) {
      server.reset();
      p.controller.dispose();
      p = openPipeline(server, SETTINGS, () => 0.5);
      server.enqueue(...faults[Math.floor(random() * faults.length)](random));
      p.controller.submit(`round ${round}`);
      await sleep(Math.floor(random() * 250));
      p.controller.stop();
      await p.controller.idle();
      const id = p.view.answerId()!;
      const end = p.view.of('stream/end').find((m) => m.streamId === id)!;
      assert.ok(end.state === 'cancelled' || end.state === 'done', `round ${round}: ended ${end.state}`);
      outcomes[end.state]++;
      assert.ok(TEXT.startsWith(end.text), `round ${round}: kept text is a prefix`);
      assert.equal(p.view.assembled(id), end.state === 'done' ? TEXT : end.text, `round ${round}: webview text`);
      // A request the client wrote just before the stop reaches this in-process server on its
      // next I/O poll; let that land first, so the baseline counts what was sent before the stop.
      await sleep(15);
      const posted = p.view.posted.length;
      const sent = messagesSent();
      await sleep(60);
      assert.equal(p.view.posted.length, posted, `round ${round}: nothing posted after the end`);
      assert.equal(messagesSent(), sent, `round ${round}: no request after the stop`);
    }
    console.log(`      seed ${SEED}: 40 random stops, ${outcomes.cancelled} cancelled mid-way, ${outcomes.done} finished first`);
    assert.ok(outcomes.cancelled > 20, 'most stops land while the answer is still running');
  });
});
