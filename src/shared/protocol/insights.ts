/**
 * The Insights view's messages in both directions, and the guard that validates what the view
 * sends: it is `unknown` until `parseInsightsWebviewMessage` passes.
 */
import type { AnalysisSnapshot, AnswerOutcome, ContextKind } from './common';
import { parseWith, type Shape } from './validate';

// ───────────────────────────── Insights: host → webview ─────────────────────────────

/** Aggregated learning figures as the Insights view draws them. */
export interface LearningView {
  recordCount: number;
  lastSummaryAt?: number;
  summaryRecordCount?: number;
  topicsOverTime: Array<{ period: string; topics: Array<{ term: string; count: number }> }>;
  sentimentTrend: Array<{ period: string; value: number }>;
  responseTimesMs: number[];
  timeToFirstTokenMs: number[];
  qualityByTopic: Array<{ topic: string; quality: number; count: number }>;
  /** Answers grouped by the language of their prose (ISO 639-1), most answers first. */
  byLanguage?: Array<{ language: string; quality: number; count: number }>;
  /** Answers grouped by the kinds of context their question carried (`none`: nothing attached), best quality first. */
  byContextKind?: Array<{ kind: ContextKind | 'none'; quality: number; count: number }>;
  insights: Array<{ id: string; kind: 'improvement' | 'optimization'; text: string; setting?: { key: string; value: unknown } }>;
  learnedPreferences?: string;
  narrative?: string;
  /** `claudeStream.learning.applyToPrompts`: whether the preferences note is really sent. */
  applyToPrompts?: boolean;
}

/** Spending over a period: tokens by kind, dollars, and what the prompt cache saved. */
export interface CostTotalsView {
  requests: number;
  inputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  outputTokens: number;
  /** Dollars of the priced requests. */
  costUsd: number;
  /** What the same requests would have cost more without the cache. */
  savedUsd: number;
  /** Requests on a model without a price: their tokens count, their cost is unknown. */
  unpriced: number;
}

/** The Insights view's cost section. */
export interface CostView {
  today: CostTotalsView;
  total: CostTotalsView;
  /** Newest first. */
  days: Array<{ day: string } & CostTotalsView>;
  /** Latest first; `inline` holds the inline asks. */
  conversations: Array<{ id: string; title?: string } & CostTotalsView>;
}

export type InsightsHostMessage =
  /** Sent on `ready` and when a stream starts: the last snapshot and its source. */
  | { type: 'live/snapshot'; source: 'chat' | 'inline'; analysis: AnalysisSnapshot; tokensPerSecond?: number; outcome?: AnswerOutcome }
  /** Sent when no stream has run yet. */
  | { type: 'live/empty' }
  /** Sent on `ready` and after each summary run. */
  | { type: 'learning/summary'; learning: LearningView | undefined; enabled: boolean }
  /** Sent on `ready` and after every billed request: cost per day and per conversation. */
  | { type: 'cost/summary'; cost: CostView };

export type InsightsWebviewMessage =
  | { type: 'ready' }
  | { type: 'insight/apply'; id: string }
  | { type: 'insight/dismiss'; id: string }
  | { type: 'learning/summarize' }
  | { type: 'preferences/edit'; text: string }
  /** Sent by "Send with requests" / "Stop sending" beside the preferences note. */
  | { type: 'preferences/applyToPrompts'; enabled: boolean }
  | { type: 'file/open'; path: string };

// ───────────────────────────── Validation ─────────────────────────────

const insightsShapes: { [K in InsightsWebviewMessage['type']]: Shape } = {
  ready: {},
  'insight/apply': { id: 'id' },
  'insight/dismiss': { id: 'id' },
  'learning/summarize': {},
  'preferences/edit': { text: (v) => typeof v === 'string' && v.length <= 4000 },
  'preferences/applyToPrompts': { enabled: (v) => typeof v === 'boolean' },
  'file/open': { path: (v) => typeof v === 'string' && v.length > 0 && v.length <= 4096 },
};

/** Returns the message if it is a well-formed insights webview message, else undefined. */
export function parseInsightsWebviewMessage(raw: unknown): InsightsWebviewMessage | undefined {
  return parseWith<InsightsWebviewMessage>(insightsShapes, raw);
}
