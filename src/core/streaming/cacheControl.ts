import type { CacheControlEphemeral } from '@anthropic-ai/sdk/resources/messages';

/**
 * Prompt-cache lifetimes the user can choose (`claudeStream.cache.ttl`). The API offers a
 * 5-minute and a 1-hour ephemeral cache; `off` sends no `cache_control` at all.
 * Source: platform.claude.com, "Prompt caching" (automatic caching, `ttl`), Dec 2026.
 */
const CACHE_TTLS = ['5m', '1h', 'off'] as const;

/** One of `CACHE_TTLS`. */
export type CacheTtl = (typeof CACHE_TTLS)[number];

/** The default: a 5-minute cache, which costs 1.25× input to write and 0.1× (or less) to read. */
export const DEFAULT_CACHE_TTL: CacheTtl = '5m';

/** True for a value `claudeStream.cache.ttl` accepts. */
export function isCacheTtl(value: unknown): value is CacheTtl {
  return typeof value === 'string' && (CACHE_TTLS as readonly string[]).includes(value);
}

/**
 * The request's top-level `cache_control`: the API then places the breakpoint on the last
 * cacheable block itself, so each turn reads the prefix the previous turn wrote and writes
 * only what is new. Spread into the request body; empty when caching is off.
 */
export function cacheControlFor(ttl: CacheTtl | undefined): { cache_control?: CacheControlEphemeral } {
  if (ttl === undefined || ttl === 'off') return {};
  return { cache_control: { type: 'ephemeral', ttl } };
}
