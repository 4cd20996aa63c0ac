import * as assert from 'node:assert/strict';
import { Anthropic, RateLimitError } from '@anthropic-ai/sdk';
import { ask, fixture, type Fixture } from './helpers';

describe('strict server: errors, request ids and retry signals', () => {
  let f: Fixture;
  beforeEach(async () => (f = await fixture()));
  afterEach(() => f.server.close());

  const retrying = () => new Anthropic({ apiKey: f.server.apiKey, baseURL: f.server.url, maxRetries: 2, logLevel: 'off' });
  const posts = () => f.server.requests.filter((r) => r.path === '/v1/messages').length;

  it('puts a request-id header on every response, and the same id in error bodies', async () => {
    const ok = await f.post('/v1/messages', ask('claude-sonnet-5-5'));
    const streamed = await f.post('/v1/messages', { ...ask('claude-sonnet-5-5'), stream: true });
    const invalid = await f.post('/v1/messages', ask('claude-sonnet-5-5', 'hi', { temperature: 1 }));
    const missing = await f.post('/v1/messages', ask('claude-none'));
    const models = await fetch(`${f.server.url}/v1/models`, { headers: { 'x-api-key': f.server.apiKey, 'anthropic-version': '2026-10-21' } });
    for (const res of [ok, streamed, invalid, missing]) assert.match(res.headers.get('request-id') ?? '', /^req_/);
    assert.match(models.headers.get('request-id') ?? '', /^req_/);
    for (const res of [invalid, missing]) assert.equal(res.json.request_id, res.headers.get('request-id'));
  });

  it('sends retry-after on a rate-limit 429', async () => {
    f.server.enqueue({ status: 429, retryAfterSec: 3 });
    const res = await f.post('/v1/messages', ask('claude-sonnet-5-5'));
    assert.equal(res.status, 429);
    assert.equal(res.json.error?.type, 'rate_limit_error');
    assert.equal(res.headers.get('retry-after'), '3');
  });

  it('scripts x-should-retry, which the SDK obeys over the status', async () => {
    f.server.enqueue({ status: 529, shouldRetry: false });
    await assert.rejects(retrying().messages.create(ask('claude-sonnet-5-5') as never));
    assert.equal(posts(), 1, 'a 529 marked x-should-retry: false is not retried');
    f.server.reset();
    f.server.enqueue({ status: 400, errorMessage: 'transient', shouldRetry: true });
    const message = await retrying().messages.create(ask('claude-sonnet-5-5') as never);
    assert.equal(message.type, 'message');
    assert.equal(posts(), 2, 'a 400 marked x-should-retry: true is retried');
  });

  it('answers contract_spend_limit_reached and enforced_spend_limit_reached as 429s that are not retried', async () => {
    for (const code of ['contract_spend_limit_reached', 'enforced_spend_limit_reached']) {
      f.server.reset();
      f.server.enqueue({ status: 429, errorCode: code });
      const error = await retrying()
        .messages.create(ask('claude-sonnet-5-5') as never)
        .catch((e: unknown) => e);
      assert.ok(error instanceof RateLimitError);
      assert.deepEqual((error.error as { error: { details: unknown } }).error.details, { error_code: code });
      assert.equal(error.headers.get('retry-after'), null);
      assert.equal(error.headers.get('x-should-retry'), 'false');
      assert.equal(posts(), 1, `${code} is not retried`);
    }
  });
});
