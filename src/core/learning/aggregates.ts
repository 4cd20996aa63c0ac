/**
 * Mergeable aggregates of learning records: plain JSON, so a summary can keep the figures of
 * segments that were later deleted, and `merge(a, b)` of two aggregates equals the aggregate
 * of all their records (histograms instead of raw values, sums instead of means).
 */
import type { LearningRecord } from './records';
import type { QualitySignals } from './recordSchema';
import { qualityScore } from './quality';

/** A mean kept as sum and count. */
export interface Stat {
  n: number;
  sum: number;
}
type Counts = Record<string, number>;
/** Log-bucketed histogram: key k counts values in [1.1^k − 1, 1.1^(k+1) − 1). Medians are within 10%. */
export type Hist = Counts;

interface PeriodAgg {
  n: number;
  topics: Counts;
  languages: Counts;
  sentiment: Stat;
  quality: Stat;
}
interface TopicAgg {
  n: number;
  quality: number;
  regenerated: number;
  cancelled: number;
  down: number;
}
interface ModelAgg {
  n: number;
  ttftShort: Hist;
  ttft: Hist;
  response: Hist;
  errors: number;
  quality: Stat;
}

/** Everything the insights and the Insights view need, for any set of records. */
export interface Aggregate {
  records: number;
  firstTime?: number;
  lastTime?: number;
  periods: Record<string, PeriodAgg>;
  entityTypes: Counts;
  answerChars: Hist;
  outputTokens: Hist;
  /** Local hour of day → answers / retries. */
  hours: number[];
  retryHours: number[];
  topics: Record<string, TopicAgg>;
  languages: Record<string, Stat>;
  /** Quality by the natural language of the answer (ISO 639-1); absent in summaries written before it was kept. */
  answerLanguages?: Record<string, Stat>;
  /** Quality by kind of context the question carried (`none`: nothing attached); absent in summaries written before it was kept. */
  contextKinds?: Record<string, Stat>;
  models: Record<string, ModelAgg>;
  stopReasons: Counts;
  outcomes: Counts;
  errorKinds: Counts;
  sources: Counts;
  retries: number;
  resumed: number;
  /** Quality by answer length: short < 800 chars ≤ medium < 3000 ≤ long. */
  length: Record<'short' | 'medium' | 'long', Stat>;
  /** Quality of answers that open with code vs with prose (answers with code only). */
  codeFirst: Record<'code' | 'prose', Stat>;
  quality: Stat;
  cancelledOutputTokens: Stat;
  /** Most recent values (oldest first), for charts. */
  recentResponseMs: number[];
  recentTtftMs: number[];
}

/** How records are bucketed in time. */
export interface Bucketing {
  period: 'day' | 'week';
  /** Minutes east of UTC for "local" hours and days; default: this machine's offset. */
  tzOffsetMinutes: number;
}

/** Questions shorter than this count as "short" for time-to-first-token comparisons. */
const SHORT_PROMPT_CHARS = 280;
const RECENT = 200;
const LOG_BASE = Math.log(1.1);

export function emptyAggregate(): Aggregate {
  return {
    records: 0,
    periods: {},
    entityTypes: {},
    answerChars: {},
    outputTokens: {},
    hours: new Array<number>(24).fill(0),
    retryHours: new Array<number>(24).fill(0),
    topics: {},
    languages: {},
    answerLanguages: {},
    contextKinds: {},
    models: {},
    stopReasons: {},
    outcomes: {},
    errorKinds: {},
    sources: {},
    retries: 0,
    resumed: 0,
    length: { short: { n: 0, sum: 0 }, medium: { n: 0, sum: 0 }, long: { n: 0, sum: 0 } },
    codeFirst: { code: { n: 0, sum: 0 }, prose: { n: 0, sum: 0 } },
    quality: { n: 0, sum: 0 },
    cancelledOutputTokens: { n: 0, sum: 0 },
    recentResponseMs: [],
    recentTtftMs: [],
  };
}

const bump = (c: Counts, key: string, by = 1): void => {
  c[key] = (c[key] ?? 0) + by;
};
const addStat = (s: Stat, v: number): void => {
  s.n++;
  s.sum += v;
};
const histAdd = (h: Hist, v: number): void => bump(h, String(Math.floor(Math.log1p(Math.max(0, v)) / LOG_BASE)));

/** The value below which half the histogram lies (bucket midpoint); undefined when empty. */
export function histMedian(h: Hist): number | undefined {
  return histQuantile(h, 0.5);
}

/** Approximate quantile q ∈ [0,1] of a histogram. */
function histQuantile(h: Hist, q: number): number | undefined {
  const keys = Object.keys(h)
    .map(Number)
    .sort((a, b) => a - b);
  const total = keys.reduce((s, k) => s + h[String(k)], 0);
  if (total === 0) return undefined;
  let seen = 0;
  for (const k of keys) {
    seen += h[String(k)];
    if (seen >= total * q) return Math.expm1((k + 0.5) * LOG_BASE);
  }
  return undefined;
}

export const histCount = (h: Hist): number => Object.values(h).reduce((s, v) => s + v, 0);
export const mean = (s: Stat): number | undefined => (s.n > 0 ? s.sum / s.n : undefined);

/** ISO-week ("2026-W07") or day ("2026-02-14") key of a time, in the given offset. */
function periodKey(time: number, b: Bucketing): string {
  const d = new Date(time + b.tzOffsetMinutes * 60_000);
  if (b.period === 'day') return d.toISOString().slice(0, 10);
  const day = (d.getUTCDay() + 6) % 7; // Monday = 0
  const thursday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day + 3));
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = 1 + Math.floor((thursday.getTime() - yearStart) / (7 * 86_400_000));
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

const hourOf = (time: number, b: Bucketing): number => new Date(time + b.tzOffsetMinutes * 60_000).getUTCHours();

/** Adds one record (with its amends folded into `signals`) to the aggregate. */
export function addRecord(agg: Aggregate, r: LearningRecord, signals: QualitySignals, b: Bucketing): void {
  const q = qualityScore(signals);
  const m = r.metrics;
  agg.records++;
  agg.firstTime = Math.min(agg.firstTime ?? r.time, r.time);
  agg.lastTime = Math.max(agg.lastTime ?? r.time, r.time);
  addStat(agg.quality, q);
  bump(agg.sources, r.source);
  bump(agg.outcomes, m.outcome);
  if (m.errorKind) bump(agg.errorKinds, m.errorKind);
  if (m.stopReason) bump(agg.stopReasons, m.stopReason);
  agg.retries += m.retries;
  if (m.resumed) agg.resumed++;
  const hour = hourOf(r.time, b);
  agg.hours[hour]++;
  agg.retryHours[hour] += m.retries;

  const key = periodKey(r.time, b);
  const p = (agg.periods[key] ??= { n: 0, topics: {}, languages: {}, sentiment: { n: 0, sum: 0 }, quality: { n: 0, sum: 0 } });
  p.n++;
  addStat(p.quality, q);
  // An answer in a language without a validated lexicon has no sentiment, not a neutral one.
  const unscored = (r.analysis.sentiment.notScored?.length ?? 0) > 0 && (r.analysis.sentiment.scoredSentences ?? 0) === 0;
  if (m.outcome === 'done' && !unscored) addStat(p.sentiment, r.analysis.sentiment.value);

  // Top three topics only: the tail of an answer's topics is noise, and it keeps aggregates small.
  for (const t of r.analysis.topics.slice(0, 3)) {
    bump(p.topics, t.term);
    const ta = (agg.topics[t.term] ??= { n: 0, quality: 0, regenerated: 0, cancelled: 0, down: 0 });
    ta.n++;
    ta.quality += q;
    if (signals.regenerated) ta.regenerated++;
    if (signals.cancelledEarly) ta.cancelled++;
    if (signals.feedback === 'down') ta.down++;
  }
  for (const lang of r.codeLanguages) {
    bump(p.languages, lang);
    addStat((agg.languages[lang] ??= { n: 0, sum: 0 }), q);
  }
  if (r.language) addStat(((agg.answerLanguages ??= {})[r.language] ??= { n: 0, sum: 0 }), q);
  for (const kind of r.contextKinds?.length ? r.contextKinds : ['none']) addStat(((agg.contextKinds ??= {})[kind] ??= { n: 0, sum: 0 }), q);
  const types = new Set(r.analysis.entities.map((e) => e.type));
  for (const t of types) bump(agg.entityTypes, t);

  const model = (agg.models[r.model] ??= { n: 0, ttftShort: {}, ttft: {}, response: {}, errors: 0, quality: { n: 0, sum: 0 } });
  model.n++;
  addStat(model.quality, q);
  if (m.outcome === 'error') model.errors++;
  if (m.outcome === 'done') {
    histAdd(agg.answerChars, r.answerChars);
    histAdd(agg.outputTokens, m.outputTokens);
    histAdd(model.response, m.responseTimeMs);
    pushRecent(agg.recentResponseMs, m.responseTimeMs);
    addStat(agg.length[r.answerChars < 800 ? 'short' : r.answerChars < 3000 ? 'medium' : 'long'], q);
    if (r.codeLanguages.length > 0 || r.codeFirst) addStat(agg.codeFirst[r.codeFirst ? 'code' : 'prose'], q);
  }
  if (m.timeToFirstTokenMs !== undefined) {
    histAdd(model.ttft, m.timeToFirstTokenMs);
    if (r.promptChars > 0 && r.promptChars < SHORT_PROMPT_CHARS) histAdd(model.ttftShort, m.timeToFirstTokenMs);
    pushRecent(agg.recentTtftMs, m.timeToFirstTokenMs);
  }
  if (m.outcome === 'cancelled') addStat(agg.cancelledOutputTokens, m.outputTokens);
}

function pushRecent(list: number[], v: number): void {
  list.push(Math.round(v));
  if (list.length > RECENT * 2) list.splice(0, list.length - RECENT);
}

const mergeCounts = (a: Counts, b: Counts): Counts => {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + v;
  return out;
};
const mergeStat = (a: Stat, b: Stat): Stat => ({ n: a.n + b.n, sum: a.sum + b.sum });
const mergeMap = <T>(a: Record<string, T>, b: Record<string, T>, f: (x: T, y: T) => T): Record<string, T> => {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = k in out ? f(out[k], v) : v;
  return out;
};
const minDefined = (a?: number, b?: number) => (a === undefined ? b : b === undefined ? a : Math.min(a, b));
const maxDefined = (a?: number, b?: number) => (a === undefined ? b : b === undefined ? a : Math.max(a, b));

/** The aggregate of the records of `a` and of `b`; `a` holds the older records. Inputs are not changed. */
export function merge(a: Aggregate, b: Aggregate): Aggregate {
  return {
    records: a.records + b.records,
    firstTime: minDefined(a.firstTime, b.firstTime),
    lastTime: maxDefined(a.lastTime, b.lastTime),
    periods: mergeMap(a.periods, b.periods, (x, y) => ({
      n: x.n + y.n,
      topics: mergeCounts(x.topics, y.topics),
      languages: mergeCounts(x.languages, y.languages),
      sentiment: mergeStat(x.sentiment, y.sentiment),
      quality: mergeStat(x.quality, y.quality),
    })),
    entityTypes: mergeCounts(a.entityTypes, b.entityTypes),
    answerChars: mergeCounts(a.answerChars, b.answerChars),
    outputTokens: mergeCounts(a.outputTokens, b.outputTokens),
    hours: a.hours.map((v, i) => v + b.hours[i]),
    retryHours: a.retryHours.map((v, i) => v + b.retryHours[i]),
    topics: mergeMap(a.topics, b.topics, (x, y) => ({
      n: x.n + y.n,
      quality: x.quality + y.quality,
      regenerated: x.regenerated + y.regenerated,
      cancelled: x.cancelled + y.cancelled,
      down: x.down + y.down,
    })),
    languages: mergeMap(a.languages, b.languages, mergeStat),
    answerLanguages: mergeMap(a.answerLanguages ?? {}, b.answerLanguages ?? {}, mergeStat),
    contextKinds: mergeMap(a.contextKinds ?? {}, b.contextKinds ?? {}, mergeStat),
    models: mergeMap(a.models, b.models, (x, y) => ({
      n: x.n + y.n,
      ttftShort: mergeCounts(x.ttftShort, y.ttftShort),
      ttft: mergeCounts(x.ttft, y.ttft),
      response: mergeCounts(x.response, y.response),
      errors: x.errors + y.errors,
      quality: mergeStat(x.quality, y.quality),
    })),
    stopReasons: mergeCounts(a.stopReasons, b.stopReasons),
    outcomes: mergeCounts(a.outcomes, b.outcomes),
    errorKinds: mergeCounts(a.errorKinds, b.errorKinds),
    sources: mergeCounts(a.sources, b.sources),
    retries: a.retries + b.retries,
    resumed: a.resumed + b.resumed,
    length: { short: mergeStat(a.length.short, b.length.short), medium: mergeStat(a.length.medium, b.length.medium), long: mergeStat(a.length.long, b.length.long) },
    codeFirst: { code: mergeStat(a.codeFirst.code, b.codeFirst.code), prose: mergeStat(a.codeFirst.prose, b.codeFirst.prose) },
    quality: mergeStat(a.quality, b.quality),
    cancelledOutputTokens: mergeStat(a.cancelledOutputTokens, b.cancelledOutputTokens),
    recentResponseMs: [...a.recentResponseMs, ...b.recentResponseMs].slice(-RECENT),
    recentTtftMs: [...a.recentTtftMs, ...b.recentTtftMs].slice(-RECENT),
  };
}

/** Keeps the JSON small: the most frequent 500 topics overall and 30 per period. */
export function compact(agg: Aggregate): Aggregate {
  const top = <T>(m: Record<string, T>, n: number, weight: (v: T) => number): Record<string, T> =>
    Object.fromEntries(
      Object.entries(m)
        .sort((x, y) => weight(y[1]) - weight(x[1]))
        .slice(0, n),
    );
  const periods: Record<string, PeriodAgg> = {};
  for (const [k, p] of Object.entries(agg.periods)) periods[k] = { ...p, topics: top(p.topics, 30, (v) => v) };
  return {
    ...agg,
    periods,
    topics: top(agg.topics, 500, (t) => t.n),
    recentResponseMs: agg.recentResponseMs.slice(-RECENT),
    recentTtftMs: agg.recentTtftMs.slice(-RECENT),
  };
}
