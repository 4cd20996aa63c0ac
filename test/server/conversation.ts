import type { MessagesRequestBody } from './types';

interface Turn {
  role: string;
  text: string;
}

/** The text of a message's content, whether a string or an array of blocks (text blocks only). */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((block: unknown) =>
      block && typeof block === 'object' && (block as { type?: unknown }).type === 'text' && typeof (block as { text?: unknown }).text === 'string'
        ? (block as { text: string }).text
        : '',
    )
    .join('');
}

/** The request's turns as role + text, ignoring malformed entries. */
function turnsOf(body: MessagesRequestBody): Turn[] {
  if (!Array.isArray(body.messages)) return [];
  return body.messages.flatMap((m: unknown) => {
    if (!m || typeof m !== 'object') return [];
    const { role, content } = m as { role?: unknown; content?: unknown };
    return typeof role === 'string' ? [{ role, text: contentText(content) }] : [];
  });
}

/**
 * Whether a user turn asks to continue an answer that broke off, read as a model would: any
 * wording about continuing, resuming or being cut off, not one fixed prompt.
 */
const CONTINUE_INTENT =
  /\b(continue|continuing|go on|keep going|carry on|resume|pick up|left off|cut off|got cut|was cut|interrupted|truncated|finish (?:your|the|that) (?:answer|response|reply)|rest of (?:your|the) (?:answer|response|reply))\b/i;

/** True for a user turn that asks to continue and directly follows an assistant turn. */
function isContinueTurn(turns: Turn[], i: number): boolean {
  return turns[i].role === 'user' && i > 0 && turns[i - 1].role === 'assistant' && CONTINUE_INTENT.test(turns[i].text);
}

/** The user's actual question: the last user turn that is not a request to continue. */
export function userPrompt(body: MessagesRequestBody): string {
  const turns = turnsOf(body);
  for (let i = turns.length - 1; i >= 0; i--) {
    if (turns[i].role === 'user' && !isContinueTurn(turns, i)) return turns[i].text;
  }
  return '';
}

/** How the request may continue an earlier answer: a final assistant turn (prefill) or a continue-turn after one. */
export function continuationCandidate(body: MessagesRequestBody): { kind: 'prefill' | 'continue-turn'; partial: string } | undefined {
  const turns = turnsOf(body);
  const last = turns.length - 1;
  if (last < 0) return undefined;
  if (turns[last].role === 'assistant') return { kind: 'prefill', partial: turns[last].text };
  if (isContinueTurn(turns, last)) return { kind: 'continue-turn', partial: turns[last - 1].text };
  return undefined;
}

/** The canned answer when a scenario has no text: short, and derived from the prompt. */
export function cannedAnswer(prompt: string): string {
  const topic = prompt.replace(/\s+/g, ' ').trim().slice(0, 60) || 'your question';
  return `Here is a short answer about "${topic}". It streams in small chunks, the way a real model answers, so you can watch it arrive.`;
}
