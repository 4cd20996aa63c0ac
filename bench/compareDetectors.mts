/**
 * Language detectors compared on the dev half of the eval sets (sentences, and answers of
 * 20+ words): accuracy, speed. Chose eld; see src/core/analysis/language.ts.
 * Run: npx tsx bench/compareDetectors.mts
 */
import { readFileSync } from 'node:fs';
import { franc } from 'franc-min';
import { eld } from 'eld/extrasmall';
import { eld as eldS } from 'eld/small';
import * as tinyLight from 'tinyld/light';
import * as tiny from 'tinyld';
const iso3: Record<string, string> = { deu: 'de', fra: 'fr', spa: 'es', jpn: 'ja', cmn: 'zh', kor: 'ko', rus: 'ru', eng: 'en' };
const dev = JSON.parse(readFileSync('test/fixtures/analysis/multilingual/dev.json', 'utf8')).sentences as { lang: string; text: string }[];
const fam = JSON.parse(readFileSync('test/fixtures/analysis/entityFamilies/dev.json', 'utf8')).sentences as { text: string }[];
const items = [...dev, ...fam.map((f) => ({ lang: 'en', text: f.text }))];
const seg = new Intl.Segmenter('und', { granularity: 'word' });
const words = (t: string) => [...seg.segment(t)].filter((s) => s.isWordLike).length;
const answers: { lang: string; text: string }[] = [];
const byLang: Record<string, string[]> = {};
for (const s of items) (byLang[s.lang] ??= []).push(s.text);
for (const [lang, ss] of Object.entries(byLang)) {
  let cur: string[] = [];
  for (const s of ss) {
    cur.push(s);
    if (words(cur.join(' ')) >= 20) {
      answers.push({ lang, text: cur.join(' ') });
      cur = [];
    }
  }
}
const dets: Array<[string, (t: string) => string]> = [
  ['franc-min', (t) => iso3[franc(t, { minLength: 1 })] ?? franc(t, { minLength: 1 })],
  ['eld/extrasmall', (t) => eld.detect(t).language],
  ['eld/small', (t) => eldS.detect(t).language],
  ['tinyld/light', (t) => tinyLight.detect(t)],
  ['tinyld', (t) => tiny.detect(t)],
];
for (const [name, f] of dets) {
  const t0 = performance.now();
  const s = items.filter((i) => f(i.text) === i.lang).length;
  const a = answers.filter((i) => f(i.text) === i.lang).length;
  const ms = (performance.now() - t0) / (items.length + answers.length);
  const wrong = items.filter((i) => f(i.text) !== i.lang).map((i) => `${i.lang}->${f(i.text)}`);
  const per: Record<string, string> = {};
  for (const l of Object.keys(byLang)) {
    const its = items.filter((i) => i.lang === l);
    per[l] = `${its.filter((i) => f(i.text) === l).length}/${its.length}`;
  }
  console.log(name.padEnd(16), 'sent', ((100 * s) / items.length).toFixed(1), 'answers20+', `${a}/${answers.length}`, 'ms', ms.toFixed(3), JSON.stringify(per));
}
