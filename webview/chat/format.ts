/** Small text formatters for figures shown in the chat. */
import type { MetricsView } from '../../src/shared/protocol/chatViews';

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/**
 * "TTFT 420 ms · 38 tok/s · 1,234 in · 5,000 cache read · 120 cache write · 567 out · $0.0123"
 * (parts that are known); a model without a price says "no price", never $0.
 */
export function formatMetrics(metrics: MetricsView): string {
  const parts: string[] = [];
  if (metrics.timeToFirstTokenMs !== undefined) parts.push(`TTFT ${integer.format(metrics.timeToFirstTokenMs)} ms`);
  parts.push(`${metrics.tokensPerSecond.toFixed(metrics.tokensPerSecond < 10 ? 1 : 0)} tok/s`);
  parts.push(`${integer.format(metrics.inputTokens)} in`);
  if (metrics.cacheReadTokens) parts.push(`${integer.format(metrics.cacheReadTokens)} cache read`);
  if (metrics.cacheWriteTokens) parts.push(`${integer.format(metrics.cacheWriteTokens)} cache write`);
  parts.push(`${integer.format(metrics.outputTokens)} out`);
  parts.push(metrics.costUsd !== undefined ? formatCost(metrics.costUsd) : 'no price');
  return parts.join(' · ');
}

/** Dollars with enough digits to show sub-cent costs: a chat turn often costs a tenth of a cent. */
export function formatCost(usd: number): string {
  if (!Number.isFinite(usd)) return '—';
  if (usd < 0.01) return `$${usd.toFixed(6).replace(/0{1,2}$/, '')}`;
  // Decided on the rounded figure, so $0.99999 reads "$1.00", not "$1.0000".
  return `$${usd.toFixed(Number(usd.toFixed(4)) < 1 ? 4 : 2)}`;
}
