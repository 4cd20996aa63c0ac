import * as assert from 'node:assert/strict';
import { bundledProfile } from '../../../../src/core/models/bundledModels';
import { buildParams, IMAGES_LEFT_OUT, toMessageParam } from '../../../../src/core/streaming/requestParams';
import type { StreamRequest, StreamSettings } from '../../../../src/core/streaming/types';

const base: StreamSettings = { model: 'claude-sonnet-5-5', maxTokens: 32_000, maxRetries: 0, backoffMs: 0, idleTimeoutMs: 1000 };
const build = (settings: Partial<StreamSettings>, systemSuffix?: string) => {
  const request: StreamRequest = { messages: [{ role: 'user', content: 'Hi' }], settings: { ...base, ...settings }, systemSuffix };
  return buildParams(request, [{ role: 'user', content: 'Hi' }]) as unknown as Record<string, unknown>;
};

describe('request parameters', () => {
  it('asks Sonnet 5.5 to think adaptively with summarized thinking, so the user sees it stream', () => {
    const params = build({ profile: bundledProfile('claude-sonnet-5-5') });
    assert.deepEqual(params.thinking, { type: 'adaptive', display: 'summarized' });
  });

  it('never asks a model for a thinking type it does not list: Haiku 4.5 takes only budgeted thinking, so nothing is sent', () => {
    assert.equal('thinking' in build({ model: 'claude-haiku-4-5', profile: bundledProfile('claude-haiku-4-5') }), false);
  });

  it('sends no thinking, effort or sampling to a model the catalogue does not know', () => {
    const params = build({ model: 'claude-gateway-alias', effort: 'high', temperature: 0.2, apiVersion: '2023-06-01' });
    assert.deepEqual(Object.keys(params).sort(), ['max_tokens', 'messages', 'model']);
  });

  it('sends an effort level only when the model lists it', () => {
    assert.deepEqual(build({ effort: 'xhigh', profile: bundledProfile('claude-sonnet-5-5') }).output_config, { effort: 'xhigh' });
    // Opus 4.6 has no xhigh level.
    assert.equal('output_config' in build({ model: 'claude-opus-4-6', effort: 'xhigh', profile: bundledProfile('claude-opus-4-6') }), false);
    assert.equal('output_config' in build({ model: 'claude-haiku-4-5', effort: 'low', profile: bundledProfile('claude-haiku-4-5') }), false);
  });

  it('keeps max_tokens at or under the model’s own limit', () => {
    assert.equal(build({ model: 'claude-haiku-4-5', maxTokens: 200_000, profile: bundledProfile('claude-haiku-4-5') }).max_tokens, 64_000);
    assert.equal(build({ maxTokens: 2000, profile: bundledProfile('claude-sonnet-5-5') }).max_tokens, 2000);
  });

  it('sends no sampling under the SDK’s API version, and under 2023-06-01 only to models before generation 5', () => {
    for (const field of ['temperature', 'top_p', 'top_k']) assert.equal(field in build({ temperature: 0.7, topP: 0.9 }), false, field);
    assert.equal(build({ model: 'claude-sonnet-4-6', temperature: 0.2, apiVersion: '2023-06-01' }).temperature, 0.2);
    assert.equal('temperature' in build({ model: 'claude-sonnet-5', temperature: 0.2, apiVersion: '2023-06-01' }), false);
  });

  it('joins the system prompt and the learned-preferences note', () => {
    assert.equal(build({ systemPrompt: 'Be brief.' }, 'Prefers TypeScript.').system, 'Be brief.\n\nPrefers TypeScript.');
    assert.equal('system' in build({ systemPrompt: '  ' }), false);
  });

  it('sends an earlier answer’s thinking blocks unchanged, before its text', () => {
    const blocks = [
      { type: 'thinking' as const, thinking: 'Consider the user.', signature: 'sig-1' },
      { type: 'redacted_thinking' as const, data: 'opaque' },
    ];
    assert.deepEqual(toMessageParam({ role: 'assistant', content: 'Answer.', thinkingBlocks: blocks }), {
      role: 'assistant',
      content: [...blocks, { type: 'text', text: 'Answer.' }],
    });
    assert.deepEqual(toMessageParam({ role: 'assistant', content: 'Plain.' }), { role: 'assistant', content: 'Plain.' });
  });

  it('leaves a turn’s images out, with a note, for a model that does not take images, and sends them to one that does', () => {
    const turn = { role: 'user' as const, content: 'What does this error say?', images: [{ mediaType: 'image/png' as const, data: 'iVBORw0KGgo=' }] };
    assert.deepEqual(toMessageParam(turn, false), { role: 'user', content: `What does this error say?\n\n${IMAGES_LEFT_OUT}` });
    assert.deepEqual(toMessageParam(turn).content, [
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
      { type: 'text', text: 'What does this error say?' },
    ]);
  });
});
