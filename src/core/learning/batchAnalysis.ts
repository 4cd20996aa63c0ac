/**
 * The batch summary: streams every segment line by line (never a whole file in memory),
 * folds amends into records, builds mergeable aggregates, derives insights and the learned
 * preferences note, writes `summary.json`, and only then drops the oldest segments when the
 * store is over its size limit (their aggregates live on in `archive`).
 */
import type { Clock } from '../ports';
import type { Aggregate, Bucketing } from './aggregates';
import { addRecord, compact, emptyAggregate, merge } from './aggregates';
import type { Insight, InsightContext } from './insightRules';
import { deriveInsights } from './insightRules';
import { derivePreferences } from './preferences';
import { mergeSignals } from './quality';
import type { LearningStore, SegmentInfo } from './store';

const SUMMARY_SCHEMA_VERSION = 1;

/** What `summary.json` holds. */
export interface LearningSummary {
  schemaVersion: typeof SUMMARY_SCHEMA_VERSION;
  id: string;
  createdAt: number;
  durationMs: number;
  /** Records covered, archived ones included. */
  recordCount: number;
  bucketing: Bucketing;
  /** Aggregate of every record ever summarised and not cleared. */
  aggregate: Aggregate;
  /** Aggregate of the segments already deleted, and their names (so a crash before deletion never counts them twice). */
  archive: { aggregate: Aggregate; segments: string[] };
  insights: Insight[];
  /** The derived learned-preferences note, if the data shows one. */
  preferences?: string;
}

export interface SummarizeOptions {
  signal?: AbortSignal;
  /** Fraction of bytes read, 0..1. */
  onProgress?: (fraction: number) => void;
  bucketing?: Partial<Bucketing>;
  context?: Partial<InsightContext>;
  clock?: Clock;
  /** Segments written in this window are never dropped by another window mid-append. */
  quietMs?: number;
}

const YIELD_EVERY = 1000;
const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Summarises the store and writes `summary.json`. Rejects only when aborted. */
export async function summarize(store: LearningStore, options: SummarizeOptions = {}): Promise<LearningSummary> {
  const clock = options.clock ?? Date.now;
  const started = clock();
  const signal = options.signal;
  const bucketing: Bucketing = {
    period: options.bucketing?.period ?? 'week',
    tzOffsetMinutes: options.bucketing?.tzOffsetMinutes ?? -new Date(started).getTimezoneOffset(),
  };
  const context: InsightContext = { maxTokens: options.context?.maxTokens ?? 4096, maxRetries: options.context?.maxRetries ?? 3 };
  await store.settled();
  const previous = parseSummary(await store.readSummaryJson());
  const archived = new Set(previous?.archive.segments ?? []);
  const all = await store.segments();
  // Left over from a crash between writing the summary and deleting: already counted.
  const leftovers = all.filter((s) => archived.has(s.name));
  const segments = all.filter((s) => !archived.has(s.name));
  const toDrop = chooseDrops(segments, store, clock() - (options.quietMs ?? 5 * 60_000));
  const dropping = new Set(toDrop.map((s) => s.name));

  const amends = await store.readAmends(segments);
  signal?.throwIfAborted();
  const recordSegs = segments.filter((s) => s.kind === 'records');
  const totalBytes = Math.max(
    1,
    recordSegs.reduce((s, x) => s + x.size, 0),
  );
  let doneBytes = 0;
  let current: SegmentInfo | undefined;
  let count = 0;
  let lastYield = 0;
  let lastOffset = 0;
  const dropped = emptyAggregate();
  const live = emptyAggregate();
  for await (const batch of store.recordBatches(recordSegs, signal, false)) {
    for (const { record, segment, offset } of batch) {
      if (segment !== current) {
        if (current) doneBytes += current.size;
        current = segment;
      }
      const extra = amends.get(record.id);
      addRecord(dropping.has(segment.name) ? dropped : live, record, extra ? mergeSignals(record.signals, extra) : record.signals, bucketing);
      lastOffset = offset;
    }
    count += batch.length;
    if (count - lastYield >= YIELD_EVERY) {
      lastYield = count;
      options.onProgress?.(Math.min(1, (doneBytes + lastOffset) / totalBytes));
      await yieldToLoop();
      signal?.throwIfAborted();
    }
  }
  signal?.throwIfAborted();
  const archive = merge(previous?.archive.aggregate ?? emptyAggregate(), dropped);
  const aggregate = merge(archive, live);
  const createdAt = clock();
  const summary: LearningSummary = {
    schemaVersion: SUMMARY_SCHEMA_VERSION,
    id: `s${createdAt.toString(36)}${store.writerId}`,
    createdAt,
    durationMs: createdAt - started,
    recordCount: aggregate.records,
    bucketing,
    aggregate: compact(aggregate),
    archive: { aggregate: compact(archive), segments: [...archived, ...dropping].slice(-1000) },
    insights: deriveInsights(aggregate, context),
    preferences: derivePreferences(aggregate),
  };
  if (await store.writeSummaryJson(summary)) {
    await store.drop([...leftovers.map((s) => s.name), ...dropping, ...staleAmends(segments, dropping)]);
  }
  options.onProgress?.(1);
  return summary;
}

/** Oldest record segments to delete so the store fits its limit again; recent ones (maybe still written) are kept. */
function chooseDrops(segments: SegmentInfo[], store: LearningStore, quietBefore: number): SegmentInfo[] {
  let total = segments.reduce((s, x) => s + x.size, 0);
  const out: SegmentInfo[] = [];
  for (const seg of segments) {
    if (total <= store.maxTotalBytes) break;
    if (seg.kind !== 'records' || (seg.writerId !== store.writerId && seg.mtimeMs > quietBefore)) continue;
    out.push(seg);
    total -= seg.size;
  }
  return out;
}

/** Amend files last written before the oldest kept record segment began can only concern deleted records. */
function staleAmends(segments: SegmentInfo[], dropping: Set<string>): string[] {
  const kept = segments.filter((s) => s.kind === 'records' && !dropping.has(s.name));
  if (dropping.size === 0) return [];
  const oldest = kept.length > 0 ? kept[0].createdAt : Infinity;
  return segments.filter((s) => s.kind === 'amends' && s.mtimeMs < oldest).map((s) => s.name);
}

// ───────────────────────────── Validation of summary.json ─────────────────────────────

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isCounts = (v: unknown): boolean => isObj(v) && Object.values(v).every(isNum);
const isStat = (v: unknown): boolean => isObj(v) && isNum(v.n) && isNum(v.sum);
const isMapOf = (v: unknown, f: (x: unknown) => boolean): boolean => isObj(v) && Object.values(v).every(f);
const isNums = (v: unknown, len?: number): boolean => Array.isArray(v) && (len === undefined || v.length === len) && v.every(isNum);

function isAggregate(v: unknown): v is Aggregate {
  if (!isObj(v) || !isNum(v.records) || !isNums(v.hours, 24) || !isNums(v.retryHours, 24)) return false;
  if (![v.entityTypes, v.answerChars, v.outputTokens, v.stopReasons, v.outcomes, v.errorKinds, v.sources].every(isCounts)) return false;
  if (!isNum(v.retries) || !isNum(v.resumed) || !isStat(v.quality) || !isStat(v.cancelledOutputTokens)) return false;
  if (!isNums(v.recentResponseMs) || !isNums(v.recentTtftMs)) return false;
  if (!isObj(v.length) || !['short', 'medium', 'long'].every((k) => isStat((v.length as Record<string, unknown>)[k]))) return false;
  if (!isObj(v.codeFirst) || !['code', 'prose'].every((k) => isStat((v.codeFirst as Record<string, unknown>)[k]))) return false;
  if (!isMapOf(v.languages, isStat)) return false;
  if (!isMapOf(v.periods, (p) => isObj(p) && isNum(p.n) && isCounts(p.topics) && isCounts(p.languages) && isStat(p.sentiment) && isStat(p.quality))) return false;
  if (!isMapOf(v.topics, (t) => isObj(t) && ['n', 'quality', 'regenerated', 'cancelled', 'down'].every((k) => isNum(t[k])))) return false;
  return isMapOf(v.models, (m) => isObj(m) && isNum(m.n) && isNum(m.errors) && isCounts(m.ttftShort) && isCounts(m.ttft) && isCounts(m.response) && isStat(m.quality));
}

function isInsight(v: unknown): v is Insight {
  return (
    isObj(v) &&
    typeof v.id === 'string' &&
    (v.kind === 'improvement' || v.kind === 'optimization') &&
    typeof v.text === 'string' &&
    (v.setting === undefined || (isObj(v.setting) && typeof v.setting.key === 'string'))
  );
}

/** Validates an untrusted `summary.json`; undefined when anything is off (the next run rebuilds it). */
export function parseSummary(raw: unknown): LearningSummary | undefined {
  if (!isObj(raw) || raw.schemaVersion !== SUMMARY_SCHEMA_VERSION || typeof raw.id !== 'string') return undefined;
  if (!isNum(raw.createdAt) || !isNum(raw.durationMs) || !isNum(raw.recordCount)) return undefined;
  const b = raw.bucketing;
  if (!isObj(b) || (b.period !== 'day' && b.period !== 'week') || !isNum(b.tzOffsetMinutes)) return undefined;
  const a = raw.archive;
  if (!isAggregate(raw.aggregate) || !isObj(a) || !isAggregate(a.aggregate)) return undefined;
  if (!Array.isArray(a.segments) || !a.segments.every((s) => typeof s === 'string')) return undefined;
  if (!Array.isArray(raw.insights) || !raw.insights.every(isInsight)) return undefined;
  if (raw.preferences !== undefined && typeof raw.preferences !== 'string') return undefined;
  return raw as unknown as LearningSummary;
}
