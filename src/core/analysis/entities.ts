/**
 * Developer-aware entity extraction with regular expressions (wink's tokenizer splits
 * `lodash@4.17.21` and `NODE_OPTIONS`, so its entities are not used here). Overlaps are
 * resolved by keeping the longest span, then the more specific type. In code segments only
 * the unambiguous kinds count (calls, errors, env constants, URLs, paths, packages...):
 * every variable name in a code block would drown the prose entities.
 */
import type { EntityType } from '../../shared/protocol';
import { GIVEN_NAMES, ORG_SUFFIXES, ORGANIZATIONS, TECH_NAMES } from './techTerms';
import { STOP_WORDS } from './commonWords';

/** One entity occurrence in a piece of text. */
export interface EntitySpan {
  start: number;
  end: number;
  text: string;
  type: EntityType;
}

interface Rule {
  type: EntityType;
  re: RegExp;
  /** Higher wins a tie between equally long spans. */
  priority: number;
  /** Normalises the matched text (e.g. `fs.readFile(` → `fs.readFile()`). */
  norm?: (s: string) => string;
  code?: boolean;
}

const EXT =
  'ts|tsx|js|jsx|mjs|cjs|json|jsonc|md|mdx|py|rs|go|java|c|cc|cpp|h|hpp|cs|rb|php|sh|bash|zsh|ps1|yml|yaml|toml|lock|txt|html|css|scss|less|vue|svelte|sql|xml|ini|env|cfg|conf|gradle|kt|swift|log|csv|vsix|wasm|zip|gz|tgz|map|d\\.ts';

const RULES: Rule[] = [
  { type: 'url', re: /\bhttps?:\/\/[^\s<>()"'`]*[^\s<>()"'`.,;:!?]/g, priority: 10, code: true },
  { type: 'email', re: /\b[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/g, priority: 9, code: true },
  { type: 'cve', re: /\bCVE-\d{4}-\d{4,}\b/g, priority: 9, code: true },
  { type: 'package', re: /(?<![\w/])(?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*@[\^~]?\d+(?:\.[\dx*]+)*(?:-[\w.]+)?/gi, priority: 8, code: true },
  { type: 'package', re: /\b[A-Za-z0-9][\w.-]*(?:==|>=|~=)\d+(?:\.\d+)*\w*/g, priority: 8, code: true },
  { type: 'package', re: /(?<![\w@/])@[a-z0-9][\w.-]*\/[a-z0-9][\w.-]*/g, priority: 7, code: true },
  { type: 'path', re: /(?<![\w:])[A-Za-z]:\\(?:[^\s\\<>:"|?*`]+\\)*(?:[^\s\\<>:"|?*`]*[^\s\\<>:"|?*`.,;])?/g, priority: 7, code: true },
  { type: 'path', re: /(?<![\w.)\]>/:])(?:~|\.{1,2})?\/(?:[\w.@-]+\/)*[\w@-][\w.@-]*\/?/g, priority: 6, code: true },
  {
    type: 'path',
    re: new RegExp(`(?<![\\w./@-])[\\w.-]+(?:/[\\w.@-]+)*/[\\w.@-]+\\.(?:${EXT})\\b|(?<![\\w./@-])[\\w.-]+(?:/[\\w.@-]+){2,}/?`, 'g'),
    priority: 6,
    code: true,
  },
  { type: 'file', re: new RegExp(`(?<![\\w./@-])[\\w-][\\w.-]*\\.(?:${EXT})\\b(?![\\w(])`, 'g'), priority: 5, code: true },
  { type: 'file', re: /(?<![\w./-])(?:\.[a-z][\w.-]*rc|\.gitignore|\.env|\.npmrc|Dockerfile|Makefile|README)\b/g, priority: 5, code: true },
  { type: 'error', re: /\b[A-Z][A-Za-z0-9]*(?:Error|Exception)\b/g, priority: 6, code: true },
  { type: 'error', re: /\b(?:E[A-Z]{3,}[A-Z0-9]*|ERR_[A-Z0-9_]+|SIG[A-Z]{2,}[0-9]*)\b/g, priority: 6, code: true },
  { type: 'env', re: /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g, priority: 4, code: true },
  { type: 'version', re: /(?<![\w.@-])v?\d+\.\d+\.\d+(?:-[\w.]+)?\b|\bv\d+(?:\.\d+)?\b/g, priority: 3, code: true },
  { type: 'flag', re: /(?<![\w-])--[a-z][\w-]*(?:=[^\s`]+)?|(?<![\w-])-[a-zA-Z]{1,2}\b(?!-)/g, priority: 3 },
  { type: 'decorator', re: /(?<![\w@.])@[A-Za-z]\w*(?:\.\w+)*(?![\w@/.-])/g, priority: 3, code: true },
  {
    type: 'call',
    re: /\b[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*\((?:\))?/g,
    priority: 2,
    norm: (s) => s.replace(/\(\)?$/, '()'),
    code: true,
  },
  { type: 'identifier', re: /\b[a-z_$][a-z0-9$]*(?:\.[A-Za-z_$][\w$]*)+\b/g, priority: 1 },
  { type: 'identifier', re: /\b[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)+\b/g, priority: 1 },
  { type: 'identifier', re: /\b[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+\b/g, priority: 1 },
  { type: 'identifier', re: /\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g, priority: 1 },
];

/** Calls whose name is a plain English word followed by a parenthesis are prose, not code. */
const CALL_NEEDS_CODE_SHAPE = /[._$A-Z]|\(\)$/;

function collect(text: string, code: boolean): Array<EntitySpan & { priority: number }> {
  const found: Array<EntitySpan & { priority: number }> = [];
  for (const rule of RULES) {
    if (code && !rule.code) continue;
    rule.re.lastIndex = 0;
    for (const m of text.matchAll(rule.re)) {
      const raw = m[0];
      if (rule.type === 'call' && !CALL_NEEDS_CODE_SHAPE.test(raw)) continue;
      if (rule.type === 'call' && code && !raw.includes('.')) continue; // keywords: if(, for(
      const start = m.index ?? 0;
      const isName = TECH_NAMES.has(raw.toLowerCase()) && (rule.type === 'identifier' || rule.type === 'file');
      const type: EntityType = isName ? 'product' : rule.type;
      const shown = type === 'product' ? (TECH_NAMES.get(raw.toLowerCase()) ?? raw) : raw;
      found.push({ start, end: start + raw.length, text: rule.norm ? rule.norm(shown) : shown, type, priority: rule.priority });
    }
  }
  return found;
}

/** A name-like word: capital first, letters after (no digits, underscores or hyphens). */
const CAPITALISED = /^[A-Z][A-Za-z'’&+#.]*$/;

/** Capitalised runs not at the start of the sentence: people, organisations, products. */
function properNouns(text: string): Array<EntitySpan & { priority: number }> {
  const out: Array<EntitySpan & { priority: number }> = [];
  const words = [...text.matchAll(/[A-Za-z][\w'’&.+#-]*[\w+#]|[A-Za-z]/g)];
  let i = 0;
  while (i < words.length) {
    const w = words[i][0];
    const isCap = CAPITALISED.test(w) && !STOP_WORDS.has(w.toLowerCase());
    if (!isCap) {
      i += 1;
      continue;
    }
    let j = i + 1;
    while (j < words.length && CAPITALISED.test(words[j][0]) && adjacent(text, words[j - 1], words[j])) j += 1;
    const run = words.slice(i, j);
    const start = run[0].index ?? 0;
    const last = run[run.length - 1];
    const end = (last.index ?? 0) + last[0].length;
    const runText = text.slice(start, end);
    const sentenceStart = /^[\s"'(*_>#-]*$/.test(text.slice(0, start)) || /[.!?:]\s+$/.test(text.slice(0, start));
    const type = classify(runText, run.map((r) => r[0]));
    if (type && !(sentenceStart && run.length === 1 && type === 'product' && !TECH_NAMES.has(runText.toLowerCase()))) {
      const shown = type === 'product' ? (TECH_NAMES.get(runText.toLowerCase()) ?? runText) : runText;
      out.push({ start, end, text: shown, type, priority: 0 });
    }
    i = j;
  }
  return out;
}

function adjacent(text: string, a: RegExpMatchArray, b: RegExpMatchArray): boolean {
  const gap = text.slice((a.index ?? 0) + a[0].length, b.index ?? 0);
  return gap === ' ';
}

function classify(run: string, words: string[]): EntityType | undefined {
  const lower = run.toLowerCase();
  if (ORGANIZATIONS.has(lower)) return 'organization';
  if (TECH_NAMES.has(lower)) return 'product';
  if (words.length > 1 && ORG_SUFFIXES.has(words[words.length - 1].toLowerCase())) return 'organization';
  if (words.length >= 2 && words.length <= 3 && GIVEN_NAMES.has(words[0].toLowerCase())) return 'person';
  if (words.length === 1 && /^[A-Z]{2,5}$/.test(run)) return undefined; // acronyms: too ambiguous
  return words.length === 1 ? 'product' : 'organization';
}

/** Keeps the longest span where spans overlap (then the higher priority, then the earlier). */
export function resolveOverlaps<T extends EntitySpan & { priority: number }>(spans: T[]): T[] {
  const sorted = [...spans].sort(
    (a, b) => b.end - b.start - (a.end - a.start) || b.priority - a.priority || a.start - b.start,
  );
  const kept: T[] = [];
  for (const s of sorted) {
    if (kept.every((k) => s.end <= k.start || s.start >= k.end)) kept.push(s);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** Entities in one segment of text; `code` selects the code-segment rules. */
export function extractEntities(text: string, code = false): EntitySpan[] {
  const spans = collect(text, code);
  if (!code) spans.push(...properNouns(text));
  return resolveOverlaps(spans).map(({ start, end, text: t, type }) => ({ start, end, text: t, type }));
}
