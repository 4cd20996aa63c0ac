/**
 * The `#folder`, `#symbol`, `#problems`, `#changes` and `#terminal` attachments, and the part of a
 * refused file the user takes instead: each read from
 * the workspace, checked against the window's room and for secrets, and returned for the context
 * service to issue, or refused with a `NotAttached` that says why.
 */
import * as vscode from 'vscode';
import { formatProblems, formatTerminal, formatTree, summarizeProblems, terminalRefusal } from '../../core/context/formats';
import { checkWindow, type PartSpec, type WindowRoom } from '../../core/context/limits';
import { estimateTextTokens } from '../../core/context/tokens';
import { detectSecrets } from '../../core/inline/secrets';
import type { AttachmentView, ContextOffer } from '../../shared/protocol';
import { checkFile, problems, readFirstLines, readText, relativePath, resolveSymbol as findSymbol, workingTreeChanges, type TerminalWatch } from './workspaceSources';

/** Most tokens of file content a folder attachment carries beside its tree. */
const FOLDER_FILE_TOKENS = 20_000;

/** Why something was not attached: shown as the chip's refused note, with the parts offered instead. */
export class NotAttached extends Error {
  constructor(
    message: string,
    readonly offers: Array<ContextOffer & { part: PartSpec }> = [],
    readonly source?: { uri: vscode.Uri; path: string },
  ) {
    super(message);
  }
}

/** An attachment before the context service gives it an id (and, unless set, a token count). */
export type Draft = Omit<AttachmentView, 'id' | 'tokens'> & { tokens?: number };

/** What the sources need from the context service. */
export interface SourceTools {
  /** The window's room now. */
  room(): WindowRoom;
  /** The workspace's files that git does not ignore. */
  files(): Promise<vscode.Uri[]>;
  /** Asks before text that looks like it holds a secret is attached; throws `NotAttached` when the user declines. */
  checkSecrets(text: string, path: string | undefined): Promise<void>;
}

export async function folderAttachment(value: string, tools: SourceTools): Promise<Draft> {
  const checked = await checkFile(value);
  if (!checked.ok) throw new NotAttached(checked.tooBig ? `${value} is not a folder.` : checked.reason);
  if (!checked.directory) throw new NotAttached(`${checked.path} is a file; attach it with #file.`);
  const prefix = checked.path === '' || checked.path === '.' ? '' : `${checked.path}/`;
  const files = (await tools.files())
    .map((uri) => ({ uri, path: relativePath(uri) }))
    .filter((f) => f.path.startsWith(prefix))
    .sort((a, b) => a.path.localeCompare(b.path));
  if (files.length === 0) throw new NotAttached(`${checked.path} has no files to attach.`);
  const tree = formatTree(
    checked.path,
    files.map((f) => f.path),
  );
  const room = tools.room();
  const budget = Math.min(FOLDER_FILE_TOKENS, room.maxTokens === undefined ? FOLDER_FILE_TOKENS : Math.max(0, room.maxTokens - room.usedTokens - estimateTextTokens(tree)));
  const parts: string[] = [];
  const left: string[] = [];
  let used = 0;
  for (const f of files) {
    const file = await checkFile(f.uri);
    if (!file.ok || file.directory || file.bytes > 100_000) {
      left.push(f.path);
      continue;
    }
    const { text } = await readText(f.uri);
    const tokens = estimateTextTokens(text);
    // A file that looks like it holds a secret is listed, not sent: a folder is no place to ask file by file.
    if (used + tokens > budget || detectSecrets(text, f.path).length > 0) {
      left.push(f.path);
      continue;
    }
    used += tokens;
    parts.push(`--- ${f.path} ---\n${text}`);
  }
  const note = left.length ? `\n\n(Listed but not included: ${left.slice(0, 50).join(', ')}${left.length > 50 ? ', …' : ''})` : '';
  const code = [tree, ...parts].join('\n\n') + note;
  const refusal = checkWindow(checked.path || 'The workspace', code, room);
  if (refusal) throw new NotAttached(refusal.reason);
  return { kind: 'folder', label: `${checked.path || '.'}/ · ${parts.length} of ${files.length} files`, code, path: checked.path || '.' };
}

export async function symbolAttachment(value: string, tools: SourceTools): Promise<Draft> {
  const symbol = await findSymbol(value);
  if (!symbol) throw new NotAttached(`No symbol named ${value} was found in the workspace.`);
  const checked = await checkFile(symbol.path);
  if (!checked.ok || checked.directory) throw new NotAttached(checked.ok ? `${symbol.path} is a folder.` : checked.reason);
  const { text, languageId } = await readText(checked.uri);
  const code = text
    .split('\n')
    .slice(symbol.startLine - 1, symbol.endLine)
    .join('\n');
  const refusal = checkWindow(symbol.name, code, tools.room());
  if (refusal) throw new NotAttached(refusal.reason);
  await tools.checkSecrets(code, symbol.path);
  return {
    kind: 'symbol',
    label: `${symbol.name} · ${symbol.path}`,
    code,
    language: languageId,
    path: symbol.path,
    range: { startLine: symbol.startLine, endLine: symbol.endLine },
  };
}

export async function problemsAttachment(tools: SourceTools): Promise<Draft> {
  const items = problems();
  if (items.length === 0) throw new NotAttached('There are no problems in the workspace.');
  const code = formatProblems(items);
  await tools.checkSecrets(code, undefined);
  return { kind: 'problems', label: `Problems · ${summarizeProblems(items)}`, code };
}

export async function changesAttachment(tools: SourceTools): Promise<Draft> {
  const changes = await workingTreeChanges();
  if (typeof changes === 'string') throw new NotAttached(changes);
  const refusal = checkWindow('The working-tree diff', changes.text, tools.room());
  if (refusal) throw new NotAttached(refusal.reason);
  await tools.checkSecrets(changes.text, undefined);
  const { files } = changes;
  return { kind: 'changes', label: `Changes · ${files} file${files === 1 ? '' : 's'}`, code: changes.text, language: 'diff' };
}

export async function terminalAttachment(watch: TerminalWatch, tools: SourceTools): Promise<Draft> {
  const run = watch.lastRun();
  const terminals = vscode.window.terminals;
  const refusal = terminalRefusal({ open: terminals.length, integrated: terminals.filter((t) => t.shellIntegration !== undefined).length, ...(run ? { last: run } : {}) });
  if (refusal || !run) throw new NotAttached(refusal ?? 'No terminal output to attach.');
  const code = formatTerminal(run);
  await tools.checkSecrets(code, undefined);
  return { kind: 'terminal', label: `Terminal · ${run.command.slice(0, 60)}`, code, language: 'shellsession' };
}

/** The part of a refused file the user took from its offers (its first lines, or one symbol). */
export async function partAttachment(source: { uri: vscode.Uri; path: string }, part: PartSpec, tools: SourceTools): Promise<Draft> {
  const whole = part.endLine <= 100_000 && (await checkFile(source.uri)).ok ? (await readText(source.uri)).text : await readFirstLines(source.uri, part.endLine);
  const code = whole
    .split('\n')
    .slice(part.startLine - 1, part.endLine)
    .join('\n');
  await tools.checkSecrets(code, source.path);
  const label = part.kind === 'symbol' ? `${source.path} · ${part.name}` : `${source.path} · lines ${part.startLine}–${part.endLine}`;
  const languageId = vscode.workspace.textDocuments.find((d) => d.uri.toString() === source.uri.toString())?.languageId;
  return {
    kind: part.kind === 'symbol' ? 'symbol' : 'file',
    label,
    code,
    path: source.path,
    range: { startLine: part.startLine, endLine: part.endLine },
    ...(languageId ? { language: languageId } : {}),
  };
}
