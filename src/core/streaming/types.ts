/**
 * Types of the streaming core. Pure: no `vscode`, no DOM. The shell and the webview
 * protocol depend on these; nothing here depends on them.
 */
import type { AnswerOutcome, ErrorAction } from '../vocabulary';
import type { CacheTtl } from './cacheControl';
import type { EffortLevel, ModelProfile } from '../models/modelProfile';

/**
 * A thinking block of an earlier answer, kept whole so it can go back to the same model
 * unchanged: the signature covers its text, and the API rejects an altered block.
 */
export type ThinkingBlockRecord = { type: 'thinking'; thinking: string; signature: string } | { type: 'redacted_thinking'; data: string };

/** One turn of a conversation as sent to the Messages API. */
export interface ChatTurn {
  role: 'user' | 'assistant';
  content: string;
  /** An assistant turn's thinking blocks, sent before its text (same model only). */
  thinkingBlocks?: ThinkingBlockRecord[];
  /** A user turn's attached images, sent as `image` blocks before its text. */
  images?: TurnImage[];
}

/** An image in a user turn: base64 data of one of the media types the API takes. */
export interface TurnImage {
  mediaType: 'image/jpeg' | 'image/png' | 'image/gif' | 'image/webp';
  data: string;
}

/** The API version sent in `anthropic-version` when the user chose the old one for a gateway. */
export const LEGACY_API_VERSION = '2023-06-01';

/**
 * The model and sampling choices, as the user configures them and as one request sends them.
 * Shared by the config and the request settings so the two cannot drift apart.
 */
export interface ModelSettings {
  model: string;
  /** The most the answer may use, thinking included; capped at the model's own limit. */
  maxTokens: number;
  /** `anthropic-version`; undefined sends what the SDK sends. */
  apiVersion?: string;
  /** `output_config.effort`; undefined leaves the model's own default. Sent only where the model lists it. */
  effort?: EffortLevel;
  /** Deprecated: sent only under API version 2023-06-01, to a model that accepts it. */
  temperature?: number;
  /** Deprecated: as `temperature`. */
  topP?: number;
}

/** Request settings taken from the user's configuration at send time. */
export interface StreamSettings extends ModelSettings {
  /** What is known of the model; without it, nothing the model might reject is sent. */
  profile?: ModelProfile;
  systemPrompt?: string;
  maxRetries: number;
  backoffMs: number;
  idleTimeoutMs: number;
  /** Prompt caching (top-level `cache_control`); absent or `off` sends none. */
  cacheTtl?: CacheTtl;
}

/** What the user asked for: the whole conversation so far, ending with a user turn. */
export interface StreamRequest {
  messages: ChatTurn[];
  settings: StreamSettings;
  /** Extra system text (e.g. learned preferences) appended after the configured system prompt. */
  systemSuffix?: string;
  /**
   * Continues an answer the user already sees (e.g. one that stopped at `max_tokens`) instead
   * of starting a new one: the answer's text so far. `messages` still end with the user turn
   * that answer replies to. The first attempt then continues this text exactly as a resume does
   * (a prefill, or a continue-turn with the same joining), `onText` reports only the new text,
   * and the result's `text` is the whole answer: this text followed by the continuation.
   */
  continueFrom?: string;
}

/** Why a request failed, in terms the UI can act on. */
export type ErrorKind =
  | 'auth' // 401
  | 'permission' // 403
  | 'not_found' // 404, usually an unknown model
  | 'bad_request' // 400
  | 'too_large' // 413
  | 'context' // 400 "prompt is too long": the conversation exceeds the model's context window
  | 'config' // the base URL cannot work: refused, unknown host, bad port, invalid URL
  | 'rate_limit' // 429 with retry-after or without spend limit
  | 'spend_limit' // 429 enforced_/contract_spend_limit_reached, 402 billing
  | 'overloaded' // 529, or 500 "Overloaded"
  | 'server' // other 5xx
  | 'connection' // reset, refused, DNS, TLS
  | 'timeout' // request timed out before headers
  | 'stalled' // no SSE event for idleTimeoutMs
  | 'stream_error' // mid-stream `event: error` of an unclassified type
  | 'cancelled'
  | 'no_key'
  | 'unknown';

/** A classified failure. `message` never contains the API key. */
export interface ClassifiedError {
  kind: ErrorKind;
  retryable: boolean;
  message: string;
  status?: number;
  /** The API's error `type`, e.g. `overloaded_error`. */
  apiType?: string;
  /** Server-requested wait, from `retry-after` / `retry-after-ms`. */
  retryAfterMs?: number;
  /** The API's `request-id` (header, or the error body's `request_id`), for support. */
  requestId?: string;
  /** The main fix. */
  action?: ErrorAction;
  /** Further fixes offered beside the main one (e.g. Retry once a setting is corrected). */
  secondaryActions?: ErrorAction[];
  /** The setting `openSettings` opens, e.g. `claudeStream.baseUrl`; all of ours when absent. */
  setting?: string;
  /** For a prompt too long for the model: its size and the limit, in tokens, as the API stated them. */
  contextTokens?: { prompt: number; limit: number };
  /** Retries spent before this error was final; set by the streaming service. */
  retries?: number;
}

/** The API's `stop_details` of a refusal. */
export interface StopDetails {
  category?: string;
  explanation?: string;
}

/**
 * Billed token counts of one answer, summed over all its attempts (a retry or a resume is
 * billed again). `inputTokens` is the uncached input only; the prompt's whole size is
 * input + cache reads + cache writes.
 */
export interface Usage {
  inputTokens: number;
  outputTokens: number;
  /** Read from the prompt cache (`cache_read_input_tokens`). */
  cacheReadTokens?: number;
  /** Written to the 5-minute cache. */
  cacheWrite5mTokens?: number;
  /** Written to the 1-hour cache. */
  cacheWrite1hTokens?: number;
  /** Input tokens of the last attempt's prompt (uncached + cached): how full the context is. */
  promptTokens?: number;
}

/** Announced before each back-off wait, so the UI can show a countdown and a cancel. */
export interface RetryNotice {
  /** 1-based number of the retry about to happen. */
  attempt: number;
  maxRetries: number;
  delayMs: number;
  reason: ClassifiedError;
  /** True when text had already streamed and the retry continues from it. */
  willResume: boolean;
}

/** Live figures, reported as they change. */
export interface StreamMetrics {
  timeToFirstTokenMs?: number;
  tokensPerSecond: number;
  outputTokens: number;
  inputTokens: number;
  cacheReadTokens?: number;
  cacheWrite5mTokens?: number;
  cacheWrite1hTokens?: number;
  elapsedMs: number;
}

/** Callbacks for one streamed answer. All optional; all called synchronously in arrival order. */
export interface StreamObserver {
  onText?(delta: string): void;
  onThinking?(delta: string): void;
  onRetryWait?(notice: RetryNotice): void;
  /** Called when a retry continues from already-streamed text (not for a `continueFrom` request's first attempt). */
  onResume?(info: { attempt: number; strategy: ResumeStrategy; keptChars: number }): void;
  onMetrics?(metrics: StreamMetrics): void;
}

/** How a broken stream is continued. */
export type ResumeStrategy = 'prefill' | 'continue-turn';

/** Terminal state of one answer. */
export type StreamOutcome = AnswerOutcome;

/** Everything known once an answer has ended, however it ended. */
export interface StreamResult {
  outcome: StreamOutcome;
  /**
   * Exactly the text the user saw: nothing lost, nothing doubled. With `continueFrom`, the
   * whole answer, that text included.
   */
  text: string;
  thinking: string;
  /** The complete thinking blocks of the answer, signatures intact, to send back next turn. */
  thinkingBlocks?: ThinkingBlockRecord[];
  /** Time from the first thinking delta to the first text delta (or the end), when the model thought. */
  thinkingMs?: number;
  stopReason?: string;
  /** What the API says about a `refusal` stop. */
  stopDetails?: StopDetails;
  /** The API rejected the earlier answers' thinking blocks (signed elsewhere): they were left out. */
  thinkingBlocksRejected?: boolean;
  usage: Usage;
  model: string;
  timeToFirstTokenMs?: number;
  totalMs: number;
  tokensPerSecond: number;
  retries: number;
  resumed: boolean;
  error?: ClassifiedError;
}
