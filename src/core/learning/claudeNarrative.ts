/**
 * "Summarize with Claude": the request that asks the model for a short narrative of how the
 * user works, built from the summary's aggregate only. What leaves the machine is counts,
 * rates, timings, topic keywords and the local insights' texts; never a prompt or an answer.
 * Built from `LearningSummary`, which holds no record text at all, so no stray field can leak.
 */
import type { ChatTurn } from '../streaming/types';
import type { Aggregate } from './aggregates';
import { histMedian, mean } from './aggregates';
import type { LearningSummary } from './batchAnalysis';

/** The statistics sent to the model, as plain JSON. */
interface NarrativeStats {
  answers: number;
  firstAnswer?: string;
  lastAnswer?: string;
  averageQuality?: number;
  outcomes: Record<string, number>;
  stopReasons: Record<string, number>;
  sources: Record<string, number>;
  answersByHour: number[];
  topics: Array<{ keyword: string; answers: number; quality: number; regeneratedShare: number }>;
  codeLanguages: Array<{ language: string; answers: number }>;
  models: Array<{ model: string; answers: number; medianTimeToFirstTokenMs?: number; medianResponseMs?: number; errors: number }>;
  qualityByLength: Record<string, number | undefined>;
  insights: string[];
}

const round2 = (x: number | undefined): number | undefined => (x === undefined ? undefined : Math.round(x * 100) / 100);
const isoDay = (t: number | undefined): string | undefined => (t === undefined ? undefined : new Date(t).toISOString().slice(0, 10));

/** The aggregate reduced to what the model needs: at most a few dozen numbers and keywords. */
function narrativeStats(summary: LearningSummary): NarrativeStats {
  const agg: Aggregate = summary.aggregate;
  return {
    answers: agg.records,
    firstAnswer: isoDay(agg.firstTime),
    lastAnswer: isoDay(agg.lastTime),
    averageQuality: round2(mean(agg.quality)),
    outcomes: { ...agg.outcomes },
    stopReasons: { ...agg.stopReasons },
    sources: { ...agg.sources },
    answersByHour: [...agg.hours],
    topics: Object.entries(agg.topics)
      .sort((a, b) => b[1].n - a[1].n)
      .slice(0, 12)
      .map(([keyword, t]) => ({ keyword, answers: t.n, quality: round2(t.quality / t.n) ?? 0, regeneratedShare: round2(t.regenerated / t.n) ?? 0 })),
    codeLanguages: Object.entries(agg.languages)
      .sort((a, b) => b[1].n - a[1].n)
      .slice(0, 8)
      .map(([language, s]) => ({ language, answers: s.n })),
    models: Object.entries(agg.models)
      .sort((a, b) => b[1].n - a[1].n)
      .slice(0, 5)
      .map(([model, m]) => ({
        model,
        answers: m.n,
        medianTimeToFirstTokenMs: histMedian(m.ttft),
        medianResponseMs: histMedian(m.response),
        errors: m.errors,
      })),
    qualityByLength: { short: round2(mean(agg.length.short)), medium: round2(mean(agg.length.medium)), long: round2(mean(agg.length.long)) },
    insights: summary.insights.map((i) => i.text),
  };
}

const SYSTEM =
  'You summarise how a developer uses an AI coding assistant in one workspace, from aggregated usage statistics only. ' +
  'Write 3 to 5 plain sentences for the developer ("you"): what they mostly work on, what goes well, what goes less well, ' +
  'and one concrete thing to try. Use only the numbers given; do not invent any. No headings, no lists, no code.';

/** The system prompt and the single user turn of the request. */
export function narrativeRequest(summary: LearningSummary): { system: string; messages: ChatTurn[] } {
  const stats = narrativeStats(summary);
  return {
    system: SYSTEM,
    messages: [{ role: 'user', content: `Usage statistics (JSON):\n${JSON.stringify(stats)}` }],
  };
}

/** Keeps the model's narrative short and plain for the Insights view. */
export function cleanNarrative(text: string): string | undefined {
  const plain = text
    .replace(/```[\s\S]*?```/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return plain === '' ? undefined : plain.slice(0, 1200);
}
