/**
 * Proper nouns in prose: runs of capitalised words that name a person, an organisation or a
 * product, and acronyms that name an organisation. English capitalises names and little else,
 * so an unknown capitalised run there is a name; other languages differ (German capitalises
 * every noun), so there only known names, people and organisations count.
 */
import type { EntityType } from '../../shared/protocol';
import type { ScoredSpan } from './entities';
import {
  GIVEN_NAMES,
  NOT_NAMES,
  ORG_ACTOR_AFTER,
  ORG_ACTOR_BEFORE,
  ORG_NOUN_AFTER,
  ORG_SUFFIXES,
  ORGANIZATIONS,
  productSpelling,
  TECH_ACRONYMS,
  TECH_NAMES,
  TECH_NOUN_AFTER,
} from './techTerms';
import { stopWordsFor } from './stopWords';
import { STOP_WORDS } from './commonWords';
import type { LazyTags } from './partsOfSpeech';
import { actsAsSubject, NOT_NAME_TAGS } from './partsOfSpeech';

/** A name-like word: capital first, letters after (no digits, underscores or hyphens). */
const CAPITALISED = /^\p{Lu}[\p{L}\p{M}'’&+#.]*(?:-\p{Lu}[\p{L}\p{M}'’]*)*$/u;
/** Titles before a name ("Dr. Ruth Nakamura"): no part of the name, and no name themselves. */
const TITLES = new Set(['dr', 'mr', 'mrs', 'ms', 'prof', 'sir', 'dame']);
/** A given or family name: one capital, then lower-case letters. */
const NAME_WORD = /^(?:Mc|Mac|O['’])?\p{Lu}\p{Ll}+(?:[-'’]\p{Lu}?\p{Ll}+)?$/u;
/** Lower-case particles inside a person's name: "Guido van Rossum", "Ursula von der Leyen". */
const NAME_PARTICLES = new Set([
  'van',
  'von',
  'der',
  'den',
  'het',
  'zu',
  'de',
  'da',
  'di',
  'del',
  'della',
  'la',
  'le',
  'bin',
  'ibn',
  'bint',
  'al',
  'dos',
  'das',
  'du',
  'ten',
  'ter',
  'af',
  'av',
  'y',
]);
/** All capitals (a digit allowed inside): "NASA", "W3C". */
const ACRONYM = /^\p{Lu}[\p{Lu}\d]{1,6}$/u;
/** Words of the scripts that write names with capitals (Latin, Greek, Cyrillic); a Korean particle after a name is not part of it. */
const WORDS =
  /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}][\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{M}\d_'’&.+#-]*[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{M}\d_+#]|[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}]/gu;
const CYRILLIC = /\p{Script=Cyrillic}/u;

/**
 * Capitalised runs not at the start of the sentence: people, organisations, products. In
 * English an unknown capitalised word is a name; in other languages capitals also mark
 * nouns (every German noun) or nothing, so only known names, people and organisations count.
 */
export function properNouns(text: string, language: string, tags: LazyTags): ScoredSpan[] {
  const out: ScoredSpan[] = [];
  if (isShouted(text)) return out;
  const stop = stopWordsFor(language);
  const words = [...text.matchAll(WORDS)].map(withoutPossessive);
  let i = 0;
  while (i < words.length) {
    const w = words[i][0];
    // An acronym that spells a stop word ("the WHO") is still an acronym.
    const spelt = ACRONYM.test(w) && w.length >= 3;
    // "TC39", "W3C": a known acronym may hold digits, where a name word may not ("ZIP64 End" names nothing).
    const isCap =
      (CAPITALISED.test(w) || (ACRONYM.test(w) && (ORGANIZATIONS.has(w.toLowerCase()) || TECH_NAMES.has(w.toLowerCase())))) &&
      (spelt || (!stop.has(w.toLowerCase()) && !STOP_WORDS.has(w.toLowerCase()))) &&
      !TITLES.has(w.toLowerCase()) &&
      !isCode(text, words[i]);
    if (!isCap) {
      i += 1;
      continue;
    }
    // Initials before the name: "E. F. Codd", "J. Robert Oppenheimer".
    const initials = initialsAt(text, words, i);
    let j = i + initials + 1;
    while (j < words.length && adjacent(text, words[j - 1], words[j])) {
      const next = words[j][0];
      if (CYRILLIC.test(next) !== CYRILLIC.test(w)) break; // "Компания Microsoft": two names, two scripts
      if (TITLES.has(next.toLowerCase())) break; // "Ask Dr. Grace Hopper": the title starts a new name
      // A middle initial: "Donald E. Knuth".
      if (
        /^\p{Lu}$/u.test(next) &&
        text.slice(words[j].index + 1, words[j].index + 3) === '. ' &&
        j + 1 < words.length &&
        NAME_WORD.test(words[j + 1][0]) &&
        words[j + 1].index === words[j].index + 3
      )
        j += 2;
      else if (CAPITALISED.test(next) && !isCode(text, words[j])) j += 1;
      else {
        // Particles inside the name: "Guido van Rossum", "Jan van der Berg".
        let k = j;
        while (k < words.length && k - j < 3 && NAME_PARTICLES.has(words[k][0]) && adjacent(text, words[k - 1], words[k])) k += 1;
        if (k > j && k < words.length && NAME_WORD.test(words[k][0]) && adjacent(text, words[k - 1], words[k])) j = k + 1;
        else break;
      }
    }
    if (initials > 0) {
      const names = words.slice(i + initials, j).filter((x) => !NAME_PARTICLES.has(x[0]));
      if (names.length >= 1 && names.every((x) => NAME_WORD.test(x[0])) && initials + names.length >= 3 - (names.length > 1 ? 1 : 0)) {
        const start = words[i].index;
        const end = words[j - 1].index + words[j - 1][0].length;
        out.push({ start, end, text: text.slice(start, end), type: 'person', priority: 0 });
        i = j;
        continue;
      }
      j = i + 1; // "option B. Kafka": a letter, then a new sentence's first word
    }
    let run = words.slice(i, j);
    // "Yesterday Guido van Rossum spoke": the capital of a sentence's first word joins no name.
    if (run.length >= 3 && isSentenceStart(text.slice(0, run[0].index ?? 0)) && !GIVEN_NAMES.has(w.toLowerCase()) && GIVEN_NAMES.has(run[1][0].toLowerCase())) {
      run = run.slice(1);
    }
    // "Import Image from next/image", "Open Settings": an imperative opens the sentence, and is no part of a name.
    if (run.length >= 2 && IMPERATIVES.has(w.toLowerCase()) && isSentenceStart(text.slice(0, run[0].index ?? 0))) run = run.slice(1);
    // "Requires Node 18", "Thanks Ada Lovelace": any verb or function word that opens an English sentence ("Rob" stays a name).
    else if (
      language === 'en' &&
      run.length >= 2 &&
      !GIVEN_NAMES.has(w.toLowerCase()) &&
      isSentenceStart(text.slice(0, run[0].index ?? 0)) &&
      NOT_NAME_TAGS.has(tags.at(run[0].index)?.pos ?? '')
    )
      run = run.slice(1);
    // "the Erlang VM", "the Datadog APM dashboard": a known name, then an acronym for its part.
    const runWords = run.map((r) => r[0]);
    if (run.length > 1 && !TECH_NAMES.has(runWords.join(' ').toLowerCase()) && TECH_NAMES.has(runWords[0].toLowerCase()) && runWords.slice(1).every((x) => ACRONYM.test(x)))
      run = run.slice(0, 1);
    const start = run[0].index ?? 0;
    const last = run[run.length - 1];
    const end = (last.index ?? 0) + last[0].length;
    const runText = text.slice(start, end);
    const before = text.slice(0, start);
    const sentenceStart = isSentenceStart(before);
    // A letter alone ("option B") names nothing.
    let type =
      runText.length > 1
        ? classify(
            runText,
            run.map((r) => r[0]),
            before,
            text.slice(end),
            language,
          )
        : undefined;
    if (!type && language === 'en' && isUnknownAcronym(runText) && actsAsSubject(tags, start)) type = 'organization';
    if (type && !(sentenceStart && run.length === 1 && type === 'product' && !TECH_NAMES.has(runText.toLowerCase()))) {
      const shown = type === 'product' ? productSpelling(runText) : runText;
      out.push({ start, end, text: shown, type, priority: 0 });
    }
    i = j;
  }
  return out;
}

/**
 * How many initials ("E. F. ") start at word `i` and lead to a name word: a single capital,
 * a full stop and one space each. An initial is a person's only where the name follows.
 */
function initialsAt(text: string, words: Word[], i: number): number {
  let k = i;
  while (k + 1 < words.length && /^\p{Lu}$/u.test(words[k][0]) && text.slice(words[k].index + 1, words[k].index + 3) === '. ' && words[k + 1].index === words[k].index + 3) k += 1;
  return k > i && NAME_WORD.test(words[k][0]) ? k - i : 0;
}

/** An all-letter acronym that is neither a known technology, format or concept, nor a word spelt in capitals. */
function isUnknownAcronym(run: string): boolean {
  const lower = run.toLowerCase();
  return /^\p{Lu}{2,6}$/u.test(run) && !TECH_ACRONYMS.has(lower) && !STOP_WORDS.has(lower) && !TECH_NAMES.has(lower);
}

/** A sentence written in capitals ("THE SOFTWARE IS PROVIDED…, EXPRESS OR IMPLIED"): its capitals mark nothing. */
function isShouted(text: string): boolean {
  const upper = text.match(/\p{Lu}/gu)?.length ?? 0;
  const lower = text.match(/\p{Ll}/gu)?.length ?? 0;
  return upper >= 20 && upper > 3 * lower;
}

/** Verbs that open instructions in developer prose ("Run", "Import", "Open"): never a given name. */
const IMPERATIVES: ReadonlySet<string> = new Set(
  (
    'import export open close run use install uninstall add call set check read create update delete remove click select choose ' +
    'build deploy start stop restart enable disable configure copy move rename edit write test try see note make let keep pass ' +
    'return wrap load save push pull merge commit fetch send get put post type press go visit download upgrade replace change ' +
    'fix debug log print define declare register subscribe mount bind launch ask follow review clone fork generate compile bundle ' +
    'lint format restore reset apply sign verify avoid prefer pick drop insert render show hide list find search look watch wait ' +
    'split join sort filter map parse store cache clear refresh reload upload attach include exclude ignore skip tell thank'
  ).split(' '),
);

/** True when `before` (the text before a word) ends a sentence or is only markup. */
function isSentenceStart(before: string): boolean {
  return /^[\s"'(*_>#-]*$/.test(before) || /[.!?:]\s+$/.test(before);
}

/**
 * A capitalised word that is code, not a name: a call (`JSON.parse(`) or a member access
 * (`Array.from`); a dotted technology name such as Node.js stays a name.
 */
function isCode(text: string, w: Word): boolean {
  if (text[w.index + w[0].length] === '(') return true;
  return /\.\p{Ll}/u.test(w[0]) && !TECH_NAMES.has(w[0].toLowerCase());
}

/** One word of {@link WORDS}: its text and where it starts. */
interface Word {
  0: string;
  index: number;
}

/** "NASA's" and "Microsoft’s" are the name plus a possessive: the name is the word, and the name's run ends there. */
function withoutPossessive(m: RegExpMatchArray): Word {
  let index = m.index ?? 0;
  let word = m[0];
  // French and Italian elision before a name: "l'ANSSI", "d'Orange", "dell'ISTAT".
  const elided = /^(?:[ldjmnst]|qu|dell|dall|nell|all|sull)['’](?=\p{Lu})/iu.exec(word);
  if (elided) {
    index += elided[0].length;
    word = word.slice(elided[0].length);
  }
  const stem = /^(.+)['’]s$/u.exec(word)?.[1];
  return { 0: stem ?? word, index };
}

function adjacent(text: string, a: Word, b: Word): boolean {
  const gap = text.slice((a.index ?? 0) + a[0].length, b.index ?? 0);
  return gap === ' ';
}

/** True for a run shaped like a person's name: 2–4 name words, particles allowed inside. */
function looksLikePerson(words: string[]): boolean {
  const names = words.filter((w) => !NAME_PARTICLES.has(w) && !/^\p{Lu}$/u.test(w));
  if (names.length < 2 || names.length > 3) return false;
  if (!names.every((w) => NAME_WORD.test(w) && !TECH_NAMES.has(w.toLowerCase()) && !ORGANIZATIONS.has(w.toLowerCase()))) return false;
  return !ORG_SUFFIXES.has(names[names.length - 1].toLowerCase());
}

function classify(run: string, words: string[], before: string, after: string, language: string): EntityType | undefined {
  const lower = run.toLowerCase();
  if (ORGANIZATIONS.has(lower)) return 'organization';
  if (TECH_NAMES.has(lower)) return 'product';
  // "their URLs", "open PRs": an acronym's plural names no thing.
  if (/^\p{Lu}{2,}s$/u.test(run)) return undefined;
  // "the Turing Award": a prize is named after a person, and is none.
  if (words.length > 1 && /^(?:award|prize|medal|lecture)s?$/i.test(words[words.length - 1])) return undefined;
  // "THE SOFTWARE IS PROVIDED": words in capitals are shouted, not named.
  if (words.length > 1 && words.every((x) => !/\p{Ll}/u.test(x))) return undefined;
  if (words.length > 1 && ORG_SUFFIXES.has(words[words.length - 1].toLowerCase())) return 'organization';
  if (words.length >= 2 && GIVEN_NAMES.has(words[0].toLowerCase()) && looksLikePerson(words)) return 'person';
  if (words.length === 1 && ACRONYM.test(run)) {
    // An acronym that spells a word ("do NOT report") is a body only after "the": "the WHO".
    if (language === 'en' && STOP_WORDS.has(lower)) return /\bthe\s+$/i.test(before) ? 'organization' : undefined;
    if (language === 'en') return isOrgAcronym(lower, before, after) ? 'organization' : undefined;
    // "Das BSI warnt", "la SNCF", "l'ANSSI": an article before an unknown acronym makes it a body here too.
    const article = ORG_ARTICLE[language];
    return article && article.test(before) && !TECH_ACRONYMS.has(lower) && !/\d{2,}/.test(lower) ? 'organization' : undefined;
  }
  if (language === 'en') {
    if (looksLikePerson(words)) return 'person';
    if (words.length === 1 && NOT_NAMES.has(lower)) return undefined;
    return words.length === 1 ? 'product' : 'organization';
  }
  // French, Spanish, Italian, Portuguese and Russian capitalise names only, so a run of
  // capitalised words is a person or a body; one word alone may as well be a place. German
  // capitalises every noun ("in der Schule Mathematik"), so there a name needs a known given name.
  if (!NAMES_ONLY_CAPITALISED.has(language) || words.length < 2) return undefined;
  if (isSentenceStart(before) && !words.every((w) => NAME_WORD.test(w) || NAME_PARTICLES.has(w))) return undefined;
  return looksLikePerson(words) ? 'person' : 'organization';
}

/** Languages that capitalise names but not nouns. */
const NAMES_ONLY_CAPITALISED: ReadonlySet<string> = new Set(['fr', 'es', 'it', 'pt', 'ru', 'ca', 'ro', 'pl', 'nl', 'sv', 'da', 'no', 'uk', 'cs']);

/** Articles and prepositions before a body's acronym, per language: "die/der/das BSI", "la/l' ANSSI", "el/la/del RENFE". */
const ORG_ARTICLE: Record<string, RegExp> = {
  de: /\b(?:der|die|das|dem|den|des|vom|beim|zum|zur)\s+$/i,
  fr: /(?:\b(?:la|le|les|du|des|par|selon)\s+|\bl['’])$/i,
  es: /\b(?:la|el|los|las|del|al|según|por)\s+$/i,
  it: /(?:\b(?:la|il|lo|del|della|dal|dalla)\s+|\b(?:l|dell|dall)['’])$/i,
  pt: /\b(?:a|o|da|do|pela|pelo|segundo)\s+$/i,
};

/**
 * An acronym we do not know names an organisation when the sentence treats it as an actor:
 * an article or preposition before it ("the IETF", "published by NIST", "at CERN"), a
 * possessive ("NASA's"), a verb an actor does ("OWASP lists", "NIST recommends"), or its
 * people and output after it ("CERN researchers", "NIST guidelines"). Technology acronyms
 * (an API, a CLI, a PEM key) and acronyms that modify a technical noun ("the WSL path")
 * never do. Elsewhere an acronym is too ambiguous to call.
 */
const STANDARD_NUMBER = /^\s+\d{3,}(?:[.:-]\d+)*\b/;

function isOrgAcronym(lower: string, before: string, after: string, coordinated = true): boolean {
  if (TECH_ACRONYMS.has(lower) || TECH_ACRONYMS.has(lower.replace(/\d+$/, '')) || /^\d|\d{2,}/.test(lower)) return false;
  if (/^['’]s\b/.test(after) || ORG_NOUN_AFTER.test(after) || ORG_ACTOR_AFTER.test(after)) return true;
  // A standard's number names its body: "IEEE 754", "ISO 27001", "IEC 62443-3".
  if (STANDARD_NUMBER.test(after)) return true;
  if (ORG_ACTOR_BEFORE.test(before) && !TECH_NOUN_AFTER.test(after)) return true;
  if (!coordinated) return false;
  // "ISRO and ESA signed", "both NATO and the EU": one organisation makes its partner one too.
  const next = /^\s+(?:and|or|&)\s+((?:the\s+)?)(\p{Lu}[\p{Lu}\d]{1,6})\b/u.exec(after);
  if (next) {
    const rest = after.slice(next[0].length);
    if (ORGANIZATIONS.has(next[2].toLowerCase()) || isOrgAcronym(next[2].toLowerCase(), `${before}X and ${next[1]}`, rest, false)) return true;
  }
  const prev = /(\p{Lu}[\p{Lu}\d]{1,6})\s+(?:and|or|&)\s+(?:the\s+)?$/u.exec(before);
  if (prev) {
    const head = before.slice(0, prev.index);
    if (ORGANIZATIONS.has(prev[1].toLowerCase()) || isOrgAcronym(prev[1].toLowerCase(), head, before.slice(prev.index + prev[1].length), false)) return true;
  }
  return false;
}
