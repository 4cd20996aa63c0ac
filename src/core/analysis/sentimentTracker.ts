/**
 * Running sentiment of a stream: the mean over prose sentences, a short trend, and a
 * bounded series for the sparkline. O(1) per sentence.
 */

/** How many recent sentences the trend compares with the whole. */
const RECENT = 5;
/** Difference between recent and overall mean that counts as a trend. */
const TREND_DELTA = 0.1;

export type Trend = 'rising' | 'falling' | 'steady';

export class SentimentTracker {
  private sum = 0;
  private count = 0;
  private readonly recent: number[] = [];
  private readonly points: number[] = [];

  constructor(private readonly seriesLength: number) {}

  /** Adds one prose sentence's score. */
  add(score: number): void {
    this.sum += score;
    this.count += 1;
    this.recent.push(score);
    if (this.recent.length > RECENT) this.recent.shift();
  }

  /** Mean over all sentences so far, in [-1, 1] (0 before any sentence). */
  get value(): number {
    return this.count === 0 ? 0 : round(this.sum / this.count);
  }

  /** Compares the last few sentences with the whole stream. */
  get trend(): Trend {
    if (this.count <= RECENT) return 'steady';
    const recentMean = this.recent.reduce((a, b) => a + b, 0) / this.recent.length;
    const diff = recentMean - this.sum / this.count;
    if (diff > TREND_DELTA) return 'rising';
    if (diff < -TREND_DELTA) return 'falling';
    return 'steady';
  }

  /** Records the running value after a chunk; the series keeps the most recent points. */
  mark(): void {
    this.points.push(this.value);
    if (this.points.length > this.seriesLength) this.points.shift();
  }

  get series(): number[] {
    return [...this.points];
  }
}

const round = (v: number): number => Math.round(v * 1000) / 1000;
