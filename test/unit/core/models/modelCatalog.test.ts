import * as assert from 'node:assert/strict';
import type { ModelInfo } from '@anthropic-ai/sdk/resources/models';
import { BUNDLED_MODELS, bundledProfile } from '../../../../src/core/models/bundledModels';
import { ModelCatalog, modelChoiceView } from '../../../../src/core/models/modelCatalog';
import { acceptsSampling, modelGeneration, profileFromModelInfo } from '../../../../src/core/models/modelProfile';

const support = (supported: boolean) => ({ supported });
function info(id: string, extra: Partial<ModelInfo> = {}, efforts: string[] = ['low', 'medium', 'high']): ModelInfo {
  return {
    id,
    type: 'model',
    display_name: id.replace('claude-', 'Claude '),
    created_at: '2026-01-01T00:00:00Z',
    deprecated_at: null,
    retires_at: null,
    lifecycle: 'active',
    line: 'sonnet',
    max_input_tokens: 200_000,
    max_tokens: 64_000,
    capabilities: {
      batch: support(true),
      citations: support(true),
      code_execution: support(false),
      context_management: { supported: false, clear_thinking_20251015: null, clear_tool_uses_20250919: null, compact_20260112: null },
      effort: {
        supported: efforts.length > 0,
        low: support(efforts.includes('low')),
        medium: support(efforts.includes('medium')),
        high: support(efforts.includes('high')),
        max: support(efforts.includes('max')),
        xhigh: efforts.includes('xhigh') ? support(true) : null,
      },
      image_input: support(true),
      pdf_input: support(true),
      server_tools: { supported: false, code_execution: support(false), web_search: support(false) },
      structured_outputs: support(true),
      thinking: { supported: true, types: { adaptive: support(true), enabled: support(false), disabled: support(false), between_tools: support(true) } },
    },
    ...extra,
  };
}

describe('models', () => {
  it('reads limits, effort levels and thinking types from the Models API', () => {
    const profile = profileFromModelInfo(info('claude-sonnet-5-5', { max_tokens: 128_000, max_input_tokens: 1_000_000 }, ['low', 'high', 'xhigh']));
    assert.equal(profile.maxTokens, 128_000);
    assert.equal(profile.maxInputTokens, 1_000_000);
    assert.deepEqual(profile.effortLevels, ['low', 'high', 'xhigh']);
    assert.deepEqual(profile.thinking, { adaptive: true, enabled: false, disabled: false });
    assert.equal(profile.source, 'api');
  });

  it('falls back to the bundled table for a model the API lists without capabilities', () => {
    const profile = profileFromModelInfo(info('claude-sonnet-5-5', { capabilities: null }), bundledProfile('claude-sonnet-5-5'));
    assert.deepEqual(profile.effortLevels, ['low', 'medium', 'high', 'xhigh', 'max']);
    assert.equal(profile.thinking.adaptive, true);
  });

  it('defaults to the current Sonnet, which the bundled table lists with its limits', () => {
    const sonnet = bundledProfile('claude-sonnet-5-5');
    assert.equal(sonnet?.maxTokens, 128_000);
    assert.equal(bundledProfile('claude-haiku-4-5-20251001')?.maxTokens, 64_000, 'a dated snapshot of a known alias');
    assert.ok(BUNDLED_MODELS.every((m) => m.lifecycle !== 'retired'));
  });

  it('lists current models first, older ones after, deprecated ones last with their retirement date, and hides retired ones', () => {
    const catalog = new ModelCatalog();
    catalog.setListed([
      profileFromModelInfo(info('claude-sonnet-5', { created_at: '2026-06-30T00:00:00Z' })),
      profileFromModelInfo(info('claude-opus-4-5', { line: 'opus', lifecycle: 'deprecated', retires_at: '2027-01-22T00:00:00Z', created_at: '2025-11-01T00:00:00Z' })),
      profileFromModelInfo(info('claude-sonnet-4-5', { lifecycle: 'retired' })),
      profileFromModelInfo(info('claude-sonnet-5-5', { created_at: '2026-09-28T00:00:00Z' })),
      profileFromModelInfo(info('claude-opus-5-5', { line: 'opus', created_at: '2026-09-28T00:00:00Z' })),
    ]);
    const options = catalog.options();
    assert.deepEqual(
      options.map((o) => o.id),
      ['claude-sonnet-5-5', 'claude-opus-5-5', 'claude-sonnet-5', 'claude-opus-4-5'],
    );
    assert.deepEqual(
      options.map((o) => o.note),
      [undefined, undefined, 'legacy', 'deprecated, retires 22 Jan 2027'],
    );
    assert.equal(catalog.successor('claude-opus-4-5')?.id, 'claude-opus-5-5');
    assert.equal(catalog.successor('claude-sonnet-5-5'), undefined);
    assert.equal(catalog.isListed('claude-sonnet-4-5'), false);
  });

  it('says when the configured model is not in the list, and offers only its effort levels', () => {
    const catalog = new ModelCatalog();
    const unknown = modelChoiceView(catalog, 'claude-typo-5', 'high');
    assert.equal(unknown.selectedListed, false);
    assert.deepEqual(unknown.effortLevels, []);
    assert.equal(unknown.effort, '', 'a level the model does not list is not shown as chosen');
    const haiku45 = modelChoiceView(catalog, 'claude-haiku-4-5', 'high');
    assert.deepEqual(haiku45.effortLevels, []);
    const sonnet = modelChoiceView(catalog, 'claude-sonnet-5-5', 'max');
    assert.equal(sonnet.effort, 'max');
    assert.equal(sonnet.defaultEffort, 'high');
  });

  it('knows which generations take sampling parameters at all', () => {
    assert.equal(modelGeneration('claude-3-5-sonnet-20241022'), 3);
    assert.equal(modelGeneration('claude-opus-4-6'), 4);
    assert.equal(modelGeneration('claude-fable-5-2'), 5);
    assert.equal(acceptsSampling('claude-sonnet-4-6'), true);
    assert.equal(acceptsSampling('claude-sonnet-5-5'), false);
    assert.equal(acceptsSampling('my-gateway-model'), false);
  });
});
