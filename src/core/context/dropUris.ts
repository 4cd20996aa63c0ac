/**
 * Where a file dropped on the chat lives on the extension host's disk. The workbench names a
 * dragged Explorer row as the window sees it: `file:///…` in a desktop window, but
 * `vscode-remote://<authority>/…` when the workspace is on a remote (code-server, SSH,
 * containers, Codespaces), where the extension host runs beside the files and sees the same
 * path as `file:`. An OS drop may also name a bare absolute path. Anything else (another
 * remote, `untitled:`, a virtual file system, `http:`) is not a file this host can read.
 * Whether the file is inside the workspace is decided after this, on the real path.
 */

/** A dropped entry as the host should open it, or why it cannot be attached. */
export type DropTarget = { ok: true; kind: 'uri'; uri: string } | { ok: true; kind: 'path'; path: string } | { ok: false; reason: string };

const URI = /^([a-zA-Z][a-zA-Z0-9+.-]*):(?:\/\/([^/?#]*))?([^?#]*)/;
/** `C:\…`, `C:/…` or `\\server\share`: a Windows path, not a URI with the scheme `c`. */
const WINDOWS_PATH = /^(?:[a-zA-Z]:[\\/]|\\\\)/;

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The remote's name as `vscode.env.remoteName` gives it: the authority up to its first `+` (`ssh-remote+host` → `ssh-remote`). */
export function remoteNameOf(authority: string): string {
  const plus = authority.indexOf('+');
  return plus < 0 ? authority : authority.slice(0, plus);
}

/**
 * Maps one dropped URI (or absolute path) to a `file:` URI or a path the host can open.
 * `remoteName` is the window's (`vscode.env.remoteName`), undefined in a local window; only a
 * `vscode-remote:` URI on a remote of that name is this host's own disk.
 */
export function dropTarget(raw: string, remoteName: string | undefined): DropTarget {
  const entry = raw.trim();
  if (entry.startsWith('/') || WINDOWS_PATH.test(entry)) return { ok: true, kind: 'path', path: entry };
  const match = URI.exec(entry);
  if (!match) return { ok: false, reason: `${entry} is not a file URI.` };
  const scheme = match[1].toLowerCase();
  const authority = decoded(match[2] ?? '');
  const path = match[3] || '/';
  if (scheme === 'file') return { ok: true, kind: 'uri', uri: entry };
  if (scheme === 'vscode-remote') {
    if (remoteName !== undefined && remoteNameOf(authority).toLowerCase() === remoteName.toLowerCase()) {
      return { ok: true, kind: 'uri', uri: `file://${path.startsWith('/') ? '' : '/'}${path}` };
    }
    return { ok: false, reason: `${decoded(path)} is on ${authority || 'another machine'}, not where this workspace is open; only files in the open folders can be attached.` };
  }
  return { ok: false, reason: `${entry} is not a file on disk.` };
}
