import { AnthropicError, APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from '@anthropic-ai/sdk';
import type { ErrorAction } from '../vocabulary';
import type { ClassifiedError, ErrorKind } from './types';
import { redactSecrets as redact } from '../redact';

/** Thrown by the streaming service when no byte arrived for `idleTimeoutMs`. */
export class StreamStalledError extends Error {
  constructor(readonly idleMs: number) {
    super(`No data from the API for ${idleMs} ms.`);
    this.name = 'StreamStalledError';
  }
}

/** Thrown when a stream ends cleanly but before `message_stop`, i.e. the answer is incomplete. */
export class StreamIncompleteError extends Error {
  constructor() {
    super('The connection closed before the answer was complete.');
    this.name = 'StreamIncompleteError';
  }
}

export { redact };

/**
 * Parses `retry-after-ms` (preferred, it is finer) or `retry-after` (seconds or an HTTP-date).
 * Returns undefined when absent or unparsable; never negative.
 */
export function parseRetryAfter(headers: Headers | undefined, now: number = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = headers.get('retry-after-ms');
  if (ms !== null && ms.trim() !== '' && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const value = headers.get('retry-after');
  if (value === null || value.trim() === '') return undefined;
  if (Number.isFinite(Number(value))) return Math.max(0, Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The API root the SDK uses when no base URL is configured. */
const DEFAULT_BASE_URL = 'https://api.anthropic.com';
/** The setting that holds the base URL, named in configuration errors. */
const BASE_URL_SETTING = 'claudeStream.baseUrl';

interface Options {
  /** Secrets to remove from messages (the API key in use). */
  secrets?: ReadonlyArray<string | undefined>;
  now?: number;
  /** The API root the request went to (the SDK client's `baseURL`), named in configuration errors. */
  baseUrl?: string;
}

/**
 * Turns anything a stream attempt can throw into a ClassifiedError: whether to retry, what
 * to tell the user, and which fix to offer. The message never contains the API key.
 */
export function classifyError(err: unknown, options: Options = {}): ClassifiedError {
  const make = (kind: ErrorKind, retryable: boolean, message: string, extra: Partial<ClassifiedError> = {}): ClassifiedError => ({
    kind,
    retryable,
    message: redact(message, options.secrets),
    ...extra,
  });

  if (err instanceof StreamStalledError) {
    return make('stalled', true, `The stream stalled: ${err.message}`, { action: 'retry' });
  }
  if (err instanceof StreamIncompleteError) return make('connection', true, err.message, { action: 'retry' });
  if (err instanceof APIUserAbortError || isAbort(err)) return make('cancelled', false, 'Cancelled.');
  if (err instanceof APIConnectionTimeoutError) {
    return make('timeout', true, 'The request timed out before the API answered.', { action: 'retry' });
  }
  const config = configurationProblem(err);
  if (config) return configError(config, make, options.baseUrl);
  if (err instanceof APIConnectionError) {
    return make('connection', true, `Could not reach the API: ${describeCause(err)}`, { action: 'retry' });
  }
  if (err instanceof APIError) {
    // `instanceof` narrows to APIError<any, …>; the default type arguments are what the SDK throws.
    const apiError = err as APIError;
    return honourShouldRetry(apiError, classifyApiError(apiError, make, options.now));
  }
  if (err instanceof AnthropicError) {
    // The SDK wraps transport failures during the body (socket closed, bad JSON) this way.
    const cause = (err as { cause?: unknown }).cause;
    // Neutral on purpose: whether the answer continues is known only where a retry is announced.
    if (cause instanceof SyntaxError) return make('stream_error', true, 'The API sent a malformed event.', { action: 'retry' });
    if (cause !== undefined || /terminated|socket|ECONNRESET|other side closed/i.test(err.message)) {
      return make('connection', true, `The connection dropped: ${describeCause(err)}`, { action: 'retry' });
    }
    return make('unknown', false, err.message);
  }
  if (err instanceof SyntaxError) return make('stream_error', true, 'The API sent a malformed event.');
  if (err instanceof Error) return make('unknown', false, err.message);
  return make('unknown', false, String(err));
}

type Make = (kind: ErrorKind, retryable: boolean, message: string, extra?: Partial<ClassifiedError>) => ClassifiedError;

/** Spend-limit error codes (`error.details.error_code`) of a 429 that waiting does not fix. */
const SPEND_LIMIT_CODES: Record<string, string> = {
  enforced_spend_limit_reached: "Your organization has reached its usage tier's monthly spend limit",
  contract_spend_limit_reached: 'Your organization has reached the spend limit of its contract',
};

function classifyApiError(err: APIError, make: Make, now?: number): ClassifiedError {
  const status = err.status;
  const apiType = err.type ?? undefined;
  const apiMessage = err.apiMessage ?? err.message;
  const retryAfterMs = parseRetryAfter(err.headers, now);
  const requestId = requestIdOf(err);
  const base = { status, apiType, retryAfterMs, ...(requestId ? { requestId } : {}) };
  const at = (action?: ErrorAction, more: Partial<ClassifiedError> = {}): Partial<ClassifiedError> => ({ ...base, action, ...more });
  const contextActions = (): Partial<ClassifiedError> => at('dropOldest', { secondaryActions: ['newChat'] });

  if (status === undefined) {
    // An `event: error` inside a 200 stream: the SDK gives no status, only the error type.
    if (apiType === 'overloaded_error') return make('overloaded', true, `The API is overloaded: ${apiMessage}`, at('retry'));
    if (apiType === 'rate_limit_error') return make('rate_limit', true, `Rate limited: ${apiMessage}`, at('retry'));
    if (apiType === 'api_error') return make('server', true, `The API failed mid-answer: ${apiMessage}`, at('retry'));
    return make('stream_error', true, `The stream broke: ${apiMessage}`, at('retry'));
  }
  const body = JSON.stringify(err.error ?? {});
  if (status === 429) {
    const code = err.errorCode ?? Object.keys(SPEND_LIMIT_CODES).find((c) => body.includes(c));
    // An enforced limit with a retry-after is treated as the rate limit it then behaves like.
    const spend = code === 'contract_spend_limit_reached' || (code === 'enforced_spend_limit_reached' && retryAfterMs === undefined);
    if (spend && code) {
      return make('spend_limit', false, `${SPEND_LIMIT_CODES[code]}: ${apiMessage}. Waiting will not help; see the Anthropic Console.`, at('openConsole'));
    }
    return make('rate_limit', true, `Rate limited: ${apiMessage}`, at('retry'));
  }
  if (status === 529 || apiType === 'overloaded_error' || (status === 500 && /overloaded/i.test(apiMessage))) {
    return make('overloaded', true, `The API is overloaded: ${apiMessage}`, at('retry'));
  }
  if (status >= 500) return make('server', true, `The API failed (${status}): ${apiMessage}`, at('retry'));
  if (status === 408) return make('timeout', true, `The API timed out: ${apiMessage}`, at('retry'));
  if (status === 401) return make('auth', false, `The API key was rejected: ${apiMessage}. Set a valid key.`, at('setApiKey'));
  if (status === 402) return make('spend_limit', false, `Billing blocks this request: ${apiMessage}`, at('openConsole'));
  if (status === 403) return make('permission', false, `This key may not do that: ${apiMessage}`, at('openConsole'));
  if (status === 404) return make('not_found', false, `Not found (is the model name right?): ${apiMessage}`, at('pickModel'));
  if (status === 413) {
    return make('too_large', false, `The request is too large to send: ${apiMessage}.`, contextActions());
  }
  if (status === 400 && /prompt is too long/i.test(apiMessage)) {
    return make('context', false, `The request no longer fits the model's context window (${apiMessage}).`, { ...contextActions(), ...promptTokens(apiMessage) });
  }
  if (status === 400) return make('bad_request', false, `The API rejected the request: ${apiMessage}`, at('openSettings'));
  return make('unknown', false, `The API answered ${status}: ${apiMessage}`, at());
}

/**
 * `x-should-retry` on an error response is the server's own verdict and overrides our policy:
 * `true` retries what we would not, `false` stops what we would retry. Absent: our policy. The
 * SDK's own retry loop obeys it the same way, before any status rule.
 */
function honourShouldRetry(err: APIError, classified: ClassifiedError): ClassifiedError {
  if (err.status === undefined) return classified;
  const verdict = err.headers?.get('x-should-retry')?.trim().toLowerCase();
  if (verdict === 'true' && !classified.retryable) return { ...classified, retryable: true };
  if (verdict === 'false' && classified.retryable) {
    // Retry stays on the card: the user may still try again by hand, later.
    return { ...classified, retryable: false };
  }
  return classified;
}

/** "prompt is too long: 210345 tokens > 200000 maximum" → how far over the window the prompt was. */
function promptTokens(apiMessage: string): Partial<ClassifiedError> {
  const match = /(\d[\d,]*)\s*tokens?\s*>\s*(\d[\d,]*)/i.exec(apiMessage);
  if (!match) return {};
  const [prompt, limit] = [match[1], match[2]].map((n) => Number(n.replace(/,/g, '')));
  return prompt > 0 && limit > 0 ? { contextTokens: { prompt, limit } } : {};
}

/** The request id of an API error: the `request-id` header, or the body's `request_id`. */
function requestIdOf(err: APIError): string | undefined {
  if (err.requestID) return err.requestID;
  const body: { request_id?: unknown } | undefined = err.error;
  return typeof body?.request_id === 'string' && body.request_id !== '' ? body.request_id : undefined;
}

/** Why a base URL cannot work, in words, with the system code when there is one. */
interface ConfigurationProblem {
  what: string;
}

/**
 * A failure no retry can fix because the base URL is wrong: refused, unknown host, a port
 * fetch refuses, an unsupported scheme, a URL that does not parse. Undefined for anything else.
 */
function configurationProblem(err: unknown): ConfigurationProblem | undefined {
  // An HTTP answer, whatever it says, proves the URL reached a server.
  if (!(err instanceof AnthropicError) || (err instanceof APIError && err.status !== undefined)) return undefined;
  const causes = causeChain(err);
  for (const cause of causes) {
    const code = (cause as { code?: unknown }).code;
    const message = cause instanceof Error ? cause.message : '';
    if (code === 'ECONNREFUSED') return { what: 'the connection was refused (ECONNREFUSED); nothing is listening there' };
    if (code === 'ENOTFOUND') return { what: 'the host name was not found (ENOTFOUND)' };
    if (code === 'EAI_AGAIN') return { what: 'the host name could not be resolved (EAI_AGAIN); check the network and the address' };
    if (code === 'ERR_INVALID_URL' || /^Invalid URL$/i.test(message)) return { what: 'it is not a valid URL' };
    if (/^bad port$/i.test(message)) return { what: 'its port is one that fetch refuses to use (bad port)' };
    if (/^unknown scheme$/i.test(message)) return { what: 'its scheme is not http or https' };
    if (/URL that includes credentials/i.test(message)) return { what: 'it holds a user name or password, which requests may not carry in the URL' };
  }
  return undefined;
}

function configError(problem: ConfigurationProblem, make: Make, baseUrl: string | undefined): ClassifiedError {
  const shown = displayUrl(baseUrl);
  const where = shown === DEFAULT_BASE_URL ? `${shown} (the default; ${BASE_URL_SETTING} is not set)` : shown;
  return make('config', false, `Could not connect to ${where}: ${problem.what}. Check the setting ${BASE_URL_SETTING}.`, {
    action: 'openSettings',
    secondaryActions: ['retry'],
    setting: BASE_URL_SETTING,
  });
}

/** The URL as the user should see it: without credentials or query, which may hold secrets. */
function displayUrl(baseUrl: string | undefined): string {
  const raw = baseUrl?.trim() || DEFAULT_BASE_URL;
  try {
    const url = new URL(raw);
    return `${url.protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname.replace(/\/+$/, '')}`;
  } catch {
    // An unparsable URL is the problem itself: show it, bounded, minus anything after '?' or '@'.
    return JSON.stringify(
      raw
        .replace(/[?#].*$/, '')
        .replace(/^[^/]*\/\/[^/@]*@/, '')
        .slice(0, 200),
    );
  }
}

/** The error, its cause, the cause's cause… (bounded), with AggregateError members. */
function causeChain(err: unknown): unknown[] {
  const out: unknown[] = [];
  let current: unknown = err;
  for (let depth = 0; current !== undefined && current !== null && depth < 6; depth++) {
    out.push(current);
    if (current instanceof AggregateError) out.push(...(current.errors as unknown[]).slice(0, 4));
    current = (current as { cause?: unknown }).cause;
  }
  return out;
}

/** True for the 400 a newer model returns when the last message is an assistant prefill. */
export function isPrefillRejection(error: ClassifiedError): boolean {
  return error.status === 400 && /prefill|final assistant|last message.*assistant/i.test(error.message);
}

/**
 * True for the 400 the API returns when an earlier answer's thinking block is not valid here:
 * its signature was made by another model, conversation or account (a gateway or key change).
 */
export function isThinkingSignatureRejection(error: ClassifiedError): boolean {
  return error.status === 400 && /signature/i.test(error.message) && /thinking/i.test(error.message);
}

function isAbort(err: unknown): boolean {
  return err instanceof Error && (err.name === 'AbortError' || err.name === 'APIUserAbortError');
}

function describeCause(err: Error): string {
  const cause = (err as { cause?: unknown }).cause;
  if (cause instanceof Error) {
    const inner = (cause as { cause?: unknown }).cause;
    const code = (cause as { code?: unknown }).code ?? (inner as { code?: unknown } | undefined)?.code;
    const detail = inner instanceof Error ? inner.message : cause.message;
    return typeof code === 'string' ? `${detail} (${code})` : detail;
  }
  return err.message;
}
