/**
 * Continuous learning, pure core: what the shell needs, in one import. See
 * `continuousLearning.ts` for the loop, `store.ts` for the on-disk layout, `quality.ts` for
 * the quality formula and `insightRules.ts` for the insights.
 */
export type { LearningRecord, RecordInput, RecordMetrics, RecordSource } from './records';
export { SCHEMA_VERSION, createRecord, migrate } from './records';
export type { AnswerAction } from './quality';
export type { QualitySignals } from './recordSchema';
export { qualityScore, scoreFollowUp, signalsFor } from './quality';
export type { LearningFs } from './learningFs';
export { nodeLearningFs } from './learningFs';
export type { LearningStoreOptions, SegmentInfo, StoreWarning } from './store';
export { LearningStore } from './store';
export type { LearningSummary, SummarizeOptions } from './batchAnalysis';
export { parseSummary, summarize } from './batchAnalysis';
export type { Insight, InsightContext } from './insightRules';
export type { AppliedInsights, LearningState } from './insights';
export {
  LEARNING_STATE_KEY, applyInsights, dismissInsight, editPreferences, effectivePreferences,
  readLearningState, resetPreferences, setClaudeNarrative, toLearningView,
} from './insights';
export type { NarrativeStats } from './claudeNarrative';
export { cleanNarrative, narrativeRequest, narrativeStats } from './claudeNarrative';
export type { ContinuousLearningOptions, LearningSettings } from './continuousLearning';
export { ContinuousLearning } from './continuousLearning';
export type { ChunkWriter } from './export';
export { csvField, exportRecords } from './export';
