/**
 * Incremental topic counter. Terms come from prose words (minus the stop words of the
 * sentence's language), technology names in canonical spelling, and code-fence languages.
 * Words are ICU word segments (see words.ts), so every script counts and no term is a
 * piece of a word. Weight = count × an IDF-like prior (common English words weigh less,
 * technology names more). The top k is computed on demand from the counts, so adding a
 * sentence is O(sentence).
 */
import { idfPrior } from './commonWords';
import { stopWordsFor } from './stopWords';
import { canonicalLanguage, FENCE_ONLY_ALIASES, NAMES_THAT_ARE_WORDS, TECH_NAMES } from './techTerms';
import { TopK } from './topK';
import { wordsOf } from './words';

/** Technology names are what a developer means by "topic"; they get this boost. */
const TECH_BOOST = 2;

/** One ranked topic. */
export interface Topic {
  term: string;
  weight: number;
  count: number;
}

/** Counts topic terms as sentences and code fences arrive. */
interface Entry {
  key: string;
  /** The spelling shown: lower case in English, the first spelling seen elsewhere (German nouns keep their capital). */
  shown: string;
  count: number;
  prior: number;
  score: number;
}

export class TopicCounter {
  private readonly counts = new Map<string, Entry>();
  private readonly best: TopK<Entry>;

  /** `k` is how many topics {@link top} can return. */
  constructor(k: number) {
    this.best = new TopK<Entry>(k);
  }

  /** Counts the terms of one prose sentence written in `language` (ISO 639-1; default English). */
  addProse(sentence: string, language = 'en'): void {
    // Code spans, URLs and paths are entities, not topics; a path's pieces would read as
    // words ("src/extension.ts" would count "extension.t").
    const text = sentence.replace(/`[^`]*`|https?:\/\/\S+|\S*[\/\\]\S*/g, ' ');
    const words = wordsOf(text, language).map((w) => w.text);
    const stop = stopWordsFor(language);
    for (let i = 0; i < words.length; i += 1) {
      const two = i + 1 < words.length ? `${words[i]} ${words[i + 1]}`.toLowerCase() : '';
      if (two && TECH_NAMES.has(two)) {
        this.bump(TECH_NAMES.get(two) ?? two, TECH_BOOST);
        i += 1;
        continue;
      }
      const lower = words[i].toLowerCase();
      const tech = TECH_NAMES.get(lower);
      const isName = !NAMES_THAT_ARE_WORDS.has(lower) || words[i] !== lower;
      if (tech && isName && !FENCE_ONLY_ALIASES.has(lower)) {
        this.bump(tech, TECH_BOOST);
        continue;
      }
      const term = contentTerm(words[i], lower, language, stop);
      if (term) this.bump(term.key, term.prior, term.shown);
    }
  }

  /** Counts a code fence's language once per fence. */
  addLanguage(info: string): void {
    const name = canonicalLanguage(info) ?? info.toLowerCase();
    this.bump(name, TECH_BOOST);
  }

  /** The heaviest terms, heaviest first (ties broken alphabetically, so results are stable). */
  top(): Topic[] {
    return this.best.list().map((e) => ({ term: e.shown, count: e.count, weight: round(e.score) }));
  }

  private bump(term: string, prior: number, shown = term): void {
    let entry = this.counts.get(term);
    if (entry) entry.count += 1;
    else {
      entry = { key: term, shown, count: 1, prior, score: 0 };
      this.counts.set(term, entry);
    }
    entry.score = entry.count * entry.prior;
    this.best.update(entry);
  }
}

const round = (v: number): number => Math.round(v * 1000) / 1000;

const HIRAGANA = /\p{Script=Hiragana}/u;
const HAN_ONLY = /^\p{Script=Han}+$/u;
const LETTER = /\p{L}/u;
const DIGIT = /\p{N}/u;
/** French and Italian elision: "l'application" is the word "application". */
const ELISION = /^(?:\p{L}{1,2}|qu)['’](?=\p{L}{2})/iu;
/** Korean verb and adjective endings: an eojeol ending so is a predicate, not a topic. */
const KO_PREDICATE = /(?:다|요|고|면|서|며|지만|는데|하는|되는|하기|있는|없는|해서|하여|한|된|할|될|던|게|까|죠)$/u;
/** Korean particles (josa), longest first: "데이터베이스를" is the noun "데이터베이스". */
const KO_PARTICLES = ['에서는', '에게서', '으로는', '에서', '에게', '한테', '으로', '부터', '까지', '처럼', '보다', '마다', '이나', '에는', '과', '와', '은', '는', '이', '가', '을', '를', '의', '에', '로', '도', '만'];

/** The countable term of one word in `language`, or undefined when it is no topic. */
function contentTerm(word: string, lower: string, language: string, stop: ReadonlySet<string>): { key: string; shown: string; prior: number } | undefined {
  // A dotted word that is not a known technology is a file name or a call: an entity.
  if (lower.includes('.') || DIGIT.test(lower) || !LETTER.test(lower)) return undefined;
  if (language === 'en') {
    if (lower.length < 3 || stop.has(lower)) return undefined;
    const key = singular(lower);
    return { key, shown: key, prior: idfPrior(key) };
  }
  let w = word;
  const elided = ELISION.exec(w);
  if (elided && (language === 'fr' || language === 'it' || language === 'ca')) w = w.slice(elided[0].length);
  if (language === 'ja' && HIRAGANA.test(w)) return undefined; // particles, endings, verbs with okurigana
  if (language === 'zh' && HAN_ONLY.test(w) && w.length < 2) return undefined; // single characters are mostly function words
  if (language === 'ko') {
    if (KO_PREDICATE.test(w)) return undefined;
    const particle = KO_PARTICLES.find((p) => w.endsWith(p) && w.length - p.length >= 2);
    if (particle) w = w.slice(0, -particle.length);
  }
  const key = w.toLowerCase();
  const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/u.test(key);
  if (key.length < (cjk ? 1 : 3) || stop.has(key)) return undefined;
  return { key, shown: w, prior: 1 };
}

/** Plural → singular for the common regular cases, so "tests" and "test" count together. */
function singular(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !/(ss|us|is|os)$/.test(word)) return word.slice(0, -1);
  return word;
}
