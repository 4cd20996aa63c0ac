/** Small text formatters for the Insights view; pure, so their output is predictable. */

/** "1 record", "3 records". */
export function plural(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`;
}

/** A sentiment value with its sign, e.g. "+0.32" or "-0.10". */
export function signed(value: number): string {
  const fixed = value.toFixed(2);
  return value > 0 && fixed !== '0.00' ? `+${fixed}` : fixed === '-0.00' ? '0.00' : fixed;
}

/** Milliseconds as "850 ms" or "1.2 s". */
export function duration(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  // The unit follows the rounded figure, so 999.6 ms is "1.0 s" and 9,999 ms is "10 s".
  if (Math.round(ms) < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  return `${seconds.toFixed(Number(seconds.toFixed(1)) < 10 ? 1 : 0)} s`;
}

/** Trend as an arrow and a word. */
export function trendText(trend: 'rising' | 'falling' | 'steady'): string {
  return { rising: '↗ rising', falling: '↘ falling', steady: '→ steady' }[trend];
}
