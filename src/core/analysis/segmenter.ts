/**
 * Markdown-aware incremental segmenter. It keeps only the unfinished tail of the stream and
 * whether it is inside a code fence, and emits completed prose sentences and code lines.
 * Every boundary decision looks at a bounded amount of text after the boundary and waits
 * until that text has arrived, so the segments are the same however the stream is chunked.
 * Text before the scan position is never read again: cost per push is O(chunk) amortised.
 */

/** A completed piece of the stream: one prose sentence or one line of code. */
export type Segment =
  | { kind: 'prose'; text: string }
  /** `fence` numbers the code blocks of the stream from 0. */
  | { kind: 'code'; text: string; language?: string; fence: number };

/** A fence opener: up to 3 spaces, 3+ backticks or tildes, an info string (no backticks for ```). */
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;

interface Fence {
  marker: string;
  language?: string;
}

/** Parses a complete line as a fence opener, or returns undefined. */
function parseFenceOpen(line: string): Fence | undefined {
  const m = FENCE_OPEN.exec(line);
  if (!m) return undefined;
  const info = m[2].trim();
  if (m[1][0] === '`' && info.includes('`')) return undefined; // ```x``` is inline code, not a fence
  const language = info
    .split(/\s+/)[0]
    ?.replace(/^\{?\.?/, '')
    .replace(/\}$/, '')
    .toLowerCase();
  return { marker: m[1], language: language || undefined };
}

function closesFence(line: string, fence: Fence): boolean {
  const t = line.trim();
  if (line.length - line.trimStart().length > 3) return false;
  return t.length >= fence.marker.length && t[0] === fence.marker[0] && /^(`+|~+)$/.test(t);
}

const BLOCK_START = /^\s{0,3}(?:#{1,6}\s|[-*+]\s|\d{1,9}[.)]\s|>|\|)/;
const STANDALONE = /^\s{0,3}(?:#{1,6}\s|\|)/;
const BLOCK_MARKERS = /^\s*(?:#{1,6}\s+|[-*+]\s+|\d{1,9}[.)]\s+|>\s*)+/;
const TERMINATOR = /[.!?]/;
const CLOSERS = /["')\]*_”’»]/;
const FULL_WIDTH_TERMINATOR = /[。！？]/;
/**
 * What a full stop may follow without ending the sentence: an initial ("Donald E. Knuth",
 * "E. F. Codd"), a title ("Dr. Ruth Nakamura") or a Latin abbreviation ("e.g. React").
 */
const ABBREVIATION = /(?:^|[\s(])(?:\p{Lu}|Mr|Mrs|Ms|Dr|Prof|e\.g|i\.e|vs|cf)$/u;
const FULL_WIDTH_CLOSERS = /[」』）】〉》"”’]/;

/** Longest sentence we wait for; past this a run-on is cut at the next space. */
const MAX_SENTENCE = 1000;
/** Characters of a line needed before its block kind (list item, heading, fence) is known. */
const LINE_LOOKAHEAD = 16;

/** Incremental segmenter; feed text with {@link push}, drain the tail with {@link finish}. */
export class MarkdownSegmenter {
  /** The current, unfinished line. */
  private tail = '';
  /** How many characters of `tail` have already been moved into `pending`. */
  private moved = 0;
  private fence: Fence | undefined;
  /** Prose of the current paragraph not yet emitted as sentences. */
  private pending = '';
  /** How far into `pending` sentence boundaries have been ruled out. */
  private scanned = 0;
  private inTick = false;
  private fences = -1;

  /** Adds streamed text; returns the segments it completed. */
  push(text: string): Segment[] {
    const out: Segment[] = [];
    this.tail += text;
    let nl = this.tail.indexOf('\n');
    while (nl >= 0) {
      this.completeLine(this.tail.slice(0, nl), out);
      this.tail = this.tail.slice(nl + 1);
      this.moved = 0;
      nl = this.tail.indexOf('\n');
    }
    this.advancePartialLine(out);
    return out;
  }

  /** Flushes everything left (the final pass). */
  finish(): Segment[] {
    const out: Segment[] = [];
    if (this.tail.length > 0) this.completeLine(this.tail, out);
    this.tail = '';
    this.moved = 0;
    this.flushParagraph(out);
    this.fence = undefined;
    return out;
  }

  /** True while inside a code fence (exposed for tests and the UI). */
  get inCode(): boolean {
    return this.fence !== undefined;
  }

  /** A long prose line can already hold finished sentences: move it into `pending` early. */
  private advancePartialLine(out: Segment[]): void {
    if (this.fence) return;
    if (this.moved === 0) {
      const t = this.tail;
      if (t.length < LINE_LOOKAHEAD || t.trim() === '' || /^ {0,3}[`~]/.test(t) || STANDALONE.test(t)) return;
      if (BLOCK_START.test(t)) this.flushParagraph(out);
      this.append(t.trimStart());
    } else {
      this.pending += this.tail.slice(this.moved);
    }
    this.moved = this.tail.length;
    this.scan(out);
  }

  private completeLine(line: string, out: Segment[]): void {
    if (this.fence) {
      if (closesFence(line, this.fence)) this.fence = undefined;
      else out.push({ kind: 'code', text: line, language: this.fence.language, fence: this.fences });
      return;
    }
    if (this.moved > 0) {
      this.pending = (this.pending + line.slice(this.moved)).trimEnd();
      this.scanned = Math.min(this.scanned, this.pending.length);
      this.scan(out);
      return;
    }
    const fence = parseFenceOpen(line);
    if (fence) {
      this.flushParagraph(out);
      this.fence = fence;
      this.fences += 1;
      return;
    }
    if (line.trim() === '' || BLOCK_START.test(line)) this.flushParagraph(out);
    this.append(line.trim());
    this.scan(out);
    if (STANDALONE.test(line)) this.flushParagraph(out);
  }

  private append(text: string): void {
    if (text.length === 0) return;
    this.pending += (this.pending.length > 0 ? ' ' : '') + text;
  }

  /** Emits sentences whose end is certain: a terminator, spaces, then a non-lowercase character. */
  private scan(out: Segment[]): void {
    const p = this.pending;
    let start = 0;
    let i = this.scanned;
    while (i < p.length) {
      const ch = p[i];
      if (ch === '`') this.inTick = !this.inTick;
      if (ch === ' ' && i - start > MAX_SENTENCE) {
        this.emit(p.slice(start, i), out);
        start = i + 1;
        i += 1;
        continue;
      }
      if (!this.inTick && FULL_WIDTH_TERMINATOR.test(ch)) {
        // Chinese and Japanese end a sentence with 。！？ and no space after it: the sentence
        // ends there, once any closing brackets after it have arrived.
        let j = i + 1;
        while (j < p.length && FULL_WIDTH_CLOSERS.test(p[j])) j += 1;
        if (j >= p.length) break;
        this.emit(p.slice(start, j), out);
        while (j < p.length && p[j] === ' ') j += 1;
        start = j;
        i = j;
        continue;
      }
      if (this.inTick || !TERMINATOR.test(ch)) {
        i += 1;
        continue;
      }
      let j = i + 1;
      while (j < p.length && (TERMINATOR.test(p[j]) || CLOSERS.test(p[j]))) j += 1;
      let k = j;
      while (k < p.length && p[k] === ' ') k += 1;
      if (k >= p.length) break; // the next character decides; wait for it
      const abbreviated = ch === '.' && j === i + 1 && ABBREVIATION.test(p.slice(Math.max(start, i - 5), i));
      if (k > j && !/[a-z]/.test(p[k]) && !abbreviated) {
        this.emit(p.slice(start, j), out);
        start = k;
      }
      i = k;
    }
    this.pending = p.slice(start);
    this.scanned = Math.max(0, i - start);
  }

  private flushParagraph(out: Segment[]): void {
    this.emit(this.pending, out);
    this.pending = '';
    this.scanned = 0;
    this.inTick = false;
  }

  private emit(text: string, out: Segment[]): void {
    // Markdown block markers are layout, not words.
    const t = text
      .replace(BLOCK_MARKERS, '')
      .replace(/\s*\|\s*/g, ' ')
      .trim();
    if (t.length > 0) out.push({ kind: 'prose', text: t });
  }
}
