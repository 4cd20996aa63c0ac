import * as vscode from 'vscode';
import type { AnalysisClient } from '../core/analysis/analysisClient';
import type { ChatController } from '../core/chat/chatController';
import type { ChatHostMessage } from '../shared/protocol';
import type { ChatFeature } from './chatFeature';
import type { CodeActions } from './codeActions';
import type { ConfigService } from './config';
import { Disposable } from './disposable';
import type { InsightsViewProvider } from './insightsView';
import type { LearningFeature } from './learningFeature';

/** How many chat messages the tap keeps, newest last. */
const POSTED_LIMIT = 2000;

/** What the hooks read and drive. */
export interface TestHookTargets {
  controller: ChatController;
  config: ConfigService;
  chat: ChatFeature;
  insights: InsightsViewProvider;
  learning: LearningFeature;
  analysis: AnalysisClient;
  codeActions: CodeActions;
  /** The extension's `deactivate()`, as VS Code calls it when the window closes. */
  deactivate(): unknown;
}

/**
 * Hooks for the integration suite, present only when `CLAUDE_STREAM_TEST_HOOKS=1`: read-only
 * views, plus drivers that feed messages through the same validation a webview's messages go
 * through. In normal use nothing is registered and nothing is recorded.
 */
export class TestHooks extends Disposable {
  readonly enabled = process.env.CLAUDE_STREAM_TEST_HOOKS === '1';
  private readonly posted: Array<{ delivered: boolean; message: ChatHostMessage }> = [];

  /** Records what the host posted to the chat webview (undefined when the hooks are off). */
  readonly tap = this.enabled
    ? (message: ChatHostMessage, delivered: boolean): void => {
        this.posted.push({ delivered, message });
        if (this.posted.length > POSTED_LIMIT) this.posted.splice(0, this.posted.length - POSTED_LIMIT);
      }
    : undefined;

  /** Registers the `claudeStream._test.*` commands, if the hooks are on. */
  registerCommands(t: TestHookTargets): void {
    if (!this.enabled) return;
    const command = (id: string, run: (...args: unknown[]) => unknown) => this.register(vscode.commands.registerCommand(`claudeStream._test.${id}`, run));
    command('chatState', () => ({
      conversationId: t.controller.conversationId,
      streaming: t.controller.isStreaming,
      messages: t.controller.messages().map(({ id, role, state, text, stop, error }) => ({ id, role, state, text, stop, error: error?.message })),
    }));
    command('config', () => t.config.value);
    command('chatPosted', () => this.posted.slice());
    command('chatPanel', () => ({ open: t.chat.current !== undefined, visible: t.chat.current?.visible ?? false, viewColumn: t.chat.current?.viewColumn }));
    // Feeds a message through the panel's own validation and handling, as if the webview sent it.
    command('chatReceive', (raw) => t.chat.current?.receive(raw));
    command('insightsState', () => t.insights.lastPosted());
    command('insightsMessage', (raw) => t.insights.receive(raw));
    command('learning', () => t.learning.testState());
    command('analysisStarted', () => t.analysis.started);
    command('deactivate', () => t.deactivate());
    // `true` / `false` answers every Apply diff at once; anything else restores Accept / Reject on the diff.
    // `true` / `false` answers every "attach a secret?" ask and records its warning; anything else restores the modal.
    const modal = t.chat.context.confirmSecret;
    const asked: string[] = [];
    command('contextConfirm', (answer) => {
      t.chat.context.confirmSecret = typeof answer === 'boolean' ? (warning) => (asked.push(warning), Promise.resolve(answer)) : modal;
    });
    command('contextAsked', () => asked.slice());
    command('autoConfirm', (answer) => {
      t.codeActions.confirm = typeof answer === 'boolean' ? () => Promise.resolve(answer) : t.codeActions.onDiff;
    });
  }
}
