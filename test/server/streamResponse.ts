import type { ServerResponse } from 'node:http';
import type { CacheUsage } from './cache';
import { chunkText } from './chunking';
import { SseWriter } from './sseWriter';
import type { Scenario, StopReason } from './types';

/** What a response needs beyond its scenario. */
export interface ResponseContext {
  model: string;
  /** The text to stream (already cut to the continuation's rest, if any). */
  text: string;
  /** The thinking block, if the request thinks: its full text and whether it is shown. */
  thinking?: { text: string; display: 'summarized' | 'omitted' };
  /** Signs the thinking text as sent (empty under display "omitted"). */
  sign: (sentThinking: string) => string;
  /** Server-signed redacted_thinking payloads to send first. */
  redacted: string[];
  maxTokens: number;
  usage: CacheUsage;
  requestId: string;
  messageId: string;
}

/**
 * What a response will contain, decided before the first byte: thinking tokens count toward
 * max_tokens ("Thinking tokens count toward your max_tokens limit", ThinkingConfigParam in
 * messages.d.ts), so a small max_tokens stops with `max_tokens`, possibly before any text. One
 * output token per delta.
 */
interface Plan {
  thinkingChunks: string[];
  /** The thinking text as sent: the chunks joined, or '' when display is "omitted". */
  sentThinking: string;
  textChunks: string[];
  stopReason: StopReason;
  outputTokens: number;
  thinkingTokens: number;
}

function plan(scenario: Scenario, ctx: ResponseContext): Plan {
  const all = ctx.thinking && ctx.maxTokens > 0 ? chunkText(ctx.thinking.text, scenario.tokenChars, 7) : [];
  const thinkingChunks = all.slice(0, ctx.maxTokens);
  const textBudget = ctx.maxTokens - thinkingChunks.length;
  const allText = chunkText(ctx.text, scenario.tokenChars);
  const textChunks = allText.slice(0, Math.max(0, textBudget));
  const truncated = thinkingChunks.length < all.length || textChunks.length < allText.length;
  const shown = ctx.thinking?.display === 'summarized';
  return {
    thinkingChunks,
    sentThinking: shown ? thinkingChunks.join('') : '',
    textChunks,
    stopReason: truncated ? 'max_tokens' : (scenario.stopReason ?? 'end_turn'),
    outputTokens: thinkingChunks.length + textChunks.length,
    thinkingTokens: thinkingChunks.length,
  };
}

function stopDetails(scenario: Scenario, stop: StopReason): unknown {
  if (stop !== 'refusal') return null;
  return { type: 'refusal', category: scenario.stopDetails?.category ?? null, explanation: scenario.stopDetails?.explanation ?? null };
}

/** Usage as SDK 1.12 types it, with the cache split and its per-TTL breakdown. */
function usageJson(ctx: ResponseContext, outputTokens: number): Record<string, unknown> {
  return {
    input_tokens: ctx.usage.inputTokens,
    cache_creation_input_tokens: ctx.usage.cacheCreationInputTokens,
    cache_read_input_tokens: ctx.usage.cacheReadInputTokens,
    cache_creation: { ephemeral_5m_input_tokens: ctx.usage.ephemeral5mInputTokens, ephemeral_1h_input_tokens: ctx.usage.ephemeral1hInputTokens },
    output_tokens: outputTokens,
    output_tokens_details: null,
    server_tool_use: null,
    service_tier: 'standard',
    inference_geo: null,
    speed: null,
  };
}

/**
 * Streams one scenario as the Messages API's SSE protocol: message_start, redacted_thinking
 * blocks, the thinking block (thinking_delta*, one signature_delta), the text block, pings and
 * faults as scripted (text faults count text deltas, *ThinkingTokens faults count thinking
 * deltas), message_delta with usage and stop_details, message_stop.
 */
export async function streamScenario(res: ServerResponse, scenario: Scenario, ctx: ResponseContext): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'request-id': ctx.requestId, ...scenario.headers });
  res.socket?.setNoDelay(true);
  const w = new SseWriter(res, scenario.splitUtf8 === true);
  const p = plan(scenario, ctx);
  let deltas = 0;
  let index = 0;
  const fired = new Set<string>();

  const afterDelta = async (): Promise<void> => {
    deltas++;
    if (scenario.pingEvery && deltas % scenario.pingEvery === 0) await w.event('ping', { type: 'ping' });
    if (scenario.unknownEvents && deltas % 3 === 0) {
      await w.event('claude_future_event', { type: 'claude_future_event', detail: 'clients must ignore this' });
      await w.event('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'future_delta', payload: 'ignore' } });
    }
    if (scenario.delayMs && scenario.delayMs > 0) {
      await w.flush();
      await w.sleep(scenario.delayMs);
    }
  };

  await w.event('message_start', {
    type: 'message_start',
    message: {
      id: ctx.messageId,
      type: 'message',
      role: 'assistant',
      content: [],
      model: ctx.model,
      container: null,
      diagnostics: null,
      stop_reason: null,
      stop_sequence: null,
      stop_details: null,
      usage: usageJson(ctx, 1),
    },
  });
  if (scenario.unknownEvents) await w.event('claude_future_event', { type: 'claude_future_event', detail: 'before any block' });

  for (const data of ctx.redacted) {
    await w.event('content_block_start', { type: 'content_block_start', index, content_block: { type: 'redacted_thinking', data } });
    await w.event('content_block_stop', { type: 'content_block_stop', index });
    index++;
  }

  if (ctx.thinking && ctx.maxTokens > 0) {
    await w.event('content_block_start', { type: 'content_block_start', index, content_block: { type: 'thinking', thinking: '', signature: '' } });
    const shown = ctx.thinking.display === 'summarized';
    for (let i = 0; i <= p.thinkingChunks.length; i++) {
      if ((await fault(scenario, 'thinking', i, fired, w, res)) === 'stop') return;
      if (i === p.thinkingChunks.length) break;
      if (shown) await w.event('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'thinking_delta', thinking: p.thinkingChunks[i] } });
      await afterDelta();
      if (w.closed) return;
    }
    await w.event('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'signature_delta', signature: ctx.sign(p.sentThinking) } });
    await w.event('content_block_stop', { type: 'content_block_stop', index });
    index++;
  }

  const textBlock = p.textChunks.length > 0 || !ctx.thinking || p.stopReason !== 'max_tokens';
  if (textBlock && ctx.maxTokens > 0) {
    await w.event('content_block_start', { type: 'content_block_start', index, content_block: { type: 'text', text: '' } });
    if (scenario.pingEvery) await w.event('ping', { type: 'ping' });
    for (let i = 0; i <= p.textChunks.length; i++) {
      if ((await fault(scenario, 'text', i, fired, w, res)) === 'stop') return;
      if (i === p.textChunks.length) break;
      await w.event('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'text_delta', text: p.textChunks[i] } });
      await afterDelta();
      if (w.closed) return;
    }
    await w.event('content_block_stop', { type: 'content_block_stop', index });
  }
  const usage = usageJson(ctx, p.outputTokens);
  await w.event('message_delta', {
    type: 'message_delta',
    delta: { stop_reason: p.stopReason, stop_sequence: null, stop_details: stopDetails(scenario, p.stopReason), container: null },
    usage: {
      input_tokens: usage.input_tokens,
      cache_creation_input_tokens: usage.cache_creation_input_tokens,
      cache_read_input_tokens: usage.cache_read_input_tokens,
      output_tokens: p.outputTokens,
      output_tokens_details: { thinking_tokens: p.thinkingTokens },
      server_tool_use: null,
    },
  });
  await w.event('message_stop', { type: 'message_stop' });
  await w.flush();
  res.end();
}

const FAULT_KEYS = {
  text: { pause: 'pauseAfterTokens', malformed: 'malformedAfterTokens', error: 'errorAfterTokens', reset: 'resetAfterTokens', stall: 'stallAfterTokens' },
  thinking: {
    pause: 'pauseAfterThinkingTokens',
    malformed: 'malformedAfterThinkingTokens',
    error: 'errorAfterThinkingTokens',
    reset: 'resetAfterThinkingTokens',
    stall: 'stallAfterThinkingTokens',
  },
} as const;

/** Applies the scripted fault due after `sent` deltas of this phase, once each. */
async function fault(scenario: Scenario, phase: 'text' | 'thinking', sent: number, fired: Set<string>, w: SseWriter, res: ServerResponse): Promise<'go' | 'stop'> {
  const keys = FAULT_KEYS[phase];
  const due = (name: keyof typeof keys): boolean => {
    const at = scenario[keys[name]];
    if (at === undefined || at !== sent || fired.has(keys[name])) return false;
    fired.add(keys[name]);
    return true;
  };
  if (due('pause')) {
    await w.flush();
    const until = Date.now() + (scenario.pauseMs ?? 1000);
    const step = scenario.pausePingMs ?? Number.POSITIVE_INFINITY;
    while (!w.closed && Date.now() < until) {
      await w.sleep(Math.min(step, until - Date.now()));
      if (Number.isFinite(step) && Date.now() < until) {
        await w.event('ping', { type: 'ping' });
        await w.flush();
      }
    }
  }
  if (due('malformed')) {
    await w.raw('event: content_block_delta\ndata: {not json\n\n');
    await w.flush();
  }
  if (due('error')) {
    const type = scenario.errorEventType ?? 'overloaded_error';
    await w.event('error', { type: 'error', error: { type, message: type === 'overloaded_error' ? 'Overloaded' : `Scripted ${type}` } });
    await w.flush();
    res.end();
    return 'stop';
  }
  if (due('reset')) {
    await w.flush();
    res.socket?.destroy();
    return 'stop';
  }
  if (due('stall')) {
    await w.flush();
    await w.sleep(scenario.stallMs ?? 60_000);
    res.socket?.destroy();
    return 'stop';
  }
  return 'go';
}

/** A non-streaming Message JSON for the same scenario and plan. */
export function messageJson(scenario: Scenario, ctx: ResponseContext): unknown {
  const p = plan(scenario, ctx);
  const content: unknown[] = ctx.redacted.map((data) => ({ type: 'redacted_thinking', data }));
  if (ctx.thinking && ctx.maxTokens > 0) content.push({ type: 'thinking', thinking: p.sentThinking, signature: ctx.sign(p.sentThinking) });
  if (ctx.maxTokens > 0 && (p.textChunks.length > 0 || !ctx.thinking || p.stopReason !== 'max_tokens'))
    content.push({ type: 'text', text: p.textChunks.join(''), citations: null });
  return {
    id: ctx.messageId,
    type: 'message',
    role: 'assistant',
    model: ctx.model,
    content,
    container: null,
    diagnostics: null,
    stop_reason: p.stopReason,
    stop_sequence: null,
    stop_details: stopDetails(scenario, p.stopReason),
    usage: { ...usageJson(ctx, p.outputTokens), output_tokens_details: { thinking_tokens: p.thinkingTokens } },
  };
}
