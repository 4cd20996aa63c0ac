/**
 * Splits streaming markdown into top-level blocks, incrementally. Pure: no DOM.
 *
 * A block is FROZEN once the next top-level block has provably begun: its rendering can no
 * longer change, whatever the model writes next, so the renderer draws it exactly once.
 * Only the open (last) block is re-rendered as tokens arrive. The scanner keeps its state
 * between calls and only looks at lines it has not seen, so the work per update is
 * proportional to the new text, not to the whole answer.
 */

/** Where an open fenced code block started, so that only a matching fence closes it. */
interface OpenFence {
  marker: '`' | '~';
  length: number;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const BLANK = /^[ \t\r]*$/;

/** Incremental top-level block splitter for markdown text that only grows at the end. */
export class BlockScanner {
  /** Offsets where each frozen block ends (exclusive) — also where the next one starts. */
  private readonly boundaries: number[] = [];
  /** Start of the first line not yet scanned (always a line start). */
  private scanned = 0;
  private fence: OpenFence | undefined;
  /** Whether the last scanned line was blank (outside a fence). */
  private prevBlank = false;
  /** Whether the last scanned line closed a fence that opened at top level. */
  private prevClosedFence = false;
  /** Whether the current block has any non-blank content yet. */
  private blockHasContent = false;

  /** Offset where the open block starts; everything before it is frozen. */
  get frozenEnd(): number {
    return this.boundaries.length === 0 ? 0 : this.boundaries[this.boundaries.length - 1];
  }

  /** Whether the scanner is inside a fenced code block that has not been closed yet. */
  get inFence(): boolean {
    return this.fence !== undefined;
  }

  /**
   * Scans the complete lines of `text` that have not been seen yet and returns the
   * boundaries of blocks that became frozen by this call, in order. `text` must extend the
   * text given before (call `reset` when it does not).
   */
  advance(text: string): number[] {
    const found: number[] = [];
    let lineStart = this.scanned;
    for (;;) {
      const newline = text.indexOf('\n', lineStart);
      // The trailing partial line is not committed: its kind may still change.
      if (newline < 0) break;
      const line = text.slice(lineStart, newline);
      const boundary = this.scanLine(line, lineStart);
      if (boundary !== undefined) found.push(boundary);
      lineStart = newline + 1;
    }
    this.scanned = lineStart;
    // A block boundary is only certain once the next block's first character is visible.
    if (!this.fence && this.startsBlock(text, lineStart) && this.shouldSplitBefore()) {
      found.push(this.commit(lineStart));
    }
    return found;
  }

  /** Forgets everything from `offset` on; `offset` must be a frozen boundary (or 0). */
  reset(offset = 0): void {
    while (this.boundaries.length > 0 && this.frozenEnd > offset) this.boundaries.pop();
    this.scanned = this.frozenEnd;
    this.fence = undefined;
    this.prevBlank = false;
    this.prevClosedFence = false;
    this.blockHasContent = false;
  }

  private scanLine(line: string, lineStart: number): number | undefined {
    if (this.fence) {
      const close = FENCE.exec(line);
      if (close && close[1][0] === this.fence.marker && close[1].length >= this.fence.length && BLANK.test(close[2])) {
        this.fence = undefined;
        this.prevClosedFence = !/^ /.test(line);
      } else {
        this.prevClosedFence = false;
      }
      this.prevBlank = false;
      return undefined;
    }
    let boundary: number | undefined;
    if (line.length > 0 && !/^[ \t]/.test(line) && !BLANK.test(line) && this.shouldSplitBefore()) {
      boundary = this.commit(lineStart);
    }
    const open = FENCE.exec(line);
    if (open && !(open[1][0] === '`' && open[2].includes('`'))) {
      this.fence = { marker: open[1][0] as '`' | '~', length: open[1].length };
    }
    this.prevBlank = BLANK.test(line);
    this.prevClosedFence = false;
    if (!this.prevBlank) this.blockHasContent = true;
    return boundary;
  }

  /** A new block can only start at column 0 (indented lines continue lists and code). */
  private startsBlock(text: string, at: number): boolean {
    const ch = text.charAt(at);
    return ch !== '' && ch !== ' ' && ch !== '\t' && ch !== '\n' && ch !== '\r';
  }

  private shouldSplitBefore(): boolean {
    return this.blockHasContent && (this.prevBlank || this.prevClosedFence);
  }

  private commit(offset: number): number {
    if (offset !== this.frozenEnd) this.boundaries.push(offset);
    this.blockHasContent = false;
    this.prevBlank = false;
    this.prevClosedFence = false;
    return offset;
  }
}
