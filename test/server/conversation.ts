import { CONTINUE_PROMPT } from '../../src/core/streaming/resumeStrategy';
import type { MessagesRequestBody } from './types';

interface Turn {
  role: string;
  text: string;
}

/** The text of a message's content, whether a string or an array of blocks. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((block: unknown) =>
      block && typeof block === 'object' && typeof (block as { text?: unknown }).text === 'string'
        ? (block as { text: string }).text
        : '',
    )
    .join('');
}

/** The request's turns as role + text, ignoring malformed entries. */
export function turnsOf(body: MessagesRequestBody): Turn[] {
  if (!Array.isArray(body.messages)) return [];
  return body.messages.flatMap((m: unknown) => {
    if (!m || typeof m !== 'object') return [];
    const { role, content } = m as { role?: unknown; content?: unknown };
    return typeof role === 'string' ? [{ role, text: contentText(content) }] : [];
  });
}

/** How the request continues an earlier, broken answer, if it does. */
export type Continuation = { kind: 'prefill' | 'continue-turn'; partial: string } | undefined;

/**
 * A prefill ends with an assistant turn; a continue-turn ends with a user turn carrying
 * CONTINUE_PROMPT right after the assistant turn that holds the partial answer.
 */
export function detectContinuation(body: MessagesRequestBody): Continuation {
  const turns = turnsOf(body);
  const last = turns.at(-1);
  if (!last) return undefined;
  if (last.role === 'assistant') return { kind: 'prefill', partial: last.text };
  const previous = turns.at(-2);
  if (last.role === 'user' && last.text.includes(CONTINUE_PROMPT) && previous?.role === 'assistant') {
    return { kind: 'continue-turn', partial: previous.text };
  }
  return undefined;
}

/** The user's actual question: the last user turn that is not a request to continue. */
export function userPrompt(body: MessagesRequestBody): string {
  const users = turnsOf(body).filter((t) => t.role === 'user' && !t.text.includes(CONTINUE_PROMPT));
  return users.at(-1)?.text ?? '';
}

/** The canned answer when a scenario has no text: short, and derived from the prompt. */
export function cannedAnswer(prompt: string): string {
  const topic = prompt.replace(/\s+/g, ' ').trim().slice(0, 60) || 'your question';
  return `Here is a short answer about "${topic}". It streams in small chunks, the way a real model answers, so you can watch it arrive.`;
}

/**
 * The text this response streams: the whole answer, or for a continuation only what follows
 * the partial (preceded by `overlapChars` of the partial, to test overlap removal). A partial
 * that is not a prefix of the answer, or a `restart`, gets the whole answer.
 */
export function textToStream(full: string, continuation: Continuation, overlapChars = 0, behaviour: 'exact' | 'restart' = 'exact'): string {
  if (!continuation || behaviour === 'restart') return full;
  const { partial } = continuation;
  if (!full.startsWith(partial)) return full;
  const overlap = overlapChars > 0 ? partial.slice(-overlapChars) : '';
  return overlap + full.slice(partial.length);
}

/** A rough token count, as the real API would report for the prompt. */
export function estimateInputTokens(body: MessagesRequestBody): number {
  const system = typeof body.system === 'string' ? body.system : contentText(body.system);
  const chars = turnsOf(body).reduce((n, t) => n + t.text.length, system.length);
  return Math.max(1, Math.ceil(chars / 4));
}
