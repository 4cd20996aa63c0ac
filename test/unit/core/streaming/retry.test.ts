import * as assert from 'node:assert/strict';
import { createAnthropicClient } from '../../../../src/core/streaming/client';
import { StreamingService } from '../../../../src/core/streaming/streamingService';
import { ANSWER, startHarness, type Harness } from './harness';

describe('StreamingService retries', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  const retryable: Array<[string, Record<string, unknown>, string]> = [
    ['429 rate_limit_error', { status: 429 }, 'rate_limit'],
    ['529 overloaded_error', { status: 529 }, 'overloaded'],
    ['500 saying Overloaded', { status: 500, errorType: 'api_error', errorMessage: 'Overloaded' }, 'overloaded'],
    ['503', { status: 503 }, 'server'],
    ['500 api_error', { status: 500 }, 'server'],
  ];
  for (const [name, scenario, kind] of retryable) {
    it(`retries a ${name} with exponential back-off and then succeeds`, async () => {
      h.server.enqueue(scenario, scenario, { text: ANSWER });
      const { result, seen } = await h.ask('hi', { backoffMs: 10 });
      assert.equal(result.outcome, 'done');
      assert.equal(result.text, ANSWER);
      assert.equal(result.retries, 2);
      assert.deepEqual(
        seen.retries.map((r) => [r.attempt, r.delayMs, r.reason.kind, r.willResume]),
        [
          [1, 10, kind, false],
          [2, 20, kind, false],
        ],
      );
      assert.equal(h.server.requests.length, 3);
    });
  }

  it('retries a dropped connection before any text as a fresh request', async () => {
    h.server.enqueue({ text: ANSWER, resetAfterTokens: 0 }, { text: ANSWER });
    const { result, seen } = await h.ask('hi');
    assert.equal(result.text, ANSWER);
    assert.equal(seen.retries[0].reason.kind, 'connection');
    assert.equal(seen.retries[0].willResume, false);
    assert.equal(result.resumed, false);
  });

  it('gives up after maxRetries and reports the last error', async () => {
    h.server.enqueue({ status: 529 }, { status: 529 }, { status: 529 });
    const { result, seen } = await h.ask('hi', { maxRetries: 2, backoffMs: 5 });
    assert.equal(result.outcome, 'error');
    assert.equal(result.error?.kind, 'overloaded');
    assert.equal(result.retries, 2);
    assert.deepEqual(
      seen.retries.map((r) => r.delayMs),
      [5, 10],
    );
    assert.equal(h.server.requests.length, 3);
  });

  it('waits the retry-after-ms the server asks for instead of its own back-off', async () => {
    h.server.enqueue({ status: 429, retryAfterSec: 0.12 }, { text: 'ok' });
    const started = Date.now();
    const { result, seen } = await h.ask('hi', { backoffMs: 5 });
    assert.equal(result.text, 'ok');
    assert.equal(seen.retries[0].delayMs, 120);
    assert.ok(Date.now() - started >= 115);
  });

  it('honours a whole-second retry-after header', async function () {
    this.timeout(10_000);
    h.server.enqueue({ status: 529, retryAfterSec: 1 }, { text: 'ok' });
    const started = Date.now();
    const { result, seen } = await h.ask('hi', { backoffMs: 5 });
    assert.equal(result.text, 'ok');
    assert.equal(seen.retries[0].delayMs, 1000);
    assert.ok(Date.now() - started >= 990);
  });

  it('honours a retry-after given as an HTTP date', async function () {
    this.timeout(10_000);
    const at = new Date(Date.now() + 1500).toUTCString();
    h.server.enqueue({ status: 429, headers: { 'retry-after': at } }, { text: 'ok' });
    const { result, seen } = await h.ask('hi', { backoffMs: 5 });
    assert.equal(result.text, 'ok');
    // HTTP dates have whole-second resolution.
    assert.ok(seen.retries[0].delayMs > 400 && seen.retries[0].delayMs <= 1500, `delay ${seen.retries[0].delayMs}`);
  });

  it('does not retry a 429 that says the spend limit is reached', async () => {
    h.server.enqueue(
      { status: 429, errorType: 'rate_limit_error', errorMessage: 'You have reached your specified workspace API usage limits.', errorCode: 'enforced_spend_limit_reached' },
      { text: 'never sent' },
    );
    const { result, seen } = await h.ask('hi');
    assert.equal(result.outcome, 'error');
    assert.equal(result.error?.kind, 'spend_limit');
    assert.equal(result.error?.action, 'openConsole');
    assert.equal(seen.retries.length, 0);
    assert.equal(h.server.requests.length, 1);
  });

  const fatal: Array<[number, string, string | undefined]> = [
    [400, 'bad_request', 'openSettings'],
    [401, 'auth', 'setApiKey'],
    [403, 'permission', 'openConsole'],
    [404, 'not_found', 'pickModel'],
    [413, 'too_large', 'dropOldest'],
  ];
  for (const [status, kind, action] of fatal) {
    it(`does not retry a ${status}, and offers the right fix`, async () => {
      h.server.enqueue({ status }, { text: 'never sent' });
      const { result, seen } = await h.ask('hi');
      assert.equal(result.outcome, 'error');
      assert.equal(result.error?.kind, kind);
      assert.equal(result.error?.status, status);
      assert.equal(result.error?.action, action);
      assert.equal(result.error?.retryable, false);
      assert.equal(seen.retries.length, 0);
      assert.equal(h.server.requests.length, 1);
    });
  }

  it('rejects a wrong API key without retrying', async () => {
    const service = new StreamingService({ client: createAnthropicClient({ apiKey: 'sk-ant-api03-WRONGKEYwrong', baseUrl: h.server.url }) });
    const result = await service.stream(
      { messages: [{ role: 'user', content: 'hi' }], settings: { model: 'claude-haiku-4-5', maxTokens: 10, temperature: 1, maxRetries: 3, backoffMs: 1, idleTimeoutMs: 2000 } },
      {},
    );
    assert.equal(result.error?.kind, 'auth');
    assert.equal(result.error?.action, 'setApiKey');
    assert.equal(h.server.requests.length, 1);
  });

  it('never shows the API key, even when a gateway echoes it in an error', async () => {
    const keyed = await startHarness({ apiKey: 'plain-gateway-secret-4242' });
    try {
      keyed.server.enqueue({ status: 400, errorMessage: 'Bad header authorization: Bearer plain-gateway-secret-4242 and key=plain-gateway-secret-4242' });
      const { result } = await keyed.ask('hi');
      assert.equal(result.error?.kind, 'bad_request');
      assert.ok(result.error.message.includes('Bad header'), result.error.message);
      assert.ok(!result.error.message.includes('plain-gateway-secret-4242'), result.error.message);
    } finally {
      await keyed.close();
    }
  });

  it('reports an unknown model as not found with a model picker', async () => {
    const { result } = await h.ask('hi', { model: 'gpt-4o' });
    assert.equal(result.error?.kind, 'not_found');
    assert.equal(result.error?.action, 'pickModel');
  });

  it('reports a connection refused as a configuration error, without retrying it', async () => {
    const url = h.server.url;
    await h.server.close();
    const service = new StreamingService({ client: createAnthropicClient({ apiKey: 'k', baseUrl: url }), random: () => 0.5 });
    const notices: number[] = [];
    const result = await service.stream(
      { messages: [{ role: 'user', content: 'hi' }], settings: { model: 'claude-haiku-4-5', maxTokens: 10, temperature: 1, maxRetries: 2, backoffMs: 5, idleTimeoutMs: 2000 } },
      { onRetryWait: (n) => void notices.push(n.delayMs) },
    );
    assert.equal(result.outcome, 'error');
    assert.equal(result.error?.kind, 'config');
    assert.deepEqual(notices, []);
  });
});
