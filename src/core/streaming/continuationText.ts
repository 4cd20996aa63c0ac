/**
 * Text facts the continuation joiner decides with: where the seen text stands in markdown
 * (inside a code fence?), the word it was cut in, and where a rewritten answer lines up with
 * the seen one. Pure string functions, run while a resumed attempt is being decided, never on
 * the pass-through path every later delta takes.
 */

/** A word run: letters, digits and underscore in any script. */
const WORD_CHAR = /[\p{L}\p{N}\p{M}_]/u;
const LEADING_WORD = /^[\p{L}\p{N}\p{M}_]+/u;

/** Longest fence info line a model plausibly writes ("```typescript title=x"); longer is text. */
const MAX_FENCE_LINE = 64;

/** The code fence the seen text is inside, if it ends inside one. */
export interface OpenFence {
  /** The fence characters, e.g. "```" or "~~~~". */
  marker: string;
  /** True when the seen text ends right after a newline (a closing fence could follow). */
  atLineStart: boolean;
  /** Index in the seen text where the block's content begins, after its opening line. */
  bodyStart: number;
}

/**
 * The fence the text ends inside, per CommonMark: an opening line of three or more backticks or
 * tildes (indented at most three spaces) is closed by a line of at least as many of the same.
 */
export function openFenceAtEnd(text: string): OpenFence | undefined {
  let open: string | undefined;
  let bodyStart = 0;
  const fence = /^ {0,3}(`{3,}|~{3,})(.*)$/gm;
  for (let m = fence.exec(text); m; m = fence.exec(text)) {
    const [, marker, rest] = m;
    if (open === undefined) {
      // A backtick fence's info string may not contain a backtick.
      if (marker[0] === '`' && rest.includes('`')) continue;
      open = marker;
      bodyStart = m.index + m[0].length + 1;
    } else if (marker[0] === open[0] && marker.length >= open.length && rest.trim() === '') {
      open = undefined;
    }
  }
  // Cut inside the opening line itself: no block to reopen yet (see `cutFenceLineLength`).
  if (open === undefined || bodyStart > text.length) return undefined;
  return { marker: open, atLineStart: text.endsWith('\n'), bodyStart };
}

/**
 * Length of the seen text's last line when the break fell inside a fence's opening line
 * ("```t"), which a model writes again whole ("```ts\n"); 0 otherwise.
 */
export function cutFenceLineLength(text: string): number {
  const line = text.slice(text.lastIndexOf('\n') + 1);
  return /^ {0,3}(`{3,}|~{3,})/.test(line) ? line.length : 0;
}

/**
 * How the continuation `text` begins with respect to a fence the seen text is inside:
 * `undecided` while it could still become a fence line, else the length of a reopening fence
 * line to drop (0 when there is none). A bare fence at a line start closes the block, so it is
 * kept; one with an info string, or any fence after a mid-line break, reopens it.
 */
export function reopenedFenceLength(text: string, fence: OpenFence): number | 'undecided' {
  if (/^ {0,3}$/.test(text)) return 'undecided';
  const line = /^ {0,3}(`+|~+)([^\n]*)(\n?)/.exec(text);
  if (!line || line[1][0] !== fence.marker[0]) return 0;
  const [whole, marker, info, newline] = line;
  if (!newline) {
    const couldGrow = whole.length === text.length && whole.length <= MAX_FENCE_LINE;
    return couldGrow && !(marker[0] === '`' && info.includes('`')) ? 'undecided' : 0;
  }
  if (marker.length < 3) return 0;
  if (fence.atLineStart && info.trim() === '') return 0;
  return whole.length;
}

/**
 * The word run the seen text ends with ('' when it ends in anything else): the fragment of a
 * word a break may have cut. Scanned backwards, since a `$`-anchored regex over a long answer
 * retries at every word start.
 */
export function trailingWord(seen: string): string {
  let i = seen.length;
  while (i > 0) {
    const low = seen.charCodeAt(i - 1);
    const width = low >= 0xdc00 && low <= 0xdfff && i > 1 ? 2 : 1;
    if (!WORD_CHAR.test(seen.slice(i - width, i))) break;
    i -= width;
  }
  return seen.slice(i);
}

/**
 * Shortest cut word taken as rewritten. An exact continuation often starts with a one-char cut
 * word by chance (a doubled letter or digit: "Answer 2" then "23:"); two or more chars that
 * repeat at once are rare in real words.
 */
const MIN_REWRITTEN_FRAGMENT = 2;

/**
 * Chars to drop from the start of `text` when the seen text was cut inside the word `fragment`
 * and the model wrote that whole word again ("bro" then "brown fox": drop "bro"). 0 when there
 * is no fragment, or the continuation does not begin with a longer word starting with it.
 */
export function repeatedWordFragment(fragment: string, text: string): number {
  if (fragment.length < MIN_REWRITTEN_FRAGMENT) return 0;
  const first = LEADING_WORD.exec(text)?.[0];
  // The same word again ("no" then "no more") is as likely a genuine repeat: only a longer word
  // shows the model finishing the cut one.
  return first !== undefined && first.length > fragment.length && first.startsWith(fragment) ? fragment.length : 0;
}

/** True while `text` could still grow into a longer word that starts with the cut word `fragment`. */
export function couldRepeatFragment(fragment: string, text: string): boolean {
  if (fragment.length < MIN_REWRITTEN_FRAGMENT || text.length > fragment.length) return false;
  return fragment.startsWith(text) && (LEADING_WORD.exec(text)?.[0] ?? '') === text;
}

interface Word {
  text: string;
  start: number;
  end: number;
}

function wordsOf(text: string, from: number): Word[] {
  const words: Word[] = [];
  const re = /\S+/g;
  re.lastIndex = from;
  for (let m = re.exec(text); m; m = re.exec(text)) words.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  return words;
}

/** Word n-grams used to line a rewrite up with the seen text, longest (surest) first. */
const ALIGN_GRAMS = [3, 2];
/** How far back from the seen text's end an anchor is looked for, in words. */
const ALIGN_WINDOW_WORDS = 200;

/**
 * Where, in a rewrite of the seen answer, the seen text ends: the index in `rewrite` after which
 * the new text begins, or undefined when nothing lines up. Both texts agree up to `from`; the
 * latest run of whole words of the seen text that the rewrite also contains anchors the
 * alignment, and the words the seen text has after that anchor are skipped in the rewrite too.
 */
export function alignRewrite(seen: string, rewrite: string, from: number): number | undefined {
  const seenWords = wordsOf(seen, from);
  const newWords = wordsOf(rewrite, from);
  // A seen text cut inside its last word: that fragment anchors nothing, the rewrite's word goes on past it.
  const cut = WORD_CHAR.test(seen.slice(-1)) ? seenWords.at(-1) : undefined;
  const whole = cut ? seenWords.length - 1 : seenWords.length;
  for (const n of ALIGN_GRAMS) {
    const key = (ws: Word[], i: number): string =>
      ws
        .slice(i, i + n)
        .map((w) => w.text)
        .join(' ');
    const firstAt = new Map<string, number>();
    for (let i = 0; i + n <= newWords.length; i++) {
      const k = key(newWords, i);
      if (!firstAt.has(k)) firstAt.set(k, i);
    }
    for (let i = whole - n; i >= Math.max(0, whole - n - ALIGN_WINDOW_WORDS); i--) {
      const at = firstAt.get(key(seenWords, i));
      if (at === undefined) continue;
      const last = at + (seenWords.length - i) - 1;
      if (last >= newWords.length) return rewrite.length;
      const match = newWords[last];
      return cut && match.text.length > cut.text.length && match.text.startsWith(cut.text) ? match.start + cut.text.length : match.end;
    }
  }
  return undefined;
}
