/**
 * Loads the fresh held-out set of issue 16 (`test/fixtures/analysis/heldout2/`), written by
 * someone who never saw the rules and never read by whoever tunes them. Its shape is read
 * from the data, not assumed: any array of objects is sorted by the fields its items carry
 * (a family → an entity-family sentence; topics → a multilingual sentence; a list of
 * paragraphs or segments with languages → a mixed answer; text and a language → an answer).
 * Nothing here prints a sentence or a label: the eval shows heldout2 as aggregates only, and
 * when the shape is not recognised it names the field names it found, never their values.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A gold sentence of the multilingual set. */
export interface MlSentence { lang: string; text: string; topics: string[]; entities: Array<[string, string]> }
/** A gold sentence of the entity-family set. */
export interface FamSentence { family: string; text: string; entities: Array<[string, string]> }
/** An answer of several sentences in one language. */
export interface Answer { lang: string; text: string }
/** A mixed answer: its paragraphs, each with its gold language. */
export interface MixedAnswer { paragraphs: Answer[] }

/** Everything heldout2 holds, by kind, plus what could not be read (counts and field names only). */
export interface Heldout2 {
  present: boolean;
  ml: MlSentence[];
  answers: Answer[];
  mixed: MixedAnswer[];
  fam: FamSentence[];
  unrecognised: { items: number; fieldNames: string[] };
}

export const HELDOUT2_DIR = 'test/fixtures/analysis/heldout2';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const langOf = (o: Obj): string | undefined => str(o.lang) ?? str(o.language) ?? str(o.languageCode) ?? str(o.gold) ?? str(o.goldLanguage) ?? str(o.expected);
const entitiesOf = (o: Obj): Array<[string, string]> =>
  Array.isArray(o.entities)
    ? o.entities.flatMap((e): Array<[string, string]> => {
        if (Array.isArray(e) && typeof e[0] === 'string' && typeof e[1] === 'string') return [[e[0], e[1]]];
        if (isObj(e) && str(e.text) && str(e.type)) return [[e.text as string, e.type as string]];
        return [];
      })
    : [];

/** The paragraphs of a mixed answer, in any of the shapes a writer might choose. */
function paragraphsOf(o: Obj): Answer[] | undefined {
  for (const key of ['paragraphs', 'segments', 'parts', 'blocks', 'sections']) {
    const list = o[key];
    if (Array.isArray(list) && list.length > 0) {
      const out = list.flatMap((p): Answer[] => {
        if (isObj(p)) {
          const text = str(p.text) ?? str(p.paragraph) ?? str(p.content);
          const lang = langOf(p);
          return text && lang ? [{ lang, text }] : [];
        }
        return [];
      });
      if (out.length === list.length) return out;
      // Paragraph texts in one list, their languages in another.
      const langs = o.languages ?? o.langs ?? o.paragraphLanguages ?? o.gold;
      if (list.every((p) => typeof p === 'string') && Array.isArray(langs) && langs.length === list.length && langs.every((l) => typeof l === 'string')) {
        return list.map((text, i) => ({ text: text as string, lang: langs[i] as string }));
      }
    }
  }
  // One text with blank lines between paragraphs, and a language per paragraph.
  const text = str(o.text);
  const langs = o.languages ?? o.langs ?? o.paragraphLanguages ?? o.segmentLanguages ?? o.gold;
  if (text && Array.isArray(langs) && langs.every((l) => typeof l === 'string')) {
    const paras = text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
    if (paras.length === langs.length) return paras.map((p, i) => ({ text: p, lang: langs[i] as string }));
  }
  return undefined;
}

function sort(items: unknown[], into: Heldout2, sectionHint: string): void {
  for (const item of items) {
    if (!isObj(item)) {
      into.unrecognised.items += 1;
      continue;
    }
    const text = str(item.text);
    const lang = langOf(item);
    const paragraphs = paragraphsOf(item);
    if (str(item.family) && text) into.fam.push({ family: item.family as string, text, entities: entitiesOf(item) });
    else if (paragraphs && (paragraphs.length > 1 || /mix/i.test(sectionHint))) into.mixed.push({ paragraphs });
    else if (text && lang && Array.isArray(item.topics)) into.ml.push({ lang, text, topics: item.topics.filter((t): t is string => typeof t === 'string'), entities: entitiesOf(item) });
    else if (text && lang) into.answers.push({ lang, text });
    else {
      into.unrecognised.items += 1;
      for (const k of Object.keys(item)) if (!into.unrecognised.fieldNames.includes(k)) into.unrecognised.fieldNames.push(k);
    }
  }
}

/** Walks a parsed file: every array of objects (top level, or one level down such as `{ answers: { de: [...] } }`). */
function walk(value: unknown, into: Heldout2, hint: string, depth = 0): void {
  if (Array.isArray(value)) {
    if (value.some(isObj)) sort(value, into, hint);
    return;
  }
  if (!isObj(value) || depth > 2) return;
  for (const [key, v] of Object.entries(value)) {
    // `{ answers: { de: [..] } }`: the key names the language where items do not.
    if (isObj(v) && Object.values(v).every(Array.isArray) && /^[a-z]{2}$/.test(Object.keys(v)[0] ?? '')) {
      for (const [lang, list] of Object.entries(v)) {
        walk((list as unknown[]).map((x) => (typeof x === 'string' ? { lang, text: x } : isObj(x) && !langOf(x) ? { ...x, lang } : x)), into, key, depth + 1);
      }
    } else walk(v, into, `${hint} ${key}`, depth + 1);
  }
}

let cached: Heldout2 | undefined;

/** Reads every JSON file of heldout2 (empty, `present: false`, before it has been written). */
export function loadHeldout2(): Heldout2 {
  if (cached) return cached;
  const out: Heldout2 = { present: false, ml: [], answers: [], mixed: [], fam: [], unrecognised: { items: 0, fieldNames: [] } };
  for (const name of ['multilingual.json', 'entityFamilies.json']) {
    const file = join(HELDOUT2_DIR, name);
    if (!existsSync(file)) continue;
    out.present = true;
    walk(JSON.parse(readFileSync(file, 'utf8')) as unknown, out, name);
  }
  cached = out;
  return out;
}
