import * as assert from 'node:assert/strict';
import { readConfig, toStreamSettings, DEFAULT_MODEL } from '../../../src/core/config';

describe('config', () => {
  const from = (values: Record<string, unknown>) => readConfig((key) => values[key]);

  it('uses the documented defaults when nothing is set', () => {
    const config = from({});
    assert.equal(config.model, DEFAULT_MODEL);
    assert.equal(config.model, 'claude-sonnet-5-5');
    assert.equal(config.maxTokens, 32_000);
    assert.equal(config.temperature, undefined, 'no sampling default: API version 2026-10-21 rejects it');
    assert.equal(config.topP, undefined);
    assert.equal(config.apiVersion, undefined, 'the SDK’s own version');
    assert.equal(config.effort, undefined, 'the model’s own effort');
    assert.equal(config.baseUrl, undefined);
    assert.deepEqual(config.retry, { maxRetries: 3, backoffMs: 1000 });
    assert.equal(config.analysis.threshold, 50);
    assert.deepEqual(config.learning, { enabled: true, batchSize: 100, storeContent: true, applyToPrompts: false, maxStorageMB: 100 });
  });

  it('strips a trailing slash from baseUrl so the SDK appends /v1 once', () => {
    assert.equal(from({ baseUrl: 'http://127.0.0.1:9/ ' }).baseUrl, 'http://127.0.0.1:9');
  });

  it('falls back to defaults for values the API would reject', () => {
    const config = from({ maxTokens: -5, temperature: 3, topP: 7, 'retry.maxRetries': 99, model: '  ' });
    assert.equal(config.maxTokens, 32_000);
    assert.equal(config.temperature, undefined);
    assert.equal(config.topP, undefined);
    assert.equal(config.retry.maxRetries, 3);
    assert.equal(config.model, DEFAULT_MODEL);
  });

  it('takes only effort levels and API versions that exist', () => {
    assert.equal(from({ effort: 'xhigh' }).effort, 'xhigh');
    assert.equal(from({ effort: 'extreme' }).effort, undefined);
    assert.equal(from({ effort: '' }).effort, undefined);
    assert.equal(from({ apiVersion: '2023-06-01' }).apiVersion, '2023-06-01');
    assert.equal(from({ apiVersion: 'latest' }).apiVersion, undefined);
  });

  it('keeps topP only when the user set it', () => {
    assert.equal(toStreamSettings(from({ topP: 0.9 })).topP, 0.9);
    assert.equal(toStreamSettings(from({})).topP, undefined);
  });
});
