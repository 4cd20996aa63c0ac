import * as vscode from 'vscode';
import { parseFileReference, safeExternalUrl } from '../core/links';
import type { Logger } from '../core/ports';

/** Opens a link from model output in the browser, only after the scheme check. */
export async function openExternalLink(href: string, logger: Logger): Promise<boolean> {
  const url = safeExternalUrl(href);
  if (!url) {
    logger.warn(`Refused to open a link with an unsafe scheme: ${href.slice(0, 80)}`);
    void vscode.window.showWarningMessage('Claude: that link was not opened because its scheme is not http, https or mailto.');
    return false;
  }
  return vscode.env.openExternal(vscode.Uri.parse(url, true));
}

/**
 * Opens a path mentioned in an answer, only if it names a file inside an open workspace
 * folder: a model cannot make the editor open arbitrary files on the machine.
 */
export async function openWorkspaceFile(reference: string): Promise<boolean> {
  const { path, line } = parseFileReference(reference);
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const candidate = path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) ? vscode.Uri.file(path) : vscode.Uri.joinPath(folder.uri, path);
    const inside = candidate.path === folder.uri.path || candidate.path.startsWith(`${folder.uri.path.replace(/\/$/, '')}/`);
    if (!inside) continue;
    try {
      const stat = await vscode.workspace.fs.stat(candidate);
      if (stat.type & vscode.FileType.Directory) {
        await vscode.commands.executeCommand('revealInExplorer', candidate);
        return true;
      }
      const editor = await vscode.window.showTextDocument(candidate, { preview: true });
      if (line !== undefined) {
        const position = new vscode.Position(Math.max(0, line - 1), 0);
        editor.selection = new vscode.Selection(position, position);
        editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      }
      return true;
    } catch {
      // Not in this folder; try the next.
    }
  }
  void vscode.window.showInformationMessage(`Claude: no file named ${path.slice(0, 120)} in this workspace.`);
  return false;
}
