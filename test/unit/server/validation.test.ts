import * as assert from 'node:assert/strict';
import type { BadRequestError } from '@anthropic-ai/sdk';
import { NotFoundError } from '@anthropic-ai/sdk';
import { demoScenario, TEXT_ONLY_MODEL } from '../../server/index';
import { ask, fixture, type Fixture } from './helpers';

/** Each test sends a request the real API of 2 Dec 2026 rejects and fails if it got through. */
describe('strict server: request validation', () => {
  let f: Fixture;
  beforeEach(async () => (f = await fixture()));
  afterEach(() => f.server.close());

  const rejects400 = async (body: unknown, pattern: RegExp, headers?: Record<string, string>, path = '/v1/messages'): Promise<void> => {
    const res = await f.post(path, body, headers);
    assert.equal(res.status, 400, `expected 400 for ${JSON.stringify(body).slice(0, 120)}, got ${res.status}`);
    assert.equal(res.json.error?.type, 'invalid_request_error');
    assert.match(res.json.error?.message ?? '', pattern);
  };

  it('rejects a request without anthropic-version, or with a version that does not exist', async () => {
    const res = await fetch(`${f.server.url}/v1/messages`, { method: 'POST', headers: { 'x-api-key': f.server.apiKey }, body: JSON.stringify(ask('claude-sonnet-5-5')) });
    assert.equal(res.status, 400);
    await rejects400(ask('claude-sonnet-5-5'), /anthropic-version.*not a valid version/, { 'anthropic-version': '2025-01-01' });
    assert.equal((await f.post('/v1/messages', ask('claude-sonnet-5-5'), { 'anthropic-version': '2023-06-01' })).status, 200);
  });

  it('rejects temperature, top_p and top_k under 2026-10-21 even at their default values', async () => {
    for (const [field, value] of [
      ['temperature', 1],
      ['top_p', 1],
      ['top_k', 5],
    ] as const) {
      await rejects400(ask('claude-haiku-4-5', 'hi', { [field]: value }), new RegExp(`^${field}: Extra inputs are not permitted$`));
    }
    // The same through the real SDK, as our client sends it.
    await assert.rejects(f.client.messages.create({ ...ask('claude-sonnet-5-5'), temperature: 0.7 } as never), (e: BadRequestError) => /temperature: Extra inputs/.test(e.message));
  });

  it('keeps the per-model sampling rules under 2023-06-01', async () => {
    const legacy = { 'anthropic-version': '2023-06-01' };
    await rejects400(ask('claude-sonnet-5-5', 'hi', { temperature: 0.7 }), /temperature: .*only the default value/, legacy);
    await rejects400(ask('claude-opus-5-5', 'hi', { top_k: 40 }), /top_k/, legacy);
    assert.equal((await f.post('/v1/messages', ask('claude-sonnet-5-5', 'hi', { temperature: 1 }), legacy)).status, 200);
    await rejects400(ask('claude-haiku-4-5', 'hi', { temperature: 0.5, top_p: 0.9 }), /cannot both be specified/, legacy);
    assert.equal((await f.post('/v1/messages', ask('claude-haiku-4-5', 'hi', { temperature: 0.2 }), legacy)).status, 200);
  });

  it('rejects unknown top-level fields, and beta fields without an anthropic-beta header', async () => {
    await rejects400(ask('claude-sonnet-5-5', 'hi', { foo: true }), /^foo: Extra inputs are not permitted$/);
    await rejects400(ask('claude-sonnet-5-5', 'hi', { context_management: { edits: [] } }), /^context_management: Extra inputs/);
    const beta = await f.post('/v1/messages', ask('claude-sonnet-5-5', 'hi', { context_management: { edits: [] } }), { 'anthropic-beta': 'context-management-2025-06-27' });
    assert.equal(beta.status, 200);
    for (const field of ['metadata', 'stop_sequences', 'service_tier', 'cache_control', 'output_config']) {
      const value = { metadata: { user_id: 'u' }, stop_sequences: ['X'], service_tier: 'auto', cache_control: { type: 'ephemeral' }, output_config: { effort: 'low' } }[field];
      assert.equal((await f.post('/v1/messages', ask('claude-sonnet-5-5', 'hi', { [field]: value }))).status, 200, `${field} is a real field`);
    }
  });

  it('rejects a prefill on Claude 4.6 and generation 5 with the real wording; older models take it, without trailing whitespace', async () => {
    const prefill = (model: string, partial: string) => ({
      model,
      max_tokens: 100,
      messages: [
        { role: 'user', content: 'x' },
        { role: 'assistant', content: partial },
      ],
    });
    for (const model of ['claude-sonnet-5-5', 'claude-opus-5-5', 'claude-haiku-5-5', 'claude-sonnet-5', 'claude-opus-4-6', 'claude-sonnet-4-6']) {
      await rejects400(prefill(model, 'Part'), /^This model does not support assistant message prefill\. The conversation must end with a user message\.$/);
    }
    assert.equal((await f.post('/v1/messages', prefill('claude-haiku-4-5', 'Part'))).status, 200);
    await rejects400(prefill('claude-haiku-4-5', 'Part '), /trailing whitespace/);
  });

  it('rejects a thinking type the model does not accept', async () => {
    await rejects400(ask('claude-sonnet-5-5', 'hi', { thinking: { type: 'enabled', budget_tokens: 2000 } }), /"thinking\.type\.enabled" is not supported for this model/);
    await rejects400(
      ask('claude-opus-5-5', 'hi', { thinking: { type: 'disabled' } }),
      /"thinking\.type\.disabled" is not supported for this model\. Use "thinking\.type\.adaptive"/,
    );
    await rejects400(ask('claude-sonnet-5-5', 'hi', { thinking: { type: 'disabled' } }), /between_tools/);
    await rejects400(ask('claude-haiku-4-5', 'hi', { thinking: { type: 'adaptive' } }), /"thinking\.type\.adaptive" is not supported/);
    await rejects400(ask('claude-haiku-4-5', 'hi', { thinking: { type: 'enabled', budget_tokens: 500 } }), /budget_tokens.*1024/);
    await rejects400(ask('claude-sonnet-5-5', 'hi', { thinking: { type: 'between_tools' }, output_config: { effort: 'max' } }), /between_tools.*effort "max"/);
    for (const ok of [
      ask('claude-haiku-4-5', 'hi', { thinking: { type: 'enabled', budget_tokens: 1024 }, max_tokens: 2000 }),
      ask('claude-sonnet-5-5', 'hi', { thinking: { type: 'between_tools' }, output_config: { effort: 'high' } }),
      ask('claude-haiku-5-5', 'hi', { thinking: { type: 'disabled' } }),
      ask('claude-opus-4-6', 'hi', { thinking: { type: 'adaptive', display: 'summarized' } }),
    ])
      assert.equal((await f.post('/v1/messages', ok)).status, 200, JSON.stringify(ok));
  });

  it('rejects an effort level the model lacks', async () => {
    await rejects400(ask('claude-opus-4-6', 'hi', { output_config: { effort: 'xhigh' } }), /"xhigh" is not supported for claude-opus-4-6/);
    await rejects400(ask('claude-haiku-4-5', 'hi', { output_config: { effort: 'low' } }), /effort is not supported for claude-haiku-4-5/);
    await rejects400(ask('claude-sonnet-5-5', 'hi', { output_config: { effort: 'extreme' } }), /output_config\.effort/);
    assert.equal((await f.post('/v1/messages', ask('claude-sonnet-5-5', 'hi', { output_config: { effort: 'xhigh' } }))).status, 200);
  });

  it("rejects max_tokens above the model's max_tokens", async () => {
    await rejects400(
      ask('claude-sonnet-5-5', 'hi', { max_tokens: 128_001 }),
      /^max_tokens: 128001 > 128000, which is the maximum allowed number of output tokens for claude-sonnet-5-5$/,
    );
    await rejects400(ask('claude-haiku-4-5', 'hi', { max_tokens: 64_001 }), /64001 > 64000/);
    assert.equal((await f.post('/v1/messages', ask('claude-sonnet-5-5', 'hi', { max_tokens: 128_000 }))).status, 200);
  });

  it('rejects input above max_input_tokens with "prompt is too long", on the tiny test model', async () => {
    await rejects400(ask('claude-test-tiny', 'x'.repeat(8004)), /^prompt is too long: 2001 tokens > 2000 maximum$/);
    assert.equal((await f.post('/v1/messages', ask('claude-test-tiny', 'x'.repeat(8000)))).status, 200);
    await assert.rejects(f.client.messages.create(ask('claude-test-tiny', 'y'.repeat(20_000)) as never), (e: BadRequestError) =>
      /prompt is too long: 5000 tokens > 2000 maximum/.test(e.message),
    );
  });

  it('rejects empty text blocks and empty string content', async () => {
    await rejects400({ model: 'claude-sonnet-5-5', max_tokens: 10, messages: [{ role: 'user', content: '' }] }, /messages\.0: all messages must have non-empty content/);
    await rejects400(
      { model: 'claude-sonnet-5-5', max_tokens: 10, messages: [{ role: 'user', content: [{ type: 'text', text: '' }] }] },
      /messages\.0\.content\.0\.text: text content blocks must be non-empty/,
    );
    await rejects400({ model: 'claude-sonnet-5-5', max_tokens: 10, messages: [{ role: 'user', content: [{ type: 'text', text: ' \n' }] }] }, /non-whitespace/);
    await rejects400({ ...ask('claude-sonnet-5-5'), system: [{ type: 'text', text: '' }] }, /system\.0\.text: text content blocks must be non-empty/);
    await rejects400({ model: 'claude-sonnet-5-5', max_tokens: 10, messages: [] }, /at least one message/);
  });

  it('answers an unknown model with 404 not_found_error, in demo mode too, and a retired one as retired', async () => {
    await assert.rejects(f.client.messages.create(ask('claude-nonexistent-9') as never), (e: NotFoundError) => e.status === 404 && /model: claude-nonexistent-9/.test(e.message));
    await assert.rejects(f.client.messages.create(ask('gpt-4o') as never), NotFoundError);
    const retired = await f.post('/v1/messages', ask('claude-sonnet-4-5'));
    assert.equal(retired.status, 404);
    assert.match(retired.json.error?.message ?? '', /retired on 2026-11-30/);
    const demo = await fixture({ defaultScenario: demoScenario });
    try {
      await assert.rejects(demo.client.messages.create(ask('claude-made-up') as never), NotFoundError);
    } finally {
      await demo.server.close();
    }
  });

  it('rejects, under 2026-10-21, document blocks in assistant turns and citations on user text blocks', async () => {
    const doc = { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'd' } };
    const withDoc = {
      model: 'claude-sonnet-5-5',
      max_tokens: 10,
      messages: [
        { role: 'user', content: 'a' },
        { role: 'assistant', content: [doc] },
        { role: 'user', content: 'b' },
      ],
    };
    await rejects400(withDoc, /document blocks are not supported in assistant messages/);
    const cited = { model: 'claude-sonnet-5-5', max_tokens: 10, messages: [{ role: 'user', content: [{ type: 'text', text: 'a', citations: [{ type: 'char_location' }] }] }] };
    await rejects400(cited, /citations/);
    assert.equal((await f.post('/v1/messages', withDoc, { 'anthropic-version': '2023-06-01' })).status, 200);
  });

  it('rejects a bad cache_control and more than four breakpoints', async () => {
    await rejects400(ask('claude-sonnet-5-5', 'hi', { cache_control: { type: 'ephemeral', ttl: '10m' } }), /cache_control\.ttl/);
    await rejects400(ask('claude-sonnet-5-5', 'hi', { cache_control: { type: 'persistent' } }), /cache_control\.type/);
    const marked = (text: string) => ({ type: 'text', text, cache_control: { type: 'ephemeral' } });
    const five = { model: 'claude-sonnet-5-5', max_tokens: 10, system: [marked('a'), marked('b'), marked('c'), marked('d')], messages: [{ role: 'user', content: [marked('e')] }] };
    await rejects400(five, /A maximum of 4 blocks with cache_control may be provided\. Found 5\./);
  });

  it('validates count_tokens like messages, without needing max_tokens', async () => {
    await rejects400(
      { model: 'claude-sonnet-5-5', messages: [{ role: 'user', content: 'x' }], temperature: 1 },
      /temperature: Extra inputs/,
      undefined,
      '/v1/messages/count_tokens',
    );
    await rejects400(
      { model: 'claude-sonnet-5-5', messages: [{ role: 'user', content: 'x' }], max_tokens: 10 },
      /max_tokens: Extra inputs/,
      undefined,
      '/v1/messages/count_tokens',
    );
    await assert.rejects(f.client.messages.countTokens({ model: 'claude-nope', messages: [{ role: 'user', content: 'x' }] }), NotFoundError);
    const count = await f.client.messages.countTokens({ model: 'claude-sonnet-5-5', system: 'abcd'.repeat(10), messages: [{ role: 'user', content: 'efgh'.repeat(5) }] });
    assert.equal(count.input_tokens, 15);
  });

  it('takes an image block whose bytes are its media type, and rejects a wrong type, a mismatch, bad base64 and more than 5 MB', async () => {
    const pngBytes = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const png = pngBytes.toString('base64');
    const image = (media_type: string, data: string) => ({ type: 'image', source: { type: 'base64', media_type, data } });
    const withImage = (block: unknown) => ({
      model: 'claude-sonnet-5-5',
      max_tokens: 100,
      messages: [{ role: 'user', content: [block, { type: 'text', text: 'What is this?' }] }],
    });
    const sent = await f.client.messages.create(withImage(image('image/png', png)) as never);
    assert.equal((sent as { type: string }).type, 'message');
    await rejects400(withImage(image('image/svg+xml', png)), /messages\.0\.content\.0\.image\.source\.base64\.media_type: Input should be/);
    await rejects400(withImage(image('image/jpeg', png)), /specified using the image\/jpeg media type, but the image appears to be a image\/png image/);
    await rejects400(withImage(image('image/png', 'not base64!')), /invalid base64/);
    await rejects400(withImage(image('image/png', Buffer.from('hello world, not an image').toString('base64'))), /Could not process image/);
    await rejects400(withImage(image('image/png', Buffer.concat([pngBytes, Buffer.alloc(4 * 1024 * 1024)]).toString('base64'))), /image exceeds 5 MB maximum/);
    await rejects400(withImage({ type: 'image' }), /image\.source: Field required/);
  });

  it('rejects an image to a text-only model, lists that model without image_input, and still takes its text', async () => {
    const text = await fixture({ extraModels: [TEXT_ONLY_MODEL] });
    try {
      const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex').toString('base64');
      const body = {
        model: TEXT_ONLY_MODEL.id,
        max_tokens: 100,
        messages: [
          { role: 'user', content: 'hi' },
          { role: 'assistant', content: 'Hello.' },
          {
            role: 'user',
            content: [
              { type: 'image', source: { type: 'base64', media_type: 'image/png', data: png } },
              { type: 'text', text: 'What is this?' },
            ],
          },
        ],
      };
      for (const path of ['/v1/messages', '/v1/messages/count_tokens']) {
        const res = await text.post(path, path.endsWith('count_tokens') ? { ...body, max_tokens: undefined } : body);
        assert.equal(res.status, 400, `${path} let an image through to a text-only model`);
        assert.equal(res.json.error?.type, 'invalid_request_error');
        assert.equal(res.json.error?.message, 'messages.2.content.0: claude-test-text does not support image input');
      }
      await assert.rejects(text.client.messages.create(body as never), (e: BadRequestError) => e.status === 400 && /does not support image input/.test(e.message));
      const listed = await text.client.models.retrieve(TEXT_ONLY_MODEL.id);
      assert.equal(listed.capabilities?.image_input.supported, false);
      assert.equal((await text.client.models.retrieve('claude-sonnet-5-5')).capabilities?.image_input.supported, true, 'the catalogue is still there beside it');
      assert.equal((await text.post('/v1/messages', ask(TEXT_ONLY_MODEL.id))).status, 200);
    } finally {
      await text.server.close();
    }
  });
});
