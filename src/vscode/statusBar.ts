import * as vscode from 'vscode';
import { Disposable } from './disposable';

const IDLE_TEXT = '$(comment-discussion) Claude';

/**
 * The status-bar item: an idle "Claude" that opens the chat, and while an answer streams,
 * its live token rate; clicking it then stops the stream. Updates are throttled by the
 * caller's events (the controller sends metrics at most four times a second).
 */
export class ClaudeStatusBar extends Disposable {
  private readonly item = this.register(vscode.window.createStatusBarItem('claudeStream.status', vscode.StatusBarAlignment.Right, 100));

  constructor() {
    super();
    this.item.name = 'Claude Stream';
    this.showIdle();
    this.item.show();
  }

  showIdle(): void {
    this.item.text = IDLE_TEXT;
    this.item.tooltip = 'Claude: Open Chat';
    this.item.command = 'claudeStream.openChat';
  }

  showStreaming(tokensPerSecond?: number): void {
    const rate = tokensPerSecond && tokensPerSecond > 0 ? ` ${Math.round(tokensPerSecond)} tok/s` : '';
    this.item.text = `$(loading~spin) Claude${rate}`;
    this.item.tooltip = 'Claude is answering. Click to stop.';
    this.item.command = 'claudeStream.stop';
  }
}
