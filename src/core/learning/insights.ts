/**
 * What the summary changes for the user: the learned-preferences note for the system prompt
 * (opt-in, editable, never overwritten once edited), suggested settings returned as data,
 * dismissed insights, and the `LearningView` the Insights webview draws.
 */
import type { KeyValueStore } from '../ports';
import { CONTEXT_KINDS, type ContextKind, type LearningView } from '../../shared/protocol';
import type { LearningSummary } from './batchAnalysis';
import { mean } from './aggregates';

/** Small learning state kept in workspace state (`Memento`). */
export interface LearningState {
  dismissed: string[];
  /** Set once the user edits the note; `text: ''` means they removed it. */
  preferences?: { text: string; edited: true };
  lastSummaryId?: string;
  lastSummaryAt?: number;
  /** Records written since the last summary, so a restart does not reset the batch count. */
  recordsSinceSummary: number;
  /** Of those, the failed requests: recorded for the error figures, but not counted as answers in the view. */
  failedSinceSummary: number;
  /** The model's narrative of summary `summaryId` ("Summarize with Claude"), shown while that summary is current. */
  claudeNarrative?: { text: string; summaryId: string; at: number };
}

/** Key of the state in the `KeyValueStore`. */
export const LEARNING_STATE_KEY = 'claudeStream.learning.state';

/** Reads and validates the state; anything malformed falls back to empty. */
export function readLearningState(kv: KeyValueStore): LearningState {
  const raw = kv.get<unknown>(LEARNING_STATE_KEY);
  const v = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const prefs = v.preferences as Record<string, unknown> | undefined;
  const told = v.claudeNarrative as Record<string, unknown> | undefined;
  return {
    dismissed: Array.isArray(v.dismissed) ? v.dismissed.filter((x): x is string => typeof x === 'string').slice(-500) : [],
    preferences: prefs && typeof prefs.text === 'string' && prefs.edited === true ? { text: prefs.text.slice(0, 4000), edited: true } : undefined,
    lastSummaryId: typeof v.lastSummaryId === 'string' ? v.lastSummaryId : undefined,
    lastSummaryAt: typeof v.lastSummaryAt === 'number' ? v.lastSummaryAt : undefined,
    recordsSinceSummary: typeof v.recordsSinceSummary === 'number' && v.recordsSinceSummary >= 0 ? v.recordsSinceSummary : 0,
    failedSinceSummary: typeof v.failedSinceSummary === 'number' && v.failedSinceSummary >= 0 ? v.failedSinceSummary : 0,
    claudeNarrative:
      told && typeof told.text === 'string' && typeof told.summaryId === 'string' && typeof told.at === 'number'
        ? { text: told.text.slice(0, 1200), summaryId: told.summaryId, at: told.at }
        : undefined,
  };
}

/** Applies a change to the stored state and returns the new state. */
export async function updateLearningState(kv: KeyValueStore, change: (s: LearningState) => LearningState): Promise<LearningState> {
  const next = change(readLearningState(kv));
  await kv.update(LEARNING_STATE_KEY, next);
  return next;
}

/** Hides an insight in this and later summaries (ids are stable). */
export function dismissInsight(kv: KeyValueStore, id: string): Promise<LearningState> {
  return updateLearningState(kv, (s) => ({ ...s, dismissed: s.dismissed.includes(id) ? s.dismissed : [...s.dismissed, id] }));
}

/** Stores the user's own note; an empty text removes the note. Later summaries never overwrite it. */
export function editPreferences(kv: KeyValueStore, text: string): Promise<LearningState> {
  return updateLearningState(kv, (s) => ({ ...s, preferences: { text: text.trim().slice(0, 4000), edited: true } }));
}

/** Keeps the model's narrative of a summary, to show in place of the local one while that summary is current. */
export function setClaudeNarrative(kv: KeyValueStore, text: string, summaryId: string, at: number): Promise<LearningState> {
  return updateLearningState(kv, (s) => ({ ...s, claudeNarrative: { text: text.slice(0, 1200), summaryId, at } }));
}

/** Forgets the user's edit, so the note follows the summaries again. */
export function resetPreferences(kv: KeyValueStore): Promise<LearningState> {
  return updateLearningState(kv, (s) => ({ ...s, preferences: undefined }));
}

/** The note in force: the user's edit if any (possibly removed), else the summary's. */
function effectivePreferences(summary: LearningSummary | undefined, state: LearningState): string | undefined {
  if (state.preferences) return state.preferences.text || undefined;
  return summary?.preferences;
}

/** What applying the insights gives the shell. */
export interface AppliedInsights {
  /** Append to the system prompt (`StreamRequest.systemSuffix`); only with `applyToPrompts`. */
  systemSuffix?: string;
  /** Setting changes the user may accept; never applied by the core. */
  suggestedSettings: Array<{ insightId: string; key: string; value: unknown }>;
}

/** Turns a summary into a prompt suffix (opt-in) and suggested settings (not dismissed ones). */
export function applyInsights(summary: LearningSummary | undefined, state: LearningState, options: { applyToPrompts: boolean }): AppliedInsights {
  const note = effectivePreferences(summary, state);
  const suggestedSettings = (summary?.insights ?? [])
    .filter((i) => i.setting && !state.dismissed.includes(i.id))
    .map((i) => ({ insightId: i.id, key: i.setting!.key, value: i.setting!.value }));
  return {
    systemSuffix: options.applyToPrompts && note ? `What this user prefers, learned from earlier conversations in this workspace: ${note}` : undefined,
    suggestedSettings,
  };
}

const hh = (h: number): string => `${String(h % 24).padStart(2, '0')}:00`;

function narrative(summary: LearningSummary): string | undefined {
  const agg = summary.aggregate;
  if (agg.records === 0) return undefined;
  const parts = [`${agg.records.toLocaleString('en-US')} answer${agg.records === 1 ? '' : 's'} recorded`];
  let best = 0;
  // Among equally busy three-hour windows, the one centred on the busiest hour.
  const window = (h: number) => (agg.hours[h] + agg.hours[(h + 1) % 24] + agg.hours[(h + 2) % 24]) * 1e6 + agg.hours[(h + 1) % 24];
  for (let h = 1; h < 24; h++) if (window(h) > window(best)) best = h;
  if (agg.records >= 20) parts.push(`most often between ${hh(best)} and ${hh(best + 3)}`);
  const periods = Object.keys(agg.periods).sort();
  const last = agg.periods[periods[periods.length - 1]];
  const before = agg.periods[periods[periods.length - 2]];
  const q = mean(agg.quality);
  if (q !== undefined) {
    let text = `answer quality ${q.toFixed(2)}`;
    if (last && before && last.quality.n >= 5 && before.quality.n >= 5) {
      text += ` (${(mean(last.quality) ?? 0).toFixed(2)} in ${periods[periods.length - 1]}, ${(mean(before.quality) ?? 0).toFixed(2)} before)`;
    }
    parts.push(text);
  }
  return `${parts.join('; ')}.`;
}

/**
 * The Insights view's data. `pendingAnswers` are answers recorded since the summary. Counts
 * are of answers: failed requests are kept for the error figures but are not answers.
 */
export function toLearningView(summary: LearningSummary | undefined, state: LearningState, pendingAnswers = 0): LearningView {
  const agg = summary?.aggregate;
  const periods = agg ? Object.keys(agg.periods).sort().slice(-26) : [];
  const summarised = summary ? Math.max(0, summary.recordCount - (agg?.outcomes.error ?? 0)) : undefined;
  return {
    recordCount: (summarised ?? 0) + pendingAnswers,
    lastSummaryAt: summary?.createdAt,
    summaryRecordCount: summarised,
    topicsOverTime: periods.map((period) => ({
      period,
      topics: Object.entries(agg!.periods[period].topics)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 5)
        .map(([term, count]) => ({ term, count })),
    })),
    sentimentTrend: periods
      .filter((p) => agg!.periods[p].sentiment.n > 0)
      .map((period) => ({ period, value: Math.round((mean(agg!.periods[period].sentiment) ?? 0) * 1000) / 1000 })),
    responseTimesMs: agg?.recentResponseMs ?? [],
    timeToFirstTokenMs: agg?.recentTtftMs ?? [],
    qualityByTopic: agg
      ? Object.entries(agg.topics)
          .sort((a, b) => b[1].n - a[1].n)
          .slice(0, 12)
          .map(([topic, t]) => ({ topic, quality: Math.round((t.quality / t.n) * 100) / 100, count: t.n }))
      : [],
    byLanguage: Object.entries(agg?.answerLanguages ?? {})
      .sort((a, b) => b[1].n - a[1].n)
      .slice(0, 12)
      .map(([language, st]) => ({ language, quality: Math.round((st.sum / st.n) * 100) / 100, count: st.n })),
    // Best-rated first: which kinds of context go with the answers the user valued most.
    byContextKind: Object.entries(agg?.contextKinds ?? {})
      .filter((entry): entry is [ContextKind | 'none', { n: number; sum: number }] => entry[0] === 'none' || (CONTEXT_KINDS as readonly string[]).includes(entry[0]))
      .map(([kind, st]) => ({ kind, quality: Math.round((st.sum / st.n) * 100) / 100, count: st.n }))
      .sort((a, b) => b.quality - a.quality || b.count - a.count),
    insights: (summary?.insights ?? []).filter((i) => !state.dismissed.includes(i.id)),
    learnedPreferences: effectivePreferences(summary, state),
    narrative: summary && state.claudeNarrative?.summaryId === summary.id ? state.claudeNarrative.text : summary ? narrative(summary) : undefined,
  };
}
