import type { Anthropic, Middleware } from '@anthropic-ai/sdk';
import type { MessageCreateParamsBase, MessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import { APIUserAbortError } from '@anthropic-ai/sdk';
import type { Timers } from './backoff';
import type { StopDetails } from './types';
import { StreamIncompleteError, StreamStalledError } from './errors';

/** What one attempt reports as it streams. Called synchronously, in arrival order. */
export interface AttemptHooks {
  onText(delta: string): void;
  onThinking(delta: string): void;
  onInputTokens(tokens: number): void;
  /** Cumulative output tokens of this attempt, from `message_delta`. */
  onOutputTokens(tokens: number): void;
  onStopReason(reason: string, details?: StopDetails): void;
  /** A thinking block starts; its text follows as `onThinking`, its signature as `onSignature`. */
  onThinkingStart(): void;
  onSignature(signature: string): void;
  /** A `redacted_thinking` block: opaque, kept only to be sent back. */
  onRedactedThinking(data: string): void;
  /** Input-side usage as reported so far (message_start, then any cumulative update in message_delta). */
  onInputUsage?(usage: AttemptInputUsage): void;
}

/** Input-side token counts of one attempt, as the API bills them. */
export interface AttemptInputUsage {
  input: number;
  cacheRead: number;
  cacheWrite5m: number;
  cacheWrite1h: number;
}

/** How one attempt ended: completed (message_stop seen) or with the error to classify. */
export type AttemptEnd = { ok: true } | { ok: false; error: unknown };

/**
 * Runs one HTTP attempt through `client.messages.stream()` and never throws.
 *
 * The idle watch counts raw body bytes, not parsed events: the SDK drops `ping` events before
 * any listener sees them, yet a ping proves the connection is alive. A per-request SDK
 * middleware passes the real response body through a TransformStream that notes the time of
 * every chunk. One timer checks that time when it fires and re-arms for the remainder, so a
 * fast stream costs a clock read per chunk rather than a timer per chunk. The watch also runs
 * before the headers arrive.
 */
export async function runAttempt(
  client: Anthropic,
  params: MessageCreateParamsBase,
  hooks: AttemptHooks,
  options: { idleTimeoutMs: number; signal?: AbortSignal; timers: Timers; now?: () => number },
): Promise<AttemptEnd> {
  const { signal, timers, idleTimeoutMs } = options;
  const now = options.now ?? Date.now;
  const controller = new AbortController();
  let stalled = false;
  let completed = false;
  let idleHandle: unknown;
  let lastActivity = now();
  const check = (): void => {
    const idle = now() - lastActivity;
    if (idle >= idleTimeoutMs) {
      stalled = true;
      controller.abort();
      return;
    }
    idleHandle = timers.setTimeout(check, idleTimeoutMs - idle);
  };
  const touch = (): void => {
    lastActivity = now();
  };
  const onOuterAbort = (): void => controller.abort();
  if (signal?.aborted) return { ok: false, error: new APIUserAbortError() };
  signal?.addEventListener('abort', onOuterAbort, { once: true });
  idleHandle = timers.setTimeout(check, idleTimeoutMs);
  try {
    const stream = client.messages.stream(params, {
      signal: controller.signal,
      middleware: [activityTap(touch)],
    });
    stream.on('streamEvent', (event) => {
      // Events parsed from one network chunk keep coming after an abort; drop them.
      if (controller.signal.aborted) return;
      if (dispatch(event, hooks)) completed = true;
    });
    await stream.done();
    if (!completed) return { ok: false, error: new StreamIncompleteError() };
    return { ok: true };
  } catch (error) {
    if (signal?.aborted) return { ok: false, error: new APIUserAbortError() };
    if (stalled) return { ok: false, error: new StreamStalledError(idleTimeoutMs) };
    return { ok: false, error };
  } finally {
    timers.clearTimeout(idleHandle);
    signal?.removeEventListener('abort', onOuterAbort);
  }
}

/** Routes one event to the hooks; returns true on `message_stop`. Unknown types are ignored. */
function dispatch(event: MessageStreamEvent, hooks: AttemptHooks): boolean {
  switch (event.type) {
    case 'message_start':
      hooks.onInputTokens(event.message.usage.input_tokens);
      hooks.onInputUsage?.(inputUsage(event.message.usage));
      return false;
    case 'content_block_start':
      if (event.content_block.type === 'thinking') hooks.onThinkingStart();
      else if (event.content_block.type === 'redacted_thinking') hooks.onRedactedThinking(event.content_block.data);
      return false;
    case 'content_block_delta':
      if (event.delta.type === 'text_delta') hooks.onText(event.delta.text);
      else if (event.delta.type === 'thinking_delta') hooks.onThinking(event.delta.thinking);
      else if (event.delta.type === 'signature_delta') hooks.onSignature(event.delta.signature);
      return false;
    case 'message_delta':
      if (typeof event.usage?.output_tokens === 'number') hooks.onOutputTokens(event.usage.output_tokens);
      if (typeof event.usage?.input_tokens === 'number') hooks.onInputUsage?.(inputUsage(event.usage));
      if (event.delta.stop_reason) hooks.onStopReason(event.delta.stop_reason, stopDetailsOf(event.delta));
      return false;
    case 'message_stop':
      return true;
    default:
      return false;
  }
}

/**
 * Reads the cache figures of a usage object. The split by lifetime (`cache_creation`) prices
 * 5-minute and 1-hour writes apart; without it, all writes count as 5-minute ones.
 */
function inputUsage(usage: {
  input_tokens: number | null;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  cache_creation?: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number } | null;
}): AttemptInputUsage {
  const written = usage.cache_creation_input_tokens ?? 0;
  const oneHour = usage.cache_creation?.ephemeral_1h_input_tokens ?? 0;
  return {
    input: usage.input_tokens ?? 0,
    cacheRead: usage.cache_read_input_tokens ?? 0,
    cacheWrite5m: usage.cache_creation ? usage.cache_creation.ephemeral_5m_input_tokens : written,
    cacheWrite1h: oneHour,
  };
}

function stopDetailsOf(delta: { stop_details?: { category?: string | null; explanation?: string | null } | null }): StopDetails | undefined {
  const details = delta.stop_details;
  if (!details) return undefined;
  return { category: details.category ?? undefined, explanation: details.explanation ?? undefined };
}

function activityTap(onActivity: () => void): Middleware {
  return async (request, next) => {
    const response = await next(request);
    onActivity();
    if (!response.body) return response;
    const tap = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, out) {
        onActivity();
        out.enqueue(chunk);
      },
    });
    return new Response(response.body.pipeThrough(tap), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}
