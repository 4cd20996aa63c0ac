/**
 * Types of the streaming core. Pure: no `vscode`, no DOM. The shell and the webview
 * protocol depend on these; nothing here depends on them.
 */

/** One turn of a conversation as sent to the Messages API. */
export interface ChatTurn {
  role: 'user' | 'assistant';
  content: string;
}

/** Request settings taken from the user's configuration at send time. */
export interface StreamSettings {
  model: string;
  maxTokens: number;
  temperature: number;
  /** Sent only when set; when set, temperature is not sent (newer models reject both). */
  topP?: number;
  systemPrompt?: string;
  maxRetries: number;
  backoffMs: number;
  idleTimeoutMs: number;
}

/** What the user asked for: the whole conversation so far, ending with a user turn. */
export interface StreamRequest {
  messages: ChatTurn[];
  settings: StreamSettings;
  /** Extra system text (e.g. learned preferences) appended after the configured system prompt. */
  systemSuffix?: string;
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

/**
 * Every fix the UI can offer next to an error, in one list: the protocol validates against it,
 * the chat card labels it and the inline thread registers a command per entry it supports.
 * `newChat` and `dropOldest` are the context actions: they fit any answer that did not fit the
 * model's context window (a "prompt is too long" error or a `model_context_window_exceeded` stop).
 */
export const ERROR_ACTIONS = ['setApiKey', 'pickModel', 'openConsole', 'retry', 'openSettings', 'newChat', 'dropOldest'] as const;

/** The fix the UI offers next to an error. */
export type ErrorAction = (typeof ERROR_ACTIONS)[number];

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

/** Token counts as the API reports them (cumulative, final values on completion). */
export interface Usage {
  inputTokens: number;
  outputTokens: number;
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
  elapsedMs: number;
}

/** Callbacks for one streamed answer. All optional; all called synchronously in arrival order. */
export interface StreamObserver {
  onText?(delta: string): void;
  onThinking?(delta: string): void;
  onRetryWait?(notice: RetryNotice): void;
  /** Called when a retry continues from already-streamed text. */
  onResume?(info: { attempt: number; strategy: ResumeStrategy; keptChars: number }): void;
  onMetrics?(metrics: StreamMetrics): void;
}

/** How a broken stream is continued. */
export type ResumeStrategy = 'prefill' | 'continue-turn';

/** Terminal state of one answer. */
export type StreamOutcome = 'done' | 'cancelled' | 'error';

/** Everything known once an answer has ended, however it ended. */
export interface StreamResult {
  outcome: StreamOutcome;
  /** Exactly the text the user saw: nothing lost, nothing doubled. */
  text: string;
  thinking: string;
  stopReason?: string;
  usage: Usage;
  model: string;
  timeToFirstTokenMs?: number;
  totalMs: number;
  tokensPerSecond: number;
  retries: number;
  resumed: boolean;
  error?: ClassifiedError;
}
