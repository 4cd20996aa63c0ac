/**
 * `.gitignore` rules for the `#file` / `#folder` completion and folder attachments: VS Code's
 * `workspace.findFiles` applies `files.exclude` only, so what git ignores is filtered here.
 *
 * Each `.gitignore` applies to the paths below its own folder. Git reads them from the top down,
 * a deeper file's patterns overriding a shallower one's, and a path below an excluded folder is
 * excluded whatever its own patterns say. That is what one rule list does when a nested file's
 * patterns are rewritten relative to the top folder and added after its parents' (the `ignore`
 * package checks the parent folders first), so each tree of `.gitignore` files becomes one list.
 * Paths are absolute and `/`-separated.
 */
import ignore, { type Ignore } from 'ignore';
import { posix } from 'node:path';

/** One `.gitignore`: the folder it sits in (absolute, `/`-separated) and its text. */
export interface IgnoreFile {
  dir: string;
  text: string;
}

/** Answers whether git would ignore an absolute path. */
export type IgnoreTest = (absolutePath: string) => boolean;

/** Builds the test for a set of `.gitignore` files (any order). */
export function gitignoreTest(files: readonly IgnoreFile[]): IgnoreTest {
  const trees: Array<{ top: string; rules: Ignore }> = [];
  // Shallow first: a tree's top is its shallowest folder, and deeper patterns come after.
  for (const file of [...files].sort((a, b) => depth(a.dir) - depth(b.dir))) {
    const dir = trimSlash(file.dir);
    let tree = trees.find((t) => below(t.top, dir) !== undefined);
    if (!tree) trees.push((tree = { top: dir, rules: ignore() }));
    const prefix = below(tree.top, dir) ?? '';
    tree.rules.add(file.text.split(/\r?\n/).map((line) => relativeTo(prefix, line)));
  }
  return (absolutePath) =>
    trees.some(({ top, rules }) => {
      const relative = below(top, absolutePath);
      return relative !== undefined && relative !== '' && rules.ignores(relative);
    });
}

/**
 * A pattern of the `.gitignore` in folder `prefix` (relative to the tree's top) as the top's
 * `.gitignore` would say it: a pattern with a slash is anchored to its folder, one without
 * matches at any depth below it.
 */
export function relativeTo(prefix: string, line: string): string {
  if (prefix === '' || line.trim() === '' || line.startsWith('#')) return line;
  const negated = line.startsWith('!');
  const pattern = negated ? line.slice(1) : line;
  const anchored = pattern.startsWith('/') || pattern.replace(/\/+\s*$/, '').includes('/');
  const rewritten = anchored ? `${prefix}/${pattern.replace(/^\/+/, '')}` : `${prefix}/**/${pattern}`;
  return negated ? `!${rewritten}` : rewritten;
}

/** `path` relative to `dir` when it is `dir` or below it; undefined otherwise. */
function below(dir: string, path: string): string | undefined {
  const relative = posix.relative(dir, path);
  return relative === '..' || relative.startsWith('../') || posix.isAbsolute(relative) ? undefined : relative;
}

const depth = (dir: string): number => trimSlash(dir).split('/').length;
const trimSlash = (p: string): string => (p.length > 1 ? p.replace(/\/+$/, '') : p);
