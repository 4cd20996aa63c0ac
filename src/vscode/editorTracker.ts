import * as vscode from 'vscode';
import { Disposable } from './disposable';

/**
 * Remembers the last text editor the user worked in. When a webview has focus,
 * `activeTextEditor` is undefined, yet "Insert at cursor" means that editor.
 */
export class EditorTracker extends Disposable {
  private last: vscode.TextEditor | undefined = vscode.window.activeTextEditor;

  constructor() {
    super();
    this.register(
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor) this.last = editor;
      }),
    );
  }

  /** The active editor, else the last one still visible. */
  get editor(): vscode.TextEditor | undefined {
    const active = vscode.window.activeTextEditor;
    if (active) return active;
    if (this.last && vscode.window.visibleTextEditors.includes(this.last)) return this.last;
    return vscode.window.visibleTextEditors[0];
  }
}
