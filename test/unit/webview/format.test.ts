import * as assert from 'node:assert/strict';
import { formatCost, formatMetrics } from '../../../webview/chat/format';
import { tokenLabel } from '../../../webview/chat/contextChips';
import { dollars } from '../../../webview/insights/costSection';
import { duration, plural, signed, trendText } from '../../../webview/insights/format';

describe('chat figures', () => {
  it('shows a sub-cent cost with its significant digits, never as $0.00', () => {
    assert.equal(formatCost(0.004), '$0.0040');
    assert.equal(formatCost(0.0004), '$0.0004');
    assert.equal(formatCost(0.00001), '$0.00001');
    assert.equal(formatCost(0.009999), '$0.009999');
    assert.equal(formatCost(0), '$0.0000');
  });

  it('shows cents to four places below a dollar and to two from a dollar up', () => {
    assert.equal(formatCost(0.0123), '$0.0123');
    assert.equal(formatCost(0.5), '$0.5000');
    assert.equal(formatCost(1), '$1.00');
    assert.equal(formatCost(12.345), '$12.35');
  });

  it('shows a cost that rounds up to a dollar as $1.00, not $1.0000', () => {
    assert.equal(formatCost(0.99999), '$1.00');
  });

  it('shows a dash, not "$NaN", for a cost that is not a number', () => {
    assert.equal(formatCost(Number.NaN), '—');
    assert.equal(formatCost(Number.POSITIVE_INFINITY), '—');
  });

  it('writes the metrics line with thousands separators and only the parts that are known', () => {
    assert.equal(
      formatMetrics({ timeToFirstTokenMs: 1420, tokensPerSecond: 38.4, inputTokens: 1234, outputTokens: 567, cacheReadTokens: 5000, cacheWriteTokens: 120, costUsd: 0.0123 }),
      'TTFT 1,420 ms · 38 tok/s · 1,234 in · 5,000 cache read · 120 cache write · 567 out · $0.0123',
    );
    assert.equal(formatMetrics({ tokensPerSecond: 7.25, inputTokens: 12, outputTokens: 3, cacheReadTokens: 0 }), '7.3 tok/s · 12 in · 3 out · no price');
  });

  it('says "no price" for a model without one, and $0 only for a real zero cost', () => {
    const base = { tokensPerSecond: 50, inputTokens: 1_000_000, outputTokens: 2_500_000 };
    assert.match(formatMetrics(base), / · 1,000,000 in · 2,500,000 out · no price$/);
    assert.match(formatMetrics({ ...base, costUsd: 0 }), / · \$0\.0000$/);
  });

  it('labels token counts in words, compact from a thousand up', () => {
    assert.equal(tokenLabel(0), '0 tokens');
    assert.equal(tokenLabel(1), '1 token');
    assert.equal(tokenLabel(999), '999 tokens');
    assert.equal(tokenLabel(1000), '1K tokens');
    assert.equal(tokenLabel(1250), '1.3K tokens');
    assert.equal(tokenLabel(99_999), '100K tokens');
    assert.equal(tokenLabel(1_500_000_000), '1.5B tokens');
  });
});

describe('Insights figures', () => {
  it('counts with thousands separators and a plural only when not one', () => {
    assert.equal(plural(0, 'record'), '0 records');
    assert.equal(plural(1, 'record'), '1 record');
    assert.equal(plural(1_234_567, 'answer'), '1,234,567 answers');
  });

  it('signs a sentiment value, and never shows a minus on a value that rounds to zero', () => {
    assert.equal(signed(0.32), '+0.32');
    assert.equal(signed(-0.1), '-0.10');
    assert.equal(signed(1), '+1.00');
    assert.equal(signed(0), '0.00');
    assert.equal(signed(0.004), '0.00');
    assert.equal(signed(-0.004), '0.00');
  });

  it('shows durations in ms below a second and in seconds above', () => {
    assert.equal(duration(0), '0 ms');
    assert.equal(duration(849.6), '850 ms');
    assert.equal(duration(1000), '1.0 s');
    assert.equal(duration(1234), '1.2 s');
    assert.equal(duration(12_345), '12 s');
    assert.equal(duration(3_600_000), '3600 s');
  });

  it('switches unit where the rounded figure does, never "1000 ms" or "10.0 s"', () => {
    assert.equal(duration(999.4), '999 ms');
    assert.equal(duration(999.6), '1.0 s');
    assert.equal(duration(9949), '9.9 s');
    assert.equal(duration(9999), '10 s');
  });

  it('shows a dash, not "NaN s", for a duration that is not a number', () => {
    assert.equal(duration(Number.NaN), '—');
    assert.equal(duration(Number.POSITIVE_INFINITY), '—');
  });

  it('marks the trend with an arrow and a word', () => {
    assert.equal(trendText('rising'), '↗ rising');
    assert.equal(trendText('falling'), '↘ falling');
    assert.equal(trendText('steady'), '→ steady');
  });

  it('shows money with sub-cent digits and a real minus sign for a negative saving', () => {
    assert.equal(dollars(0), '$0.0000');
    assert.equal(dollars(0.004), '$0.0040');
    assert.equal(dollars(0.0123), '$0.01');
    assert.equal(dollars(12.345), '$12.35');
    assert.equal(dollars(-0.004), '−$0.0040');
    assert.equal(dollars(-5), '−$5.00');
  });

  it('shows a dash, not "$NaN", for money that is not a number', () => {
    assert.equal(dollars(Number.NaN), '—');
  });
});
