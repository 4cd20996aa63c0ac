/**
 * The prompt cache, as https://platform.claude.com/docs/en/build-with-claude/prompt-caching
 * describes it: a breakpoint (a block's cache_control, or the top-level one, which lands on the
 * last block) caches the exact prefix up to it, per model, if the prefix reaches the model's
 * minimum cacheable length; a later request reads the longest stored prefix found at most 20
 * blocks before one of its breakpoints; an entry lives 5 minutes (or 1 hour) and each hit
 * refreshes it. The clock is injectable so tests can show a hit, a miss and an expiry.
 */
import { createHash } from 'node:crypto';
import type { ModelEntry } from './models';
import type { PromptBlock } from './tokens';

/** How a request's input tokens split between the cache and fresh input. */
export interface CacheUsage {
  inputTokens: number;
  cacheReadInputTokens: number;
  cacheCreationInputTokens: number;
  ephemeral5mInputTokens: number;
  ephemeral1hInputTokens: number;
}

const TTL_MS = { '5m': 5 * 60_000, '1h': 60 * 60_000 } as const;
// "The system automatically checks for cache hits at all previous content block positions
// (up to 20 blocks before your explicit breakpoint)" (prompt-caching, "cache limitations").
const LOOKBACK_BLOCKS = 20;

/** A per-server prompt cache. */
export class PromptCache {
  private readonly entries = new Map<string, { expiresAt: number; ttlMs: number }>();

  constructor(private readonly now: () => number) {}

  /** Forgets every entry. */
  clear(): void {
    this.entries.clear();
  }

  /**
   * Reads and writes the cache for one request and returns its usage split. `topLevelTtl` is
   * the request's top-level cache_control (automatic caching), if any.
   */
  use(model: ModelEntry, blocks: PromptBlock[], topLevelTtl: '5m' | '1h' | undefined, write = true): CacheUsage {
    const total = blocks.reduce((n, b) => n + b.tokens, 0);
    const ttls = blocks.map((b) => b.ttl);
    if (topLevelTtl && blocks.length > 0 && !ttls[blocks.length - 1]) ttls[blocks.length - 1] = topLevelTtl;
    const hashes: string[] = [];
    const cumulative: number[] = [];
    let hash = createHash('sha256').update(model.id).digest('hex');
    let sum = 0;
    for (const block of blocks) {
      hash = createHash('sha256').update(hash).update(block.key).digest('hex');
      sum += block.tokens;
      hashes.push(hash);
      cumulative.push(sum);
    }
    const breakpoints = ttls.flatMap((t, i) => (t ? [i] : []));
    const now = this.now();
    const live = (i: number): boolean => (this.entries.get(hashes[i])?.expiresAt ?? -1) > now;

    let read = -1;
    for (const b of breakpoints) {
      for (let i = b; i >= Math.max(0, b - LOOKBACK_BLOCKS); i--) {
        if (live(i)) {
          read = Math.max(read, i);
          break;
        }
      }
    }
    if (read >= 0) {
      const entry = this.entries.get(hashes[read])!;
      entry.expiresAt = now + entry.ttlMs;
    }
    const usage: CacheUsage = {
      inputTokens: 0,
      cacheReadInputTokens: read >= 0 ? cumulative[read] : 0,
      cacheCreationInputTokens: 0,
      ephemeral5mInputTokens: 0,
      ephemeral1hInputTokens: 0,
    };
    let covered = read;
    for (const b of breakpoints) {
      if (b <= covered || cumulative[b] < model.minCacheTokens) continue;
      const ttl = ttls[b]!;
      const written = cumulative[b] - (covered >= 0 ? cumulative[covered] : 0);
      usage.cacheCreationInputTokens += written;
      if (ttl === '1h') usage.ephemeral1hInputTokens += written;
      else usage.ephemeral5mInputTokens += written;
      if (write) this.entries.set(hashes[b], { expiresAt: now + TTL_MS[ttl], ttlMs: TTL_MS[ttl] });
      covered = b;
    }
    usage.inputTokens = Math.max(0, total - usage.cacheReadInputTokens - usage.cacheCreationInputTokens);
    if (usage.inputTokens + usage.cacheReadInputTokens + usage.cacheCreationInputTokens === 0) usage.inputTokens = 1;
    return usage;
  }
}
