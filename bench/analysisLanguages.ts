/**
 * Engine cost per 50-token chunk at 1k and at 100k tokens into a stream, per language
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

/** Mean cost per chunk over the tokens [from, to) of one fresh stream, GC included: what the user pays. */
function meanCost(all: string[], windows: Array<[number, number]>): number[] {
  const engine = new AnalysisEngine();
  const spent = windows.map(() => 0);
  for (let at = 0; at < all.length; at += 50) {
    const chunk = all.slice(at, at + 50).join('');
    const t0 = performance.now();
    engine.push(chunk, 50);
    engine.snapshot('bench');
    const took = performance.now() - t0;
    windows.forEach(([from, to], i) => {
      if (at >= from && at < to) spent[i] += took;
    });
  }
  return windows.map(([from, to], i) => spent[i] / ((to - from) / 50));
}

const RUNS = 5;
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * One stream's cost is noisy (JIT tiers, GC, a busy core), so each language streams RUNS fresh
 * 102k-token answers and reports the median of its per-run means, and of the per-run ratios.
 */
function cost(lang: string): { early: number; late: number; ratio: number; spread: [number, number] } {
  const all = tokens(paragraph(lang), 102_000);
  const warm = new AnalysisEngine();
  for (let at = 0; at < 20_000; at += 50) warm.push(all.slice(at, at + 50).join(''), 50);
  const runs = Array.from({ length: RUNS }, () =>
    meanCost(all, [
      [1_000, 6_000],
      [97_000, 102_000],
    ]),
  );
  const ratios = runs.map(([early, late]) => late / early);
  return { early: median(runs.map((r) => r[0])), late: median(runs.map((r) => r[1])), ratio: median(ratios), spread: [Math.min(...ratios), Math.max(...ratios)] };
}

async function main(): Promise<void> {
  await loadLanguageDetector();
  console.log(`\nEngine cost per 50-token chunk (push + snapshot), mean over 5k tokens, median of ${RUNS} fresh streams (goal: 100k ≤ 1.5 × 1k)\n`);
  console.log('| language | at 1k (ms) | at 100k (ms) | ratio | ratio range |');
  console.log('|----------|------------|--------------|-------|-------------|');
  const only = process.argv.slice(2);
  for (const lang of only.length > 0 ? only : ['en', 'de', 'fr', 'es', 'ja', 'zh', 'ko', 'ru', 'mixed']) {
    const { early, late, ratio, spread } = cost(lang);
    console.log(
      `| ${lang.padEnd(8)} | ${early.toFixed(3).padStart(10)} | ${late.toFixed(3).padStart(12)} | ${ratio.toFixed(2).padStart(5)} | ${spread[0].toFixed(2)}–${spread[1].toFixed(2)} |`,
    );
  }
}

void main();
