/**
 * Joins the text of a resumed attempt onto what the user already saw, so the final answer
 * equals an unbroken one: nothing lost, nothing doubled.
 *
 * After a prefill the model continues exactly where the text ends; only the trailing
 * whitespace the prefill had to trim (the API rejects a final assistant turn ending in it) is
 * written again and dropped here.
 *
 * Asked to continue in a new turn, a model does what models do, and each is undone here:
 * - it **starts over**: the new text is held back while it is still a prefix of the seen text,
 *   and only what passes the seen text's end is shown, however long the seen text is;
 * - it **repeats the last phrase**, or any run up to the end of the seen text: the longest
 *   suffix of the seen text that the new text begins with is dropped, when at least
 *   `minOverlap` long, so a genuine continuation that happens to start like the seen text
 *   ended (one letter, "| --- |") is kept;
 * - it **reopens a code fence** the seen text was inside ("```ts\n" again): that line is
 *   dropped, and what follows is joined as above; a break inside the fence's own opening line
 *   ("```t") and the line written again whole is undone too;
 * - it **rewrites the word the break fell in** ("bro", then "brown"): the fragment's letters
 *   are dropped from the new word;
 * - it **starts over and then words it differently**: the joiner keeps holding back until the
 *   rewrite writes the seen text's last chars, or lines up with it word by word, and shows only
 *   what comes after. If nothing lines up, the new text is shown whole.
 *
 * Cost: while deciding, each new char is checked against the positions of the seen text it
 * still matches (a few after the first chars of natural text); once decided, `push` is a pass
 * through, O(delta). What is held back is one string, at most the seen text's length plus
 * `REWRITE_SLACK_CHARS`.
 */
import { alignRewrite, couldRepeatFragment, cutFenceLineLength, openFenceAtEnd, repeatedWordFragment, reopenedFenceLength, trailingWord, type OpenFence } from './continuationText';

/** Shortest repetition treated as an overlap rather than as new text, unless the caller asks for longer. */
export const MIN_OVERLAP_CHARS = 4;
/**
 * Asked to continue in a new turn, a model that repeats itself repeats a phrase, not a few
 * letters; requiring this much keeps short genuine repeats ("| --- |") across the break.
 */
export const CONTINUE_TURN_MIN_OVERLAP = 8;
/**
 * A new text that agrees with the seen text's beginning for this many chars, and past its first
 * line, is a restart: a genuine continuation does not re-state the answer's opening. Within the
 * first line it takes `RESTART_SURE_CHARS`: code often starts line after line the same way
 * ("SELECT * FROM users WHERE id = 1;", then "… = 2;").
 */
const RESTART_MIN_CHARS = 24;
const RESTART_SURE_CHARS = 48;
/** Chars of the seen text's end a reworded restart must write again to line up exactly. */
const RESYNC_TAIL_CHARS = 24;
/** How far a reworded restart may run past the seen text's length before the joiner decides anyway. */
export const REWRITE_SLACK_CHARS = 400;

type Phase = 'fence' | 'match' | 'word' | 'rewrite' | 'pass';

/** Pure, incremental joiner for one resumed attempt. */
export class ContinuationJoiner {
  private readonly context: string;
  private readonly minOverlap: number;
  private readonly fence: OpenFence | undefined;
  /** Length of a fence opening line the context was cut in (0 if none). */
  private readonly cutFenceLine: number;
  /** Index of the context's first newline (-1 if none). */
  private readonly firstLineEnd: number;
  /** The word the context ends in, which a break may have cut ('' if it ends otherwise). */
  private readonly cutWord: string;
  private wsLeft: string;
  private phase: Phase;
  /** Text held back while undecided; after a reopened fence line is dropped, from `base` on. */
  private pending = '';
  private base = 0;
  /** Start positions in `context` that `pending.slice(base)` still matches. */
  private candidates: number[] | undefined;
  /** Longest suffix of `context` the new text has been seen to begin with. */
  private overlap = 0;
  /** Chars of the new text that agree with the context's beginning (a restart). */
  private restart = 0;
  private restartAlive = true;
  /** While rewriting: the end of `pending` the context's tail may still be found in. */
  private scanWindow = '';

  /**
   * @param context the text the model may repeat or start over ('' when it continues exactly)
   * @param trimmedWhitespace what was trimmed off the seen text's end for a prefill ('' otherwise)
   * @param minOverlap shortest repetition dropped; a longer one keeps more genuine repeats
   */
  constructor(context: string, trimmedWhitespace: string, minOverlap = MIN_OVERLAP_CHARS) {
    this.context = context;
    this.minOverlap = Math.max(1, minOverlap);
    this.wsLeft = trimmedWhitespace;
    this.fence = context.trim() ? openFenceAtEnd(context) : undefined;
    this.cutWord = trailingWord(context);
    this.firstLineEnd = context.indexOf('\n');
    this.cutFenceLine = cutFenceLineLength(context);
    // Nothing to repeat: a fresh answer, a prefill, or whitespace-only context.
    this.phase = !context.trim() ? 'pass' : this.fence ? 'fence' : 'match';
  }

  /** Feeds one delta; returns the text to show now (possibly empty). */
  push(delta: string): string {
    if (this.phase === 'pass') return this.alignWhitespace(delta);
    const from = this.pending.length;
    this.pending += delta;
    if (this.phase === 'fence') {
      const drop = reopenedFenceLength(this.pending, this.fence!);
      if (drop === 'undecided') return '';
      this.base = drop;
      this.phase = 'match';
      return this.match(this.pending.slice(drop), drop);
    }
    if (this.phase === 'word') return this.decideWord(false);
    return this.phase === 'match' ? this.match(delta, from) : this.rewrite(delta);
  }

  /** Call when the attempt completes; returns any text still held back. */
  flush(): string {
    switch (this.phase) {
      case 'pass':
        return this.alignWhitespace('');
      case 'fence':
      case 'match':
        return this.decide(true);
      case 'word':
        return this.decideWord(true);
      case 'rewrite':
        return this.giveUpRewrite();
    }
  }

  /**
   * Advances the candidate positions over `chunk`, the chars of `pending` from `start` on;
   * decides once none is left. Reads the chunk, not `pending`: indexing a string built by `+=`
   * flattens it, which per delta would copy everything held so far.
   */
  private match(chunk: string, start: number): string {
    const ctx = this.context;
    const len = ctx.length;
    for (let at = 0; at < chunk.length; at++) {
      const code = chunk.charCodeAt(at);
      const m = start + at - this.base;
      if (this.restartAlive) {
        if (m < len && ctx.charCodeAt(m) === code) this.restart = m + 1;
        else this.restartAlive = false;
      }
      if (this.candidates === undefined) {
        const ch = chunk[at];
        this.candidates = [];
        for (let j = ctx.indexOf(ch); j >= 0; j = ctx.indexOf(ch, j + 1)) this.candidates.push(j);
      }
      // Compacted in place: this runs per char while undecided, so no array per char.
      const c = this.candidates;
      let kept = 0;
      for (let k = 0; k < c.length; k++) {
        const j = c[k];
        if (ctx.charCodeAt(j + m) !== code) continue;
        // A candidate that reaches the context's end is a repeated suffix of that length;
        // longer ones (earlier starts) may still complete.
        if (j + m + 1 === len) this.overlap = m + 1;
        else c[kept++] = j;
      }
      // Setting an array's length is slow in V8 even when unchanged.
      if (kept === 0) return this.decide(false);
      if (kept < c.length) c.length = kept;
    }
    // Still a possible repetition, or a cut word being written again: wait for more.
    return '';
  }

  /** Settles how the new text joins, from what has been held back so far (`final`: all of it). */
  private decide(final: boolean): string {
    this.candidates = undefined;
    const len = this.context.length;
    if (this.isRestart() && this.restart > this.overlap && this.restart < len) {
      // Started over, then parted from the seen text: a reworded restart.
      this.phase = 'rewrite';
      return final ? this.giveUpRewrite() : this.rewrite(this.pending.slice(this.base + this.restart));
    }
    const fenceLineAgain = this.cutFenceLine > 0 && this.overlap === this.cutFenceLine;
    if (this.overlap >= this.minOverlap || this.overlap === len || fenceLineAgain || this.restartsFenceLine()) {
      return this.release(this.base + this.overlap);
    }
    this.phase = 'word';
    return this.decideWord(final);
  }

  /** True when the new text agreed with the context's beginning long enough to be a restart. */
  private isRestart(): boolean {
    if (this.restart >= RESTART_SURE_CHARS) return true;
    return this.restart >= RESTART_MIN_CHARS && this.firstLineEnd >= 0 && this.restart > this.firstLineEnd;
  }

  /**
   * After a reopened fence the model is rewriting the block: a repeat that starts at one of the
   * block's line starts is the model writing that line again, however short.
   */
  private restartsFenceLine(): boolean {
    const start = this.context.length - this.overlap;
    return this.base > 0 && this.overlap > 0 && start >= this.fence!.bodyStart && this.context[start - 1] === '\n';
  }

  /** The cut word written whole again ("bro", then "brown"): waits until that is settled. */
  private decideWord(final: boolean): string {
    const text = this.pending.slice(this.base);
    if (!final && couldRepeatFragment(this.cutWord, text)) return '';
    return this.release(this.base + repeatedWordFragment(this.cutWord, text));
  }

  /**
   * A reworded restart: waits for the context's last chars, then shows what follows them.
   * `chunk` is what `pending` grew by; the search runs over a window of the last chars only.
   */
  private rewrite(chunk: string): string {
    const tail = this.context.slice(-RESYNC_TAIL_CHARS);
    const window = this.scanWindow + chunk;
    const at = window.indexOf(tail);
    if (at >= 0) return this.release(this.pending.length - window.length + at + tail.length);
    this.scanWindow = window.slice(Math.max(0, window.length - tail.length + 1));
    if (this.pending.length - this.base > this.context.length + REWRITE_SLACK_CHARS) return this.giveUpRewrite();
    return '';
  }

  /**
   * The rewrite never wrote the seen text's end exactly: line it up word by word. When nothing
   * lines up it is shown whole: a doubled passage the user can see is better than losing text
   * that only looked like a restart.
   */
  private giveUpRewrite(): string {
    const text = this.pending.slice(this.base);
    // Ended while still a prefix of the seen text: nothing new to show.
    if (text.length <= this.restart) return this.release(this.pending.length);
    return this.release(this.base + (alignRewrite(this.context, text, this.restart) ?? 0));
  }

  /** Shows `pending` from `index` on and passes every later delta straight through. */
  private release(index: number): string {
    this.phase = 'pass';
    this.candidates = undefined;
    this.scanWindow = '';
    const out = this.pending.slice(index);
    this.pending = '';
    return this.alignWhitespace(out);
  }

  /** Drops the leading whitespace the user already saw before the prefill trimmed it. */
  private alignWhitespace(text: string): string {
    if (!this.wsLeft || !text) return text;
    let i = 0;
    while (i < this.wsLeft.length && i < text.length && this.wsLeft[i] === text[i]) i++;
    // The model chose other whitespace (or text): keep what it wrote from the first difference.
    this.wsLeft = i === text.length ? this.wsLeft.slice(i) : '';
    return text.slice(i);
  }
}
