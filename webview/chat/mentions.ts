/**
 * The `#` mentions of the chat input, as text: which mention the caret is in, which kinds a
 * partial `#fi` can still become, and the text after a pick. No DOM here, so the rules that
 * decide when the completion opens are plain functions.
 */
import type { AddableContextKind, QueryContextKind } from '../../src/shared/protocol/context';

/** A kind the user can mention; `takesValue` kinds continue with `:` and a search (`#file:cart`). */
export interface MentionChoice {
  kind: AddableContextKind;
  takesValue: boolean;
  /** What the completion says about it. */
  detail: string;
}

/** Every kind `#` offers, in the order the completion lists them. */
export const MENTION_CHOICES: readonly MentionChoice[] = [
  { kind: 'file', takesValue: true, detail: 'A file from the workspace' },
  { kind: 'folder', takesValue: true, detail: 'A folder: its tree and the files that fit' },
  { kind: 'symbol', takesValue: true, detail: 'A function, class or type by name' },
  { kind: 'selection', takesValue: false, detail: 'What is selected in the editor' },
  { kind: 'problems', takesValue: false, detail: 'Errors and warnings of the open files' },
  { kind: 'changes', takesValue: false, detail: 'The working-tree diff (git)' },
  { kind: 'terminal', takesValue: false, detail: 'The last command and its output' },
];

/** The kinds whose mention continues with a value after `:`. */
export type ValueKind = QueryContextKind;

/** The mention the caret is in: `text.slice(start, end)` is `#…` up to the caret. */
export interface MentionAtCaret {
  start: number;
  end: number;
  /** Set once the user typed `#kind:`; the completion then searches for `query`. */
  kind?: ValueKind;
  /** What follows `#` (no kind yet) or `#kind:` (a kind). */
  query: string;
}

const isValueKind = (kind: string): kind is ValueKind => kind === 'file' || kind === 'folder' || kind === 'symbol';

/**
 * The mention that ends at `caret`, if any: a `#` at the start or after white space or an
 * opening bracket, then no white space up to the caret. `C#` and `issue#4` are not mentions.
 */
export function mentionAt(text: string, caret: number): MentionAtCaret | undefined {
  let hash = -1;
  for (let i = caret - 1; i >= 0; i--) {
    const ch = text[i];
    if (/\s/.test(ch)) return undefined;
    if (ch === '#') {
      hash = i;
      break;
    }
  }
  if (hash < 0) return undefined;
  if (hash > 0 && !/[\s([{"'`]/.test(text[hash - 1])) return undefined;
  const token = text.slice(hash + 1, caret);
  const colon = token.indexOf(':');
  if (colon < 0) return /^[A-Za-z]*$/.test(token) ? { start: hash, end: caret, query: token } : undefined;
  const kind = token.slice(0, colon).toLowerCase();
  if (!isValueKind(kind)) return undefined;
  return { start: hash, end: caret, kind, query: token.slice(colon + 1) };
}

/** The kinds a partial `#query` can still become: prefix matches first, then the rest that contain it. */
export function kindsFor(query: string): MentionChoice[] {
  const q = query.toLowerCase();
  const starts = MENTION_CHOICES.filter((k) => k.kind.startsWith(q));
  const contains = MENTION_CHOICES.filter((k) => !k.kind.startsWith(q) && k.kind.includes(q));
  return [...starts, ...contains];
}

/** The input after replacing the mention with `replacement`, and where the caret goes (after it). */
export function replaceMention(text: string, mention: MentionAtCaret, replacement: string): { text: string; caret: number } {
  const after = text.slice(mention.end);
  // One space after a finished mention, unless the text already has one there.
  const spaced = replacement.endsWith(':') || /^\s/.test(after) ? replacement : `${replacement} `;
  return { text: text.slice(0, mention.start) + spaced + after, caret: mention.start + spaced.length };
}

/** How a mention of `kind` (with `value`) is written in the input, e.g. `#file:src/cart.ts`. */
export function mentionText(kind: string, value?: string): string {
  return value === undefined ? `#${kind}` : `#${kind}:${value}`;
}
