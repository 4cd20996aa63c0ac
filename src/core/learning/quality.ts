/**
 * How good an answer was for this user, from what they did with it.
 *
 * ## The formula
 *
 * `qualityScore = clamp01(base + feedback + use + regenerated + cancelled + error + followUp)`
 *
 * | signal                               | contribution                          |
 * |--------------------------------------|---------------------------------------|
 * | base                                 | 0.5 (nothing known), or a v0 record's stored score |
 * | 👍 / 👎                              | +0.4 / −0.4                           |
 * | code used (best of)                  | applied +0.25, inserted +0.2, copied +0.15 |
 * | regenerated                          | −0.25                                 |
 * | cancelled before the end             | −0.2                                  |
 * | ended in an error                    | −0.4                                  |
 * | the user's next message (f ∈ [−1,1]) | +0.2 · f                              |
 *
 * Explicit feedback is the strongest signal and dominates: a 👍 never scores below 0.6 and a
 * 👎 never above 0.4, whatever else happened. Code use counts once (the strongest kind),
 * because copying and then inserting the same block is one act of approval.
 */
import type { QualitySignals } from './recordSchema';

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

/** Quality in [0, 1] by the formula documented at the top of this file. */
export function qualityScore(signals: QualitySignals): number {
  let score = signals.legacyScore ?? 0.5;
  if (signals.feedback === 'up') score += 0.4;
  if (signals.feedback === 'down') score -= 0.4;
  score += signals.applied ? 0.25 : signals.inserted ? 0.2 : signals.copied ? 0.15 : 0;
  if (signals.regenerated) score -= 0.25;
  if (signals.cancelledEarly) score -= 0.2;
  if (signals.error) score -= 0.4;
  if (signals.followUp !== undefined) score += 0.2 * clamp(signals.followUp, -1, 1);
  score = clamp(score, 0, 1);
  if (signals.feedback === 'up') score = Math.max(score, 0.6);
  if (signals.feedback === 'down') score = Math.min(score, 0.4);
  return score;
}

/** What the user did with an answer, as the chat reports it. */
export type AnswerAction = 'copied' | 'inserted' | 'applied' | 'regenerated' | 'thumbsUp' | 'thumbsDown';

/** The quality signal one user action gives. */
export function signalsFor(action: AnswerAction): QualitySignals {
  switch (action) {
    case 'thumbsUp':
      return { feedback: 'up' };
    case 'thumbsDown':
      return { feedback: 'down' };
    default:
      return { [action]: true };
  }
}

/** Later signals win field by field; booleans once true stay true (an answer copied stays copied). */
export function mergeSignals(a: QualitySignals, b: QualitySignals): QualitySignals {
  const out: QualitySignals = { ...a };
  for (const key of ['copied', 'inserted', 'applied', 'regenerated', 'cancelledEarly', 'error'] as const) {
    if (b[key]) out[key] = true;
  }
  if (b.feedback !== undefined) out.feedback = b.feedback;
  if (b.followUp !== undefined) out.followUp = b.followUp;
  if (b.legacyScore !== undefined) out.legacyScore = b.legacyScore;
  return out;
}

// Phrases, not words: "error" alone is often the topic of a fine answer ("explain this error").
const DISSATISFIED: Array<[RegExp, number]> = [
  [/\b(does ?n[o']?t|did ?n[o']?t|do ?n[o']?t|does not|did not|still (does ?n[o']?t|won'?t)) (work|compile|run|help|fix)/, 1],
  [/\bnot (working|what i (asked|wanted|meant)|right|correct)\b/, 1],
  [/\b(still|same) (error|fails?|failing|broken|issue|problem|crash(es)?)\b/, 1],
  [/\bthat'?s (wrong|incorrect|not it)\b/, 1],
  [/\b(wrong|incorrect|broken|useless|nonsense|hallucinat\w*)\b/, 0.7],
  [/\b(you misunderstood|try again|that'?s not)\b/, 0.6],
  [/^(no|nope|nah)\b/, 0.6],
  [/\b(wo|ca)n'?t (compile|build|run)\b/, 0.8],
  [/\b(too long|too verbose|shorter please|be (more )?concise)\b/, 0.5],
];
const SATISFIED: Array<[RegExp, number]> = [
  [/\b(that|it|this) (worked|works|fixed it|did it)\b/, 1],
  [/\b(works|worked) (now|perfectly|great)\b/, 1],
  [/\b(thanks|thank you|thx|ty)\b/, 0.6],
  [/\b(perfect|exactly|awesome|great|excellent|brilliant|nice|spot on)\b/, 0.6],
  [/\b(fixed|solved)\b/, 0.7],
];

/**
 * Scores the user's next message as a reaction to the previous answer, in [−1, 1]:
 * −1 clearly dissatisfied ("that doesn't work"), +1 clearly satisfied ("thanks, that worked"),
 * 0 when the message says nothing either way (a new question). Dissatisfied phrases are
 * matched first and cut out, so "doesn't work" never counts as "works".
 */
export function scoreFollowUp(text: string): number {
  let rest = ` ${text.toLowerCase().replace(/[’‘]/g, "'").trim()} `;
  let negative = 0;
  let positive = 0;
  for (const [pattern, weight] of DISSATISFIED) {
    const global = new RegExp(pattern.source, 'g');
    const trimmed = rest.trimStart();
    if (pattern.source.startsWith('^') ? pattern.test(trimmed) : global.test(rest)) {
      negative += weight;
      rest = pattern.source.startsWith('^') ? ` ${trimmed.replace(pattern, ' ')}` : rest.replace(global, ' ');
    }
  }
  for (const [pattern, weight] of SATISFIED) {
    if (pattern.test(rest)) positive += weight;
  }
  return clamp(positive - negative, -1, 1);
}
