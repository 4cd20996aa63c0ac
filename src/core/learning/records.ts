/**
 * One learning record per completed answer, built from what the shell hands over, and the
 * migration from older shapes. Storage files are untrusted: everything read back goes
 * through `migrate`, which validates every field (`recordSchema.ts`) and returns undefined
 * rather than throw.
 */
import type { AnalysisSnapshot, ContextKind } from '../../shared/protocol';
import { emptySnapshot } from '../analysis/snapshots';
import { toStoredAnalysis } from '../storage/storedAnalysis';
import type { StreamResult } from '../streaming/types';
import { ENTITY_TYPES, isOneOf, type EntityType } from '../vocabulary';
import {
  learningRecordSchema,
  RECORD_ID,
  SCHEMA_VERSION,
  v0RecordSchema,
  type LearningRecord,
  type QualitySignals,
  type RecordMetrics,
  type RecordSource,
  type V0Record,
} from './recordSchema';

export { SCHEMA_VERSION, type LearningRecord } from './recordSchema';

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
  /** Kinds of context the question carried. */
  contextKinds?: readonly ContextKind[];
}

const FENCE = /^ {0,3}(```|~~~)[ \t]*([A-Za-z0-9_+#.-]*)/gm;
const LANGUAGE_ALIASES: Record<string, string> = {
  ts: 'typescript',
  tsx: 'typescript',
  js: 'javascript',
  jsx: 'javascript',
  mjs: 'javascript',
  py: 'python',
  rb: 'ruby',
  sh: 'shell',
  bash: 'shell',
  zsh: 'shell',
  console: 'shell',
  yml: 'yaml',
  rs: 'rust',
  golang: 'go',
  'c++': 'cpp',
  cs: 'csharp',
  'c#': 'csharp',
  kt: 'kotlin',
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
function startsWithCode(markdown: string): boolean {
  return /^\s*(```|~~~)/.test(markdown);
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
    ...(input.contextKinds?.length ? { contextKinds: [...new Set(input.contextKinds)] } : {}),
    analysis: toStoredAnalysis(input.analysis ?? emptySnapshot(input.id)),
    metrics,
    signals,
    // Text last: summaries parse each line only up to `,"prompt":` (see LearningStore.recordBatches).
    ...(input.storeContent ? { prompt: input.prompt, answer: result.text } : {}),
  };
}

// ───────────────────────────── Reading back ─────────────────────────────

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isNonNeg = (v: unknown): v is number => isNum(v) && v >= 0;
const isStr = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;

/**
 * The first record shape (v0), written before records were versioned:
 * `{ id?, timestamp?, content, analysis: { sentiment, topics, entities }, metrics: { responseTime, tokenCount, qualityScore } }`.
 */
function fromV0(v: V0Record): LearningRecord {
  const { analysis: a, metrics: m } = v;
  const time = isNonNeg(v.timestamp) ? v.timestamp : 0;
  const id = typeof v.id === 'string' && RECORD_ID.test(v.id) ? v.id : `v0-${time}-${hash(v.content)}`;
  const sentiment = isNum(a.sentiment) ? Math.max(-1, Math.min(1, a.sentiment)) : 0;
  const topics = (Array.isArray(a.topics) ? a.topics : [])
    .filter((t): t is string => isStr(t, 200))
    .slice(0, 50)
    .map((term) => ({ term: term.toLowerCase(), weight: 1, count: 1 }));
  const entities = (Array.isArray(a.entities) ? (a.entities as unknown[]) : [])
    .map((e) => (isStr(e, 4096) ? { text: e, type: 'identifier' } : e))
    .filter(
      (e): e is { text: string; type: EntityType } =>
        typeof e === 'object' && e !== null && isStr((e as { text?: unknown }).text, 4096) && isOneOf(ENTITY_TYPES, (e as { type?: unknown }).type),
    )
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
    signals: m.qualityScore !== undefined ? { legacyScore: m.qualityScore } : {},
  };
}

function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

/**
 * Turns an untrusted parsed line into a current record: v1 is validated as is, v0 (no
 * `schemaVersion`, the first shape) is converted. Anything else, including
 * records from a newer schema this build does not know, gives undefined.
 */
export function migrate(raw: unknown): LearningRecord | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const version = (raw as { schemaVersion?: unknown }).schemaVersion;
  if (version === SCHEMA_VERSION) {
    const parsed = learningRecordSchema.safeParse(raw);
    return parsed.success ? parsed.data : undefined;
  }
  if (version !== undefined) return undefined;
  const v0 = v0RecordSchema.safeParse(raw);
  return v0.success ? fromV0(v0.data) : undefined;
}
