import * as vscode from 'vscode';
import type { ChatController } from '../core/chat/chatController';
import type { ChatView } from '../core/chat/chatTypes';
import type { Logger } from '../core/ports';
import { parseChatWebviewMessage, type ChatHostMessage, type ApiKeyStatus, type ChatWebviewMessage, type EffortChoice, type ErrorAction } from '../shared/protocol';
import { lastSelectedLine } from '../core/inline/context';
import { selectionAttachment } from '../core/chat/attachments';
import type { CodeActions } from './codeActions';
import type { ChatContext } from './context/chatContext';
import { Disposable } from './disposable';
import { runErrorAction } from './errorActions';
import type { EditorTracker } from './editorTracker';
import { openExternalLink, openWorkspaceFile } from './links';
import { receiveWebviewMessage, setUpWebview, type WebviewInbox } from './webviewHost';

export const CHAT_VIEW_TYPE = 'claudeStream.chat';

/** What the chat panel needs from the rest of the extension. */
export interface ChatPanelDeps {
  extensionUri: vscode.Uri;
  controller: ChatController;
  codeActions: CodeActions;
  editors: EditorTracker;
  logger: Logger;
  /** Workspace context: `#` mentions, drops, images, the active-file toggle. */
  context?: ChatContext;
  pickModel(): Promise<void>;
  selectModel(model: string): Promise<void>;
  /** Writes `claudeStream.effort` ('' clears it, back to the model's own). */
  selectEffort(effort: EffortChoice): Promise<void>;
  /** Where the API key comes from, for the welcome of an empty chat. */
  keyStatus(): Promise<ApiKeyStatus>;
  /** Sees every message the host means to post, and whether the webview was ready to get it (test hooks only). */
  tap?(message: ChatHostMessage, delivered: boolean): void;
}

/**
 * The one chat panel beside the editor. It owns the WebviewPanel, speaks the typed
 * protocol, validates everything the webview sends, and leaves behaviour to the
 * ChatController.
 */
export class ChatPanel extends Disposable implements ChatView {
  private ready = false;
  private readonly inbox: WebviewInbox<ChatWebviewMessage>;
  /** A command revealed the chat: the input takes the focus once the webview can be told. */
  private focusWanted = false;

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly deps: ChatPanelDeps,
    onDispose: () => void,
  ) {
    super();
    this.inbox = { label: 'Chat', parse: parseChatWebviewMessage, handle: (message) => this.handle(message), logger: deps.logger };
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'claude.svg');
    this.register(setUpWebview(panel.webview, { ...this.inbox, extensionUri: deps.extensionUri, page: 'chat' }));
    this.register(
      panel.onDidChangeViewState(() => {
        // A hidden panel's webview is torn down; it says `ready` again when shown.
        if (!panel.visible) this.ready = false;
      }),
    );
    this.register(
      panel.onDidDispose(() => {
        this.ready = false;
        deps.controller.attach(undefined);
        onDispose();
        this.dispose();
      }),
    );
  }

  /** Creates the panel, or adopts one VS Code restored after a reload. */
  static create(deps: ChatPanelDeps, onDispose: () => void, restored?: vscode.WebviewPanel): ChatPanel {
    const panel =
      restored ??
      vscode.window.createWebviewPanel(
        CHAT_VIEW_TYPE,
        'Claude Chat',
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
        {
          enableScripts: true,
          retainContextWhenHidden: false,
        },
      );
    return new ChatPanel(panel, deps, onDispose);
  }

  get visible(): boolean {
    return this.ready && this.panel.visible;
  }

  /** The editor group the panel is in. */
  get viewColumn(): vscode.ViewColumn | undefined {
    return this.panel.viewColumn;
  }

  /** Shows the panel beside the editor the user works in, moving it out of that editor's group if it is there. */
  reveal(): void {
    const editorColumn = this.deps.editors.editor?.viewColumn;
    const overEditor = editorColumn !== undefined && this.panel.viewColumn === editorColumn;
    this.panel.reveal(overEditor ? vscode.ViewColumn.Beside : undefined, false);
  }

  /** Tells the webview where the API key comes from now. */
  async showKeyStatus(): Promise<void> {
    this.post({ type: 'apiKey', status: await this.deps.keyStatus() });
  }

  /** Puts the keyboard focus in the chat input, now or as soon as the webview is ready. */
  focusInput(): void {
    this.focusWanted = true;
    if (this.ready) this.sendFocus();
  }

  private sendFocus(): void {
    this.focusWanted = false;
    void this.post({ type: 'input/focus' });
  }

  private readonly poster = (message: ChatHostMessage): void => {
    void this.post(message);
  };

  /** Returns VS Code's delivery promise, so the controller keeps at most one delta in flight. */
  post(message: ChatHostMessage): Thenable<boolean> | undefined {
    this.deps.tap?.(message, this.ready);
    if (!this.ready) return undefined;
    return this.panel.webview.postMessage(message);
  }

  override dispose(): void {
    if (this.isDisposed) return;
    super.dispose();
    this.panel.dispose();
  }

  /** Handles one message from the webview; nothing is trusted before `parseChatWebviewMessage` accepts it. */
  receive(raw: unknown): void {
    void receiveWebviewMessage(raw, this.inbox);
  }

  private async handle(message: ChatWebviewMessage): Promise<void> {
    const { controller } = this.deps;
    switch (message.type) {
      case 'ready':
        this.ready = true;
        controller.attach(this);
        if (this.focusWanted) this.sendFocus();
        this.deps.context?.ready(this.poster);
        return this.showKeyStatus();
      case 'prompt/submit': {
        const context = this.deps.context;
        if (!context) return controller.submit(message.text, message.attachments);
        const attachments = await context.prepareSubmit(message.text, message.attachments, this.poster);
        if (attachments) await controller.submit(message.text, attachments);
        return;
      }
      case 'queue/edit':
        return controller.editQueued(message.id, message.text);
      case 'queue/remove':
        return controller.removeQueued(message.id);
      case 'queue/resume':
        return controller.resumeQueue();
      case 'message/branch':
        return controller.selectBranch(message.messageId, message.index);
      case 'stream/stop':
        return controller.stop();
      case 'message/regenerate':
        return controller.regenerate();
      case 'message/edit':
        return controller.edit(message.messageId, message.text);
      case 'message/copy': {
        const found = controller.findMessage(message.messageId);
        if (!found) return;
        await vscode.env.clipboard.writeText(found.text);
        controller.signal(message.messageId, 'copied');
        return;
      }
      case 'message/feedback':
        return controller.feedback(message.messageId, message.value);
      case 'code/action':
        return this.codeAction(message);
      case 'error/action':
        return this.errorAction(message.action, message.setting);
      case 'error/copyRequestId':
        await vscode.env.clipboard.writeText(message.requestId);
        return;
      case 'link/open':
        await openExternalLink(message.href, this.deps.logger);
        return;
      case 'file/open':
        await openWorkspaceFile(message.path);
        return;
      case 'model/select':
        return this.deps.selectModel(message.model);
      case 'effort/select':
        return this.deps.selectEffort(message.effort);
      case 'message/continue':
        return controller.continueAnswer(message.messageId);
      case 'context/addSelection':
        return this.addSelection();
      case 'context/query':
      case 'context/add':
      case 'context/acceptOffer':
      case 'context/dropUris':
      case 'context/image':
      case 'context/activeFile':
      case 'context/remove':
        if (this.deps.context) return this.deps.context.handle(message, this.poster);
        if (message.type !== 'context/remove' && message.type !== 'context/activeFile') {
          this.post({ type: 'context/refused', requestId: message.requestId, reason: 'Workspace context is not available in this window.' });
        }
        return;
      case 'chat/new':
        return controller.newChat();
      case 'history/open':
        await controller.openConversation(message.conversationId);
        return;
      case 'context/summarize':
        await controller.summarizeAndContinue();
        return;
      case 'context/dropOldest':
        await controller.dropOldestTurns();
        return;
      default: {
        const unreachable: never = message;
        return unreachable;
      }
    }
  }

  private async codeAction(message: Extract<ChatWebviewMessage, { type: 'code/action' }>): Promise<void> {
    const { controller, codeActions } = this.deps;
    switch (message.action) {
      case 'copy':
        await vscode.env.clipboard.writeText(message.code);
        controller.signal(message.messageId, 'copied');
        return;
      case 'insert':
        if (await codeActions.insertAtCursor(message.code)) controller.signal(message.messageId, 'inserted');
        return;
      case 'apply':
        if (await codeActions.applyToSelection(message.code)) controller.signal(message.messageId, 'applied');
        return;
      case 'newFile':
        await codeActions.newFile(message.code, message.language);
        controller.signal(message.messageId, 'inserted');
        return;
    }
  }

  private errorAction(action: ErrorAction, setting: string | undefined): Promise<void> {
    const { controller } = this.deps;
    return runErrorAction(action, setting, {
      pickModel: () => this.deps.pickModel(),
      retry: () => controller.regenerate(),
      newChat: async () => {
        // The prompt that did not fit goes back in the input, so starting over loses nothing.
        const prompt = [...controller.messages()].reverse().find((m) => m.role === 'user')?.text;
        await controller.newChat();
        if (prompt) this.post({ type: 'input/set', text: prompt, focus: true });
      },
      dropOldest: () => controller.dropOldestAndRetry(),
    });
  }

  private addSelection(): void {
    const editor = this.deps.editors.editor;
    const text = editor?.document.getText(editor.selection) ?? '';
    if (!editor || text.trim() === '') {
      this.post({ type: 'notice', level: 'info', text: 'Select some code in an editor first.' });
      return;
    }
    const { start, end } = editor.selection;
    const path = vscode.workspace.asRelativePath(editor.document.uri);
    const attachment = selectionAttachment(path, editor.document.languageId, start.line + 1, lastSelectedLine(start, end) + 1, text.replace(/\r?\n$/, ''));
    this.deps.context?.adopt(attachment);
    this.post({ type: 'input/attach', attachment });
    this.sendFocus();
  }
}
