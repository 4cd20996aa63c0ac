import {
  AnthropicError,
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
} from '@anthropic-ai/sdk';
import type { ClassifiedError, ErrorAction, ErrorKind } from './types';
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

interface Options {
  /** Secrets to remove from messages (the API key in use). */
  secrets?: ReadonlyArray<string | undefined>;
  now?: number;
}

/**
 * Turns anything a stream attempt can throw into a ClassifiedError: whether to retry, what
 * to tell the user, and which fix to offer. The message never contains the API key.
 */
export function classifyError(err: unknown, options: Options = {}): ClassifiedError {
  const make = (
    kind: ErrorKind,
    retryable: boolean,
    message: string,
    extra: Partial<ClassifiedError> = {},
  ): ClassifiedError => ({ kind, retryable, message: redact(message, options.secrets), ...extra });

  if (err instanceof StreamStalledError) {
    return make('stalled', true, `The stream stalled: ${err.message}`, { action: 'retry' });
  }
  if (err instanceof StreamIncompleteError) return make('connection', true, err.message, { action: 'retry' });
  if (err instanceof APIUserAbortError || isAbort(err)) return make('cancelled', false, 'Cancelled.');
  if (err instanceof APIConnectionTimeoutError) {
    return make('timeout', true, 'The request timed out before the API answered.', { action: 'retry' });
  }
  if (err instanceof APIConnectionError) {
    return make('connection', true, `Could not reach the API: ${describeCause(err)}`, { action: 'retry' });
  }
  if (err instanceof APIError) return classifyApiError(err, make, options.now);
  if (err instanceof AnthropicError) {
    // The SDK wraps transport failures during the body (socket closed, bad JSON) this way.
    const cause = (err as { cause?: unknown }).cause;
    if (cause instanceof SyntaxError) {
      return make('stream_error', true, 'The API sent a malformed event; the answer will continue.', {
        action: 'retry',
      });
    }
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

function classifyApiError(err: APIError, make: Make, now?: number): ClassifiedError {
  const status = err.status;
  const apiType = err.type ?? undefined;
  const apiMessage = err.apiMessage ?? err.message;
  const retryAfterMs = parseRetryAfter(err.headers, now);
  const base = { status, apiType, retryAfterMs };
  const at = (action?: ErrorAction): Partial<ClassifiedError> => ({ ...base, action });

  if (status === undefined) {
    // An `event: error` inside a 200 stream: the SDK gives no status, only the error type.
    if (apiType === 'overloaded_error') return make('overloaded', true, `The API is overloaded: ${apiMessage}`, at('retry'));
    if (apiType === 'rate_limit_error') return make('rate_limit', true, `Rate limited: ${apiMessage}`, at('retry'));
    if (apiType === 'api_error') return make('server', true, `The API failed mid-answer: ${apiMessage}`, at('retry'));
    return make('stream_error', true, `The stream broke: ${apiMessage}`, at('retry'));
  }
  const body = JSON.stringify(err.error ?? {});
  if (status === 429) {
    if (retryAfterMs === undefined && (err.errorCode === 'enforced_spend_limit_reached' || body.includes('enforced_spend_limit_reached'))) {
      return make('spend_limit', false, `Your spend limit is reached: ${apiMessage}. Raise it in the Anthropic Console.`, at('openConsole'));
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
  if (status === 413) return make('too_large', false, `The conversation is too large to send: ${apiMessage}. Start a new chat.`, at());
  if (status === 400) return make('bad_request', false, `The API rejected the request: ${apiMessage}`, at('openSettings'));
  return make('unknown', false, `The API answered ${status}: ${apiMessage}`, at());
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
