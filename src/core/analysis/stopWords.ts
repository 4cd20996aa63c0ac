/**
 * Stop words per language. English keeps our own list in commonWords.ts (tuned with the
 * developer-prose eval: stopwords-iso's 1,298 English entries would also drop topics such
 * as "data", "test" or "value"). Every other language takes its list from stopwords-iso,
 * the most complete multilingual collection on npm (57 languages, maintained alongside
 * the per-language stopwords-* packages).
 */
import iso from 'stopwords-iso';
import { STOP_WORDS } from './commonWords';

const lists = iso as unknown as Record<string, readonly string[]>;
const cache = new Map<string, ReadonlySet<string>>();
const EMPTY: ReadonlySet<string> = new Set();

/** The stop words of a language (ISO 639-1), lower case; empty for a language without a list. */
export function stopWordsFor(language: string): ReadonlySet<string> {
  if (language === 'en') return STOP_WORDS;
  let set = cache.get(language);
  if (!set) {
    const list = lists[language];
    set = list ? new Set(list.map((w) => w.toLowerCase())) : EMPTY;
    cache.set(language, set);
  }
  return set;
}
