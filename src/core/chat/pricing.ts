import type { Usage } from '../streaming/types';

/**
 * Published list prices of the Claude API, US dollars per million tokens (MTok).
 *
 * Sources, read 2026-12-02:
 * - platform.claude.com/docs/en/about-claude/pricing ("Model pricing": base input, 5m cache
 *   writes, 1h cache writes, cache hits and refreshes, output), for every model up to Opus 5
 *   and Fable 5.1, and for the Claude 3 / 3.5 / 3.7 models;
 * - the model overview pages (platform.claude.com/docs/.../models/<model>/overview,
 *   "Pricing"), for Opus 5.5 ($4 / $5 / $8 / $0.20 / $20), Sonnet 5 ($2 / $2.50 / $4 /
 *   $0.20 / $10) and Haiku 5.5, which is priced in two bands by the prompt's size (input +
 *   cache reads + cache writes): up to 100,000 tokens, and above;
 * - Sonnet 5.5 as Sonnet 5 but with cache reads at $0.10: the English Sonnet 5.5 migration
 *   guide ("half the Claude Sonnet 5 rate") and price lists audited against the live pricing
 *   page give the cut of 2026-10-07; a translated model card still shows the older $0.20.
 * Fable 5.2 is left out: its price was found only on third-party pages, so it shows "no price".
 */
export interface ModelPrice {
  input: number;
  output: number;
  cacheWrite5m: number;
  cacheWrite1h: number;
  cacheRead: number;
}

interface PriceRow {
  /** Model ids (or id prefixes before a date suffix) this row prices; longest match wins. */
  ids: readonly string[];
  price: ModelPrice;
  /** A higher band for prompts above `threshold` tokens. */
  longPrompt?: { threshold: number; price: ModelPrice };
}

const p = (input: number, cacheWrite5m: number, cacheWrite1h: number, cacheRead: number, output: number): ModelPrice => ({ input, output, cacheWrite5m, cacheWrite1h, cacheRead });

const PRICE_ROWS: readonly PriceRow[] = [
  { ids: ['claude-fable-5-1', 'claude-mythos-5-1'], price: p(10, 12.5, 20, 0.25, 50) },
  { ids: ['claude-fable-5', 'claude-mythos-5'], price: p(10, 12.5, 20, 1, 50) },
  { ids: ['claude-opus-5-5'], price: p(4, 5, 8, 0.2, 20) },
  { ids: ['claude-opus-5', 'claude-opus-4-8', 'claude-opus-4-7', 'claude-opus-4-6', 'claude-opus-4-5'], price: p(5, 6.25, 10, 0.5, 25) },
  { ids: ['claude-opus-4-1', 'claude-opus-4', 'claude-3-opus'], price: p(15, 18.75, 30, 1.5, 75) },
  { ids: ['claude-sonnet-5-5'], price: p(2, 2.5, 4, 0.1, 10) },
  { ids: ['claude-sonnet-5'], price: p(2, 2.5, 4, 0.2, 10) },
  {
    ids: ['claude-sonnet-4-6', 'claude-sonnet-4-5', 'claude-sonnet-4', 'claude-3-7-sonnet', 'claude-3-5-sonnet'],
    price: p(3, 3.75, 6, 0.3, 15),
  },
  {
    ids: ['claude-haiku-5-5'],
    price: p(0.1, 0.125, 0.2, 0.01, 0.5),
    longPrompt: { threshold: 100_000, price: p(0.5, 0.625, 1, 0.05, 2.5) },
  },
  { ids: ['claude-haiku-4-5'], price: p(1, 1.25, 2, 0.1, 5) },
  { ids: ['claude-3-5-haiku'], price: p(0.8, 1, 1.6, 0.08, 4) },
  { ids: ['claude-3-haiku'], price: p(0.25, 0.3, 0.5, 0.03, 1.25) },
];

/** Every id the table knows, longest first, so `claude-sonnet-5-5` is found before `claude-sonnet-5`. */
const INDEX: ReadonlyArray<{ id: string; row: PriceRow }> = PRICE_ROWS.flatMap((row) => row.ids.map((id) => ({ id, row }))).sort((a, b) => b.id.length - a.id.length);

function rowFor(model: string): PriceRow | undefined {
  const id = model
    .trim()
    .toLowerCase()
    .replace(/\[1m\]$/, '');
  // An exact id, or the id with a date (claude-sonnet-4-5-20250929) or `-latest`; never a
  // longer version number, so an unknown `claude-sonnet-5-7` is not priced as Sonnet 5.
  return INDEX.find((e) => id === e.id || (id.startsWith(`${e.id}-`) && /^(?:\d{8}|latest)$/.test(id.slice(e.id.length + 1))))?.row;
}

/** The model's prices for a prompt of `promptTokens`, or undefined when the table has none. */
export function priceFor(model: string, promptTokens = 0): ModelPrice | undefined {
  const row = rowFor(model);
  if (!row) return undefined;
  return row.longPrompt && promptTokens > row.longPrompt.threshold ? row.longPrompt.price : row.price;
}

/** The parts of a bill, in US dollars. */
export interface Cost {
  total: number;
  /** What the same tokens would have cost with no cache: all input at the base price. */
  uncached: number;
  /** `uncached - total`; negative when writes cost more than reads saved (a one-turn chat). */
  savedByCache: number;
}

/**
 * The cost of `usage` on `model`, or undefined when the model has no published price: the
 * UI then says "no price", never $0.
 */
export function costOf(model: string, usage: Usage): Cost | undefined {
  const read = usage.cacheReadTokens ?? 0;
  const w5 = usage.cacheWrite5mTokens ?? 0;
  const w1 = usage.cacheWrite1hTokens ?? 0;
  const price = priceFor(model, usage.promptTokens ?? usage.inputTokens + read + w5 + w1);
  if (!price) return undefined;
  const total = (usage.inputTokens * price.input + read * price.cacheRead + w5 * price.cacheWrite5m + w1 * price.cacheWrite1h + usage.outputTokens * price.output) / 1_000_000;
  const uncached = ((usage.inputTokens + read + w5 + w1) * price.input + usage.outputTokens * price.output) / 1_000_000;
  return { total, uncached, savedByCache: uncached - total };
}
