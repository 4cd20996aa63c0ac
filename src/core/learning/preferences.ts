/**
 * The "learned preferences" note: one or two sentences about how this user works, derived
 * from an aggregate, for the shell to append to the system prompt when the user opts in.
 * Every clause needs enough data behind it; with too little data there is no note.
 */
import type { Aggregate } from './aggregates';
import { mean } from './aggregates';

const NAMES: Record<string, string> = {
  typescript: 'TypeScript',
  javascript: 'JavaScript',
  python: 'Python',
  java: 'Java',
  go: 'Go',
  rust: 'Rust',
  cpp: 'C++',
  c: 'C',
  csharp: 'C#',
  ruby: 'Ruby',
  php: 'PHP',
  kotlin: 'Kotlin',
  swift: 'Swift',
  shell: 'shell',
  sql: 'SQL',
  html: 'HTML',
  css: 'CSS',
  json: 'JSON',
  yaml: 'YAML',
  scala: 'Scala',
  dart: 'Dart',
};
const MIN_CODE_ANSWERS = 10;
const MIN_PER_SIDE = 10;
const MIN_GAP = 0.1;

const list = (items: string[]): string => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`);

function languages(agg: Aggregate): string[] {
  const entries = Object.entries(agg.languages);
  const total = entries.reduce((s, [, v]) => s + v.n, 0);
  if (total < MIN_CODE_ANSWERS) return [];
  return entries
    .filter(([, v]) => v.n / total >= 0.2)
    .sort((a, b) => b[1].n - a[1].n)
    .slice(0, 3)
    .map(([lang]) => NAMES[lang] ?? lang);
}

function topics(agg: Aggregate, langs: string[]): string[] {
  // "Works mainly in TypeScript, often on typescript" says nothing twice over.
  const named = new Set(langs.map((l) => l.toLowerCase()));
  return Object.entries(agg.topics)
    .filter(([term, t]) => t.n >= 5 && t.n / Math.max(1, agg.records) >= 0.05 && !named.has(term.toLowerCase()))
    .sort((a, b) => b[1].n - a[1].n)
    .slice(0, 3)
    .map(([term]) => term);
}

/** +1 when `a` clearly scores better than `b`, −1 when clearly worse, 0 when unclear or too few. */
function compare(a: { n: number; sum: number }, b: { n: number; sum: number }): number {
  if (a.n < MIN_PER_SIDE || b.n < MIN_PER_SIDE) return 0;
  const gap = (mean(a) ?? 0) - (mean(b) ?? 0);
  return gap >= MIN_GAP ? 1 : gap <= -MIN_GAP ? -1 : 0;
}

/** The note, or undefined when the data shows nothing clear about this user yet. */
export function derivePreferences(agg: Aggregate): string | undefined {
  const parts: string[] = [];
  const langs = languages(agg);
  const terms = topics(agg, langs);
  if (langs.length > 0) parts.push(`Works mainly in ${list(langs)}${terms.length > 0 ? `, often on ${list(terms)}` : ''}.`);
  else if (terms.length > 0) parts.push(`Often asks about ${list(terms)}.`);

  const cancelledShare = (agg.outcomes.cancelled ?? 0) / Math.max(1, agg.records);
  let length = compare(agg.length.short, agg.length.long);
  if (length === 0 && agg.records >= 20 && cancelledShare >= 0.15) length = 1;
  const code = compare(agg.codeFirst.code, agg.codeFirst.prose);
  const style: string[] = [];
  if (length > 0) style.push('concise answers');
  if (length < 0) style.push('thorough, complete answers');
  if (code > 0) style.push(style.length > 0 ? 'with code first' : 'answers with code first');
  if (code < 0) style.push(style.length > 0 ? 'with a short explanation before code' : 'a short explanation before code');
  if (style.length > 0) parts.push(`Prefers ${style.join(' ')}.`);
  return parts.length > 0 ? parts.join(' ') : undefined;
}
