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
  | 'rate_limit' // 429 with retry-after or without spend limit
  | 'spend_limit' // 429 enforced_spend_limit_reached, no retry-after
  | 'overloaded' // 529, or 500 "Overloaded"
  | 'server' // other 5xx
  | 'connection' // reset, refused, DNS, TLS
  | 'timeout' // request timed out before headers
  | 'stalled' // no SSE event for idleTimeoutMs
  | 'stream_error' // mid-stream `event: error` of an unclassified type
  | 'cancelled'
  | 'no_key'
  | 'unknown';

/** The fix the UI offers next to an error. */
export type ErrorAction = 'setApiKey' | 'pickModel' | 'openConsole' | 'retry' | 'openSettings';

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
  action?: ErrorAction;
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
  /** Called when a retry continues from already-streamed text (not for a `continueFrom` request's first attempt). */
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
  /**
   * Exactly the text the user saw: nothing lost, nothing doubled. With `continueFrom`, the
   * whole answer, that text included.
   */
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
