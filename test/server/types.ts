/** One scripted response of the local Anthropic-compatible server. All fields optional. */
export interface Scenario {
  /** Full assistant answer to stream (default: a short canned answer derived from the prompt). */
  text?: string;
  /** A thinking block streamed before the text (thinking_delta + signature_delta). */
  thinking?: string;
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
  /** Sent as `error.details.error_code`, e.g. `enforced_spend_limit_reached`. */
  errorCode?: string;
  /** Sent as `retry-after` (whole seconds, rounded up) and, when fractional, `retry-after-ms`. */
  retryAfterSec?: number;
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
  stopReason?: 'end_turn' | 'max_tokens' | 'stop_sequence';
  inputTokens?: number;
  /** When answering a continuation, repeat this many chars already sent before the rest. */
  continuationOverlapChars?: number;
}

/** The Messages API request body, as received (validated lightly). */
export interface MessagesRequestBody {
  model?: unknown;
  messages?: unknown;
  max_tokens?: unknown;
  stream?: unknown;
  system?: unknown;
  temperature?: unknown;
  top_p?: unknown;
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
  /** Empties the queue and the recorded requests, and restores the start-up default. */
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
  /** Ids listed by GET /v1/models; when given, other models get 404 not_found_error. */
  models?: string[];
  /** True for models that answer an assistant prefill with 400, like newer real models. */
  rejectPrefillModels?: (model: string) => boolean;
  /**
   * The offline demo: every response carries `x-claude-stream-demo: 1`, so the extension shows
   * its "Offline demo" banner only while this server really answers (not for any loopback URL).
   */
  demo?: boolean;
}
