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
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}

/** Trend as an arrow and a word. */
export function trendText(trend: 'rising' | 'falling' | 'steady'): string {
  return { rising: '↗ rising', falling: '↘ falling', steady: '→ steady' }[trend];
}
