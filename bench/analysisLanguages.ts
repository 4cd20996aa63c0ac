/**
 * Engine cost per 50-token chunk at 1k and at 100k tokens into one stream, per language
 * (issue 16 goal: 100k ≤ 1.5 × 1k in every language). Each language streams its sentences
 * of the multilingual dev set, a code fence and a list, over and over. Run:
 * npx tsx bench/analysisLanguages.ts [en de ...]
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { AnalysisEngine } from '../src/core/analysis/engine';
import { loadLanguageDetector } from '../src/core/analysis/language';

const sentences = (JSON.parse(readFileSync('test/fixtures/analysis/multilingual/dev.json', 'utf8')) as { sentences: Array<{ lang: string; text: string }> }).sentences;
const english = (JSON.parse(readFileSync('test/fixtures/analysis/entityFamilies/dev.json', 'utf8')) as { sentences: Array<{ text: string }> }).sentences.map((s) => s.text);
const CODE = '```ts\nimport { readFile } from "node:fs/promises";\nconst text = await readFile("./config.json", "utf8");\n```\n\n';

function paragraph(lang: string): string {
  const own = lang === 'en' ? english : sentences.filter((s) => s.lang === lang).map((s) => s.text);
  const mixed =
    lang === 'mixed'
      ? [
          ...english.slice(0, 6),
          '\n\n',
          ...sentences
            .filter((s) => s.lang === 'de')
            .slice(0, 6)
            .map((s) => s.text),
          '\n\n',
          ...sentences
            .filter((s) => s.lang === 'ja')
            .slice(0, 6)
            .map((s) => s.text),
        ]
      : own;
  return `${mixed.join(' ')}\n\n${CODE}- ${mixed[0]}\n- ${mixed[1]}\n\n`;
}

/** ~4-character "tokens" (2–6 characters, as a stream delivers them). */
function tokens(text: string, count: number): string[] {
  const out: string[] = [];
  let rest = '';
  while (out.length < count) {
    if (rest.length < 8) rest += text;
    const n = 2 + (out.length % 5);
    out.push(rest.slice(0, n));
    rest = rest.slice(n);
  }
  return out;
}

function cost(lang: string): { early: number; late: number } {
  const all = tokens(paragraph(lang), 102_000);
  const warm = new AnalysisEngine();
  for (let at = 0; at < 10_000; at += 50) warm.push(all.slice(at, at + 50).join(''), 50);
  const engine = new AnalysisEngine();
  const perChunk: number[] = [];
  for (let at = 0; at < all.length; at += 50) {
    const chunk = all.slice(at, at + 50).join('');
    const t0 = performance.now();
    engine.push(chunk, 50);
    engine.snapshot('bench');
    perChunk.push(performance.now() - t0);
  }
  const median = (from: number, to: number) => {
    const part = perChunk.slice(from / 50, to / 50).sort((a, b) => a - b);
    return part[Math.floor(part.length / 2)];
  };
  return { early: median(1_000, 6_000), late: median(97_000, 102_000) };
}

async function main(): Promise<void> {
  await loadLanguageDetector();
  console.log('\nEngine cost per 50-token chunk (push + snapshot), median over 5k tokens (goal: 100k ≤ 1.5 × 1k)\n');
  console.log('| language | at 1k (ms) | at 100k (ms) | ratio |');
  console.log('|----------|------------|--------------|-------|');
  const only = process.argv.slice(2);
  for (const lang of only.length > 0 ? only : ['en', 'de', 'fr', 'es', 'ja', 'zh', 'ko', 'ru', 'mixed']) {
    const { early, late } = cost(lang);
    console.log(`| ${lang.padEnd(8)} | ${early.toFixed(3).padStart(10)} | ${late.toFixed(3).padStart(12)} | ${(late / early).toFixed(2).padStart(5)} |`);
  }
}

void main();
