import { realTimers, type Timers } from '../timers';

export { realTimers, throttleLatest, type Timers } from '../timers';

/** One coalesced batch of deltas. */
export interface DeltaBatch {
  text: string;
  thinking: string;
}

export interface DeltaBatcherOptions {
  /** How long deltas are coalesced before a flush. */
  intervalMs: number;
  /** Pending pieces that force an immediate flush, so a burst never waits for the timer. */
  flushThreshold: number;
  /** Hard cap on pending pieces; reaching it merges them in place. Never exceeded. */
  maxPieces: number;
  flush(batch: DeltaBatch): void;
  timers?: Timers;
  /** Flush the very first delta at once, so the first token is not held for `intervalMs`. */
  flushFirst?: boolean;
}

/**
 * Coalesces token deltas into batches for the webview (one message per ~40 ms instead of one
 * per token) and never grows without bound.
 */
export class DeltaBatcher {
  private text: string[] = [];
  private thinking: string[] = [];
  private timer: unknown;
  private readonly timers: Timers;
  private first: boolean;

  constructor(private readonly options: DeltaBatcherOptions) {
    this.timers = options.timers ?? realTimers;
    this.first = options.flushFirst === true;
  }

  /** Number of pieces waiting; bounded by `maxPieces`. */
  get pending(): number {
    return this.text.length + this.thinking.length;
  }

  push(delta: string, kind: 'text' | 'thinking' = 'text'): void {
    if (delta === '') return;
    const pieces = kind === 'text' ? this.text : this.thinking;
    pieces.push(delta);
    if (pieces.length >= this.options.maxPieces) pieces.splice(0, pieces.length, pieces.join(''));
    if (this.first || this.pending >= this.options.flushThreshold) {
      this.first = false;
      this.flush();
      return;
    }
    if (this.timer === undefined) {
      this.timer = this.timers.setTimeout(() => {
        this.timer = undefined;
        this.flush();
      }, this.options.intervalMs);
    }
  }

  flush(): void {
    if (this.timer !== undefined) {
      this.timers.clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.pending === 0) return;
    const batch = { text: this.text.join(''), thinking: this.thinking.join('') };
    this.text = [];
    this.thinking = [];
    this.options.flush(batch);
  }

  /** Drops pending pieces without flushing (the caller will send a whole snapshot instead). */
  discard(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    this.text = [];
    this.thinking = [];
  }

  dispose(): void {
    this.discard();
  }
}
