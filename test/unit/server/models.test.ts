import * as assert from 'node:assert/strict';
import { NotFoundError } from '@anthropic-ai/sdk';
import type { ModelInfo } from '@anthropic-ai/sdk/resources/models';
import { CATALOGUE, type ModelEntry } from '../../server/index';
import { fixture, type Fixture } from './helpers';

const MODEL_INFO_KEYS = ['capabilities', 'created_at', 'deprecated_at', 'display_name', 'id', 'lifecycle', 'line', 'max_input_tokens', 'max_tokens', 'retires_at', 'type'];
const CAPABILITY_KEYS = ['batch', 'citations', 'code_execution', 'context_management', 'effort', 'image_input', 'pdf_input', 'server_tools', 'structured_outputs', 'thinking'];

describe('strict server: Models API', () => {
  let f: Fixture;
  beforeEach(async () => (f = await fixture()));
  afterEach(() => f.server.close());

  const all = async (params: Record<string, unknown> = {}): Promise<ModelInfo[]> => {
    const out: ModelInfo[] = [];
    for await (const m of f.client.models.list(params)) out.push(m);
    return out;
  };

  it('lists active and deprecated models newest first, without retired ones, as full ModelInfo objects', async () => {
    const models = await all({ limit: 3 });
    const ids = models.map((m) => m.id);
    assert.ok(ids.includes('claude-sonnet-5-5') && ids.includes('claude-sonnet-5') && ids.includes('claude-opus-5-5') && ids.includes('claude-haiku-5-5'));
    assert.ok(!ids.includes('claude-sonnet-4-5') && !ids.includes('claude-opus-4-1'), 'retired models are listed only on request');
    const dates = models.map((m) => m.created_at);
    assert.deepEqual(dates, [...dates].sort().reverse());
    for (const m of models) {
      assert.deepEqual(Object.keys(m).sort(), MODEL_INFO_KEYS);
      assert.deepEqual(Object.keys(m.capabilities ?? {}).sort(), CAPABILITY_KEYS);
    }
  });

  it('describes Sonnet 5.5 as the docs do: limits, lifecycle, thinking types and effort levels', async () => {
    const m = await f.client.models.retrieve('claude-sonnet-5-5');
    assert.equal(m.display_name, 'Claude Sonnet 5.5');
    assert.equal(m.line, 'sonnet');
    assert.equal(m.lifecycle, 'active');
    assert.equal(m.max_input_tokens, 1_000_000);
    assert.equal(m.max_tokens, 128_000);
    const types = m.capabilities!.thinking.types;
    assert.deepEqual([types.adaptive.supported, types.between_tools.supported, types.disabled.supported, types.enabled.supported], [true, true, false, false]);
    const effort = m.capabilities!.effort;
    assert.deepEqual(
      [effort.low, effort.medium, effort.high, effort.xhigh, effort.max].map((e) => e?.supported),
      [true, true, true, true, true],
    );
    const opus46 = await f.client.models.retrieve('claude-opus-4-6');
    assert.equal(opus46.capabilities!.effort.xhigh?.supported, false);
  });

  it('marks the deprecated model with its retirement date and filters by lifecycle', async () => {
    const opus45 = (await all()).find((m) => m.id === 'claude-opus-4-5')!;
    assert.equal(opus45.lifecycle, 'deprecated');
    assert.equal(opus45.retires_at, '2027-01-22T00:00:00Z');
    assert.ok(opus45.deprecated_at);
    const retired = await all({ lifecycle: ['retired'] });
    assert.deepEqual(retired.map((m) => m.id).sort(), ['claude-opus-4-1', 'claude-sonnet-4-5']);
    assert.ok(retired.every((m) => m.lifecycle === 'retired' && m.retires_at));
    const both = await all({ lifecycle: ['deprecated', 'retired'] });
    assert.deepEqual(both.map((m) => m.lifecycle).sort(), ['deprecated', 'retired', 'retired']);
  });

  it('pages with after_id and before_id, and retrieves one model or answers 404', async () => {
    const whole = (await f.client.models.list({ limit: 100 })).data.map((m) => m.id);
    assert.deepEqual(
      (await all({ limit: 2 })).map((m) => m.id),
      whole,
    );
    const page = await f.client.models.list({ limit: 2, after_id: whole[1] });
    assert.deepEqual(
      page.data.map((m) => m.id),
      whole.slice(2, 4),
    );
    const back = await f.client.models.list({ limit: 2, before_id: whole[4] });
    assert.deepEqual(
      back.data.map((m) => m.id),
      whole.slice(2, 4),
    );
    assert.equal((await f.client.models.retrieve('claude-sonnet-4-5')).lifecycle, 'retired');
    await assert.rejects(f.client.models.retrieve('claude-nope'), NotFoundError);
  });

  it('serves the tiny test model with its small window', async () => {
    const tiny = await f.client.models.retrieve('claude-test-tiny');
    assert.equal(tiny.max_input_tokens, 2000);
    assert.equal((await all()).at(-1)?.id, 'claude-test-tiny');
  });

  it('takes ServerOptions.models as ids or full entries, and 404s every other model', async () => {
    const custom: ModelEntry = { ...CATALOGUE.find((m) => m.id === 'claude-sonnet-5-5')!, id: 'claude-custom-1', displayName: 'Custom', maxInputTokens: 5000 };
    const g = await fixture({ models: ['claude-sonnet-5-5', 'claude-legacy-x', custom] });
    try {
      const ids = (await g.client.models.list()).data.map((m) => m.id);
      assert.deepEqual(ids.sort(), ['claude-custom-1', 'claude-legacy-x', 'claude-sonnet-5-5']);
      assert.equal((await g.client.models.retrieve('claude-custom-1')).max_input_tokens, 5000);
      await assert.rejects(g.client.messages.create({ model: 'claude-opus-5-5', max_tokens: 5, messages: [{ role: 'user', content: 'x' }] }), NotFoundError);
      const legacy = await g.post('/v1/messages', {
        model: 'claude-legacy-x',
        max_tokens: 5,
        messages: [
          { role: 'user', content: 'x' },
          { role: 'assistant', content: 'pre' },
        ],
      });
      assert.equal(legacy.status, 200, 'an unknown id given by the caller gets permissive legacy rules');
    } finally {
      await g.server.close();
    }
  });
});

describe('strict server: the offline demo’s model list', () => {
  it('lists the real lineup without the local test models, which still answer when named', async () => {
    const f = await fixture({ demo: true });
    try {
      const ids: string[] = [];
      for await (const m of f.client.models.list()) ids.push(m.id);
      assert.ok(ids.includes('claude-sonnet-5-5'));
      assert.ok(!ids.some((id) => id.startsWith('claude-test-')), ids.join(', '));
      const answer = await f.client.messages.create({ model: 'claude-test-tiny', max_tokens: 200, messages: [{ role: 'user', content: 'Hi' }] });
      assert.equal(answer.type, 'message');
    } finally {
      await f.server.close();
    }
  });
});
