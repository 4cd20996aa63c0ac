import * as assert from 'node:assert/strict';
import type { MessageParam, Usage } from '@anthropic-ai/sdk/resources/messages';
import { fixture, sseEvents, type Fixture } from './helpers';

/** The prompt cache, on an injected clock: writes, reads, misses and expiry as usage shows them. */
describe('strict server: prompt cache and token counting', () => {
  let f: Fixture;
  let clock = 1_800_000_000_000;
  beforeEach(async () => (f = await fixture({ now: () => clock })));
  afterEach(() => f.server.close());

  const SYSTEM = 'S'.repeat(4000); // 1,000 tokens at chars/4
  const first: MessageParam[] = [{ role: 'user', content: 'hello' }]; // 2 tokens
  const second: MessageParam[] = [...first, { role: 'assistant', content: 'Sure.' }, { role: 'user', content: 'more' }]; // +2 +1
  const send = async (messages: MessageParam[], extra: Record<string, unknown> = {}): Promise<Usage> =>
    (await f.client.messages.create({ model: 'claude-sonnet-5-5', max_tokens: 500, system: SYSTEM, messages, cache_control: { type: 'ephemeral' }, ...extra } as never)).usage;
  const split = (u: Usage) => [u.input_tokens, u.cache_creation_input_tokens, u.cache_read_input_tokens];

  it('writes the prefix on a first request and reads it on the next turn', async () => {
    const one = await send(first);
    assert.deepEqual(split(one), [0, 1002, 0]);
    assert.deepEqual(one.cache_creation, { ephemeral_5m_input_tokens: 1002, ephemeral_1h_input_tokens: 0 });
    assert.deepEqual(split(await send(second)), [0, 3, 1002]);
  });

  it('misses after the 5-minute TTL, and each hit refreshes it', async () => {
    await send(first);
    clock += 4 * 60_000;
    assert.equal((await send(first)).cache_read_input_tokens, 1002, 'hit at 4 minutes');
    clock += 4 * 60_000;
    assert.equal((await send(first)).cache_read_input_tokens, 1002, 'hit 4 minutes after the refresh, 8 after the write');
    clock += 5 * 60_000 + 1;
    assert.deepEqual(split(await send(first)), [0, 1002, 0], 'expired: written again');
  });

  it('keeps a 1-hour entry past five minutes and reports it per TTL', async () => {
    const one = await send(first, { cache_control: { type: 'ephemeral', ttl: '1h' } });
    assert.deepEqual(one.cache_creation, { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 1002 });
    clock += 30 * 60_000;
    assert.equal((await send(first, { cache_control: { type: 'ephemeral', ttl: '1h' } })).cache_read_input_tokens, 1002);
  });

  it('caches nothing below the minimum cacheable length, without cache_control, or across models', async () => {
    const short = await f.client.messages.create({ model: 'claude-sonnet-5-5', max_tokens: 50, system: 'short', messages: first, cache_control: { type: 'ephemeral' } } as never);
    assert.deepEqual(split(short.usage), [4, 0, 0]);
    await send(first, { cache_control: undefined });
    assert.deepEqual(split(await send(first, { cache_control: undefined })), [1002, 0, 0]);
    await send(first);
    assert.deepEqual(split(await send(first, { model: 'claude-opus-5-5' })), [0, 1002, 0], 'a model switch throws the cache away');
  });

  it('honours a block-level breakpoint on the system prompt', async () => {
    const system = [{ type: 'text', text: SYSTEM, cache_control: { type: 'ephemeral' } }];
    const ask = (q: string) => f.client.messages.create({ model: 'claude-sonnet-5-5', max_tokens: 50, system, messages: [{ role: 'user', content: q }] } as never);
    assert.deepEqual(split((await ask('first question')).usage), [4, 1000, 0]);
    assert.deepEqual(split((await ask('another one')).usage), [3, 0, 1000]);
  });

  it('reports the cache split in message_start and message_delta of a stream', async () => {
    await send(first);
    const res = await f.post('/v1/messages', { model: 'claude-sonnet-5-5', max_tokens: 500, stream: true, system: SYSTEM, messages: second, cache_control: { type: 'ephemeral' } });
    const events = sseEvents(res.text);
    const start = (events[0].data as { message: { usage: Usage } }).message.usage;
    const delta = (events.find((e) => e.event === 'message_delta')!.data as { usage: Usage }).usage;
    for (const u of [start, delta]) assert.deepEqual([u.input_tokens, u.cache_creation_input_tokens, u.cache_read_input_tokens], [0, 3, 1002]);
  });

  it('counts tokens with the same estimate that usage and the context limit use', async () => {
    const counted = await f.client.messages.countTokens({ model: 'claude-sonnet-5-5', system: SYSTEM, messages: second });
    const usage = await send(second);
    assert.equal(counted.input_tokens, usage.input_tokens + (usage.cache_creation_input_tokens ?? 0) + (usage.cache_read_input_tokens ?? 0));
    assert.equal(counted.input_tokens, 1005);
  });
});
