import * as assert from 'node:assert/strict';
import { formatCost, formatMetrics, formatWhen } from '../../../webview/chat/format';
import { tokenLabel } from '../../../webview/chat/contextChips';
import { dollars } from '../../../webview/insights/costSection';
import { duration, plural, relativeTime, signed, trendText } from '../../../webview/insights/format';

const NOW = Date.UTC(2026, 4, 10, 12);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

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

  it('dates history entries as "just now", minutes, hours, "yesterday", then a date', () => {
    assert.equal(formatWhen(NOW, NOW), 'just now');
    assert.equal(formatWhen(NOW - 29_000, NOW), 'just now');
    assert.equal(formatWhen(NOW - 3 * MINUTE, NOW), '3 min ago');
    assert.equal(formatWhen(NOW - 59 * MINUTE, NOW), '59 min ago');
    assert.equal(formatWhen(NOW - 90 * MINUTE, NOW), '2 h ago');
    assert.equal(formatWhen(NOW - 23 * HOUR, NOW), '23 h ago');
    assert.equal(formatWhen(NOW - 30 * HOUR, NOW), 'yesterday');
    const older = formatWhen(NOW - 10 * DAY, NOW);
    assert.equal(older, new Date(NOW - 10 * DAY).toLocaleDateString());
    assert.match(older, /2026/);
  });

  it('says "just now" for a conversation stamped slightly in the future (clock skew)', () => {
    assert.equal(formatWhen(NOW + 2 * MINUTE, NOW), 'just now');
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
  it('says how long ago in words, singular and plural', () => {
    assert.equal(relativeTime(NOW - 30_000, NOW), 'just now');
    assert.equal(relativeTime(NOW - MINUTE, NOW), '1 minute ago');
    assert.equal(relativeTime(NOW - 5 * MINUTE, NOW), '5 minutes ago');
    assert.equal(relativeTime(NOW - HOUR, NOW), '1 hour ago');
    assert.equal(relativeTime(NOW - 3 * HOUR, NOW), '3 hours ago');
    assert.equal(relativeTime(NOW - 2 * DAY, NOW), '2 days ago');
    assert.equal(relativeTime(NOW - 70 * DAY, NOW), new Date(NOW - 70 * DAY).toLocaleDateString());
  });

  it('tolerates a minute of clock skew, then says "in the future"', () => {
    assert.equal(relativeTime(NOW + 30_000, NOW), 'just now');
    assert.equal(relativeTime(NOW + 2 * MINUTE, NOW), 'in the future');
  });

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
