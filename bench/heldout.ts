/**
 * Loads a fresh held-out set of issue 16 (`test/fixtures/analysis/heldout2/`,
 * `test/fixtures/analysis/heldout3/`, `test/fixtures/analysis/heldout4/`), written by someone who never saw the rules and never
 * read by whoever tunes them. Its shape is read
 * from the data, not assumed: any array of objects is sorted by the fields its items carry
 * (a family → an entity-family sentence; topics → a multilingual sentence; a list of
 * paragraphs or segments with languages → a mixed answer; text and a language → an answer).
 * Nothing here prints a sentence or a label: the eval shows held-out sets as aggregates only,
 * and when the shape is not recognised it names the field names it found, never their values.
 * Nothing here runs under `--dev-only`: the eval then never calls {@link loadHeldout}.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A gold sentence of the multilingual set. */
export interface MlSentence {
  lang: string;
  text: string;
  topics: string[];
  entities: Array<[string, string]>;
}
/** A gold sentence of the entity-family set. */
export interface FamSentence {
  family: string;
  text: string;
  entities: Array<[string, string]>;
}
/** An answer of several sentences in one language. */
export interface Answer {
  lang: string;
  text: string;
}
/** A mixed answer: its paragraphs, each with its gold language. */
export interface MixedAnswer {
  paragraphs: Answer[];
}

/** The held-out sets, in the order they were written. */
export const HELDOUT_NAMES = ['heldout2', 'heldout3', 'heldout4'] as const;
/** One held-out set, by its directory name under test/fixtures/analysis/. */
export type HeldoutName = (typeof HELDOUT_NAMES)[number];

/** Everything a held-out set holds, by kind, plus what could not be read (counts and field names only). */
export interface Heldout {
  present: boolean;
  ml: MlSentence[];
  answers: Answer[];
  mixed: MixedAnswer[];
  fam: FamSentence[];
  unrecognised: { items: number; fieldNames: string[] };
}

/** The directory of a held-out set. */
export const heldoutDir = (name: HeldoutName): string => `test/fixtures/analysis/${name}`;

/**
 * The files of each set: heldout2 was written as these two; a later set is every JSON file
 * in its directory, whatever its writer named them.
 */
const KNOWN_FILES: Partial<Record<HeldoutName, string[]>> = { heldout2: ['multilingual.json', 'entityFamilies.json'] };

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
    const paras = text
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter(Boolean);
    if (paras.length === langs.length) return paras.map((p, i) => ({ text: p, lang: langs[i] as string }));
  }
  return undefined;
}

function sort(items: unknown[], into: Heldout, sectionHint: string): void {
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
    else if (text && lang && Array.isArray(item.topics))
      into.ml.push({ lang, text, topics: item.topics.filter((t): t is string => typeof t === 'string'), entities: entitiesOf(item) });
    else if (text && lang) into.answers.push({ lang, text });
    else {
      into.unrecognised.items += 1;
      for (const k of Object.keys(item)) if (!into.unrecognised.fieldNames.includes(k)) into.unrecognised.fieldNames.push(k);
    }
  }
}

/** Walks a parsed file: every array of objects (top level, or one level down such as `{ answers: { de: [...] } }`). */
function walk(value: unknown, into: Heldout, hint: string, depth = 0): void {
  if (Array.isArray(value)) {
    if (value.some(isObj)) sort(value, into, hint);
    return;
  }
  if (!isObj(value) || depth > 2) return;
  for (const [key, v] of Object.entries(value)) {
    // `{ answers: { de: [..] } }`: the key names the language where items do not.
    if (isObj(v) && Object.values(v).every(Array.isArray) && /^[a-z]{2}$/.test(Object.keys(v)[0] ?? '')) {
      for (const [lang, list] of Object.entries(v)) {
        walk(
          (list as unknown[]).map((x) => (typeof x === 'string' ? { lang, text: x } : isObj(x) && !langOf(x) ? { ...x, lang } : x)),
          into,
          key,
          depth + 1,
        );
      }
    } else walk(v, into, `${hint} ${key}`, depth + 1);
  }
}

/** Every JSON file under `dir`, relative to it, in a stable order. */
function jsonFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.json'))
    .sort();
}

const cached = new Map<HeldoutName, Heldout>();

/** True once a held-out set's directory exists (its contents are not read). */
export const heldoutExists = (name: HeldoutName): boolean => existsSync(heldoutDir(name));

/** Reads every JSON file of a held-out set (empty, `present: false`, before it has been written). */
export function loadHeldout(name: HeldoutName): Heldout {
  const hit = cached.get(name);
  if (hit) return hit;
  const out: Heldout = { present: false, ml: [], answers: [], mixed: [], fam: [], unrecognised: { items: 0, fieldNames: [] } };
  const dir = heldoutDir(name);
  const files = KNOWN_FILES[name] ?? jsonFiles(dir);
  for (const file of files) {
    const path = join(dir, file);
    if (!existsSync(path)) continue;
    out.present = true;
    walk(JSON.parse(readFileSync(path, 'utf8')) as unknown, out, file);
  }
  cached.set(name, out);
  return out;
}
