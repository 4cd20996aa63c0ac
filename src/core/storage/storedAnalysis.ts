/**
 * An answer's analysis as storage keeps it (in learning records and in chat history), apart from
 * the wire's `AnalysisSnapshot`: a protocol change must not silently change what is on disk. The
 * schema is the type and the guard in one; the two mappers below are the one place the two meet.
 */
import * as z from 'zod/mini';
import type { AnalysisSnapshot } from '../../shared/protocol';
import { ENTITY_TYPES } from '../vocabulary';
import { count, list, opt, text } from './schemaParts';

/** The analysis of one answer, as stored. Optional extras that do not parse are dropped, not fatal. */
export const storedAnalysisSchema = z.object({
  streamId: text(200),
  sentiment: z.object({
    value: z.number(),
    trend: z.enum(['rising', 'falling', 'steady']),
    series: list(z.number(), 10_000),
    scoredSentences: opt(count),
    notScored: opt(list(text(16), 64)),
  }),
  language: opt(z.object({ primary: text(16), shares: list(z.object({ language: text(16), words: count }), 64) })),
  topics: list(z.object({ term: text(200), weight: z.number(), count }), 1000),
  entities: list(z.object({ text: text(4096), type: z.enum(ENTITY_TYPES), count }), 1000),
  tokensAnalyzed: count,
  final: z.boolean(),
  paused: opt(z.boolean()),
  interrupted: opt(z.boolean()),
  timing: z.object({ chunks: count, lastChunkMs: count, totalMs: count }),
});

export type StoredAnalysis = z.infer<typeof storedAnalysisSchema>;

/** What storage keeps of a live snapshot: each field named, so a new wire field is not stored unasked. */
export function toStoredAnalysis(s: AnalysisSnapshot): StoredAnalysis {
  const { sentiment: t } = s;
  return {
    streamId: s.streamId,
    sentiment: {
      value: t.value,
      trend: t.trend,
      series: [...t.series],
      ...(t.scoredSentences !== undefined ? { scoredSentences: t.scoredSentences } : {}),
      ...(t.notScored ? { notScored: [...t.notScored] } : {}),
    },
    ...(s.language ? { language: { primary: s.language.primary, shares: s.language.shares.map(({ language, words }) => ({ language, words })) } } : {}),
    topics: s.topics.map(({ term, weight, count }) => ({ term, weight, count })),
    entities: s.entities.map(({ text, type, count }) => ({ text, type, count })),
    tokensAnalyzed: s.tokensAnalyzed,
    final: s.final,
    ...(s.paused !== undefined ? { paused: s.paused } : {}),
    ...(s.interrupted ? { interrupted: true } : {}),
    timing: { chunks: s.timing.chunks, lastChunkMs: s.timing.lastChunkMs, totalMs: s.timing.totalMs },
  };
}

/**
 * A stored analysis as the views draw it. Today every stored field is a wire field; a wire field
 * the store does not have fails to compile here, which is the point.
 */
export function toAnalysisSnapshot(s: StoredAnalysis): AnalysisSnapshot {
  return s;
}
