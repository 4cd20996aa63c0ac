/**
 * Joins the text of a resumed attempt onto what the user already saw, so the final answer
 * equals an unbroken one: nothing lost, nothing doubled.
 *
 * Two things can sit between the seen text and the new text:
 * - trailing whitespace the prefill strategy had to trim (the API rejects a final assistant
 *   turn ending in whitespace), which the model then writes again;
 * - an overlap: the model repeats the end of what it wrote before. The longest suffix of the
 *   context that is a prefix of the new text is dropped, within `MAX_OVERLAP_CHARS`, and only
 *   when at least `MIN_OVERLAP_CHARS` long, so that a genuine continuation that happens to
 *   start like the previous text ended (one letter, one space) is kept.
 *
 * Deltas are held back only while they could still be such an overlap, which is usually a
 * few characters.
 */

/** Longest overlap searched for. */
export const MAX_OVERLAP_CHARS = 400;
/** Shortest repetition treated as an overlap rather than as new text, unless the caller asks for longer. */
export const MIN_OVERLAP_CHARS = 4;
/**
 * Asked to continue in a new turn, a model that repeats itself repeats a phrase, not a few
 * letters; requiring this much keeps short genuine repeats ("| --- |") across the break.
 */
export const CONTINUE_TURN_MIN_OVERLAP = 8;

/** Pure, incremental joiner for one resumed attempt. */
export class ContinuationJoiner {
  private readonly tail: string;
  private pending = '';
  private overlapResolved = false;
  private wsLeft: string;
  private readonly minOverlap: number;

  /**
   * @param context the text the model may repeat the end of ('' when it continues exactly)
   * @param trimmedWhitespace what was trimmed off the seen text's end for a prefill ('' otherwise)
   * @param minOverlap shortest repetition dropped; a longer one keeps more genuine repeats
   */
  constructor(context: string, trimmedWhitespace: string, minOverlap = MIN_OVERLAP_CHARS) {
    this.minOverlap = Math.max(1, minOverlap);
    this.tail = context.slice(-MAX_OVERLAP_CHARS);
    this.wsLeft = trimmedWhitespace;
    // Nothing to overlap with: the first attempt of a fresh answer, or whitespace-only context.
    if (this.tail.length < this.minOverlap) this.overlapResolved = true;
  }

  /** Feeds one delta; returns the text to show now (possibly empty). */
  push(delta: string): string {
    if (this.overlapResolved) return this.alignWhitespace(delta);
    this.pending += delta;
    // Still a possible repetition of the context's end: wait for more.
    if (this.pending.length < this.tail.length && this.tail.includes(this.pending)) return '';
    return this.resolve();
  }

  /** Call when the attempt completes; returns any text still held back. */
  flush(): string {
    return this.overlapResolved ? this.alignWhitespace('') : this.resolve();
  }

  private resolve(): string {
    this.overlapResolved = true;
    const text = this.pending;
    this.pending = '';
    const max = Math.min(text.length, this.tail.length);
    for (let k = max; k >= this.minOverlap; k--) {
      if (this.tail.endsWith(text.slice(0, k))) return this.alignWhitespace(text.slice(k));
    }
    return this.alignWhitespace(text);
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
