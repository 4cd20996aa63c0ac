/**
 * Markdown fences name languages loosely (`ts`, `py`, `sh`, `c++`); VS Code wants its own
 * language ids (`typescript`, `python`, `shellscript`, `cpp`). Pure: the shell passes the ids
 * VS Code knows.
 */

/** Common fence names that are not VS Code language ids, mapped to the id they mean. */
const FENCE_ALIASES: Readonly<Record<string, string>> = {
  ts: 'typescript',
  mts: 'typescript',
  cts: 'typescript',
  tsx: 'typescriptreact',
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  node: 'javascript',
  jsx: 'javascriptreact',
  py: 'python',
  python3: 'python',
  rb: 'ruby',
  rs: 'rust',
  golang: 'go',
  sh: 'shellscript',
  bash: 'shellscript',
  zsh: 'shellscript',
  shell: 'shellscript',
  console: 'shellscript',
  ps1: 'powershell',
  pwsh: 'powershell',
  yml: 'yaml',
  md: 'markdown',
  'c++': 'cpp',
  cc: 'cpp',
  hpp: 'cpp',
  h: 'c',
  cs: 'csharp',
  'c#': 'csharp',
  'f#': 'fsharp',
  fs: 'fsharp',
  kt: 'kotlin',
  kts: 'kotlin',
  htm: 'html',
  xhtml: 'html',
  svg: 'xml',
  jsonl: 'json',
  json5: 'jsonc',
  dockerfile: 'dockerfile',
  docker: 'dockerfile',
  make: 'makefile',
  mk: 'makefile',
  tf: 'terraform',
  hcl: 'terraform',
  toml: 'toml',
  pl: 'perl',
  m: 'objective-c',
  objc: 'objective-c',
  vb: 'vb',
  diff: 'diff',
  patch: 'diff',
  sql: 'sql',
  postgres: 'sql',
  psql: 'sql',
};

/**
 * The VS Code language id a fence's info string means, if VS Code knows it; `undefined`
 * leaves the choice to VS Code (plain text). Only the first word of the info string counts
 * (```` ```ts title="a.ts" ```` is TypeScript).
 */
export function languageIdForFence(fence: string | undefined, known: readonly string[]): string | undefined {
  const word = fence?.trim().split(/\s+/)[0]?.toLowerCase();
  if (!word) return undefined;
  const ids = new Set(known);
  if (ids.has(word)) return word;
  const alias = FENCE_ALIASES[word];
  return alias && ids.has(alias) ? alias : undefined;
}
