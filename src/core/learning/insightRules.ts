/**
 * Insights derived from an aggregate. Each rule fires only when its pattern is present in
 * enough data (minimum sample sizes below) and has a stable id, so a dismissed insight stays
 * dismissed across summaries. Texts carry the numbers that back them.
 */
import type { Aggregate } from './aggregates';
import { histCount, histMedian, mean } from './aggregates';

/** One suggestion for the user. A `setting` is data for the shell to offer; the core never applies it. */
export interface Insight {
  id: string;
  kind: 'improvement' | 'optimization';
  text: string;
  setting?: { key: string; value: unknown };
}

/** The user's current settings that suggestions are relative to. */
export interface InsightContext {
  maxTokens: number;
  maxRetries: number;
}

/** Minimum sample sizes; below them a rule stays silent. */
const MIN_SAMPLES = { topic: 8, answers: 20, errorsOfKind: 5, ttftPerModel: 10, retries: 10 } as const;

const pct = (x: number): number => Math.round(x * 100);
const slug = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60) || 'x';
const secs = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const hh = (h: number): string => `${String(h % 24).padStart(2, '0')}:00`;

const CONTEXT_HINTS: Record<string, string> = {
  webpack: 'add your webpack config as context',
  vite: 'add your vite config as context',
  docker: 'add your Dockerfile as context',
  tsconfig: 'add your tsconfig.json as context',
  eslint: 'add your ESLint config as context',
};

type TopicStat = Aggregate['topics'][string];

/**
 * Topics that always come up together (webpack, JavaScript, bundle) have identical figures:
 * one insight names the lead topic (one with a concrete hint first) and mentions the others,
 * instead of three suggestions about the same answers.
 */
function groupTopics(topics: Array<[string, TopicStat]>, signature: (t: TopicStat) => string): Array<{ term: string; t: TopicStat; also: string[] }> {
  const groups = new Map<string, { term: string; t: TopicStat; also: string[] }>();
  const ranked = [...topics].sort((a, b) => b[1].n - a[1].n || Number(b[0] in CONTEXT_HINTS) - Number(a[0] in CONTEXT_HINTS));
  for (const [term, t] of ranked) {
    const key = signature(t);
    const group = groups.get(key);
    if (group) group.also.push(term);
    else groups.set(key, { term, t, also: [] });
  }
  return [...groups.values()];
}

const alsoText = (also: string[]): string => (also.length === 0 ? '' : ` (also tagged ${also.slice(0, 3).join(', ')})`);

function topicRules(agg: Aggregate): Insight[] {
  const out: Insight[] = [];
  const overall = mean(agg.quality) ?? 0.5;
  const topics = Object.entries(agg.topics).filter(([, t]) => t.n >= MIN_SAMPLES.topic);
  const regenerated = topics.filter(([, t]) => t.regenerated / t.n >= 0.25);
  const low = topics.filter(([, t]) => t.regenerated / t.n < 0.25 && t.quality / t.n <= overall - 0.15);
  const rules = [
    ...groupTopics(regenerated, (t) => `${t.n}:${t.regenerated}`).map(({ term, t, also }) => ({
      n: t.n,
      insight: {
        id: `regenerated-topic-${slug(term)}`,
        kind: 'improvement' as const,
        text: `Answers about ${term}${alsoText(also)} are regenerated ${pct(t.regenerated / t.n)}% of the time (${t.regenerated} of ${t.n}): ${CONTEXT_HINTS[term] ?? 'add the relevant files or config as context'}.`,
      },
    })),
    ...groupTopics(low, (t) => `${t.n}:${t.quality.toFixed(3)}`).map(({ term, t, also }) => ({
      n: t.n,
      insight: {
        id: `low-quality-topic-${slug(term)}`,
        kind: 'improvement' as const,
        text: `Answers about ${term}${alsoText(also)} score ${(t.quality / t.n).toFixed(2)} against ${overall.toFixed(2)} overall (${t.n} answers): say what you tried and paste the exact error when asking about ${term}.`,
      },
    })),
  ];
  for (const { insight } of rules.sort((a, b) => b.n - a.n)) out.push(insight);
  return out.slice(0, 5);
}

const NEXT_MAX_TOKENS = [8192, 16384, 32000, 64000];

function maxTokensRule(agg: Aggregate, ctx: InsightContext): Insight[] {
  const answered = (agg.outcomes.done ?? 0) + (agg.outcomes.cancelled ?? 0);
  const hits = agg.stopReasons.max_tokens ?? 0;
  if (answered < MIN_SAMPLES.answers || hits / answered < 0.1) return [];
  const value = NEXT_MAX_TOKENS.find((v) => v > ctx.maxTokens) ?? ctx.maxTokens * 2;
  return [
    {
      id: 'max-tokens',
      kind: 'improvement',
      text: `${pct(hits / answered)}% of answers hit max_tokens and were cut off: raise maxTokens to ${value}.`,
      setting: { key: 'claudeStream.maxTokens', value },
    },
  ];
}

function cancelRule(agg: Aggregate): Insight[] {
  const cancelled = agg.outcomes.cancelled ?? 0;
  const avgTokens = mean(agg.cancelledOutputTokens) ?? 0;
  if (agg.records < MIN_SAMPLES.answers || cancelled / agg.records < 0.15 || avgTokens < 300) return [];
  return [
    {
      id: 'cancelled-often',
      kind: 'improvement',
      text: `You stop ${pct(cancelled / agg.records)}% of answers, after ${Math.round(avgTokens)} tokens on average: turn on learned preferences so answers come shorter, code first.`,
    },
  ];
}

const ERROR_ADVICE: Record<string, string> = {
  rate_limit: 'allow more retries so they ride out the limit',
  overloaded: 'allow more retries, or pick a less busy model',
  stalled: 'check your network or proxy; stalled streams are resumed but cost time',
  connection: 'check your network or proxy settings',
  too_large: 'send less context with each question',
};

function errorRules(agg: Aggregate, ctx: InsightContext): Insight[] {
  if (agg.records < MIN_SAMPLES.answers) return [];
  return Object.entries(agg.errorKinds)
    .filter(([kind, n]) => kind !== 'cancelled' && n >= MIN_SAMPLES.errorsOfKind && n / agg.records >= 0.05)
    .map(([kind, n]) => {
      const retryable = kind === 'rate_limit' || kind === 'overloaded';
      const setting = retryable && ctx.maxRetries < 5 ? { key: 'claudeStream.retry.maxRetries', value: 5 } : undefined;
      return {
        id: `errors-${slug(kind)}`,
        kind: 'improvement' as const,
        text: `${pct(n / agg.records)}% of requests failed with ${kind} (${n} of ${agg.records}): ${ERROR_ADVICE[kind] ?? 'see the output log for details'}.`,
        ...(setting ? { setting } : {}),
      };
    });
}

function ttftRule(agg: Aggregate): Insight[] {
  const medians = Object.entries(agg.models)
    .filter(([, m]) => histCount(m.ttftShort) >= MIN_SAMPLES.ttftPerModel)
    .map(([model, m]) => ({ model, median: histMedian(m.ttftShort) ?? 0 }))
    .sort((a, b) => a.median - b.median);
  if (medians.length < 2) return [];
  const fast = medians[0];
  const slow = medians[medians.length - 1];
  if (slow.median < fast.median * 1.5 || slow.median - fast.median < 300) return [];
  return [
    {
      id: `ttft-${slug(slow.model)}-vs-${slug(fast.model)}`,
      kind: 'optimization',
      text: `Median time to first token is ${secs(slow.median)} on ${slow.model}, ${secs(fast.median)} on ${fast.model} for short questions: use ${fast.model} for quick questions.`,
    },
  ];
}

function retryHoursRule(agg: Aggregate): Insight[] {
  const totalRetries = agg.retryHours.reduce((s, v) => s + v, 0);
  const totalRequests = agg.hours.reduce((s, v) => s + v, 0);
  if (totalRetries < MIN_SAMPLES.retries || totalRequests === 0) return [];
  let best = 0;
  for (let h = 1; h < 24; h++) {
    if (agg.retryHours[h] + agg.retryHours[(h + 1) % 24] > agg.retryHours[best] + agg.retryHours[(best + 1) % 24]) best = h;
  }
  const retryShare = (agg.retryHours[best] + agg.retryHours[(best + 1) % 24]) / totalRetries;
  const requestShare = (agg.hours[best] + agg.hours[(best + 1) % 24]) / totalRequests;
  if (retryShare < 0.5 || requestShare > 0.35) return [];
  return [
    {
      id: `retry-hours-${String(best).padStart(2, '0')}`,
      kind: 'optimization',
      text: `Retries cluster at ${hh(best)}–${hh(best + 2)}: ${pct(retryShare)}% of retries, ${pct(requestShare)}% of requests. Long, non-urgent questions go faster at other hours.`,
    },
  ];
}

/** Every insight whose pattern is present in the aggregate, improvements first. */
export function deriveInsights(agg: Aggregate, ctx: InsightContext): Insight[] {
  return [...maxTokensRule(agg, ctx), ...topicRules(agg), ...cancelRule(agg), ...errorRules(agg, ctx), ...ttftRule(agg), ...retryHoursRule(agg)];
}
