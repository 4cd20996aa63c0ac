/**
 * The multilingual and entity-family parts of `npm run eval:analysis` (issue 16): language
 * detection, topic and entity recall per language, the no-fragment check against
 * `Intl.Segmenter`, and entity recall per family on fresh English developer sentences.
 * Every table has a dev column (the half that rules were tuned on) and a held-out column
 * (never read while tuning; with --show-dev-misses only dev misses are printed).
 */
import { readFileSync } from 'node:fs';
import { AnalysisEngine } from '../src/core/analysis/engine';
import { detectLanguage } from '../src/core/analysis/language';
import { koreanNoun } from '../src/core/analysis/topics';
import { TECH_NAMES } from '../src/core/analysis/techTerms';
import { isWholeWordSpan, wordsOf } from '../src/core/analysis/words';
import type { AnalysisSnapshot } from '../src/shared/protocol';

type Half = 'dev' | 'heldout';
const HALVES: Half[] = ['dev', 'heldout'];
interface MlSentence { lang: string; text: string; topics: string[]; entities: Array<[string, string]> }
interface FamSentence { family: string; text: string; entities: Array<[string, string]> }

const load = <T>(path: string): T[] => (JSON.parse(readFileSync(path, 'utf8')) as { sentences: T[] }).sentences;
const ml = (h: Half) => load<MlSentence>(`test/fixtures/analysis/multilingual/${h}.json`);
const fam = (h: Half) => load<FamSentence>(`test/fixtures/analysis/entityFamilies/${h}.json`);
const showDev = process.argv.includes('--show-dev-misses');
const pct = (n: number, d: number): string => (d === 0 ? '–' : `${((100 * n) / d).toFixed(1)}%`);
const LANGS = ['en', 'de', 'fr', 'es', 'ja', 'zh', 'ko', 'ru'];

/** English sentences for the language tables: the entity-family set and the UCI reviews. */
function english(h: Half): string[] {
  const uci: Array<{ text: string }> = [];
  for (const f of ['amazon', 'imdb', 'yelp']) uci.push(...JSON.parse(readFileSync(`node_modules/sentiment/test/fixtures/${f}.json`, 'utf8')));
  const rows = uci.filter((_, i) => i % 2 === (h === 'dev' ? 0 : 1)).filter((_, i) => i % 20 === 0);
  return [...fam(h).map((s) => s.text), ...rows.map((r) => r.text)];
}

function sentencesByLang(h: Half): Map<string, string[]> {
  const by = new Map<string, string[]>([['en', english(h)]]);
  for (const s of ml(h)) by.set(s.lang, [...(by.get(s.lang) ?? []), s.text]);
  return by;
}

const wordCount = (t: string): number => wordsOf(t).length;

/** Consecutive sentences joined until an answer has 20+ words. */
function answers(sentences: string[]): string[] {
  const out: string[] = [];
  let cur: string[] = [];
  for (const s of sentences) {
    cur.push(s);
    if (wordCount(cur.join(' ')) >= 20) {
      out.push(cur.join(' '));
      cur = [];
    }
  }
  return out;
}

function analyse(text: string): AnalysisSnapshot {
  const engine = new AnalysisEngine({ topK: 50, entityLimit: 50 });
  engine.push(text);
  engine.finish();
  return engine.snapshot('eval');
}

export function languageTable(): void {
  console.log('\nLanguage detection (eld extrasmall; answers = consecutive sentences joined to 20+ words; goal: answers >= 95%)\n');
  const rows = [['lang', 'sentences dev', 'sentences held-out', 'answers 20+ dev', 'answers 20+ held-out']];
  const tot = { sd: [0, 0], sh: [0, 0], ad: [0, 0], ah: [0, 0] };
  const by = { dev: sentencesByLang('dev'), heldout: sentencesByLang('heldout') };
  for (const lang of LANGS) {
    const cells = [lang];
    for (const [key, h, joined] of [['sd', 'dev', false], ['sh', 'heldout', false], ['ad', 'dev', true], ['ah', 'heldout', true]] as const) {
      const base = by[h].get(lang) ?? [];
      const set = joined ? answers(base) : base;
      const ok = set.filter((t) => analyse(t).language?.primary === lang).length;
      if (showDev && h === 'dev') for (const t of set) if (analyse(t).language?.primary !== lang) console.log(`  dev miss ${lang}→${analyse(t).language?.primary}: ${t.slice(0, 80)}`);
      tot[key][0] += ok;
      tot[key][1] += set.length;
      cells.push(`${pct(ok, set.length)} (${ok}/${set.length})`);
    }
    rows.push(cells);
  }
  rows.push(['all', ...(['sd', 'sh', 'ad', 'ah'] as const).map((k) => `${pct(tot[k][0], tot[k][1])} (${tot[k][0]}/${tot[k][1]})`)]);
  table(rows);
  mixedTable(by);
}

/** Mixed answers: one English sentence and one sentence of another language, each paragraph its own segment. */
function mixedTable(by: Record<Half, Map<string, string[]>>): void {
  console.log('\nMixed answers: an English paragraph followed by a paragraph in another language; both languages must be reported\n');
  const rows = [['pair', 'dev', 'held-out']];
  for (const lang of LANGS.slice(1)) {
    const cells = [`en+${lang}`];
    for (const h of HALVES) {
      const en = by[h].get('en') ?? [];
      const other = by[h].get(lang) ?? [];
      let ok = 0;
      const n = Math.min(10, other.length);
      for (let i = 0; i < n; i += 1) {
        const snap = analyse(`${en[i]} ${en[i + 10]}\n\n${other[i]}`);
        const langs = (snap.language?.shares ?? []).map((s) => s.language);
        if (langs.includes('en') && langs.includes(lang) && langs.length === 2) ok += 1;
      }
      cells.push(`${pct(ok, n)} (${ok}/${n})`);
    }
    rows.push(cells);
  }
  table(rows);
}

const norm = (s: string): string => s.toLowerCase();

export function multilingualTable(): void {
  console.log('\nTopics and entities per language (recall of gold topics among the sentence\'s topics; recall of gold entity text)\n');
  const rows = [['lang', 'topics dev', 'topics held-out', 'entities dev', 'entities held-out', 'fragments (all)']];
  const totals: number[][] = [[0, 0], [0, 0], [0, 0], [0, 0]];
  let allFragments = 0;
  for (const lang of LANGS.slice(1)) {
    const cells = [lang];
    const counts: number[][] = [];
    let fragments = 0;
    for (const h of HALVES) {
      let tFound = 0, tTotal = 0, eFound = 0, eTotal = 0;
      for (const s of ml(h).filter((x) => x.lang === lang)) {
        const snap = analyse(s.text);
        const terms = snap.topics.map((t) => norm(t.term));
        for (const g of s.topics) {
          tTotal += 1;
          if (terms.includes(norm(g)) || terms.includes(norm(g).replace(/s$/, ''))) tFound += 1;
          else if (showDev && h === 'dev') console.log(`  dev topic miss [${lang}] ${g} — got ${terms.join(', ')}`);
        }
        for (const [text, type] of s.entities) {
          eTotal += 1;
          if (snap.entities.some((e) => e.text === text)) eFound += 1;
          else if (showDev && h === 'dev') console.log(`  dev entity miss [${lang}] ${text} (${type}) — got ${snap.entities.map((e) => `${e.text}:${e.type}`).join(', ')}`);
        }
        fragments += countFragments(s.text, snap, lang, showDev && h === 'dev');
      }
      counts.push([tFound, tTotal], [eFound, eTotal]);
    }
    const [td, eD, th, eH] = counts;
    cells.push(pct(td[0], td[1]), pct(th[0], th[1]), pct(eD[0], eD[1]), pct(eH[0], eH[1]), String(fragments));
    [td, th, eD, eH].forEach((c, i) => { totals[i][0] += c[0]; totals[i][1] += c[1]; });
    allFragments += fragments;
    rows.push(cells);
  }
  rows.push(['all', ...totals.map(([a, b]) => pct(a, b)), String(allFragments)]);
  table(rows);
  topFiveTable();
}

/**
 * A stricter view of topics: answers of four consecutive sentences, and the share of their
 * top five topics that a reader tagged (gold topics, or gold entities shown as topics).
 */
function topFiveTable(): void {
  console.log('\nTop-5 topic precision on 4-sentence answers (share of the top five that are gold topics or gold entity names)\n');
  const rows = [['lang', 'dev', 'held-out']];
  const tot = [[0, 0], [0, 0]];
  for (const lang of LANGS.slice(1)) {
    const cells = [lang];
    HALVES.forEach((h, hi) => {
      const ss = ml(h).filter((x) => x.lang === lang);
      let good = 0, shown = 0;
      for (let i = 0; i + 4 <= ss.length; i += 4) {
        const group = ss.slice(i, i + 4);
        const gold = new Set(group.flatMap((g) => [...g.topics, ...g.entities.map(([t]) => t)]).map(norm));
        const top = analyse(group.map((g) => g.text).join(' ')).topics.slice(0, 5);
        for (const t of top) {
          shown += 1;
          // A technology name is a fair topic where the reader tagged it as an entity (lodash for lodash@4.17.21).
          const named = [...gold].some((g) => g.startsWith(`${norm(t.term)}@`) || norm(TECH_NAMES.get(g) ?? '') === norm(t.term));
          if (gold.has(norm(t.term)) || named) good += 1;
          else if (showDev && h === 'dev') console.log(`  dev top-5 not gold [${lang}] ${t.term}`);
        }
      }
      tot[hi][0] += good; tot[hi][1] += shown;
      cells.push(`${pct(good, shown)} (${good}/${shown})`);
    });
    rows.push(cells);
  }
  rows.push(['all', ...tot.map(([a, b]) => `${pct(a, b)} (${a}/${b})`)]);
  table(rows);
}

/** Suffixes a topic may drop and still be a whole word: English plurals, Korean particles. */
const ALLOWED_SUFFIX = /^(?:s|es)$/u;
/** Japanese particles the topic rule strips from a noun ("桜の"); ICU leaves them on. */
const JA_PARTICLE = /^[のはがをにでともへ]$/u;
/** A Korean eojeol is a noun plus particles or a 하다/되다 ending; the noun is a word of its own. */
const koreanStem = (term: string, eojeol: string): boolean => koreanNoun(eojeol) === term;

/** Where the ICU word segment holding the character before `at` ends. */
function segmentEnd(text: string, at: number, lang: string): number {
  for (const seg of new Intl.Segmenter(lang, { granularity: 'word' }).segment(text)) {
    if (seg.index < at && at <= seg.index + seg.segment.length) return seg.index + seg.segment.length;
  }
  return at;
}

/**
 * Topics and entities that cut a word where Intl.Segmenter does not: the goal is zero.
 * A term not written in the text (a canonical name such as "VS Code") cannot be a fragment.
 */
export function countFragments(text: string, snap: AnalysisSnapshot, lang: string, show: boolean): number {
  let bad = 0;
  const lower = text.toLowerCase();
  for (const term of [...snap.topics.map((t) => t.term), ...snap.entities.map((e) => e.text.replace(/\(\)$/, ''))]) {
    const t = term.toLowerCase();
    let at = lower.indexOf(t);
    if (at < 0) continue;
    let whole = false;
    while (at >= 0 && !whole) {
      const end = at + t.length;
      const rest = lower.slice(end, segmentEnd(text, end, lang));
      const withRest = isWholeWordSpan(text, at, end + rest.length, lang);
      whole = isWholeWordSpan(text, at, end, lang) || (withRest && (ALLOWED_SUFFIX.test(rest) || (lang === 'ja' && JA_PARTICLE.test(rest)) || (lang === 'ko' && koreanStem(t, t + rest))));
      at = lower.indexOf(t, at + 1);
    }
    if (!whole) {
      bad += 1;
      if (show) console.log(`  fragment [${lang}] ${term} in ${text}`);
    }
  }
  return bad;
}

export function familyTable(): void {
  console.log('\nEntity recall per family, fresh English developer sentences (goal: held-out >= 90%, no family under 80%)\n');
  const rows = [['family', 'dev found', 'dev typed', 'held-out found', 'held-out typed']];
  const fams = [...new Set(fam('dev').map((s) => s.family))];
  const tot: number[] = [0, 0, 0, 0, 0, 0];
  for (const f of fams) {
    const cells = [f];
    HALVES.forEach((h, hi) => {
      let found = 0, typed = 0, total = 0;
      for (const s of fam(h).filter((x) => x.family === f)) {
        const got = analyse(s.text).entities;
        for (const [text, type] of s.entities) {
          total += 1;
          const hit = got.find((g) => g.text === text);
          if (hit) found += 1;
          if (hit?.type === type) typed += 1;
          if (showDev && h === 'dev' && hit?.type !== type) console.log(`  dev ${hit ? 'wrong type' : 'miss'} [${f}] ${text} (${type}${hit ? `, got ${hit.type}` : ''}) — got ${got.map((g) => `${g.text}:${g.type}`).join(', ')}`);
        }
      }
      cells.push(`${pct(found, total)} (${found}/${total})`, pct(typed, total));
      tot[hi * 3] += found; tot[hi * 3 + 1] += typed; tot[hi * 3 + 2] += total;
    });
    rows.push(cells);
  }
  rows.push(['all', `${pct(tot[0], tot[2])} (${tot[0]}/${tot[2]})`, pct(tot[1], tot[2]), `${pct(tot[3], tot[5])} (${tot[3]}/${tot[5]})`, pct(tot[4], tot[5])]);
  table(rows);
}

/** Prints a Markdown table. */
export function table(rows: string[][]): void {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  rows.forEach((r, i) => {
    console.log(`| ${r.map((cell, c) => cell.padEnd(widths[c])).join(' | ')} |`);
    if (i === 0) console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  });
}

/** Only for the detector comparison: reads one language's dev sentences. */
export const devSentences = (): Map<string, string[]> => sentencesByLang('dev');
export { detectLanguage };
