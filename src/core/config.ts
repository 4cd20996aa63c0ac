import { EFFORT_LEVELS, type EffortLevel } from './models/modelProfile';
import type { ModelSettings, StreamSettings } from './streaming/types';
import { DEFAULT_CACHE_TTL, isCacheTtl, type CacheTtl } from './streaming/cacheControl';

/**
 * The whole user configuration as one typed object. Built from a raw getter so the shell
 * can feed it `WorkspaceConfiguration.get` and tests can feed it a plain object.
 * Invalid values fall back to defaults rather than reaching the API.
 */
export interface ClaudeStreamConfig extends ModelSettings {
  baseUrl?: string;
  systemPrompt: string;
  retry: { maxRetries: number; backoffMs: number };
  stream: { idleTimeoutMs: number };
  analysis: { threshold: number };
  learning: { enabled: boolean; batchSize: number; storeContent: boolean; applyToPrompts: boolean; maxStorageMB: number };
  history: { maxConversations: number };
  /** Inline asks: whole lines of context either side, and the selection size that needs confirming. */
  inline: { contextLines: number; maxSelectionTokens: number };
  /** Memory the extension may use before it trims caches and pauses live analysis. */
  resources: { memoryLimitMB: number };
  /** Prompt caching of chat and inline requests. */
  cache: { ttl: CacheTtl };
  /** The context meter: the share of the model's input window at which the chat offers to make room. */
  context: { warnAt: number };
}

/** The current Sonnet (platform.claude.com/docs/en/about-claude/models/overview, 2026-12-02). */
export const DEFAULT_MODEL = 'claude-sonnet-5-5';

/**
 * Room for adaptive thinking and a long answer alike: thinking counts toward `max_tokens`, and
 * 4096 cut answers short once the model had thought. Capped at the model's own limit when sent.
 */
const DEFAULT_MAX_TOKENS = 32_000;

/** Reads one setting by its key below `claudeStream.`; returns undefined when unset. */
export type RawConfigGetter = (key: string) => unknown;

const num = (v: unknown, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number =>
  typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max ? v : fallback;
const int = (v: unknown, fallback: number, min: number, max?: number): number => Math.floor(num(v, fallback, min, max));
const str = (v: unknown, fallback: string): string => (typeof v === 'string' ? v : fallback);

/** Builds the typed config; call again on every configuration change. */
export function readConfig(get: RawConfigGetter): ClaudeStreamConfig {
  const topP = get('topP');
  const temperature = get('temperature');
  const apiVersion = str(get('apiVersion'), '').trim();
  const effort = get('effort');
  const baseUrl = str(get('baseUrl'), '').trim().replace(/\/+$/, '');
  const model = str(get('model'), DEFAULT_MODEL).trim();
  return {
    model: model || DEFAULT_MODEL,
    maxTokens: int(get('maxTokens'), DEFAULT_MAX_TOKENS, 1),
    apiVersion: /^\d{4}-\d{2}-\d{2}$/.test(apiVersion) ? apiVersion : undefined,
    effort: EFFORT_LEVELS.includes(effort as EffortLevel) ? (effort as EffortLevel) : undefined,
    temperature: typeof temperature === 'number' && temperature >= 0 && temperature <= 1 ? temperature : undefined,
    topP: typeof topP === 'number' && topP >= 0 && topP <= 1 ? topP : undefined,
    baseUrl: baseUrl || undefined,
    systemPrompt: str(get('systemPrompt'), ''),
    retry: {
      maxRetries: int(get('retry.maxRetries'), 3, 0, 10),
      backoffMs: int(get('retry.backoffMs'), 1000, 0),
    },
    stream: { idleTimeoutMs: int(get('stream.idleTimeoutMs'), 30_000, 100) },
    analysis: { threshold: int(get('analysis.threshold'), 50, 5) },
    learning: {
      enabled: get('learning.enabled') !== false,
      batchSize: int(get('learning.batchSize'), 100, 1),
      storeContent: get('learning.storeContent') !== false,
      applyToPrompts: get('learning.applyToPrompts') === true,
      maxStorageMB: int(get('learning.maxStorageMB'), 100, 1),
    },
    history: { maxConversations: int(get('history.maxConversations'), 50, 1, 1000) },
    inline: {
      contextLines: int(get('inline.contextLines'), 20, 0, 500),
      maxSelectionTokens: int(get('inline.maxSelectionTokens'), 12_000, 1),
    },
    resources: { memoryLimitMB: int(get('resources.memoryLimitMB'), 100, 16, 16_384) },
    cache: { ttl: isCacheTtl(get('cache.ttl')) ? (get('cache.ttl') as CacheTtl) : DEFAULT_CACHE_TTL },
    context: { warnAt: num(get('context.warnAt'), 0.8, 0.1, 1) },
  };
}

/** The part of the config the streaming core needs for one request. */
export function toStreamSettings(config: ClaudeStreamConfig): StreamSettings {
  return {
    model: config.model,
    maxTokens: config.maxTokens,
    apiVersion: config.apiVersion,
    effort: config.effort,
    temperature: config.temperature,
    topP: config.topP,
    systemPrompt: config.systemPrompt || undefined,
    maxRetries: config.retry.maxRetries,
    backoffMs: config.retry.backoffMs,
    idleTimeoutMs: config.stream.idleTimeoutMs,
    cacheTtl: config.cache.ttl,
  };
}
