import type { ClaudeStreamConfig } from '../config';
import type { Clock } from '../ports';
import { priceFor } from './pricing';

/** What keeping the prompt cache warm needs: the settings, the learned system text and the time. */
export interface PromptCacheDeps {
  config(): ClaudeStreamConfig;
  /** Extra system text, such as learned preferences; read once per conversation. */
  systemSuffix?(): string | undefined;
  now: Clock;
}

/**
 * Keeps the chat's prompt cache worth having: the system suffix is fixed at a conversation's
 * first request, so a background summary that changes the learned preferences does not break
 * the cached prefix, and a model switch that would throw a warm cache away is warned about.
 */
export class PromptCache {
  private pinnedSuffix: { conversationId: string; value: string | undefined } | undefined;
  /** The last answer's model, end and prompt size, to price a model switch. */
  private lastAnswer: { conversationId: string; model: string; at: number; promptTokens: number } | undefined;

  constructor(private readonly deps: PromptCacheDeps) {}

  /** The system suffix of the conversation, fixed at its first request. */
  systemSuffix(conversationId: string): string | undefined {
    if (this.pinnedSuffix?.conversationId !== conversationId) this.pinnedSuffix = { conversationId, value: this.deps.systemSuffix?.() };
    return this.pinnedSuffix.value;
  }

  /** Forgets the fixed suffix: the user applied a change to it. */
  refresh(): void {
    this.pinnedSuffix = undefined;
  }

  /** Notes an answer that ended with `promptTokens` in its window (its prompt and its output). */
  answered(conversationId: string, model: string, promptTokens: number): void {
    this.lastAnswer = { conversationId, model, at: this.deps.now(), promptTokens };
  }

  /**
   * Why switching the conversation to `model` costs more, when it does: the cache is per model,
   * so a warm cache is thrown away and the next answer pays full input price for the history.
   */
  switchWarning(conversationId: string, model: string): string | undefined {
    const last = this.lastAnswer;
    const config = this.deps.config();
    if (!last || last.conversationId !== conversationId || last.model === model || config.cache.ttl === 'off') return undefined;
    const ttlMs = config.cache.ttl === '1h' ? 3_600_000 : 300_000;
    if (this.deps.now() - last.at > ttlMs) return undefined;
    const price = priceFor(model, last.promptTokens);
    const extra = price ? ` (about $${((last.promptTokens * (price.cacheWrite5m - price.cacheRead)) / 1e6).toFixed(4)} more than a cache hit)` : '';
    return `Switching to ${model} throws away this conversation's prompt cache: the next answer pays full price to re-read about ${last.promptTokens.toLocaleString('en-US')} tokens${extra}.`;
  }
}
