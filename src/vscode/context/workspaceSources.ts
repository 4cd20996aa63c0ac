/**
 * Reading the workspace for attachments: files (with the 5 MB, binary and outside-the-workspace
 * limits), folders, symbols, diagnostics, the git working-tree diff and the last terminal command.
 */
import { realpath, stat, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { diffFiles, type ProblemItem, type TerminalRun } from '../../core/context/formats';
import { insideRoot, looksBinary, MAX_FILE_BYTES, SNIFF_BYTES } from '../../core/context/limits';
import type { SymbolSpan } from '../../core/context/limits';
import type { ContextSuggestion } from '../../shared/protocol';
import { Disposable } from '../disposable';
import type { GitignoreFilter } from './gitignoreFilter';

/** Folders and files the completion never lists: tool output and dependencies, as `.gitignore`s usually say. */
const DEFAULT_EXCLUDE = '**/{node_modules,.git,dist,out,build,.vscode-test,coverage,.next,target,__pycache__}/**';

/** Workspace-relative path with `/` separators. */
export function relativePath(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, false).split(path.sep).join('/');
}

/** A file checked against the limits, or why it cannot be attached. */
export type CheckedFile =
  { ok: true; uri: vscode.Uri; path: string; bytes: number; directory: boolean } | { ok: false; reason: string; tooBig?: { path: string; bytes: number; uri: vscode.Uri } };

/**
 * Resolves a workspace-relative path or a URI and checks it: inside a workspace folder (after
 * following symlinks), present, not over 5 MB, not binary. A directory passes as one.
 */
export async function checkFile(target: string | vscode.Uri): Promise<CheckedFile> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) return { ok: false, reason: 'Open a folder first: only files in the workspace can be attached.' };
  let uri: vscode.Uri;
  if (typeof target === 'string') {
    if (path.isAbsolute(target)) uri = vscode.Uri.file(target);
    else uri = vscode.Uri.joinPath(folders[0].uri, target);
  } else uri = target;
  const shown = typeof target === 'string' ? target : uri.fsPath;
  if (uri.scheme !== 'file') return { ok: false, reason: `${shown} is not a file on disk.` };
  let real: string;
  try {
    real = await realpath(uri.fsPath);
  } catch {
    return { ok: false, reason: `${shown} does not exist.` };
  }
  const roots = await Promise.all(folders.map((f) => realpath(f.uri.fsPath).catch(() => f.uri.fsPath)));
  if (!roots.some((root) => insideRoot(path.relative(root, real)))) {
    return { ok: false, reason: `${shown} is outside the workspace; only files in the open folders can be attached.` };
  }
  const info = await stat(real);
  const rel = relativePath(uri);
  if (info.isDirectory()) return { ok: true, uri, path: rel, bytes: 0, directory: true };
  if (!info.isFile()) return { ok: false, reason: `${rel} is not a regular file.` };
  if (info.size > MAX_FILE_BYTES) return { ok: false, reason: 'too big', tooBig: { path: rel, bytes: info.size, uri } };
  const head = await readHead(real, SNIFF_BYTES);
  if (looksBinary(head)) return { ok: false, reason: `${rel} is a binary file; only text can be attached (paste an image to send a picture).` };
  return { ok: true, uri, path: rel, bytes: info.size, directory: false };
}

async function readHead(file: string, bytes: number): Promise<Uint8Array> {
  const { open } = await import('node:fs/promises');
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The first `lines` lines of a big file, read from its start only. */
export async function readFirstLines(uri: vscode.Uri, lines: number): Promise<string> {
  const head = Buffer.from(await readHead(uri.fsPath, Math.min(MAX_FILE_BYTES, lines * 2000))).toString('utf8');
  return head.split('\n').slice(0, lines).join('\n');
}

/** A text file's content (the editor's, unsaved edits included, when it is open) and language. */
export async function readText(uri: vscode.Uri): Promise<{ text: string; languageId: string }> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return { text: open.getText(), languageId: open.languageId };
  const document = await vscode.workspace.openTextDocument(uri);
  return { text: document.getText(), languageId: document.languageId };
}

/** Raw bytes of a file (for an image dropped from the Explorer). */
export const readBytes = (uri: vscode.Uri): Promise<Buffer> => readFile(uri.fsPath);

/** Subsequence match score: higher is better, undefined for no match. Consecutive and name-start hits count more. */
function fuzzyScore(query: string, target: string): number | undefined {
  if (query === '') return 0;
  const q = query.toLowerCase();
  const t = target.toLowerCase();
  const base = t.lastIndexOf('/') + 1;
  let score = 0;
  let at = -1;
  for (const ch of q) {
    const next = t.indexOf(ch, at + 1);
    if (next < 0) return undefined;
    score += next === at + 1 ? 3 : 1;
    if (next >= base) score += 1;
    if (next === base || t[next - 1] === '/' || t[next - 1] === '.' || t[next - 1] === '-' || t[next - 1] === '_') score += 2;
    at = next;
  }
  return score - t.length / 100;
}

/** Workspace files, `files.exclude`, the usual ignored folders and (given a filter) what git ignores left out. */
export async function workspaceFiles(gitignore?: GitignoreFilter, max = 5000): Promise<vscode.Uri[]> {
  const files = await vscode.workspace.findFiles('**/*', DEFAULT_EXCLUDE, max);
  return gitignore ? gitignore.keep(files) : files;
}

/** Completion entries for `#file:` / `#folder:` / `#symbol:` and the text typed so far; files and folders come from `files`. */
export async function suggest(kind: 'file' | 'folder' | 'symbol', query: string, files: () => Promise<vscode.Uri[]>, limit = 50): Promise<ContextSuggestion[]> {
  if (kind === 'symbol') {
    if (query.trim() === '') return [];
    return (await workspaceSymbols(query)).slice(0, limit).map((s) => ({
      kind: 'symbol' as const,
      value: symbolKey(relativePath(s.location.uri), s.location.range.start.line + 1, s.location.range.end.line + 1, s.name),
      label: s.name,
      detail: `${vscode.SymbolKind[s.kind] ?? 'symbol'} · ${relativePath(s.location.uri)}`,
    }));
  }
  const paths = (await files()).map(relativePath);
  const candidates =
    kind === 'file'
      ? paths
      : [
          ...new Set(
            paths.flatMap((f) =>
              f
                .split('/')
                .slice(0, -1)
                .map((_, i, parts) => parts.slice(0, i + 1).join('/')),
            ),
          ),
        ];
  return candidates
    .map((value) => ({ value, score: fuzzyScore(query, value) }))
    .filter((c): c is { value: string; score: number } => c.score !== undefined)
    .sort((a, b) => b.score - a.score || a.value.localeCompare(b.value))
    .slice(0, limit)
    .map(({ value }) => {
      const slash = value.lastIndexOf('/');
      return { kind, value, label: value.slice(slash + 1), ...(slash > 0 ? { detail: value.slice(0, slash) } : {}) };
    });
}

/**
 * The workspace symbol providers' answers for `query`, in files on disk. A provider that throws
 * or answers nothing (or with a malformed entry) gives no symbols rather than an error, so the
 * completion shows what the other providers found.
 */
async function workspaceSymbols(query: string): Promise<vscode.SymbolInformation[]> {
  try {
    const found = await vscode.commands.executeCommand<Array<vscode.SymbolInformation | undefined> | undefined>('vscode.executeWorkspaceSymbolProvider', query);
    return (Array.isArray(found) ? found : []).filter(
      (s): s is vscode.SymbolInformation => typeof s?.name === 'string' && s.location?.uri?.scheme === 'file' && s.location.range !== undefined,
    );
  } catch {
    return [];
  }
}

/** A symbol's key in `context/add`: path, lines and name, so the host needs no lookup table. */
const symbolKey = (file: string, start: number, end: number, name: string): string => `${file}#${start}-${end}#${name}`;

/** Reads a symbol key back; a bare name (typed `#symbol:Name`) is looked up with the workspace symbol provider. */
export async function resolveSymbol(value: string): Promise<{ path: string; name: string; startLine: number; endLine: number } | undefined> {
  const key = /^(.+)#(\d+)-(\d+)#(.+)$/.exec(value);
  if (key) return { path: key[1], startLine: Number(key[2]), endLine: Number(key[3]), name: key[4] };
  const found = await workspaceSymbols(value);
  const best = found.find((s) => s.name === value) ?? found[0];
  if (!best) return undefined;
  return { path: relativePath(best.location.uri), name: best.name, startLine: best.location.range.start.line + 1, endLine: best.location.range.end.line + 1 };
}

/** The top-level symbols of a file with their lines, for "Send symbol X" offers. */
export async function documentSymbols(uri: vscode.Uri): Promise<SymbolSpan[]> {
  try {
    const symbols = (await vscode.commands.executeCommand<Array<vscode.DocumentSymbol | vscode.SymbolInformation> | undefined>('vscode.executeDocumentSymbolProvider', uri)) ?? [];
    return symbols.map((s) => {
      const range = 'range' in s ? s.range : s.location.range;
      return { name: s.name, startLine: range.start.line + 1, endLine: range.end.line + 1 };
    });
  } catch {
    return [];
  }
}

const SEVERITY: Record<vscode.DiagnosticSeverity, ProblemItem['severity']> = { 0: 'error', 1: 'warning', 2: 'info', 3: 'hint' };

/** The workspace's diagnostics (every open file's, and whatever the language servers report for the rest). */
export function problems(): ProblemItem[] {
  const items: ProblemItem[] = [];
  for (const [uri, diagnostics] of vscode.languages.getDiagnostics()) {
    if (uri.scheme !== 'file' || !vscode.workspace.getWorkspaceFolder(uri)) continue;
    for (const d of diagnostics) {
      const code = typeof d.code === 'object' ? String(d.code.value) : d.code === undefined ? undefined : String(d.code);
      items.push({
        path: relativePath(uri),
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        severity: SEVERITY[d.severity],
        message: d.message,
        ...(d.source ? { source: d.source } : {}),
        ...(code ? { code } : {}),
      });
    }
  }
  return items;
}

/** The slice of the built-in git extension's API this uses (extensions/git/src/api/git.d.ts). */
interface GitRepository {
  rootUri: vscode.Uri;
  state: { workingTreeChanges: Array<{ uri: vscode.Uri; status: number }>; untrackedChanges?: Array<{ uri: vscode.Uri }> };
  diff(cached?: boolean): Promise<string>;
}
interface GitApi {
  repositories: GitRepository[];
  openRepository?(root: vscode.Uri): Promise<GitRepository | null>;
}

/** The git API, or why it is not there. */
async function gitApi(): Promise<GitApi | string> {
  const extension = vscode.extensions.getExtension<{ getAPI(version: 1): GitApi; enabled?: boolean }>('vscode.git');
  if (!extension) return 'The built-in Git extension is not available, so there are no changes to attach.';
  const exports = extension.isActive ? extension.exports : await extension.activate();
  if (exports.enabled === false) return 'Git is disabled (git.enabled), so there are no changes to attach.';
  return exports.getAPI(1);
}

/** Status code of an untracked file in the git API's `Status` enum. */
const UNTRACKED = 7;

/** The working-tree and staged diff of every open repository, with the untracked files named, and how many files it names. */
export async function workingTreeChanges(): Promise<{ text: string; repositories: number; files: number } | string> {
  const api = await gitApi();
  if (typeof api === 'string') return api;
  const repos = api.repositories.filter(
    (r) =>
      vscode.workspace.getWorkspaceFolder(r.rootUri) !== undefined ||
      (vscode.workspace.workspaceFolders ?? []).some((f) => insideRoot(path.relative(r.rootUri.fsPath, f.uri.fsPath))),
  );
  if (repos.length === 0) return 'No git repository is open in the workspace.';
  const parts: string[] = [];
  let files = 0;
  for (const repo of repos) {
    const [unstaged, staged] = await Promise.all([repo.diff(false), repo.diff(true)]);
    const untracked = [...(repo.state.untrackedChanges ?? []), ...repo.state.workingTreeChanges.filter((c) => c.status === UNTRACKED)].map((c) => relativePath(c.uri));
    const body = [
      staged.trim() ? `# staged\n${staged.trim()}` : '',
      unstaged.trim() ? `# not staged\n${unstaged.trim()}` : '',
      untracked.length ? `# untracked\n${[...new Set(untracked)].join('\n')}` : '',
    ]
      .filter(Boolean)
      .join('\n\n');
    // Untracked files never appear in a diff, so the two lists do not overlap.
    files += new Set([...diffFiles(staged), ...diffFiles(unstaged)]).size + new Set(untracked).size;
    if (body) parts.push(repos.length > 1 ? `## ${relativePath(repo.rootUri) || repo.rootUri.fsPath}\n${body}` : body);
  }
  if (parts.length === 0) return 'There are no changes in the working tree.';
  return { text: parts.join('\n\n'), repositories: repos.length, files };
}

/** Most output kept of one terminal command. */
const MAX_TERMINAL_CHARS = 200_000;

/**
 * Keeps the last command that finished in a terminal with shell integration, and its output:
 * output can only be read from the start of an execution, so every execution is read as it runs.
 */
export class TerminalWatch extends Disposable {
  private last: TerminalRun | undefined;
  private readonly running = new Map<vscode.TerminalShellExecution, { output: string; done: Promise<void> }>();

  constructor() {
    super();
    this.register(
      vscode.window.onDidStartTerminalShellExecution((event) => {
        const entry = { output: '', done: Promise.resolve() };
        entry.done = (async () => {
          try {
            for await (const data of event.execution.read()) {
              entry.output += data;
              if (entry.output.length > MAX_TERMINAL_CHARS) entry.output = entry.output.slice(-MAX_TERMINAL_CHARS);
            }
          } catch {
            // A terminal closed mid-read: keep what was read.
          }
        })();
        this.running.set(event.execution, entry);
      }),
    );
    this.register(
      vscode.window.onDidEndTerminalShellExecution(async (event) => {
        const entry = this.running.get(event.execution);
        this.running.delete(event.execution);
        if (entry) await Promise.race([entry.done, new Promise((r) => setTimeout(r, 500))]);
        this.last = {
          terminal: event.terminal.name,
          command: event.execution.commandLine.value,
          output: entry?.output ?? '',
          ...(event.exitCode !== undefined ? { exitCode: event.exitCode } : {}),
          ...(event.execution.cwd ? { cwd: relativePath(event.execution.cwd) } : {}),
        };
      }),
    );
  }

  /** The last finished command, if any terminal with shell integration ran one. */
  lastRun(): TerminalRun | undefined {
    return this.last;
  }
}
