/**
 * The workspace's `.gitignore` files, read once and re-read when one changes: those inside each
 * workspace folder, and those above it up to the root of the git repository that holds it (a
 * folder opened below a repository's root follows the root's `.gitignore` too, as git does).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { gitignoreTest, type IgnoreFile, type IgnoreTest } from '../../core/context/gitignore';
import { Disposable } from '../disposable';

/** Most `.gitignore` files read per workspace folder. */
const MAX_IGNORE_FILES = 500;

const posixPath = (fsPath: string): string => fsPath.split(path.sep).join('/');

/** Tells which workspace files git ignores. */
export class GitignoreFilter extends Disposable {
  private loaded: Promise<IgnoreTest> | undefined;

  constructor(private readonly exclude: string) {
    super();
    const watcher = this.register(vscode.workspace.createFileSystemWatcher('**/.gitignore'));
    const forget = () => (this.loaded = undefined);
    this.register(watcher.onDidChange(forget));
    this.register(watcher.onDidCreate(forget));
    this.register(watcher.onDidDelete(forget));
    this.register(vscode.workspace.onDidChangeWorkspaceFolders(forget));
  }

  /** The files git would not ignore, in their order. */
  async keep(files: readonly vscode.Uri[]): Promise<vscode.Uri[]> {
    const ignored = await (this.loaded ??= this.load());
    return files.filter((f) => f.scheme !== 'file' || !ignored(posixPath(f.fsPath)));
  }

  private async load(): Promise<IgnoreTest> {
    const files: IgnoreFile[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      if (folder.uri.scheme !== 'file') continue;
      const inside = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/.gitignore'), this.exclude, MAX_IGNORE_FILES);
      const paths = [...inside.map((u) => u.fsPath), ...repositoryAncestors(folder.uri.fsPath)];
      for (const file of paths) {
        const text = await readFile(file, 'utf8').catch(() => undefined);
        if (text !== undefined) files.push({ dir: posixPath(path.dirname(file)), text });
      }
    }
    return gitignoreTest(files);
  }
}

/**
 * The `.gitignore` files of the folders above `folder` up to its repository's root, or none
 * when `folder` is a repository's root or in none.
 */
function repositoryAncestors(folder: string): string[] {
  if (existsSync(path.join(folder, '.git'))) return [];
  const found: string[] = [];
  for (let at = folder; at !== path.dirname(at); ) {
    at = path.dirname(at);
    const ignoreFile = path.join(at, '.gitignore');
    if (existsSync(ignoreFile)) found.push(ignoreFile);
    if (existsSync(path.join(at, '.git'))) return found;
  }
  return [];
}
