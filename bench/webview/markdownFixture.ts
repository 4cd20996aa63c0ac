/**
 * Deterministic long markdown answers for the webview tests and the render benchmark:
 * prose, headings, lists, tables, quotes and fenced code in several languages, cut into
 * model-like tokens (about four characters each, whitespace kept with the next word).
 */

const LANGS = ['typescript', 'python', 'javascript', 'bash', 'json', 'rust', 'go', 'sql'] as const;

const CODE: Record<(typeof LANGS)[number], string> = {
  typescript: [
    'export async function fetchUser(id: string): Promise<User | undefined> {',
    '  const res = await fetch(`/api/users/${id}`);',
    '  if (!res.ok) return undefined; // 404 means no such user',
    '  return (await res.json()) as User;',
    '}',
  ].join('\n'),
  python: [
    'def moving_average(values: list[float], window: int = 3) -> list[float]:',
    '    """Mean of each window of consecutive values."""',
    '    return [sum(values[i:i + window]) / window for i in range(len(values) - window + 1)]',
  ].join('\n'),
  javascript: ['const debounce = (fn, ms = 200) => {', '  let timer;', '  return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };', '};'].join(
    '\n',
  ),
  bash: ['set -euo pipefail', 'for f in src/*.ts; do', '  echo "checking $f"', '  npx tsc --noEmit "$f"', 'done'].join('\n'),
  json: ['{', '  "name": "claude-stream",', '  "version": "0.1.0",', '  "private": true', '}'].join('\n'),
  rust: ['fn main() {', '    let v: Vec<i32> = (1..=10).filter(|n| n % 2 == 0).collect();', '    println!("{:?}", v);', '}'].join('\n'),
  go: ['func Sum(xs []int) int {', '\ttotal := 0', '\tfor _, x := range xs {', '\t\ttotal += x', '\t}', '\treturn total', '}'].join('\n'),
  sql: ['SELECT u.id, COUNT(o.id) AS orders', 'FROM users u', 'LEFT JOIN orders o ON o.user_id = u.id', 'GROUP BY u.id', 'ORDER BY orders DESC;'].join('\n'),
};

const PROSE = [
  'Streaming keeps the interface responsive because each token appears as soon as it arrives.',
  'The renderer splits the answer into **top-level blocks** and freezes every block that is complete.',
  'Only the last, open block is rendered again, so the cost of a frame does not grow with the answer.',
  'When the user scrolls up, the view stops following and a `Jump to latest` button appears.',
  'Links such as [the markdown spec](https://spec.commonmark.org/) are opened by the host, never by the webview.',
  'A code fence that is still open must not swallow the text that follows it once it closes.',
];

function section(i: number, withCode: boolean): string {
  const lang = LANGS[i % LANGS.length];
  const parts = [
    `## Step ${i + 1}: ${['Plan', 'Build', 'Measure', 'Refine'][i % 4]}`,
    '',
    `${PROSE[i % PROSE.length]} ${PROSE[(i + 1) % PROSE.length]} ${PROSE[(i + 2) % PROSE.length]}`,
    '',
  ];
  if (i % 3 === 0) parts.push('- first, *measure* it', '- then change one thing', '- finally measure again', '');
  if (i % 5 === 1) parts.push('| Metric | Before | After |', '| --- | --- | --- |', `| frame ms | ${20 + i} | ${4 + (i % 3)} |`, '');
  if (i % 7 === 2) parts.push(`> Note ${i}: frozen blocks are never touched again.`, '');
  if (withCode) parts.push('```' + lang, CODE[lang], '```', '');
  parts.push(`${PROSE[(i + 3) % PROSE.length]}`, '');
  return parts.join('\n');
}

/** Splits text into model-like tokens; joining them gives the text back exactly. */
export function tokenize(text: string): string[] {
  return text.match(/\s*[^\s]{1,4}|\s+/g) ?? [];
}

/** A markdown answer of about `tokens` tokens with exactly `codeBlocks` fenced code blocks. */
export function makeAnswer(tokens: number, codeBlocks: number): string {
  const sections: string[] = [];
  let count = 0;
  // Sections without code until the end, then code in evenly spaced ones: estimate first.
  const perSection = tokenize(section(0, true)).length;
  const total = Math.max(codeBlocks, Math.ceil(tokens / perSection));
  const every = codeBlocks === 0 ? Infinity : total / codeBlocks;
  let placed = 0;
  for (let i = 0; count < tokens || placed < codeBlocks; i++) {
    const withCode = placed < codeBlocks && (i >= Math.floor(placed * every) || count >= tokens);
    if (withCode) placed++;
    const text = section(i, withCode);
    sections.push(text);
    count += tokenize(text).length;
  }
  return `# Answer\n\nHere is how to do it.\n\n${sections.join('\n')}Done.`;
}
