/**
 * Incremental topic counter. Terms come from prose words (minus stop words), technology
 * names in canonical spelling, and code-fence languages. Weight = count × an IDF-like prior
 * (common English words weigh less, technology names more). The top k is computed on
 * demand from the counts, so adding a sentence is O(sentence).
 */
import { idfPrior, STOP_WORDS } from './commonWords';
import { canonicalLanguage, FENCE_ONLY_ALIASES, NAMES_THAT_ARE_WORDS, TECH_NAMES } from './techTerms';
import { TopK } from './topK';

/** Technology names are what a developer means by "topic"; they get this boost. */
const TECH_BOOST = 2;
const WORD = /[A-Za-z][A-Za-z0-9+#]*(?:[.-][A-Za-z0-9+#]+)*/g;

/** One ranked topic. */
export interface Topic {
  term: string;
  weight: number;
  count: number;
}

/** Counts topic terms as sentences and code fences arrive. */
interface Entry {
  key: string;
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

  /** Counts the terms of one prose sentence. */
  addProse(sentence: string): void {
    // Code spans, URLs and paths are entities, not topics; a path's pieces would read as
    // words ("src/extension.ts" would count "extension.t").
    const text = sentence.replace(/`[^`]*`|https?:\/\/\S+|\S*[\/\\]\S*/g, ' ');
    const words = text.match(WORD) ?? [];
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
      // A dotted word that is not a known technology is a file name or a call: an entity.
      if (lower.includes('.') || lower.length < 3 || STOP_WORDS.has(lower) || /\d/.test(lower)) continue;
      this.bump(singular(lower), idfPrior(singular(lower)));
    }
  }

  /** Counts a code fence's language once per fence. */
  addLanguage(info: string): void {
    const name = canonicalLanguage(info) ?? info.toLowerCase();
    this.bump(name, TECH_BOOST);
  }

  /** The heaviest terms, heaviest first (ties broken alphabetically, so results are stable). */
  top(): Topic[] {
    return this.best.list().map((e) => ({ term: e.key, count: e.count, weight: round(e.score) }));
  }

  private bump(term: string, prior: number): void {
    let entry = this.counts.get(term);
    if (entry) entry.count += 1;
    else {
      entry = { key: term, count: 1, prior, score: 0 };
      this.counts.set(term, entry);
    }
    entry.score = entry.count * entry.prior;
    this.best.update(entry);
  }
}

const round = (v: number): number => Math.round(v * 1000) / 1000;

/** Plural → singular for the common regular cases, so "tests" and "test" count together. */
function singular(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !/(ss|us|is|os)$/.test(word)) return word.slice(0, -1);
  return word;
}
