import type { ModelEntry } from './models';

/**
 * How the server answers a continue-turn ("please continue" after a cut-off assistant turn) or
 * a prefill, i.e. how imperfectly the model continues. `exact` is what a perfect model does;
 * the others are what real models do often enough that clients must cope:
 * - `exact` (default): only the rest of the answer.
 * - `restart`: the whole answer again from the start, ignoring the partial.
 * - `repeat`: the last phrase of the partial (or `continuationOverlapChars` chars), then the rest.
 * - `reopen-fence`: when the partial broke inside a ``` fence, the continuation first reopens the
 *   fence with its info line (e.g. "```ts\n"), then restarts the broken line; elsewhere as `exact`.
 * - `midword`: when the break fell inside a word, the continuation rewrites that whole word
 *   ("bro" + "brown fox…"); elsewhere as `exact`.
 */
export type ContinuationBehaviour = 'exact' | 'restart' | 'repeat' | 'reopen-fence' | 'midword';

/** Stop reasons the SDK 1.12 types (messages.d.ts StopReason). */
export type StopReason = 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use' | 'pause_turn' | 'refusal' | 'model_context_window_exceeded';

/** `stop_details` for a refusal, as SDK 1.12 types RefusalStopDetails. */
interface RefusalStopDetails {
  type: 'refusal';
  category: 'cyber' | 'bio' | 'frontier_llm' | 'reasoning_extraction' | 'general_harms' | null;
  explanation: string | null;
}

/** One scripted response of the local Anthropic-compatible server. All fields optional. */
export interface Scenario {
  /** Full assistant answer to stream (default: a short canned answer derived from the prompt). */
  text?: string;
  /**
   * Thinking text streamed before the answer (thinking_delta + signature_delta). Without it, a
   * request whose model thinks by default (generation 5) or that asks for thinking gets a canned
   * thinking text whose length scales with `output_config.effort` (low 1 sentence … max 5).
   * Under display "omitted" the deltas carry no text, but the tokens still count.
   */
  thinking?: string;
  /** Emit this many `redacted_thinking` blocks (server-signed) before the thinking/text. */
  redactedThinking?: number;
  /** Chars per text_delta, fixed or a [min, max] range; default word-ish chunks of 2-6 chars. */
  tokenChars?: number | [number, number];
  /** Delay between deltas in ms; 0 (default) = as fast as possible. */
  delayMs?: number;
  /** Wait this long before sending the response headers (to test cancel before headers). */
  headersDelayMs?: number;
  /** A `ping` event every N deltas. */
  pingEvery?: number;
  /** Interleave unknown event types and unknown delta types, which clients must ignore. */
  unknownEvents?: boolean;
  /** Write multi-byte characters split across separate TCP writes, with a small pause between. */
  splitUtf8?: boolean;
  /** Respond with this HTTP error status and an error JSON instead of a stream. */
  status?: number;
  errorType?: string;
  errorMessage?: string;
  /**
   * Sent as `error.details.error_code`: `enforced_spend_limit_reached` or
   * `contract_spend_limit_reached` (both 429, no retry-after, `x-should-retry: false` by default).
   */
  errorCode?: string;
  /** Sent as `retry-after` (whole seconds, rounded up) and, when fractional, `retry-after-ms`. */
  retryAfterSec?: number;
  /** Sent as `x-should-retry: true|false` on the error response (the SDK obeys it first). */
  shouldRetry?: boolean;
  /** Extra response headers (e.g. a `retry-after` HTTP-date). */
  headers?: Record<string, string>;
  /** Send a mid-stream `event: error` after N text deltas, then end the response. */
  errorAfterTokens?: number;
  /** The error type of that event (default overloaded_error). */
  errorEventType?: string;
  /** Destroy the socket after N text deltas (no message_stop, no terminating chunk). */
  resetAfterTokens?: number;
  /** Send nothing at all (no pings) for stallMs after N text deltas, then destroy the socket. */
  stallAfterTokens?: number;
  stallMs?: number;
  /** Pause for pauseMs after N text deltas, then go on; with pausePingMs, send a ping that often meanwhile. */
  pauseAfterTokens?: number;
  pauseMs?: number;
  pausePingMs?: number;
  /**
   * Write `data: {not json` as a content_block_delta after N text deltas. The server then
   * CONTINUES the stream; a strict client (the SDK) fails on the line and drops the rest.
   */
  malformedAfterTokens?: number;
  /** The same faults, counted in thinking deltas (they fire inside the thinking block). */
  errorAfterThinkingTokens?: number;
  resetAfterThinkingTokens?: number;
  stallAfterThinkingTokens?: number;
  pauseAfterThinkingTokens?: number;
  malformedAfterThinkingTokens?: number;
  /**
   * The stop reason. `max_tokens` is also produced on its own when thinking + text exceed the
   * request's `max_tokens`; `refusal` carries `stopDetails`; `model_context_window_exceeded`
   * stops like max_tokens.
   */
  stopReason?: StopReason;
  /** `stop_details` sent with stopReason `refusal` (default: category and explanation null). */
  stopDetails?: Partial<RefusalStopDetails>;
  /** Overrides the counted input tokens (then caching reports nothing). */
  inputTokens?: number;
  /** How a continuation is answered (see ContinuationBehaviour). */
  continuation?: ContinuationBehaviour;
  /** When answering a continuation, repeat this many chars already sent before the rest. */
  continuationOverlapChars?: number;
}

/** The Messages API request body, as received (validated in validation.ts). */
export interface MessagesRequestBody {
  model?: unknown;
  messages?: unknown;
  max_tokens?: unknown;
  stream?: unknown;
  system?: unknown;
  thinking?: unknown;
  output_config?: unknown;
  cache_control?: unknown;
  tools?: unknown;
  [key: string]: unknown;
}

/** A scenario, or a function choosing one per request. */
export type ScenarioSource = Scenario | ((req: MessagesRequestBody) => Scenario);

/** One request as the server saw it. */
export interface RecordedRequest {
  path: string;
  method: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  at: number;
}

/** A running server. */
export interface MockAnthropicServer {
  /** e.g. http://127.0.0.1:43123 — the SDK's baseURL (no /v1). */
  readonly url: string;
  readonly port: number;
  /** The only key accepted (401 authentication_error otherwise). */
  readonly apiKey: string;
  /** Every /v1 request, in arrival order. */
  readonly requests: RecordedRequest[];
  /** Scenarios consumed one per POST /v1/messages, in order. */
  enqueue(...scenarios: Scenario[]): void;
  /** Used when the queue is empty. */
  setDefault(scenario: ScenarioSource): void;
  /** Empties the queue, the recorded requests and the prompt cache, and restores the start-up default. */
  reset(): void;
  /** Stops listening and destroys every open socket. */
  close(): Promise<void>;
}

/** Start-up options. */
export interface ServerOptions {
  apiKey?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  defaultScenario?: ScenarioSource;
  /**
   * The catalogue served by GET /v1/models and accepted by POST /v1/messages: ids from the
   * built-in catalogue (models.ts), full entries, or unknown ids (served with permissive
   * legacy rules). Default: the whole built-in catalogue. Other models get 404.
   */
  models?: Array<string | ModelEntry>;
  /**
   * Entries served and accepted besides `models` (or the built-in catalogue), replacing one of
   * the same id: e.g. `TEXT_ONLY_MODEL`, a model whose capabilities do not list `image_input`.
   */
  extraModels?: ModelEntry[];
  /** Overrides each model's prefill rule: true = answer an assistant prefill with 400. */
  rejectPrefillModels?: (model: string) => boolean;
  /** The clock (ms since epoch) for the prompt cache's TTLs; default Date.now. */
  now?: () => number;
  /** Secret for thinking signatures (default: random per server). */
  signingSecret?: string;
  /**
   * The offline demo: every response carries `x-claude-stream-demo: 1`, so the extension shows
   * its "Offline demo" banner only while this server really answers (not for any loopback URL).
   */
  demo?: boolean;
}
