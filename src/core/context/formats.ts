/**
 * Text for the workspace kinds that are not a file: problems, changes, terminal output and a
 * folder's tree. Pure, so what is sent can be tested without VS Code.
 */

/** One diagnostic as the host reads it. */
export interface ProblemItem {
  path: string;
  /** 1-based. */
  line: number;
  column: number;
  severity: 'error' | 'warning' | 'info' | 'hint';
  message: string;
  source?: string;
  code?: string;
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2, hint: 3 } as const;

/** Problems, errors first, one per line: `src/cart.ts:12:5 error TS2322: Type … (ts)`. */
export function formatProblems(items: readonly ProblemItem[], max = 200): string {
  const sorted = [...items].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.path.localeCompare(b.path) || a.line - b.line);
  const lines = sorted.slice(0, max).map((p) => {
    const code = p.code ? ` ${p.code}` : '';
    const source = p.source ? ` (${p.source})` : '';
    return `${p.path}:${p.line}:${p.column} ${p.severity}${code}: ${p.message.replace(/\s*\n\s*/g, ' ')}${source}`;
  });
  if (sorted.length > max) lines.push(`… and ${sorted.length - max} more`);
  return lines.join('\n');
}

/** Counts for a problems chip, e.g. "2 errors, 1 warning". */
export function summarizeProblems(items: readonly ProblemItem[]): string {
  const count = (s: ProblemItem['severity']) => items.filter((p) => p.severity === s).length;
  const parts: string[] = [];
  const e = count('error');
  const w = count('warning');
  const other = items.length - e - w;
  if (e) parts.push(`${e} error${e === 1 ? '' : 's'}`);
  if (w) parts.push(`${w} warning${w === 1 ? '' : 's'}`);
  if (other) parts.push(`${other} other`);
  return parts.join(', ') || 'none';
}

/** The last command run in a terminal and what it printed. */
export interface TerminalRun {
  terminal: string;
  command: string;
  output: string;
  exitCode?: number;
  cwd?: string;
}

/** ANSI escape sequences (colours, cursor moves, OSC titles) removed: the model needs the text. */
export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b\[[0-?]*[ -/]*[@-~]|\u001b[@-Z\\-_]/g, '').replace(/\r\n?/g, '\n');
}

/** The terminal run as sent: the command line, its exit code, then its output (the last `maxChars`). */
export function formatTerminal(run: TerminalRun, maxChars = 40_000): string {
  let output = stripAnsi(run.output).replace(/\n+$/, '');
  if (output.length > maxChars) output = `… (earlier output left out)\n${output.slice(output.length - maxChars)}`;
  const exit = run.exitCode === undefined ? '' : ` (exit code ${run.exitCode})`;
  return `$ ${run.command}${exit}\n${output}`;
}

/**
 * The files a `git diff` names, each once (a file both staged and not staged is one file): the
 * path after `b/` in each `diff --git a/… b/…` header, quoted or not, a rename by its new name.
 */
export function diffFiles(diff: string): string[] {
  const files = new Set<string>();
  for (const [, rest] of diff.matchAll(/^diff --git (.+)$/gm)) files.add(headerPath(rest.replace(/\r$/, '')));
  return [...files];
}

function headerPath(rest: string): string {
  const quoted = /(?:^| )"b\/((?:[^"\\]|\\.)*)"$/.exec(rest);
  if (quoted) return quoted[1];
  // `a/P b/P`: split in the middle, so a path holding " b/" is still read whole.
  const half = (rest.length - 1) / 2;
  if (Number.isInteger(half) && rest.startsWith('a/') && rest.slice(half, half + 3) === ' b/' && rest.slice(2, half) === rest.slice(half + 3)) return rest.slice(half + 3);
  const at = rest.lastIndexOf(' b/');
  return at >= 0 ? rest.slice(at + 3) : rest;
}

/** What the window's terminals are like when `#terminal` is asked for. */
export interface TerminalState {
  /** Terminals open in the window. */
  open: number;
  /** Of those, the ones whose shell integration is active (their output can be read). */
  integrated: number;
  /** The last command that finished in a terminal with shell integration. */
  last?: TerminalRun;
}

/**
 * Why `#terminal` has nothing to attach, in words a user can act on, or undefined when the last
 * command printed something. A command that printed nothing is not worth a chip on its own.
 */
export function terminalRefusal({ open, integrated, last }: TerminalState): string | undefined {
  const prefix = 'No terminal output to attach:';
  if (last && stripAnsi(last.output).trim() !== '') return undefined;
  if (last) return `${prefix} the last command, ${last.command.slice(0, 80)}, printed nothing${last.exitCode === undefined ? '' : ` (exit code ${last.exitCode})`}.`;
  if (open === 0) return `${prefix} no terminal is open. Run the command in a terminal (Terminal › New Terminal), then attach #terminal again.`;
  if (integrated === 0) {
    return (
      `${prefix} ${open === 1 ? 'the open terminal has no' : `none of the ${open} open terminals has`} shell integration, so its output cannot be read. ` +
      'Use bash, zsh, fish or PowerShell with terminal.integrated.shellIntegration.enabled on, or paste the output instead.'
    );
  }
  return `${prefix} no command has finished in a terminal since the window opened. Run it again, then attach #terminal.`;
}

/** A folder's tree as indented lines, directories with a trailing `/`, from workspace-relative paths under it. */
export function formatTree(root: string, paths: readonly string[], maxEntries = 500): string {
  const prefix = root === '' || root === '.' ? '' : `${root.replace(/\/$/, '')}/`;
  const entries = new Set<string>();
  for (const path of paths) {
    const rel = path.startsWith(prefix) ? path.slice(prefix.length) : path;
    const parts = rel.split('/');
    for (let i = 1; i < parts.length; i++) entries.add(`${parts.slice(0, i).join('/')}/`);
    entries.add(rel);
  }
  const sorted = [...entries].sort((a, b) => a.replace(/\/$/, '').localeCompare(b.replace(/\/$/, '')));
  const lines = sorted.slice(0, maxEntries).map((e) => {
    const depth = e.replace(/\/$/, '').split('/').length - 1;
    const name = e.replace(/\/$/, '').split('/').pop() ?? e;
    return `${'  '.repeat(depth)}${name}${e.endsWith('/') ? '/' : ''}`;
  });
  if (sorted.length > maxEntries) lines.push(`… and ${sorted.length - maxEntries} more`);
  return `${prefix || './'}\n${lines.join('\n')}`;
}
