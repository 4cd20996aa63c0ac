import * as vscode from 'vscode';
import type { ChatController } from '../core/chat/chatController';
import { ChatPanel, CHAT_VIEW_TYPE, type ChatPanelDeps } from './chatPanel';
import { Disposable } from './disposable';

/** Arguments `claudeStream.openChat` accepts from keybindings and scripts. */
function promptFrom(args: unknown): string | undefined {
  if (typeof args !== 'object' || args === null) return undefined;
  const prompt = (args as { prompt?: unknown }).prompt;
  return typeof prompt === 'string' && prompt.trim() !== '' ? prompt : undefined;
}

/**
 * The chat surface: `Open Chat`, `New Chat`, the panel's lifetime, and its restoration
 * by a serializer after a window reload.
 */
export class ChatFeature extends Disposable {
  private panel: ChatPanel | undefined;

  constructor(
    private readonly deps: ChatPanelDeps,
    private readonly refreshModels: () => Promise<void>,
  ) {
    super();
    this.register(
      vscode.window.registerWebviewPanelSerializer(CHAT_VIEW_TYPE, {
        deserializeWebviewPanel: (restored) => {
          this.adopt(restored);
          return Promise.resolve();
        },
      }),
    );
    this.register({ dispose: () => this.panel?.dispose() });
  }

  /** The open panel, if any. */
  get current(): ChatPanel | undefined {
    return this.panel;
  }

  get controller(): ChatController {
    return this.deps.controller;
  }

  /** `Claude: Open Chat` — shows the panel and, given `{ prompt }`, sends it. */
  open(args?: unknown): Promise<void> {
    if (this.panel) this.panel.reveal();
    else this.adopt();
    // Whatever the user types next goes into the chat, whether the panel was open or not.
    this.panel?.focusInput();
    const prompt = promptFrom(args);
    // A prompt queued behind a running answer settles when it is sent; the command does not wait for it.
    if (prompt) void this.deps.controller.submit(prompt);
    return Promise.resolve();
  }

  /** `Claude: New Chat`. */
  async newChat(): Promise<void> {
    await this.open();
    await this.deps.controller.newChat();
  }

  private adopt(restored?: vscode.WebviewPanel): void {
    this.panel = ChatPanel.create(this.deps, () => (this.panel = undefined), restored);
    void this.refreshModels();
  }
}
