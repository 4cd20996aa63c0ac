/**
 * The context meter: how much of the model's input window the conversation fills. Pure.
 *
 * Three sources, best first: the usage of the last answer (`usage`: exactly what the API
 * counted, plus that answer's output, which the next prompt carries); `messages.countTokens`
 * (`count`), run alongside a send so it never delays the first token; and a local estimate
 * (`estimate`, characters ÷ 4) when there is no key or no network.
 */
import type { ChatTurn } from '../streaming/types';
import type { ContextMeterView } from '../../shared/protocol';

/** The model's `max_input_tokens`, when known (from the Models API or a bundled table). */
export type ContextWindowOf = (model: string) => number | undefined;

/** Counts a request's input tokens with the API; undefined when it cannot (no key, offline). */
export type TokenCounter = (request: { model: string; system?: string; messages: ChatTurn[] }, signal?: AbortSignal) => Promise<number | undefined>;

/** Characters per token of the local estimate; the API's own count replaces it when there is one. */
const CHARS_PER_TOKEN = 4;

/** A rough count of a prompt's tokens: characters ÷ 4, rounded up per block. */
export function estimateTokens(system: string | undefined, messages: ReadonlyArray<ChatTurn>): number {
  let tokens = system ? Math.ceil(system.length / CHARS_PER_TOKEN) : 0;
  for (const m of messages) tokens += Math.ceil(m.content.length / CHARS_PER_TOKEN);
  return tokens;
}

/** The meter as the header shows it. */
export function meterView(usedTokens: number, maxTokens: number | undefined, source: ContextMeterView['source'], warnAt: number): ContextMeterView {
  const share = maxTokens ? usedTokens / maxTokens : undefined;
  return {
    usedTokens,
    maxTokens,
    share,
    source,
    nearLimit: share !== undefined && share >= warnAt,
    full: share !== undefined && share >= 1,
  };
}

/**
 * How many leading messages to drop so the rest fills at most `target` tokens. Whole
 * exchanges only (a user turn and its answers), the newest exchange always kept, so what
 * is left still starts with a user turn.
 */
export function leadingMessagesToDrop(messages: ReadonlyArray<{ role: 'user' | 'assistant'; text: string }>, tokensOf: (text: string) => number, target: number): number {
  const starts: number[] = [];
  messages.forEach((m, i) => {
    if (m.role === 'user' && (i === 0 || messages[i - 1].role === 'assistant')) starts.push(i);
  });
  let total = messages.reduce((sum, m) => sum + tokensOf(m.text), 0);
  let drop = 0;
  for (let k = 1; k < starts.length && total > target; k++) {
    for (let i = starts[k - 1]; i < starts[k]; i++) total -= tokensOf(messages[i].text);
    drop = starts[k];
  }
  return drop;
}
