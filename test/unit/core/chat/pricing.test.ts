import * as assert from 'node:assert/strict';
import { costOf, priceFor } from '../../../../src/core/chat/pricing';

describe('The price table', () => {
  it('prices Sonnet 5 and 5.5 at the published $2 in / $10 out with $2.50 and $4 cache writes; Sonnet 5.5 reads the cache at half the rate', () => {
    assert.deepEqual(priceFor('claude-sonnet-5'), { input: 2, output: 10, cacheWrite5m: 2.5, cacheWrite1h: 4, cacheRead: 0.2 });
    assert.deepEqual(priceFor('claude-sonnet-5-5'), { input: 2, output: 10, cacheWrite5m: 2.5, cacheWrite1h: 4, cacheRead: 0.1 });
  });

  it('prices Opus 5.5 at $4 / $20 and the Claude 3 models at their own rates', () => {
    assert.deepEqual(priceFor('claude-opus-5-5'), { input: 4, output: 20, cacheWrite5m: 5, cacheWrite1h: 8, cacheRead: 0.2 });
    assert.equal(priceFor('claude-3-haiku-20240307')?.input, 0.25);
    assert.equal(priceFor('claude-3-haiku-20240307')?.cacheRead, 0.03);
    assert.equal(priceFor('claude-3-5-haiku-20241022')?.output, 4);
    assert.equal(priceFor('claude-3-opus-20240229')?.output, 75);
    assert.equal(priceFor('claude-opus-4-1-20250805')?.input, 15);
    assert.equal(priceFor('claude-opus-4-6')?.input, 5);
  });

  it('finds a dated id under its model, but never prices an unknown newer version as an older one', () => {
    assert.equal(priceFor('claude-sonnet-4-5-20250929')?.input, 3);
    assert.equal(priceFor('claude-sonnet-5-7'), undefined);
    assert.equal(priceFor('gpt-6-sol'), undefined);
  });

  it('says nothing (no price), never $0, for a model it does not know', () => {
    assert.equal(costOf('claude-test-tiny', { inputTokens: 1000, outputTokens: 1000 }), undefined);
  });

  it('bills uncached input, cache reads, both cache writes and output each at its own price', () => {
    const cost = costOf('claude-sonnet-5-5', {
      inputTokens: 1_000,
      cacheReadTokens: 100_000,
      cacheWrite5mTokens: 2_000,
      cacheWrite1hTokens: 500,
      outputTokens: 300,
    });
    assert.ok(cost);
    const expected = (1_000 * 2 + 100_000 * 0.1 + 2_000 * 2.5 + 500 * 4 + 300 * 10) / 1e6;
    assert.equal(cost.total, expected);
    assert.equal(cost.uncached, ((1_000 + 100_000 + 2_000 + 500) * 2 + 300 * 10) / 1e6);
    assert.ok(cost.savedByCache > 0);
  });

  it('bills Haiku 5.5 at its higher band once the prompt passes 100,000 tokens', () => {
    const small = costOf('claude-haiku-5-5', { inputTokens: 100_000, outputTokens: 0 });
    const large = costOf('claude-haiku-5-5', { inputTokens: 100_001, outputTokens: 0 });
    assert.equal(small?.total, (100_000 * 0.1) / 1e6);
    assert.equal(large?.total, (100_001 * 0.5) / 1e6);
  });
});
