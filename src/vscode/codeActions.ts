import * as vscode from 'vscode';
import { Disposable } from './disposable';
import type { EditorTracker } from './editorTracker';

const PROPOSAL_SCHEME = 'claude-stream-proposal';

/** Asks the user to confirm an edit; tests replace it to answer without a notification. */
export type Confirm = (message: string, action: string) => Promise<boolean>;

const askUser: Confirm = async (message, action) => (await vscode.window.showInformationMessage(message, action, 'Cancel')) === action;

/**
 * Code from an answer into the user's files: insert at the cursor, apply over the
 * selection after a diff preview (one undoable edit), or open as a new file.
 */
export class CodeActions extends Disposable {
  private readonly proposals = new Map<string, string>();
  private counter = 0;
  confirm: Confirm = askUser;

  constructor(private readonly editors: EditorTracker) {
    super();
    const provider: vscode.TextDocumentContentProvider = {
      provideTextDocumentContent: (uri) => this.proposals.get(uri.toString()) ?? '',
    };
    this.register(vscode.workspace.registerTextDocumentContentProvider(PROPOSAL_SCHEME, provider));
  }

  async insertAtCursor(code: string): Promise<boolean> {
    const editor = this.editors.editor;
    if (!editor) {
      void vscode.window.showWarningMessage('Claude: open a file and place the cursor where the code should go.');
      return false;
    }
    return editor.edit((builder) => builder.replace(editor.selection, code));
  }

  /** Shows a diff of the selection replaced by `code`, then applies it if the user agrees. */
  async applyToSelection(code: string): Promise<boolean> {
    const editor = this.editors.editor;
    if (!editor) {
      void vscode.window.showWarningMessage('Claude: select the code to replace in an editor first.');
      return false;
    }
    return this.applyToRange(editor.document, editor.selection, code);
  }

  /** Replaces `range` in `document` with `code` after a diff preview; undo reverts it in one step. */
  async applyToRange(document: vscode.TextDocument, range: vscode.Range, code: string): Promise<boolean> {
    const before = document.getText();
    const start = document.offsetAt(range.start);
    const end = document.offsetAt(range.end);
    const proposed = before.slice(0, start) + code + before.slice(end);
    const proposalUri = vscode.Uri.from({
      scheme: PROPOSAL_SCHEME,
      path: document.uri.path,
      query: `v=${++this.counter}`,
    });
    this.proposals.set(proposalUri.toString(), proposed);
    try {
      const name = vscode.workspace.asRelativePath(document.uri);
      await vscode.commands.executeCommand('vscode.diff', document.uri, proposalUri, `${name} ↔ Claude's change`, { preview: true });
      if (!(await this.confirm(`Apply Claude's change to ${name}?`, 'Apply'))) return false;
      if (document.getText() !== before) {
        void vscode.window.showWarningMessage('Claude: the file changed while the diff was open; nothing was applied.');
        return false;
      }
      const edit = new vscode.WorkspaceEdit();
      edit.replace(document.uri, range, code);
      return await vscode.workspace.applyEdit(edit);
    } finally {
      this.proposals.delete(proposalUri.toString());
    }
  }

  async newFile(code: string, language?: string): Promise<void> {
    const document = await vscode.workspace.openTextDocument({ content: code, language: language || undefined });
    await vscode.window.showTextDocument(document, { preview: false });
  }
}
