import * as vscode from 'vscode';
import { ChatController } from '../core/chat/chatController';
import { HistoryStore } from '../core/chat/historyStore';
import type { AnswerOutcome } from '../core/vocabulary';
import type { AttachmentView } from '../shared/protocol';
import type { AnalysisRouter } from './analysisRouter';
import { ChatPanel, CHAT_VIEW_TYPE, type ChatPanelDeps } from './chatPanel';
import type { CodeActions } from './codeActions';
import { WorkspaceContext } from './context/workspaceContext';
import type { ConfigService } from './config';
import { Disposable } from './disposable';
import type { EditorTracker } from './editorTracker';
import type { InsightsViewProvider } from './insightsView';
import type { LearningFeature } from './learningFeature';
import type { Logger } from '../core/ports';
import type { ModelsFeature } from './modelsFeature';
import type { ApiKeyStore } from './secrets';
import type { StatusAggregator } from './statusAggregator';
import type { StreamRunner } from './streamRunner';

/** Arguments `claudeStream.openChat` accepts from keybindings and scripts. */
function promptFrom(args: unknown): string | undefined {
  if (typeof args !== 'object' || args === null) return undefined;
  const prompt = (args as { prompt?: unknown }).prompt;
  return typeof prompt === 'string' && prompt.trim() !== '' ? prompt : undefined;
}

/** The services the chat composes. */
export interface ChatFeatureDeps {
  extensionUri: vscode.Uri;
  workspaceState: vscode.Memento;
  config: ConfigService;
  logger: Logger;
  keys: ApiKeyStore;
  runner: StreamRunner;
  models: ModelsFeature;
  learning: LearningFeature;
  analysis: AnalysisRouter;
  insights: InsightsViewProvider;
  status: StatusAggregator;
  codeActions: CodeActions;
  editors: EditorTracker;
  /** Sees every message the host means to post to the webview (test hooks only). */
  tap?: ChatPanelDeps['tap'];
}

/**
 * The chat surface: its controller and history, `Open Chat`, `New Chat` and `Stop`, the panel's
 * lifetime, and its restoration by a serializer after a window reload.
 */
export class ChatFeature extends Disposable {
  readonly controller: ChatController;
  readonly history: HistoryStore;
  /** `#` mentions, drops, images and the active-file toggle. */
  readonly context: WorkspaceContext;
  private panel: ChatPanel | undefined;
  private readonly panelDeps: ChatPanelDeps;

  constructor(private readonly deps: ChatFeatureDeps) {
    super();
    const { config, runner, models, learning, insights, status, logger, keys } = deps;
    this.history = new HistoryStore(deps.workspaceState, () => config.value.history.maxConversations, logger);
    const controller = new ChatController({
      runStream: runner.run,
      config: () => config.value,
      history: this.history,
      logger,
      analysis: deps.analysis.portFor('chat', (snapshot) => controller.acceptAnalysis(snapshot)),
      systemSuffix: () => learning.systemSuffix(),
      countTokens: runner.countTokens,
      // Decided by the server itself (it marks its responses), not guessed from a loopback URL.
      banner: () => (runner.usingDemoServer ? `Offline demo: answers come from the local demo server at ${config.value.baseUrl}` : undefined),
      catalog: models.catalog,
      imageData: (id) => this.context.imageData(id),
    });
    this.controller = controller;
    this.register({ dispose: () => controller.dispose() });
    this.context = this.register(
      new WorkspaceContext({
        editors: deps.editors,
        logger,
        room: () => controller.contextRoom(),
        images: () => controller.acceptsImages(),
        setAttachedTokens: (tokens) => controller.setAttachedTokens(tokens),
      }),
    );
    this.register(models.onDidChange(() => controller.showModels()));
    this.register(runner.onDidChangeDemo(() => controller.sendState()));
    this.register(learning.onDidChangeSuffix(() => controller.refreshSystemSuffix()));
    this.register(controller.onDidAnalyze((snapshot) => insights.showLive('chat', snapshot, status.rate('chat'))));
    this.register(keys.onDidChange(() => void this.panel?.showKeyStatus()));
    learning.follow(controller);
    status.watch({ name: 'chat', onDidChangeStatus: controller.onDidChangeStatus });

    this.panelDeps = {
      extensionUri: deps.extensionUri,
      controller,
      codeActions: deps.codeActions,
      editors: deps.editors,
      logger,
      tap: deps.tap,
      context: this.context,
      pickModel: () => models.pick(),
      selectModel: (model) => this.selectModel(model),
      selectEffort: (effort) => models.selectEffort(effort),
      keyStatus: () => keys.status(),
    };
    this.register(
      vscode.window.registerWebviewPanelSerializer(CHAT_VIEW_TYPE, {
        deserializeWebviewPanel: (restored) => {
          this.adopt(restored);
          return Promise.resolve();
        },
      }),
    );
    this.register({ dispose: () => this.panel?.dispose() });
    const command = (id: string, run: (args?: unknown) => unknown) => this.register(vscode.commands.registerCommand(id, run));
    command('claudeStream.openChat', (args) => {
      runner.prewarm();
      return this.open(args);
    });
    command('claudeStream.newChat', () => this.newChat());
    command('claudeStream.stop', () => this.stop());
  }

  /** The open panel, if any. */
  get current(): ChatPanel | undefined {
    return this.panel;
  }

  /** `Claude: Open Chat` — shows the panel and, given `{ prompt }`, sends it. */
  open(args?: unknown): Promise<void> {
    if (this.panel) this.panel.reveal();
    else this.adopt();
    // Whatever the user types next goes into the chat, whether the panel was open or not.
    this.panel?.focusInput();
    const prompt = promptFrom(args);
    // A prompt queued behind a running answer settles when it is sent; the command does not wait for it.
    if (prompt) void this.controller.submit(prompt);
    return Promise.resolve();
  }

  /** `Claude: New Chat`. */
  async newChat(): Promise<void> {
    await this.open();
    await this.controller.newChat();
  }

  /** `Claude: Stop`: every answer still streaming, the chat's and inline ones. */
  stop(): void {
    this.controller.stop();
    this.deps.runner.stopAll();
  }

  /** Opens the chat on an exchange that happened elsewhere (an inline ask), ready for a follow-up. */
  async continueExchange(question: string, answer: string, state: AnswerOutcome, context?: { prompt: string; attachments: AttachmentView[] }): Promise<void> {
    await this.open();
    await this.controller.continueExchange(question, answer, state, context);
  }

  /** The prompt cache is per model: says what a switch costs before making it. */
  private async selectModel(model: string): Promise<void> {
    const warning = model !== this.deps.config.value.model ? this.controller.modelSwitchWarning(model) : undefined;
    if (warning && (await vscode.window.showWarningMessage(warning, 'Switch', 'Keep current model')) !== 'Switch') {
      this.controller.showModels();
      return;
    }
    await this.deps.models.select(model);
  }

  private adopt(restored?: vscode.WebviewPanel): void {
    this.panel = ChatPanel.create(this.panelDeps, () => (this.panel = undefined), restored);
    void this.deps.models.refresh();
  }
}
