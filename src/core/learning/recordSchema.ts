/**
 * The learning record's on-disk schema (v1): one zod definition per shape, which is both the
 * record's type and the guard that reads it back. Storage files are untrusted; a line that does
 * not parse is skipped. Analysis is stored in its own shape (`StoredAnalysis`), not the wire's.
 */
import * as z from 'zod/mini';
import { storedAnalysisSchema } from '../storage/storedAnalysis';
import { count, text, upToOne } from '../storage/schemaParts';
import { ANSWER_OUTCOMES } from '../vocabulary';
import { CONTEXT_KINDS } from '../../shared/protocol';

/** Version written into every record line; bump it and extend `migrate` when the shape changes. */
export const SCHEMA_VERSION = 1;

/** Longest prompt or answer text a record may hold. */
const MAX_TEXT = 2_000_000;
/** A record id: safe in file names, CSV and the protocol. */
export const RECORD_ID = /^[A-Za-z0-9_.:-]{1,128}$/;

/** What is known about how the user received one answer. Every field is optional; an unknown one makes the record unreadable. */
const qualitySignalsSchema = z.strictObject({
  feedback: z.optional(z.enum(['up', 'down'])),
  copied: z.optional(z.boolean()),
  inserted: z.optional(z.boolean()),
  applied: z.optional(z.boolean()),
  regenerated: z.optional(z.boolean()),
  cancelledEarly: z.optional(z.boolean()),
  error: z.optional(z.boolean()),
  /** Sentiment of the user's next message about this answer, in [−1, 1] (see `scoreFollowUp`). */
  followUp: z.optional(upToOne(-1)),
  /** Score carried over from a v0 record, used as the base. */
  legacyScore: z.optional(upToOne(0)),
});
export type QualitySignals = z.infer<typeof qualitySignalsSchema>;

/** Figures of one answer, taken from the final `StreamResult`. */
const recordMetricsSchema = z.object({
  responseTimeMs: count,
  timeToFirstTokenMs: z.optional(count),
  inputTokens: count,
  outputTokens: count,
  tokensPerSecond: count,
  stopReason: z.optional(text(64)),
  retries: count,
  resumed: z.boolean(),
  outcome: z.enum(ANSWER_OUTCOMES),
  errorKind: z.optional(text(64)),
});
export type RecordMetrics = z.infer<typeof recordMetricsSchema>;

/** Where the answer was asked from. */
const RECORD_SOURCES = ['chat', 'inline'] as const;
export type RecordSource = (typeof RECORD_SOURCES)[number];

/**
 * A completed answer as the learning store keeps it (schema v1). The text comes last: summaries
 * parse each line only up to `,"prompt":` (see LearningStore.recordBatches).
 */
export const learningRecordSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  id: z.string().check(z.regex(RECORD_ID)),
  /** Milliseconds since the epoch when the answer ended. */
  time: count,
  source: z.enum(RECORD_SOURCES),
  model: text(200),
  promptChars: count,
  answerChars: count,
  /** Languages of the answer's fenced code blocks, in order of first appearance. */
  codeLanguages: z.array(text(40)),
  /** True when the answer opens with a code block (before any prose paragraph). */
  codeFirst: z.boolean(),
  /** Natural language of the answer's prose (ISO 639-1, from the live analysis); absent in older records or without prose. */
  language: z.optional(text(16)),
  /** Kinds of workspace context the question carried (each once); absent when none, and in older records. */
  contextKinds: z.optional(z.array(z.enum(CONTEXT_KINDS))),
  analysis: storedAnalysisSchema,
  metrics: recordMetricsSchema,
  signals: z._default(qualitySignalsSchema, {}),
  /** Omitted when the user turned content storage off; the lengths stay. */
  prompt: z.optional(text(MAX_TEXT)),
  answer: z.optional(text(MAX_TEXT)),
});
export type LearningRecord = z.infer<typeof learningRecordSchema>;

/**
 * The first record shape (v0), written before records were versioned:
 * `{ id?, timestamp?, content, analysis: { sentiment, topics, entities }, metrics: { responseTime, tokenCount, qualityScore } }`.
 * Its lists are loose (strings or objects); `fromV0` keeps what it can read of them.
 */
export const v0RecordSchema = z.object({
  id: z.optional(z.unknown()),
  timestamp: z.optional(z.unknown()),
  model: z.optional(z.unknown()),
  content: text(MAX_TEXT),
  analysis: z.object({ sentiment: z.optional(z.unknown()), topics: z.optional(z.unknown()), entities: z.optional(z.unknown()) }),
  metrics: z.object({ responseTime: count, tokenCount: count, qualityScore: z.optional(upToOne(0)) }),
});
export type V0Record = z.infer<typeof v0RecordSchema>;

/** Signals read from disk (a signals file entry); undefined when anything is malformed. */
export function parseSignals(raw: unknown): QualitySignals | undefined {
  const parsed = z.optional(qualitySignalsSchema).safeParse(raw);
  return parsed.success ? (parsed.data ?? {}) : undefined;
}
