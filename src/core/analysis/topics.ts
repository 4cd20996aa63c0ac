/**
 * Incremental topic counter. Terms come from prose words (minus the stop words of the
 * sentence's language), technology names in canonical spelling, and code-fence languages.
 * Words are ICU word segments (see words.ts), so every script counts and no term is a
 * piece of a word. Weight = count × an IDF-like prior (common English words weigh less,
 * technology names more). The top k is computed on demand from the counts, so adding a
 * sentence is O(sentence).
 */
import { idfPrior } from './commonWords';
import { installSpans } from './installCommands';
import { LazyTags } from './partsOfSpeech';
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
  /** The language of the sentence the term was first counted in ("" for a code fence's language). */
  language: string;
}

export class TopicCounter {
  private readonly counts = new Map<string, Entry>();
  /** The top 3k, so {@link top} can still pick among the ties at the k-th place. */
  private readonly best: TopK<Entry>;

  /** `k` is how many topics {@link top} can return. */
  constructor(private readonly k: number) {
    this.best = new TopK<Entry>(k * TIE_POOL);
  }

  /** Counts the terms of one prose sentence written in `language` (ISO 639-1; default English). */
  addProse(sentence: string, language = 'en'): void {
    // Code spans, URLs and paths are entities, not topics; a path's pieces would read as
    // words ("src/extension.ts" would count "extension.t").
    // ASCII only: CJK prose has no spaces, so `\S*` would swallow the sentence around a path.
    const text = withoutInstallCommands(sentence.replace(/`[^`]*`|https?:\/\/[\x21-\x7e]+|[\w.~@:-]*[/\\][\w./\\@~:-]*/g, ' '), language);
    const words = wordsOf(text, language).map((w) => w.text);
    const stop = stopWordsFor(language);
    for (let i = 0; i < words.length; i += 1) {
      const three = i + 2 < words.length ? `${words[i]} ${words[i + 1]} ${words[i + 2]}`.toLowerCase() : '';
      if (three && TECH_NAMES.has(three)) {
        this.bump(TECH_NAMES.get(three) ?? three, TECH_BOOST, language);
        i += 2;
        continue;
      }
      if (language === 'zh' && i + 1 < words.length && ZH_NOUN_SUFFIX.has(words[i + 1]) && HAN_ONLY.test(words[i]) && words[i].length >= 2) {
        const joined = words[i] + words[i + 1];
        i += 1;
        const term = contentTerm(joined, joined, language, stop);
        if (term) this.bump(term.key, term.prior, language, term.shown);
        continue;
      }
      const two = i + 1 < words.length ? `${words[i]} ${words[i + 1]}`.toLowerCase() : '';
      if (two && TECH_NAMES.has(two)) {
        this.bump(TECH_NAMES.get(two) ?? two, TECH_BOOST, language);
        i += 1;
        continue;
      }
      const lower = words[i].toLowerCase();
      const tech = TECH_NAMES.get(lower);
      const isName = !NAMES_THAT_ARE_WORDS.has(lower) || words[i] !== lower;
      if (tech && isName && !FENCE_ONLY_ALIASES.has(lower)) {
        this.bump(tech, TECH_BOOST, language);
        continue;
      }
      // German writes every noun, and only nouns, with a capital: the other words are no topics.
      // The first word of a sentence is capitalised anyway, so it does not count.
      if (language === 'de' && (i === 0 || !/^\p{Lu}/u.test(words[i]))) continue;
      const term = contentTerm(words[i], lower, language, stop);
      if (term) this.bump(term.key, term.prior, language, term.shown);
    }
  }

  /** Counts a code fence's language once per fence. */
  addLanguage(info: string): void {
    const name = canonicalLanguage(info) ?? info.toLowerCase();
    this.bump(name, TECH_BOOST, '');
  }

  /**
   * The heaviest terms, heaviest first. Equal weights take turns by language, so a mixed
   * answer shows the topics of its German or Japanese paragraph beside the English ones
   * rather than only the English words that sort first; within a language, ties are
   * alphabetical, so a one-language answer's order is stable.
   */
  top(): Topic[] {
    const list = this.best.list();
    const picked = new Map<string, number>();
    const out: Entry[] = [];
    for (let i = 0; i < list.length && out.length < this.k;) {
      let j = i;
      while (j < list.length && list[j].score === list[i].score) j += 1;
      const tie = list.slice(i, j);
      while (tie.length > 0 && out.length < this.k) {
        let at = 0;
        for (let t = 1; t < tie.length; t += 1) if ((picked.get(tie[t].language) ?? 0) < (picked.get(tie[at].language) ?? 0)) at = t;
        const [entry] = tie.splice(at, 1);
        picked.set(entry.language, (picked.get(entry.language) ?? 0) + 1);
        out.push(entry);
      }
      i = j;
    }
    return out.map((e) => ({ term: e.shown, count: e.count, weight: round(e.score) }));
  }

  private bump(term: string, prior: number, language: string, shown = term): void {
    let entry = this.counts.get(term);
    if (entry) entry.count += 1;
    else {
      entry = { key: term, shown, count: 1, prior, score: 0, language };
      this.counts.set(term, entry);
    }
    entry.score = entry.count * entry.prior;
    this.best.update(entry);
  }
}

/** How many more terms than shown the top keeps, to choose among ties at the last place. */
const TIE_POOL = 3;

const round = (v: number): number => Math.round(v * 1000) / 1000;

/**
 * `text` with each install or remove command blanked, from its installer to its last package:
 * the packages are entities and the command is the tool at work, so neither is a topic. The
 * entity rule reads the commands, so topics and entities agree on where one ends.
 */
function withoutInstallCommands(text: string, language: string): string {
  const spans = installSpans(text, language, new LazyTags(text));
  let out = '';
  let at = 0;
  // Spans come in runs, one per command: the command (claimed), then its packages.
  for (let i = 0; i < spans.length; i += 1) {
    const start = spans[i].start;
    let end = spans[i].end;
    while (i + 1 < spans.length && !spans[i + 1].claim) end = spans[++i].end;
    out += `${text.slice(at, start)} `;
    at = end;
  }
  return out + text.slice(at);
}
/**
 * Adverbs of manner in Spanish, Italian and Portuguese (-mente). French -ment is left alone:
 * as many nouns end so ("environnement", "déploiement") as adverbs.
 */
const ROMANCE_ADVERB: Record<string, RegExp> = {
  es: /^\p{L}{3,}mente$/u,
  it: /^\p{L}{3,}mente$/u,
  pt: /^\p{L}{3,}mente$/u,
};
const HIRAGANA = /\p{Script=Hiragana}/u;
const HAN_ONLY = /^\p{Script=Han}+$/u;
const LETTER = /\p{L}/u;
const DIGIT = /\p{N}/u;
/** French and Italian elision: "l'application" is the word "application". */
const ELISION = /^(?:\p{L}{1,2}|qu)['’](?=\p{L}{2})/iu;
/** Korean verb and adjective endings: an eojeol ending so is a predicate, not a topic. */
const KO_PREDICATE = /(?:다|요|고|면|며|지만|는데|있는|없는|하여|한|된|할|될|던|게|까|죠|운|은|인|ㄴ)$/u;
/** Korean noun + 하다/되다 verbs: "설정하세요", "저장합니다" are about 설정, 저장. */
const KO_HADA = /(?:하세요|합니다|했습니다|하였습니다|됩니다|되었습니다|했다|한다|하다|하기|하면|하는|하고|해요|해서|하여|할|해|되는|된다|되면|될)$/u;
/** Korean particles (josa), longest first: "데이터베이스를" is the noun "데이터베이스". */
const KO_PARTICLES = [
  '에서는',
  '에게서',
  '으로는',
  '에서',
  '에게',
  '한테',
  '으로',
  '부터',
  '까지',
  '처럼',
  '보다',
  '마다',
  '이나',
  '에는',
  '과',
  '와',
  '은',
  '는',
  '이',
  '가',
  '을',
  '를',
  '의',
  '에',
  '로',
  '도',
  '만',
];
/** One-character Chinese noun suffixes ICU leaves apart: 编译|器, 数据|库, 音乐|会, 流水|线. */
const ZH_NOUN_SUFFIX: ReadonlySet<string> = new Set(['器', '库', '会', '线', '者', '性', '机', '员', '率', '量', '站', '端', '框', '码', '件', '表', '家', '式', '法']);
/** Japanese particles that ICU leaves on a noun ("桜の"). */
const JA_TRAILING_PARTICLE = /^([\p{Script=Han}\p{Script=Katakana}ー]+)[のはがをにでともへ]$/u;

/** A Korean eojeol's noun: without 하다/되다 endings, particles and the plural 들; undefined for a predicate. */
export function koreanNoun(word: string): string | undefined {
  const hada = KO_HADA.exec(word);
  if (hada && word.length - hada[0].length >= 2) return word.slice(0, -hada[0].length);
  let w = word;
  const particle = KO_PARTICLES.find((p) => w.endsWith(p) && w.length - p.length >= 2);
  if (particle) w = w.slice(0, -particle.length);
  if (w.endsWith('들') && w.length >= 3) w = w.slice(0, -1);
  if (!particle && KO_PREDICATE.test(w)) return undefined;
  if (/(?:다|요|습니|니다)$/u.test(w)) return undefined;
  return w;
}

/** The countable term of one word in `language`, or undefined when it is no topic. */
function contentTerm(word: string, lower: string, language: string, stop: ReadonlySet<string>): { key: string; shown: string; prior: number } | undefined {
  // A dotted word that is not a known technology is a file name or a call: an entity.
  if (lower.includes('.') || DIGIT.test(lower) || !LETTER.test(lower)) return undefined;
  // An unknown word in capitals is an error code, a constant or an acronym: an entity ("ENOENT").
  if (/^\p{Lu}{2,}$/u.test(word)) return undefined;
  if (language === 'en') {
    if (lower.length < 3 || stop.has(lower)) return undefined;
    const key = singular(lower);
    return { key, shown: key, prior: idfPrior(key) };
  }
  let w = word;
  const elided = ELISION.exec(w);
  if (elided && (language === 'fr' || language === 'it' || language === 'ca')) w = w.slice(elided[0].length);
  if (language === 'ja') {
    w = JA_TRAILING_PARTICLE.exec(w)?.[1] ?? w;
    if (HIRAGANA.test(w)) return undefined; // particles, endings, verbs with okurigana
  }
  if (language === 'zh' && HAN_ONLY.test(w) && (w.length < 2 || /[的了地得]$/u.test(w))) return undefined; // single characters and particle-final words are function words
  if (ROMANCE_ADVERB[language]?.test(w)) return undefined; // "automatiquement", "automáticamente": manner, not subject
  if (language === 'ko') {
    const noun = koreanNoun(w);
    // One-syllable stems are mostly bound nouns and postpositions (것, 수, 전, 뒤, 때).
    if (!noun || noun.length < 2) return undefined;
    w = noun;
  }
  const key = w.toLowerCase();
  const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/u.test(key);
  if (key.length < (cjk ? 1 : 3) || stop.has(key)) return undefined;
  return { key, shown: w, prior: 1 };
}

/** Plural → singular for the common regular cases, so "tests" and "test" count together. */
function singular(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return IE_NOUNS.has(word.slice(0, -1)) ? word.slice(0, -1) : `${word.slice(0, -3)}y`;
  // "classes", "boxes", "matches", "hashes" drop their "es"; "caches" is a cache.
  if (/(?:ss|x|ch|sh)es$/.test(word) && !E_NOUNS.has(word.slice(0, -1))) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !/(ss|us|is|os)$/.test(word)) return word.slice(0, -1);
  return word;
}

/** Nouns in -ie, whose plural is no -y word's ("cookies", "movies"). */
const IE_NOUNS: ReadonlySet<string> = new Set([
  'cookie',
  'movie',
  'zombie',
  'rookie',
  'selfie',
  'newbie',
  'freebie',
  'goodie',
  'calorie',
  'genie',
  'hoodie',
  'smoothie',
  'brownie',
  'prairie',
  'indie',
  'techie',
  'foodie',
  'veggie',
  'magpie',
]);
/** Nouns in -che whose plural keeps the e ("caches", "niches"). */
const E_NOUNS: ReadonlySet<string> = new Set(['cache', 'niche', 'ache', 'headache', 'avalanche', 'cliche', 'quiche', 'moustache', 'mustache', 'psyche']);
