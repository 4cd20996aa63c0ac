import type { ServerResponse } from 'node:http';
import { chunkText } from './chunking';
import { SseWriter } from './sseWriter';
import type { Scenario } from './types';

/** What a response needs beyond its scenario. */
export interface ResponseContext {
  model: string;
  /** The text to stream (already cut to the continuation's rest, if any). */
  text: string;
  inputTokens: number;
  requestId: string;
  messageId: string;
}

const SIGNATURE = 'EqQBCkYIBxgCKkBmb2NhbCB0ZXN0IHNlcnZlciBzaWduYXR1cmU=';

/**
 * Streams one scenario as the Messages API's SSE protocol: message_start, one block per
 * thinking/text (thinking first, index 0), pings and faults as scripted, message_delta with
 * the cumulative output tokens (one per delta sent), message_stop. Fault counters count text
 * deltas only.
 */
export async function streamScenario(res: ServerResponse, scenario: Scenario, ctx: ResponseContext): Promise<void> {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    'request-id': ctx.requestId,
  });
  res.socket?.setNoDelay(true);
  const w = new SseWriter(res, scenario.splitUtf8 === true);
  let outputTokens = 0;
  let deltas = 0;
  let index = 0;

  const afterDelta = async (): Promise<void> => {
    outputTokens++;
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
      id: ctx.messageId, type: 'message', role: 'assistant', content: [], model: ctx.model,
      stop_reason: null, stop_sequence: null,
      usage: { input_tokens: ctx.inputTokens, output_tokens: 1 },
    },
  });
  if (scenario.unknownEvents) await w.event('claude_future_event', { type: 'claude_future_event', detail: 'before any block' });

  if (scenario.thinking) {
    await w.event('content_block_start', { type: 'content_block_start', index, content_block: { type: 'thinking', thinking: '', signature: '' } });
    for (const piece of chunkText(scenario.thinking, scenario.tokenChars, 7)) {
      await w.event('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'thinking_delta', thinking: piece } });
      await afterDelta();
      if (w.closed) return;
    }
    await w.event('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'signature_delta', signature: SIGNATURE } });
    await w.event('content_block_stop', { type: 'content_block_stop', index });
    index++;
  }

  await w.event('content_block_start', { type: 'content_block_start', index, content_block: { type: 'text', text: '' } });
  if (scenario.pingEvery) await w.event('ping', { type: 'ping' });
  const chunks = chunkText(ctx.text, scenario.tokenChars);
  const fired = new Set<string>();
  let textDeltas = 0;
  for (let i = 0; i <= chunks.length; i++) {
    if ((await fault(scenario, textDeltas, fired, w, res)) === 'stop') return;
    if (i === chunks.length) break;
    await w.event('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'text_delta', text: chunks[i] } });
    textDeltas++;
    await afterDelta();
    if (w.closed) return;
  }
  await w.event('content_block_stop', { type: 'content_block_stop', index });
  await w.event('message_delta', {
    type: 'message_delta',
    delta: { stop_reason: scenario.stopReason ?? 'end_turn', stop_sequence: null },
    usage: { output_tokens: outputTokens },
  });
  await w.event('message_stop', { type: 'message_stop' });
  await w.flush();
  res.end();
}

/** Applies the scripted fault due after `sent` text deltas, once each. */
async function fault(scenario: Scenario, sent: number, fired: Set<string>, w: SseWriter, res: ServerResponse): Promise<'go' | 'stop'> {
  const due = (name: string, at: number | undefined): boolean => {
    if (at === undefined || at !== sent || fired.has(name)) return false;
    fired.add(name);
    return true;
  };
  if (due('pause', scenario.pauseAfterTokens)) {
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
  if (due('malformed', scenario.malformedAfterTokens)) {
    await w.raw('event: content_block_delta\ndata: {not json\n\n');
    await w.flush();
  }
  if (due('error', scenario.errorAfterTokens)) {
    const type = scenario.errorEventType ?? 'overloaded_error';
    await w.event('error', { type: 'error', error: { type, message: type === 'overloaded_error' ? 'Overloaded' : `Scripted ${type}` } });
    await w.flush();
    res.end();
    return 'stop';
  }
  if (due('reset', scenario.resetAfterTokens)) {
    await w.flush();
    res.socket?.destroy();
    return 'stop';
  }
  if (due('stall', scenario.stallAfterTokens)) {
    await w.flush();
    await w.sleep(scenario.stallMs ?? 60_000);
    res.socket?.destroy();
    return 'stop';
  }
  return 'go';
}

/** A non-streaming Message JSON for the same scenario. */
export function messageJson(scenario: Scenario, ctx: ResponseContext): unknown {
  const content: unknown[] = [];
  if (scenario.thinking) content.push({ type: 'thinking', thinking: scenario.thinking, signature: SIGNATURE });
  content.push({ type: 'text', text: ctx.text });
  const outputTokens =
    chunkText(ctx.text, scenario.tokenChars).length + (scenario.thinking ? chunkText(scenario.thinking, scenario.tokenChars, 7).length : 0);
  return {
    id: ctx.messageId, type: 'message', role: 'assistant', model: ctx.model, content,
    stop_reason: scenario.stopReason ?? 'end_turn', stop_sequence: null,
    usage: { input_tokens: ctx.inputTokens, output_tokens: outputTokens },
  };
}
