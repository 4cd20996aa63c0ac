import * as vscode from 'vscode';
import { languageIdForFence } from '../core/languages';
import { Disposable } from './disposable';
import type { EditorTracker } from './editorTracker';

/** Scheme of the right-hand side of an Apply diff; the diff's Accept / Reject buttons test it. */
const PROPOSAL_SCHEME = 'claude-stream-proposal';
/** Context key that is true while at least one Apply diff waits for Accept or Reject. */
const PENDING_CONTEXT = 'claudeStream.proposalPending';
/** View type of the chat panel, as tab inputs report it (VS Code may prefix it). */
const CHAT_VIEW_TYPE = 'claudeStream.chat';

/**
 * Waits for the user's verdict on a proposed change shown at `proposal`. The default waits for
 * Accept / Reject on the diff editor; tests replace it to answer without clicking.
 */
export type Confirm = (proposal: vscode.Uri) => Promise<boolean>;

/**
 * Code from an answer into the user's files: insert at the cursor, apply over the selection
 * after a diff that the user accepts or rejects on its title bar (one undoable edit), or open
 * as a new file in the fence's language.
 */
export class CodeActions extends Disposable {
  private readonly proposals = new Map<string, string>();
  /** Verdicts waited for, by proposal URI. */
  private readonly pending = new Map<string, (accepted: boolean) => void>();
  private counter = 0;
  /** The default verdict: Accept / Reject on the diff's title bar, or closing the diff. */
  readonly onDiff: Confirm = (proposal) => this.waitForVerdict(proposal);
  confirm: Confirm = this.onDiff;

  constructor(private readonly editors: EditorTracker) {
    super();
    const provider: vscode.TextDocumentContentProvider = {
      provideTextDocumentContent: (uri) => this.proposals.get(uri.toString()) ?? '',
    };
    this.register(vscode.workspace.registerTextDocumentContentProvider(PROPOSAL_SCHEME, provider));
    this.register(vscode.commands.registerCommand('claudeStream.proposal.accept', (target?: unknown) => this.decide(target, true)));
    this.register(vscode.commands.registerCommand('claudeStream.proposal.reject', (target?: unknown) => this.decide(target, false)));
    // Closing the diff without a verdict is a Reject: nothing waits on a tab the user cannot see.
    this.register(vscode.window.tabGroups.onDidChangeTabs((e) => e.closed.forEach((tab) => this.onTabClosed(tab))));
    this.register({ dispose: () => [...this.pending.values()].forEach((resolve) => resolve(false)) });
  }

  async insertAtCursor(code: string): Promise<boolean> {
    const editor = this.editors.editor;
    if (!editor) {
      void vscode.window.showWarningMessage('Claude: open a file and place the cursor where the code should go.');
      return false;
    }
    return editor.edit((builder) => builder.replace(editor.selection, code));
  }

  /** Shows a diff of the selection replaced by `code`, then applies it if the user accepts. */
  async applyToSelection(code: string): Promise<boolean> {
    const editor = this.editors.editor;
    if (!editor) {
      void vscode.window.showWarningMessage('Claude: select the code to replace in an editor first.');
      return false;
    }
    // A fenced block ends with a newline; over a selection that stops mid-line it would add a blank line.
    const fitted = editor.selection.end.character !== 0 && code.endsWith('\n') ? code.slice(0, -1) : code;
    return this.applyToRange(editor.document, editor.selection, fitted);
  }

  /**
   * Replaces `range` in `document` with `code` after a diff the user accepts or rejects on its
   * title bar; the diff closes either way, and undo reverts the change in one step.
   */
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
    const key = proposalUri.toString();
    this.proposals.set(key, proposed);
    try {
      const name = vscode.workspace.asRelativePath(document.uri);
      const verdict = this.confirm(proposalUri);
      const column = this.editorColumn(document.uri);
      // Not a preview: it must not replace the file's own preview tab.
      await vscode.commands.executeCommand('vscode.diff', document.uri, proposalUri, `${name} ↔ Claude's change (Accept or Reject above)`, { preview: false, viewColumn: column });
      const accepted = await verdict;
      // Applied while the diff still holds the file open, so the edit lands in its live model.
      const applied = accepted && (await this.applyIfUnchanged(document, before, range, code));
      await this.closeDiff(proposalUri);
      await this.showAgain(document.uri, column);
      return applied;
    } finally {
      this.proposals.delete(key);
      this.pending.get(key)?.(false);
    }
  }

  /** Opens `code` as an untitled file in the fence's language, in the editor group rather than over the chat. */
  async newFile(code: string, fence?: string): Promise<void> {
    const language = languageIdForFence(fence, await vscode.languages.getLanguages());
    const document = await vscode.workspace.openTextDocument({ content: code, language });
    await vscode.window.showTextDocument(document, { preview: false, viewColumn: this.editorColumn() });
  }

  /**
   * The group code should open in: where `uri` (or the last text editor) is shown, else the
   * first group without the chat, else a new group beside the chat.
   */
  private editorColumn(uri?: vscode.Uri): vscode.ViewColumn {
    const shown = uri && vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
    const column = (shown ?? this.editors.editor)?.viewColumn;
    if (column !== undefined) return column;
    const isChat = (tab: vscode.Tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(CHAT_VIEW_TYPE);
    const free = vscode.window.tabGroups.all.find((group) => !group.tabs.some(isChat));
    return free?.viewColumn ?? vscode.ViewColumn.Beside;
  }

  private waitForVerdict(proposal: vscode.Uri): Promise<boolean> {
    const key = proposal.toString();
    return new Promise<boolean>((resolve) => {
      this.pending.set(key, (accepted) => {
        if (!this.pending.delete(key)) return;
        void this.updateContext();
        resolve(accepted);
      });
      void this.updateContext();
    });
  }

  /** Accept / Reject: VS Code passes the diff's right-hand URI; from the palette, the active diff (or the only one) is meant. */
  private decide(target: unknown, accepted: boolean): void {
    const key = this.proposalKey(target);
    if (key) this.pending.get(key)?.(accepted);
  }

  private proposalKey(target: unknown): string | undefined {
    if (target instanceof vscode.Uri && target.scheme === PROPOSAL_SCHEME) return target.toString();
    const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    if (input instanceof vscode.TabInputTextDiff && input.modified.scheme === PROPOSAL_SCHEME) return input.modified.toString();
    return this.pending.size === 1 ? [...this.pending.keys()][0] : undefined;
  }

  private onTabClosed(tab: vscode.Tab): void {
    if (tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.scheme === PROPOSAL_SCHEME) this.pending.get(tab.input.modified.toString())?.(false);
  }

  private async applyIfUnchanged(document: vscode.TextDocument, before: string, range: vscode.Range, code: string): Promise<boolean> {
    if (document.getText() !== before) {
      void vscode.window.showWarningMessage('Claude: the file changed while the diff was open; nothing was applied.');
      return false;
    }
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, range, code);
    // Not a refactoring: VS Code would save the file at once (`files.refactoring.autoSave`) and undo would not bring the saved file back.
    return vscode.workspace.applyEdit(edit, { isRefactoring: false });
  }

  /**
   * Back to the file once decided, as a live document: an edit to a file no editor shows is
   * saved at once by VS Code (`files.refactoring.autoSave`), while a shown file keeps the
   * accepted change as an unsaved edit that undo reverts.
   */
  private showAgain(uri: vscode.Uri, column: vscode.ViewColumn): Thenable<vscode.TextEditor> {
    return vscode.window.showTextDocument(uri, { viewColumn: column, preserveFocus: false });
  }

  private async closeDiff(proposal: vscode.Uri): Promise<void> {
    const key = proposal.toString();
    const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs.filter((tab) => tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.toString() === key));
    if (tabs.length) await vscode.window.tabGroups.close(tabs);
  }

  private updateContext(): Thenable<unknown> {
    return vscode.commands.executeCommand('setContext', PENDING_CONTEXT, this.pending.size > 0);
  }
}
