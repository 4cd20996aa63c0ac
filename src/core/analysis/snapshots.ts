import type { AnalysisSnapshot } from '../../shared/protocol';

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
