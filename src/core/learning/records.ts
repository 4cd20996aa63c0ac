/**
 * One learning record per completed answer, its versioned on-disk schema and the
 * migration from older shapes. Storage files are untrusted: everything read back goes
 * through `migrate`, which validates every field and returns undefined rather than throw.
 */
import type { AnalysisSnapshot, EntityType } from '../../shared/protocol';
import type { StreamOutcome, StreamResult } from '../streaming/types';
import type { QualitySignals } from './quality';
import { parseSignals } from './quality';

/** Version written into every record line; bump it and extend `migrate` when the shape changes. */
export const SCHEMA_VERSION = 1;

/** Where the answer was asked from. */
export type RecordSource = 'chat' | 'inline';

/** Figures of one answer, taken from the final `StreamResult`. */
export interface RecordMetrics {
  responseTimeMs: number;
  timeToFirstTokenMs?: number;
  inputTokens: number;
  outputTokens: number;
  tokensPerSecond: number;
  stopReason?: string;
  retries: number;
  resumed: boolean;
  outcome: StreamOutcome;
  errorKind?: string;
}

/** A completed answer as the learning store keeps it (schema v1). */
export interface LearningRecord {
  schemaVersion: typeof SCHEMA_VERSION;
  id: string;
  /** Milliseconds since the epoch when the answer ended. */
  time: number;
  source: RecordSource;
  model: string;
  /** Omitted when the user turned content storage off; the lengths stay. */
  prompt?: string;
  answer?: string;
  promptChars: number;
  answerChars: number;
  /** Languages of the answer's fenced code blocks, in order of first appearance. */
  codeLanguages: string[];
  /** True when the answer opens with a code block (before any prose paragraph). */
  codeFirst: boolean;
  /** Natural language of the answer's prose (ISO 639-1, from the live analysis); absent in older records or without prose. */
  language?: string;
  analysis: AnalysisSnapshot;
  metrics: RecordMetrics;
  signals: QualitySignals;
}

/** What the shell hands over when an answer ends. */
export interface RecordInput {
  id: string;
  time: number;
  source: RecordSource;
  prompt: string;
  result: StreamResult;
  /** The final live analysis; when missing (analysis off or failed) the record has an empty one. */
  analysis?: AnalysisSnapshot;
  /** False keeps only lengths, never the text. */
  storeContent: boolean;
}

const FENCE = /^ {0,3}(```|~~~)[ \t]*([A-Za-z0-9_+#.-]*)/gm;
const LANGUAGE_ALIASES: Record<string, string> = {
  ts: 'typescript', tsx: 'typescript', js: 'javascript', jsx: 'javascript', mjs: 'javascript',
  py: 'python', rb: 'ruby', sh: 'shell', bash: 'shell', zsh: 'shell', console: 'shell',
  yml: 'yaml', rs: 'rust', golang: 'go', 'c++': 'cpp', cs: 'csharp', 'c#': 'csharp', kt: 'kotlin',
};

/** Languages named on opening code fences, normalised (`ts` → `typescript`). */
export function codeLanguagesOf(markdown: string): string[] {
  const found = new Set<string>();
  let open = false;
  for (const match of markdown.matchAll(FENCE)) {
    // Fences alternate open/close; only an opening fence names a language.
    if (!open && match[2]) {
      const lang = match[2].toLowerCase();
      found.add(LANGUAGE_ALIASES[lang] ?? lang);
    }
    open = !open;
  }
  return [...found].slice(0, 8);
}

/** True when the first non-blank line of the answer opens a code fence. */
export function startsWithCode(markdown: string): boolean {
  return /^\s*(```|~~~)/.test(markdown);
}

/** An analysis with nothing in it: for an answer not analysed (final), or one whose first snapshot has not come yet. */
export function emptySnapshot(streamId: string, final = true): AnalysisSnapshot {
  return {
    streamId,
    sentiment: { value: 0, trend: 'steady', series: [] },
    topics: [],
    entities: [],
    tokensAnalyzed: 0,
    final,
    timing: { chunks: 0, lastChunkMs: 0, totalMs: 0 },
  };
}

/** The record's `language` field: the primary language of the analysis, when there was prose. */
function answerLanguage(analysis: AnalysisSnapshot | undefined): { language?: string } {
  const primary = analysis?.language?.primary;
  return primary && primary !== 'und' ? { language: primary } : {};
}

/** Builds the record for a finished answer. Quality signals known now (cancel, error) are set here. */
export function createRecord(input: RecordInput): LearningRecord {
  const { result } = input;
  const metrics: RecordMetrics = {
    responseTimeMs: result.totalMs,
    timeToFirstTokenMs: result.timeToFirstTokenMs,
    inputTokens: result.usage.inputTokens,
    outputTokens: result.usage.outputTokens,
    tokensPerSecond: result.tokensPerSecond,
    stopReason: result.stopReason,
    retries: result.retries,
    resumed: result.resumed,
    outcome: result.outcome,
    errorKind: result.error?.kind,
  };
  const signals: QualitySignals = {};
  if (result.outcome === 'cancelled') signals.cancelledEarly = true;
  if (result.outcome === 'error') signals.error = true;
  return {
    schemaVersion: SCHEMA_VERSION,
    id: input.id,
    time: input.time,
    source: input.source,
    model: result.model,
    promptChars: input.prompt.length,
    answerChars: result.text.length,
    codeLanguages: codeLanguagesOf(result.text),
    codeFirst: startsWithCode(result.text),
    ...answerLanguage(input.analysis),
    analysis: input.analysis ?? emptySnapshot(input.id),
    metrics,
    signals,
    // Text last: summaries parse each line only up to `,"prompt":` (see LearningStore.recordBatches).
    ...(input.storeContent ? { prompt: input.prompt, answer: result.text } : {}),
  };
}

// ───────────────────────────── Validation ─────────────────────────────

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isNonNeg = (v: unknown): v is number => isNum(v) && v >= 0;
const isStr = (v: unknown, max = 64): v is string => typeof v === 'string' && v.length <= max;
const optNum = (v: unknown): boolean => v === undefined || isNonNeg(v);
const optStr = (v: unknown, max = 64): boolean => v === undefined || isStr(v, max);
const ID = /^[A-Za-z0-9_.:-]{1,128}$/;
const MAX_TEXT = 2_000_000;
const OUTCOMES: readonly string[] = ['done', 'cancelled', 'error'];
const ENTITY_TYPES: readonly string[] = [
  'url', 'email', 'path', 'file', 'package', 'version', 'error', 'cve', 'env', 'flag',
  'decorator', 'call', 'identifier', 'person', 'organization', 'product',
];

function validSnapshot(v: unknown): v is AnalysisSnapshot {
  if (!isObj(v) || !isStr(v.streamId, 200) || typeof v.final !== 'boolean' || !isNonNeg(v.tokensAnalyzed)) return false;
  const s = v.sentiment;
  if (!isObj(s) || !isNum(s.value) || !['rising', 'falling', 'steady'].includes(s.trend as string)) return false;
  if (!Array.isArray(s.series) || s.series.length > 10_000 || !s.series.every(isNum)) return false;
  if (!Array.isArray(v.topics) || v.topics.length > 1000) return false;
  if (!v.topics.every((t) => isObj(t) && isStr(t.term, 200) && isNum(t.weight) && isNonNeg(t.count))) return false;
  if (!Array.isArray(v.entities) || v.entities.length > 1000) return false;
  if (!v.entities.every((e) => isObj(e) && isStr(e.text, 4096) && ENTITY_TYPES.includes(e.type as string) && isNonNeg(e.count))) return false;
  const t = v.timing;
  return isObj(t) && isNonNeg(t.chunks) && isNonNeg(t.lastChunkMs) && isNonNeg(t.totalMs);
}

function validMetrics(v: unknown): v is RecordMetrics {
  return (
    isObj(v) &&
    isNonNeg(v.responseTimeMs) && optNum(v.timeToFirstTokenMs) && isNonNeg(v.inputTokens) &&
    isNonNeg(v.outputTokens) && isNonNeg(v.tokensPerSecond) && optStr(v.stopReason) &&
    isNonNeg(v.retries) && typeof v.resumed === 'boolean' && OUTCOMES.includes(v.outcome as string) &&
    optStr(v.errorKind)
  );
}

function validV1(v: Obj): LearningRecord | undefined {
  if (!isStr(v.id, 128) || !ID.test(v.id) || !isNonNeg(v.time)) return undefined;
  if (v.source !== 'chat' && v.source !== 'inline') return undefined;
  if (!isStr(v.model, 200) || !optStr(v.prompt, MAX_TEXT) || !optStr(v.answer, MAX_TEXT)) return undefined;
  if (!isNonNeg(v.promptChars) || !isNonNeg(v.answerChars) || typeof v.codeFirst !== 'boolean') return undefined;
  if (!Array.isArray(v.codeLanguages) || !v.codeLanguages.every((l) => isStr(l, 40))) return undefined;
  if (v.language !== undefined && !isStr(v.language, 16)) return undefined;
  if (!validSnapshot(v.analysis) || !validMetrics(v.metrics)) return undefined;
  const signals = parseSignals(v.signals);
  if (!signals) return undefined;
  const { prompt, answer, ...rest } = v as unknown as LearningRecord;
  return { ...rest, signals, ...(prompt !== undefined ? { prompt } : {}), ...(answer !== undefined ? { answer } : {}) };
}

/**
 * The reference design's shape, written before records were versioned:
 * `{ id?, timestamp?, content, analysis: { sentiment, topics, entities }, metrics: { responseTime, tokenCount, qualityScore } }`.
 */
function fromV0(v: Obj): LearningRecord | undefined {
  const { analysis: a, metrics: m } = v;
  if (!isStr(v.content, MAX_TEXT) || !isObj(a) || !isObj(m)) return undefined;
  if (!isNonNeg(m.responseTime) || !isNonNeg(m.tokenCount)) return undefined;
  if (m.qualityScore !== undefined && !(isNum(m.qualityScore) && m.qualityScore >= 0 && m.qualityScore <= 1)) return undefined;
  const time = isNonNeg(v.timestamp) ? v.timestamp : 0;
  const id = isStr(v.id, 128) && ID.test(v.id) ? v.id : `v0-${time}-${hash(v.content)}`;
  const sentiment = isNum(a.sentiment) ? Math.max(-1, Math.min(1, a.sentiment)) : 0;
  const topics = (Array.isArray(a.topics) ? a.topics : [])
    .filter((t): t is string => isStr(t, 200))
    .slice(0, 50)
    .map((term) => ({ term: term.toLowerCase(), weight: 1, count: 1 }));
  const entities = (Array.isArray(a.entities) ? a.entities : [])
    .map((e) => (isStr(e, 4096) ? { text: e, type: 'identifier' } : e))
    .filter((e): e is { text: string; type: EntityType } => isObj(e) && isStr(e.text, 4096) && ENTITY_TYPES.includes(e.type as string))
    .slice(0, 100)
    .map((e) => ({ text: e.text, type: e.type, count: 1 }));
  const seconds = m.responseTime / 1000;
  return {
    schemaVersion: SCHEMA_VERSION,
    id,
    time,
    source: 'chat',
    model: isStr(v.model, 200) ? v.model : 'unknown',
    answer: v.content,
    promptChars: 0,
    answerChars: v.content.length,
    codeLanguages: codeLanguagesOf(v.content),
    codeFirst: startsWithCode(v.content),
    analysis: {
      streamId: id,
      sentiment: { value: sentiment, trend: 'steady', series: [sentiment] },
      topics,
      entities,
      tokensAnalyzed: m.tokenCount,
      final: true,
      timing: { chunks: 0, lastChunkMs: 0, totalMs: 0 },
    },
    metrics: {
      responseTimeMs: m.responseTime,
      inputTokens: 0,
      outputTokens: m.tokenCount,
      tokensPerSecond: seconds > 0 ? m.tokenCount / seconds : 0,
      retries: 0,
      resumed: false,
      outcome: 'done',
    },
    signals: isNum(m.qualityScore) ? { legacyScore: m.qualityScore } : {},
  };
}

function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

/**
 * Turns an untrusted parsed line into a current record: v1 is validated as is, v0 (no
 * `schemaVersion`, the reference design's shape) is converted. Anything else, including
 * records from a newer schema this build does not know, gives undefined.
 */
export function migrate(raw: unknown): LearningRecord | undefined {
  if (!isObj(raw)) return undefined;
  if (raw.schemaVersion === SCHEMA_VERSION) return validV1(raw);
  if (raw.schemaVersion === undefined) return fromV0(raw);
  return undefined;
}
