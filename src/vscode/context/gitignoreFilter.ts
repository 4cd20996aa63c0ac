/**
 * The workspace's `.gitignore` files: those among the workspace files listed for the completion,
 * and those above each workspace folder up to the root of the git repository that holds it (a
 * folder opened below a repository's root follows the root's `.gitignore` too, as git does).
 * They are read again only when one is added, removed or changed (by path, size and mtime), which
 * a listing shows at once, where a file watcher's event may come late.
 */
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { gitignoreTest, type IgnoreTest } from '../../core/context/gitignore';

const posixPath = (fsPath: string): string => fsPath.split(path.sep).join('/');

/** Tells which workspace files git ignores. */
export class GitignoreFilter {
  private built: { signature: string; test: IgnoreTest } | undefined;

  /** The files git would not ignore, in their order. */
  async keep(files: readonly vscode.Uri[]): Promise<vscode.Uri[]> {
    const ignored = await this.test(files);
    return files.filter((f) => f.scheme !== 'file' || !ignored(posixPath(f.fsPath)));
  }

  private async test(files: readonly vscode.Uri[]): Promise<IgnoreTest> {
    const inside = files.filter((f) => f.scheme === 'file' && path.basename(f.fsPath) === '.gitignore').map((f) => f.fsPath);
    const above = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').flatMap((f) => repositoryAncestors(f.uri.fsPath));
    const paths = [...new Set([...inside, ...above])].sort();
    const stats = await Promise.all(
      paths.map((p) =>
        stat(p).then(
          (s) => `${s.size}:${s.mtimeMs}`,
          () => 'gone',
        ),
      ),
    );
    const signature = paths.map((p, i) => `${p}@${stats[i]}`).join('\n');
    if (this.built?.signature === signature) return this.built.test;
    const read = await Promise.all(paths.map(async (p) => ({ dir: posixPath(path.dirname(p)), text: await readFile(p, 'utf8').catch(() => '') })));
    this.built = { signature, test: gitignoreTest(read) };
    return this.built.test;
  }
}

/**
 * The `.gitignore` files of the folders above `folder` up to its repository's root, or none
 * when `folder` is a repository's root or in none.
 */
function repositoryAncestors(folder: string): string[] {
  if (existsSync(path.join(folder, '.git'))) return [];
  const found: string[] = [];
  for (let at = folder; at !== path.dirname(at);) {
    at = path.dirname(at);
    const ignoreFile = path.join(at, '.gitignore');
    if (existsSync(ignoreFile)) found.push(ignoreFile);
    if (existsSync(path.join(at, '.git'))) return found;
  }
  return [];
}
