/**
 * Continuations, answered as models really answer them. A prefill (final assistant turn, older
 * models) or a continue-turn (a user turn asking to go on, right after an assistant turn) whose
 * partial text is a proper prefix of the answer this server would give is continued from there,
 * in the scripted ContinuationBehaviour (types.ts). Any other request gets the whole answer.
 */
import { continuationCandidate } from './conversation';
import type { ContinuationBehaviour, MessagesRequestBody } from './types';

const FENCE_LINE = /^ {0,3}(```+|~~~+)(.*)$/;

/** The text to stream for this request, given the full answer the server would give. */
export function textToStream(body: MessagesRequestBody, full: string, behaviour: ContinuationBehaviour = 'exact', overlapChars = 0): string {
  const candidate = continuationCandidate(body);
  if (!candidate) return full;
  const { partial } = candidate;
  if (partial.length === 0 || partial.length >= full.length || !full.startsWith(partial)) return full;
  const rest = full.slice(partial.length);
  if (overlapChars > 0 && behaviour === 'exact') return partial.slice(-overlapChars) + rest;
  switch (behaviour) {
    case 'restart':
      return full;
    case 'repeat':
      return (overlapChars > 0 ? partial.slice(-overlapChars) : lastPhrase(partial)) + rest;
    case 'reopen-fence': {
      const fence = openFence(partial);
      if (!fence) return rest;
      const lineStart = partial.lastIndexOf('\n') + 1;
      return `${fence}\n${full.slice(lineStart)}`;
    }
    case 'midword': {
      const start = brokenWordStart(partial, full);
      return start === undefined ? rest : full.slice(start);
    }
    default:
      return rest;
  }
}

/** The partial's last phrase: what follows its last punctuation or line break (at most 40 chars). */
function lastPhrase(partial: string): string {
  const match = /[^.,;:!?\n]*$/.exec(partial)?.[0] ?? '';
  const phrase = match.trim() ? match : partial.slice(-12);
  return phrase.slice(-40);
}

/** The opening line (fence + info string) of the code fence the text ends inside, if any. */
function openFence(text: string): string | undefined {
  let open: string | undefined;
  for (const line of text.split('\n').slice(0, -1)) {
    const m = FENCE_LINE.exec(line);
    if (!m) continue;
    if (open === undefined) open = line.trim();
    else if (m[2].trim() === '') open = undefined;
  }
  return open;
}

/** Where the word that the break cut in two starts, if the break fell inside a word. */
function brokenWordStart(partial: string, full: string): number | undefined {
  const word = /[\p{L}\p{N}_]/u;
  if (!word.test(partial.at(-1) ?? '') || !word.test(full[partial.length] ?? '')) return undefined;
  let start = partial.length;
  while (start > 0 && word.test(partial[start - 1])) start--;
  return start;
}
