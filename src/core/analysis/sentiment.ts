/**
 * Sentence sentiment in [-1, 1]: wink-nlp's lexicon score on the masked sentence, blended
 * with a small supplementary lexicon (with its own negation handling) and a contrast rule
 * (after "but", the second clause is what the writer means).
 */
import { getNlp } from './nlp';
import { maskForSentiment } from './sentimentMask';
import { SUPPLEMENT_PHRASES, SUPPLEMENT_WORDS } from './sentimentLexicon';

/**
 * Languages with a validated lexicon: wink's lexicon and our supplement are English, and
 * their accuracy is measured on the English UCI sentences. Any other language is reported
 * as not scored rather than read with English word scores.
 */
export const SCORED_LANGUAGES: ReadonlySet<string> = new Set(['en']);

const NEGATORS = new Set(['not', 'no', 'never', 'without', 'nothing', 'nobody', 'none', 'neither', 'nor', 'hardly', 'cannot']);
const CONTRAST = /\s*(?:,\s*)?\b(?:but|however)\b[\s,]*/i;
const TOKEN = /[a-z][a-z'-]*|[!?]/g;

const clamp = (v: number): number => Math.max(-1, Math.min(1, v));

function winkScore(text: string): number {
  if (!/[A-Za-z]/.test(text)) return 0;
  const nlp = getNlp();
  return nlp.readDoc(text).out(nlp.its.sentiment) as unknown as number;
}

/**
 * Scores supplement words and phrases; returns the mean of the matched items (0 if none)
 * and the text with matched phrases masked, so wink does not score (or negate) them again.
 */
function supplementScore(text: string): { score: number; rest: string } {
  let lower = ` ${text.toLowerCase().replace(/\s+/g, ' ')} `;
  let sum = 0;
  let count = 0;
  for (const [phrase, score] of SUPPLEMENT_PHRASES) {
    const needle = ` ${phrase} `;
    let at = lower.indexOf(needle);
    while (at >= 0) {
      sum += score;
      count += 1;
      lower = lower.slice(0, at) + ' '.repeat(needle.length - 1) + lower.slice(at + needle.length - 1);
      at = lower.indexOf(needle, at + 1);
    }
  }
  const phraseFree = lower;
  const words = lower.match(TOKEN) ?? [];
  for (let i = 0; i < words.length; i += 1) {
    const score = SUPPLEMENT_WORDS.get(words[i]);
    if (score === undefined) continue;
    let negated = false;
    for (let j = Math.max(0, i - 3); j < i; j += 1) {
      if (NEGATORS.has(words[j]) || words[j].endsWith("n't")) negated = true;
    }
    sum += negated ? -score * 0.75 : score;
    count += 1;
  }
  return { score: count === 0 ? 0 : sum / count, rest: phraseFree };
}

function clauseScore(text: string): number {
  const { score: s, rest } = supplementScore(text);
  const w = winkScore(rest);
  if (w === 0) return s;
  if (s === 0) return w;
  return (w + s) / 2;
}

/** Sentiment of one prose sentence in [-1, 1]; 0 when nothing evaluative is said. */
export function scoreSentence(sentence: string): number {
  const masked = maskForSentiment(sentence);
  const parts = masked.split(CONTRAST);
  if (parts.length < 2) return clamp(clauseScore(masked));
  const before = clauseScore(parts.slice(0, -1).join(' '));
  const after = clauseScore(parts[parts.length - 1]);
  if (after === 0) return clamp(before);
  if (before === 0) return clamp(after);
  return clamp(0.3 * before + 0.7 * after);
}
