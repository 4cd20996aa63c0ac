import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { Anthropic, AuthenticationError, BadRequestError } from '@anthropic-ai/sdk';
import type { MessageCreateParamsBase } from '@anthropic-ai/sdk/resources/messages';
import { CONTINUE_PROMPT } from '../../../src/core/streaming/resumeStrategy';
import { chunkText } from '../../server/chunking';
import { startMockAnthropicServer, type MockAnthropicServer } from '../../server/index';

const ROOT = join(__dirname, '..', '..', '..');

/** Raw SSE event names and data, read with the platform fetch (no SDK in between). */
async function rawEvents(server: MockAnthropicServer, body: unknown): Promise<Array<{ event: string; data: string }>> {
  const res = await fetch(`${server.url}/v1/messages`, {
    method: 'POST',
    headers: { 'x-api-key': server.apiKey, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return text
    .split('\n\n')
    .filter(Boolean)
    .map((block) => {
      const lines = block.split('\n');
      return {
        event: lines[0].replace(/^event: /, ''),
        data: lines
          .slice(1)
          .join('\n')
          .replace(/^data: /, ''),
      };
    });
}

const ask = (content: string): MessageCreateParamsBase => ({
  model: 'claude-haiku-4-5',
  max_tokens: 100,
  stream: true,
  messages: [{ role: 'user', content }],
});

describe('local Anthropic-compatible server', () => {
  let server: MockAnthropicServer;
  let client: Anthropic;
  beforeEach(async () => {
    server = await startMockAnthropicServer();
    client = new Anthropic({ apiKey: server.apiKey, baseURL: server.url, maxRetries: 0, logLevel: 'off' });
  });
  afterEach(() => server.close());

  it('listens on loopback with a random port', () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.ok(server.port > 0);
  });

  it('streams the documented SSE event sequence, thinking first', async () => {
    server.enqueue({ thinking: 'Hmm.', text: 'Hello there world', pingEvery: 2, inputTokens: 12 });
    const events = await rawEvents(server, ask('hi'));
    const names = events.map((e) => e.event).filter((n) => n !== 'ping');
    assert.equal(names[0], 'message_start');
    assert.deepEqual(names.slice(-3), ['content_block_stop', 'message_delta', 'message_stop']);
    assert.ok(events.some((e) => e.event === 'ping'));
    const starts = events.filter((e) => e.event === 'content_block_start').map((e) => JSON.parse(e.data));
    assert.deepEqual(
      starts.map((s) => [s.index, s.content_block.type]),
      [
        [0, 'thinking'],
        [1, 'text'],
      ],
    );
    const deltas = events.filter((e) => e.event === 'content_block_delta').map((e) => JSON.parse(e.data).delta);
    assert.ok(deltas.some((d) => d.type === 'signature_delta'));
    assert.equal(
      deltas
        .filter((d) => d.type === 'text_delta')
        .map((d) => d.text)
        .join(''),
      'Hello there world',
    );
    assert.equal(JSON.parse(events[0].data).message.usage.input_tokens, 12);
    const last = JSON.parse(events.find((e) => e.event === 'message_delta')!.data);
    assert.equal(last.delta.stop_reason, 'end_turn');
    assert.equal(last.usage.output_tokens, deltas.filter((d) => d.type !== 'signature_delta').length);
  });

  it('is read by the real SDK, which assembles the final message', async () => {
    server.enqueue({ text: 'The SDK reads this.', unknownEvents: true });
    const stream = client.messages.stream(ask('hi'));
    const message = await stream.finalMessage();
    assert.deepEqual(
      message.content.map((b) => (b.type === 'text' ? b.text : b.type)),
      ['The SDK reads this.'],
    );
  });

  it('answers a non-streaming request with a Message JSON', async () => {
    server.enqueue({ text: 'Plain JSON answer.' });
    const message = await client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 50, messages: [{ role: 'user', content: 'x' }] });
    assert.equal(message.type, 'message');
    assert.equal(message.content[0].type === 'text' && message.content[0].text, 'Plain JSON answer.');
    assert.ok(message.usage.output_tokens > 0);
  });

  it('rejects a wrong key with 401 and accepts the key as x-api-key or bearer', async () => {
    const wrong = new Anthropic({ apiKey: 'nope', baseURL: server.url, maxRetries: 0, logLevel: 'off' });
    await assert.rejects(wrong.messages.create({ model: 'claude-haiku-4-5', max_tokens: 5, messages: [{ role: 'user', content: 'x' }] }), AuthenticationError);
    const auths: Array<Record<string, string>> = [{ 'x-api-key': server.apiKey }, { authorization: `Bearer ${server.apiKey}` }];
    for (const auth of auths) {
      const res = await fetch(`${server.url}/v1/models`, { headers: { ...auth, 'anthropic-version': '2023-06-01' } });
      assert.equal(res.status, 200);
    }
  });

  it('requires the anthropic-version header, like the real API', async () => {
    const res = await fetch(`${server.url}/v1/models`, { headers: { 'x-api-key': server.apiKey } });
    assert.equal(res.status, 400);
    assert.ok(res.headers.get('request-id'));
  });

  it('validates the body: required fields, and temperature with top_p', async () => {
    await assert.rejects(client.messages.create({ model: 'claude-haiku-4-5', messages: [{ role: 'user', content: 'x' }] } as never), BadRequestError);
    // Under 2023-06-01 the sampling fields exist, but Claude 4.5 models take only one of them.
    const legacy = new Anthropic({ apiKey: server.apiKey, baseURL: server.url, maxRetries: 0, logLevel: 'off', defaultHeaders: { 'anthropic-version': '2023-06-01' } });
    await assert.rejects(
      // SDK 1.12 dropped temperature/top_p from its types but still sends extra body fields.
      legacy.messages.create({ model: 'claude-haiku-4-5', max_tokens: 5, messages: [{ role: 'user', content: 'x' }], ...{ temperature: 0.5, top_p: 0.5 } }),
      (e: BadRequestError) => e.status === 400 && /top_p/.test(e.message),
    );
  });

  it('sends HTTP errors in the API shape with request-id and retry-after', async () => {
    server.enqueue({ status: 429, retryAfterSec: 0.5 });
    const res = await fetch(`${server.url}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': server.apiKey, 'anthropic-version': '2023-06-01' },
      body: JSON.stringify(ask('x')),
    });
    assert.equal(res.status, 429);
    assert.equal(res.headers.get('retry-after'), '1');
    assert.equal(res.headers.get('retry-after-ms'), '500');
    assert.match(res.headers.get('request-id') ?? '', /^req_/);
    const body = (await res.json()) as { type: string; error: { type: string } };
    assert.equal(body.type, 'error');
    assert.equal(body.error.type, 'rate_limit_error');
  });

  it('sends a mid-stream error event in the API shape', async () => {
    server.enqueue({ text: 'one two three four', errorAfterTokens: 2 });
    const events = await rawEvents(server, ask('x'));
    const error = events.at(-1)!;
    assert.equal(error.event, 'error');
    assert.deepEqual(JSON.parse(error.data), { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
  });

  it('lists models in pages the SDK can walk', async () => {
    const ids: string[] = [];
    for await (const model of client.models.list({ limit: 2 })) ids.push(model.id);
    assert.ok(ids.includes('claude-sonnet-5') && ids.includes('claude-opus-4-6') && ids.includes('claude-haiku-4-5'));
    const page = await client.models.list({ limit: 2 });
    assert.equal(page.data.length, 2);
    assert.equal(page.has_more, true);
    assert.equal(page.first_id, page.data[0].id);
    assert.equal(page.last_id, page.data[1].id);
  });

  it('continues a prefill with the rest of the answer, with the asked overlap', async () => {
    server.enqueue({ text: 'Alpha beta gamma delta.' }, { text: 'Alpha beta gamma delta.', continuationOverlapChars: 4 });
    const prefill: MessageCreateParamsBase = {
      ...ask('x'),
      messages: [
        { role: 'user', content: 'x' },
        { role: 'assistant', content: 'Alpha beta' },
      ],
    };
    const text = async () => await client.messages.stream(prefill).finalText();
    assert.equal(await text(), ' gamma delta.');
    assert.equal(await text(), 'beta gamma delta.');
  });

  it('continues after a continue-turn that follows the partial answer', async () => {
    server.enqueue({ text: 'Alpha beta gamma delta.' });
    const messages = [
      { role: 'user' as const, content: 'x' },
      { role: 'assistant' as const, content: 'Alpha beta ' },
      { role: 'user' as const, content: CONTINUE_PROMPT },
    ];
    assert.equal(await client.messages.stream({ ...ask('x'), messages }).finalText(), 'gamma delta.');
  });

  it('rejects a prefill for models configured like newer ones, and trailing whitespace for all', async () => {
    const strict = await startMockAnthropicServer({ rejectPrefillModels: (m) => m === 'claude-opus-4-6' });
    try {
      const c = new Anthropic({ apiKey: strict.apiKey, baseURL: strict.url, maxRetries: 0, logLevel: 'off' });
      const messages = [
        { role: 'user' as const, content: 'x' },
        { role: 'assistant' as const, content: 'Part' },
      ];
      await assert.rejects(c.messages.create({ model: 'claude-opus-4-6', max_tokens: 5, messages }), (e: BadRequestError) => /prefill/.test(e.message));
      await c.messages.create({ model: 'claude-haiku-4-5', max_tokens: 5, messages });
      const ws = [
        { role: 'user' as const, content: 'x' },
        { role: 'assistant' as const, content: 'Part ' },
      ];
      await assert.rejects(c.messages.create({ model: 'claude-haiku-4-5', max_tokens: 5, messages: ws }), BadRequestError);
    } finally {
      await strict.close();
    }
  });

  it('records requests and is driven over its control API', async () => {
    const post = (path: string, body: unknown) => fetch(`${server.url}${path}`, { method: 'POST', body: JSON.stringify(body) });
    await post('/_control/enqueue', [{ text: 'from control' }]);
    assert.equal(await client.messages.stream(ask('q')).finalText(), 'from control');
    await post('/_control/default', { text: 'default answer' });
    assert.equal(await client.messages.stream(ask('q')).finalText(), 'default answer');
    const recorded = (await (await fetch(`${server.url}/_control/requests`)).json()) as Array<{ path: string; body: { messages: unknown } }>;
    assert.equal(recorded.length, 2);
    assert.equal(recorded[0].path, '/v1/messages');
    await post('/_control/reset', {});
    assert.equal(server.requests.length, 0);
    assert.match(await client.messages.stream(ask('about cats')).finalText(), /about cats/);
  });

  it('cuts text into token-like chunks that join back exactly, in linear time', () => {
    const text = 'Hello wonderful world, 🎉 ok. '.repeat(40_000);
    const started = Date.now();
    const chunks = chunkText(text, undefined);
    assert.ok(Date.now() - started < 2000);
    assert.equal(chunks.join(''), text);
    const sizes = chunks.map((c) => c.length);
    assert.ok(Math.max(...sizes.slice(0, 1000)) <= 7);
    assert.ok(
      chunks.every((c) => !/^[\uDC00-\uDFFF]/.test(c)),
      'no chunk starts inside a surrogate pair',
    );
  });

  it('runs from the command line and serves the offline demo until SIGTERM', async function () {
    this.timeout(20_000);
    const child = spawn(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'test/server/cli.ts'), '--port', '0', '--key', 'K-demo', '--demo'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const [line] = (await once(child.stdout, 'data')) as [Buffer];
      const info = JSON.parse(line.toString().split('\n')[0]) as { url: string };
      const demo = new Anthropic({ apiKey: 'K-demo', baseURL: info.url, maxRetries: 0, logLevel: 'off' });
      const text = await demo.messages.stream(ask('How do I debounce a function?')).finalText();
      assert.match(text, /```ts/);
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = await once(child, 'exit');
    assert.equal(code, 0);
  });
});
