/**
 * Errors a user can act on, over the real SDK against the local server: the request id for
 * support, the server's retry verdict, spend limits, a conversation too long for the model,
 * retries spent, and a base URL that cannot work.
 */
import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import { APIConnectionError } from '@anthropic-ai/sdk';
import { createAnthropicClient } from '../../../../src/core/streaming/client';
import { classifyError } from '../../../../src/core/streaming/errors';
import { StreamingService } from '../../../../src/core/streaming/streamingService';
import type { StreamResult } from '../../../../src/core/streaming/types';
import { ANSWER, FAST, startHarness, type Harness } from './harness';

describe('Errors a user can act on', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  describe('request id', () => {
    it('carries the request-id of an HTTP error response', async () => {
      h.server.enqueue({ status: 401 });
      const { result } = await h.ask('hi');
      assert.match(result.error?.requestId ?? '', /^req_\w+$/);
    });

    it('carries the request-id of a stream that broke with an error event mid-answer', async () => {
      h.server.enqueue({ text: ANSWER, errorAfterTokens: 2, errorEventType: 'api_error' });
      const { result } = await h.ask('hi', { maxRetries: 0 });
      assert.equal(result.outcome, 'error');
      assert.equal(result.error?.kind, 'server');
      assert.match(result.error?.requestId ?? '', /^req_\w+$/);
    });

    it('carries the request id from the error body when a gateway drops the header', async () => {
      h.server.enqueue({ status: 400, headers: { 'request-id': '' } });
      const { result } = await h.ask('hi');
      assert.match(result.error?.requestId ?? '', /^req_\w+$/);
    });
  });

  describe('x-should-retry', () => {
    it('does not retry an overloaded error the server says not to retry', async () => {
      h.server.enqueue({ status: 529, headers: { 'x-should-retry': 'false' } }, { text: ANSWER });
      const { result, seen } = await h.ask('hi');
      assert.equal(result.outcome, 'error');
      assert.equal(result.error?.kind, 'overloaded');
      assert.equal(seen.retries.length, 0);
      assert.equal(h.server.requests.length, 1);
    });

    it('retries an error it would not retry when the server says to', async () => {
      h.server.enqueue({ status: 400, headers: { 'x-should-retry': 'true' } }, { text: ANSWER });
      const { result, seen } = await h.ask('hi');
      assert.equal(result.outcome, 'done');
      assert.equal(result.text, ANSWER);
      assert.equal(seen.retries.length, 1);
    });

    it('follows its own policy when the header is absent', async () => {
      h.server.enqueue({ status: 400 }, { text: ANSWER });
      const { result } = await h.ask('hi');
      assert.equal(result.outcome, 'error');
      assert.equal(h.server.requests.length, 1);
    });
  });

  describe('spend limits', () => {
    for (const [name, scenario] of [
      ['without retry-after', { status: 429, errorCode: 'contract_spend_limit_reached', errorMessage: 'Your organization has reached its contract spend limit.' }],
      ['even with a retry-after', { status: 429, errorCode: 'contract_spend_limit_reached', retryAfterSec: 0.01 }],
    ] as const) {
      it(`does not retry a 429 contract_spend_limit_reached ${name}, and points to the Console`, async () => {
        h.server.enqueue(scenario, { text: ANSWER });
        const { result, seen } = await h.ask('hi');
        assert.equal(result.outcome, 'error');
        assert.equal(result.error?.kind, 'spend_limit');
        assert.equal(result.error?.action, 'openConsole');
        assert.match(result.error?.message ?? '', /contract/);
        assert.equal(seen.retries.length, 0);
        assert.equal(h.server.requests.length, 1);
      });
    }

    it('still stops at an enforced_spend_limit_reached 429', async () => {
      h.server.enqueue({ status: 429, errorCode: 'enforced_spend_limit_reached' }, { text: ANSWER });
      const { result } = await h.ask('hi');
      assert.equal(result.error?.kind, 'spend_limit');
      assert.equal(result.error?.action, 'openConsole');
      assert.equal(h.server.requests.length, 1);
    });
  });

  describe('prompt is too long', () => {
    it('is a context error with the context actions, not "Open settings", and is not retried', async () => {
      h.server.enqueue({ status: 400, errorMessage: 'prompt is too long: 210345 tokens > 200000 maximum' }, { text: ANSWER });
      const { result } = await h.ask('hi');
      assert.equal(result.error?.kind, 'context');
      assert.equal(result.error?.action, 'dropOldest');
      assert.deepEqual(result.error?.secondaryActions, ['newChat']);
      assert.match(result.error?.message ?? '', /210345 tokens > 200000 maximum/);
      assert.equal(h.server.requests.length, 1);
    });

    it('leaves other 400s with Open settings', async () => {
      h.server.enqueue({ status: 400, errorMessage: 'max_tokens: must be positive' });
      const { result } = await h.ask('hi');
      assert.equal(result.error?.kind, 'bad_request');
      assert.equal(result.error?.action, 'openSettings');
    });
  });

  describe('retries exhausted', () => {
    it('says what failed and how many times it was retried, and no longer that the answer will continue', async () => {
      const broken = { text: ANSWER, malformedAfterTokens: 3 };
      h.server.enqueue(broken, broken, broken, broken);
      const { result, seen } = await h.ask('hi', { maxRetries: 3 });
      assert.equal(result.outcome, 'error');
      assert.equal(seen.retries.length, 3);
      assert.equal(result.error?.retries, 3);
      assert.match(result.error?.message ?? '', /malformed event.*failed after 3 retries\.$/);
      assert.doesNotMatch(result.error?.message ?? '', /continue/);
    });

    it('counts one retry in the singular', async () => {
      h.server.enqueue({ status: 529 }, { status: 529 });
      const { result } = await h.ask('hi', { maxRetries: 1 });
      assert.match(result.error?.message ?? '', /failed after 1 retry\.$/);
    });

    it('says nothing about retries for a first-attempt failure', async () => {
      h.server.enqueue({ status: 401 });
      const { result } = await h.ask('hi');
      assert.doesNotMatch(result.error?.message ?? '', /retr/);
      assert.equal(result.error?.retries, undefined);
    });
  });
});

describe('A base URL that cannot work', () => {
  const ask = async (baseUrl: string, apiKey = 'sk-ant-api03-config-test-key-000000'): Promise<{ result: StreamResult; retries: number }> => {
    const service = new StreamingService({ client: createAnthropicClient({ apiKey, baseUrl }), random: () => 0.5 });
    let retries = 0;
    const result = await service.stream({ messages: [{ role: 'user', content: 'hi' }], settings: { ...FAST, backoffMs: 5 } }, { onRetryWait: () => void retries++ });
    return { result, retries };
  };

  const closedPort = async (): Promise<number> => {
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const { port } = probe.address() as net.AddressInfo;
    await new Promise<void>((r) => probe.close(() => r()));
    return port;
  };

  it('is a configuration error naming the URL and the setting when the connection is refused, not retried', async () => {
    const port = await closedPort();
    const { result, retries } = await ask(`http://127.0.0.1:${port}`);
    assert.equal(result.error?.kind, 'config');
    assert.equal(retries, 0);
    assert.equal(result.error?.retryable, false);
    assert.match(result.error?.message ?? '', new RegExp(`http://127\\.0\\.0\\.1:${port}.*refused.*claudeStream\\.baseUrl`));
    assert.equal(result.error?.action, 'openSettings');
    assert.equal(result.error?.setting, 'claudeStream.baseUrl');
    assert.deepEqual(result.error?.secondaryActions, ['retry']);
  });

  for (const [name, url, says] of [
    ['a port fetch refuses', 'http://127.0.0.1:1', /bad port/],
    ['a port out of range', 'http://127.0.0.1:99999', /not a valid URL/],
    ['text that is no URL', 'not a url', /not a valid URL/],
  ] as const) {
    it(`is a configuration error for ${name}, not retried`, async () => {
      const { result, retries } = await ask(url);
      assert.equal(result.error?.kind, 'config', result.error?.message);
      assert.equal(retries, 0);
      assert.match(result.error?.message ?? '', says);
      assert.match(result.error?.message ?? '', /claudeStream\.baseUrl/);
    });
  }

  it('names DNS failures (ENOTFOUND, EAI_AGAIN) as configuration errors', () => {
    for (const code of ['ENOTFOUND', 'EAI_AGAIN']) {
      // The shape undici gives the SDK: TypeError('fetch failed') caused by the resolver's error.
      const dns = Object.assign(new Error(`getaddrinfo ${code} api.example.invalid`), { code });
      const error = new APIConnectionError({ cause: new TypeError('fetch failed', { cause: dns }) });
      const classified = classifyError(error, { baseUrl: 'https://api.example.invalid' });
      assert.equal(classified.kind, 'config');
      assert.equal(classified.retryable, false);
      assert.match(classified.message, new RegExp(`https://api\\.example\\.invalid.*${code}`));
    }
  });

  it('says the default is in use when no base URL is set', () => {
    const dns = Object.assign(new Error('getaddrinfo ENOTFOUND api.anthropic.com'), { code: 'ENOTFOUND' });
    const classified = classifyError(new APIConnectionError({ cause: new TypeError('fetch failed', { cause: dns }) }), { baseUrl: 'https://api.anthropic.com' });
    assert.match(classified.message, /https:\/\/api\.anthropic\.com \(the default; claudeStream\.baseUrl is not set\)/);
  });

  it('never shows the API key or credentials that sit in the base URL', async () => {
    const key = 'sk-ant-api03-secret-in-url-0000000000';
    const port = await closedPort();
    const { result } = await ask(`http://user:hunter2@127.0.0.1:${port}/v1?key=${key}`, key);
    const message = result.error?.message ?? '';
    assert.equal(result.error?.kind, 'config');
    assert.doesNotMatch(message, /hunter2|secret-in-url|key=/);
  });
});
