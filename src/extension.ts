import * as vscode from 'vscode';
import { AnalysisClient, ANALYSIS_MIN_INTERVAL_MS } from './core/analysis/analysisClient';
import { ChatController } from './core/chat/chatController';
import type { LiveAnalysisPort } from './core/chat/chatTypes';
import { CostLedger } from './core/chat/costLedger';
import { HistoryStore } from './core/chat/historyStore';
import type { AnalysisSnapshot, ChatHostMessage, EffortChoice } from './shared/protocol';
import { ChatFeature } from './vscode/chatFeature';
import { CodeActions } from './vscode/codeActions';
import { ConfigService } from './vscode/config';
import { EditorTracker } from './vscode/editorTracker';
import { InlineAsk } from './vscode/inlineAsk';
import { InsightsViewProvider, type InsightsSource } from './vscode/insightsView';
import { LearningFeature } from './vscode/learningFeature';
import { ModelsFeature } from './vscode/modelsFeature';
import { openWorkspaceFile } from './vscode/links';
import { ResourceMonitor } from './vscode/resourceMonitor';
import { createLogger } from './vscode/logger';
import { ApiKeyStore } from './vscode/secrets';
import { ClaudeStatusBar } from './vscode/statusBar';
import { StreamRunner } from './vscode/streamRunner';

let stopEverything: (() => void) | undefined;

/** Composes the services and registers what they contribute. Nothing else happens here. */
export function activate(context: vscode.ExtensionContext): void {
  const started = performance.now();
  const memoryAtStart = process.memoryUsage();
  const own = <T extends { dispose(): unknown }>(disposable: T): T => {
    context.subscriptions.push(disposable as vscode.Disposable);
    return disposable;
  };

  let keys: ApiKeyStore | undefined;
  const { logger, channel } = createLogger(() => keys?.knownKeys() ?? [process.env.ANTHROPIC_API_KEY]);
  own(channel);
  keys = own(new ApiKeyStore(context.secrets, logger));
  const config = own(new ConfigService());
  let models: ModelsFeature | undefined;
  const runner = new StreamRunner(keys, () => config.value, logger, (model) => models?.catalog.profile(model));
  models = own(new ModelsFeature({ listModels: () => runner.listModels(), config, globalState: context.globalState, logger }));

  // Insights view and learning: the sidebar shows what the learning feature and live analysis report.
  let learning: LearningFeature | undefined;
  const insights = own(
    new InsightsViewProvider({
      extensionUri: context.extensionUri,
      logger,
      onApplyInsight: (id) => learning?.apply(id),
      onDismissInsight: (id) => learning?.dismiss(id),
      onSummarize: () => learning?.summarize(),
      // The user applied a new note: the next request of the chat carries it (and writes a new cache).
      onEditPreferences: async (text) => {
        await learning?.setPreferences(text);
        controller.refreshSystemSuffix();
      },
      onApplyToPrompts: (enabled) => learning?.setApplyToPrompts(enabled),
      openFile: (path) => openWorkspaceFile(path),
      onVisible: () => learning?.refresh(),
    }),
  );
  own(vscode.window.registerWebviewViewProvider(InsightsViewProvider.viewType, insights));
  learning = own(
    new LearningFeature({
      storageRoot: context.storageUri ?? context.globalStorageUri,
      workspaceState: context.workspaceState,
      config,
      logger,
      onViewChanged: (view, enabled) => insights.showLearning(view, enabled),
      runStream: runner.run,
    }),
  );

  // Live analysis runs in a worker thread, started on the first stream.
  const routes = new Map<string, (snapshot: AnalysisSnapshot) => void>();
  const analysisClient = new AnalysisClient({
    workerPath: context.asAbsolutePath('dist/analysisWorker.js'),
    threshold: config.value.analysis.threshold,
    minChunkIntervalMs: ANALYSIS_MIN_INTERVAL_MS,
    onSnapshot: (snapshot) => routes.get(snapshot.streamId)?.(snapshot),
    logger,
  });
  own({ dispose: () => void analysisClient.dispose() });
  const analysisFor = (source: InsightsSource, route: (snapshot: AnalysisSnapshot) => void): LiveAnalysisPort => ({
    begin: (streamId) => {
      routes.set(streamId, route);
      insights.beginLive(source, streamId);
      analysisClient.begin(streamId);
    },
    push: (streamId, delta) => analysisClient.push(streamId, delta),
    end: (streamId, outcome) => {
      // Before the final snapshot arrives, so a stopped answer is never shown as finished.
      if (outcome) insights.endLive(streamId, outcome);
      return analysisClient.end(streamId).finally(() => routes.delete(streamId));
    },
  });

  const history = new HistoryStore(context.workspaceState, () => config.value.history.maxConversations, logger);
  let chatRate: number | undefined;
  const controller = new ChatController({
    runStream: runner.run,
    config: () => config.value,
    history,
    logger,
    analysis: analysisFor('chat', (snapshot) => controller.acceptAnalysis(snapshot)),
    systemSuffix: () => learning?.systemSuffix(),
    countTokens: runner.countTokens,
    // Decided by the server itself (it marks its responses), not guessed from a loopback URL.
    banner: () => (runner.usingDemoServer ? `Offline demo: answers come from the local demo server at ${config.value.baseUrl}` : undefined),
    catalog: models.catalog,
  });
  own(models.onDidChange(() => controller.showModels()));
  own({ dispose: () => controller.dispose() });
  own(runner.onDidChangeDemo(() => controller.sendState()));
  own(controller.onDidAnalyze((snapshot) => insights.showLive('chat', snapshot, chatRate)));
  own(controller.onDidCompleteAnswer((answer) => learning?.recordAnswer(answer)));
  // Cost per day and per conversation for the Insights view: every billed request, summaries too.
  const ledger = new CostLedger(context.workspaceState);
  const showCost = () => insights.showCost(ledger.view(Date.now()));
  const addCost = (entry: Parameters<CostLedger['add']>[0]) => void ledger.add(entry).then(showCost, (error: unknown) => logger.warn(`Could not record cost: ${String(error)}`));
  own(controller.onDidBill((bill) => addCost({ ...bill, title: history.list().find((c) => c.id === bill.conversationId)?.title })));
  showCost();
  own(controller.onDidSignal(({ messageId, signal }) => learning?.signal(messageId, signal)));
  own(controller.onDidFollowUp(({ previousMessageId, text }) => learning?.followUp(previousMessageId, text)));

  const editors = own(new EditorTracker());
  const codeActions = own(new CodeActions(editors));
  const refreshModels = () => models.refresh();
  const selectModel = async (model: string) => {
    // The prompt cache is per model: say what a switch costs before making it.
    const warning = model !== config.value.model ? controller.modelSwitchWarning(model) : undefined;
    if (warning && (await vscode.window.showWarningMessage(warning, 'Switch', 'Keep current model')) !== 'Switch') {
      controller.showModels();
      return;
    }
    await models.select(model);
  };
  const pickModel = () => models.pick();
  // Test hooks only: what the host posted to the chat webview, newest last, bounded.
  const testHooks = process.env.CLAUDE_STREAM_TEST_HOOKS === '1';
  const posted: Array<{ delivered: boolean; message: ChatHostMessage }> = [];
  const tap = testHooks
    ? (message: ChatHostMessage, delivered: boolean) => {
        posted.push({ delivered, message });
        if (posted.length > 2000) posted.splice(0, posted.length - 2000);
      }
    : undefined;
  const selectEffort = (effort: EffortChoice) => models.selectEffort(effort);
  const keyStatus = () => keys?.status() ?? Promise.resolve('missing' as const);
  const chat = own(new ChatFeature({ extensionUri: context.extensionUri, controller, codeActions, editors, logger, pickModel, selectModel, selectEffort, keyStatus, tap }, refreshModels));
  own(keys.onDidChange(() => void chat.current?.showKeyStatus()));

  let inlineRate: number | undefined;
  const inline: InlineAsk = own(
    new InlineAsk({
      runStream: runner.run,
      config: () => config.value,
      codeActions,
      continueInChat: async (question, answer, state, exchange) => {
        await chat.open();
        await controller.continueExchange(question, answer, state, exchange);
      },
      pickModel,
      analysis: analysisFor('inline', (snapshot) => insights.showLive('inline', snapshot, inlineRate)),
      systemSuffix: () => learning?.systemSuffix(),
      prewarm: () => runner.prewarm(),
      logger,
    }),
  );
  own(inline.onDidCompleteAnswer((answer) => learning?.recordAnswer(answer)));
  own(inline.onDidCompleteAnswer((answer) => addCost({ conversationId: 'inline', model: answer.result.model, usage: answer.result.usage, at: Date.now() })));
  own(inline.onDidSignal(({ messageId, signal }) => learning?.signal(messageId, signal)));

  // Memory is sampled only while an answer streams; over the limit, trim and pause analysis.
  own(
    new ResourceMonitor(
      {
        config: () => config.value,
        logger,
        sources: [
          { name: 'chat', onDidChangeStatus: controller.onDidChangeStatus },
          { name: 'inline', onDidChangeStatus: inline.onDidChangeStatus },
        ],
        trimmables: [controller],
        analysis: analysisClient,
      },
      memoryAtStart.heapUsed + memoryAtStart.arrayBuffers,
    ),
  );

  // One status-bar item for every surface: streaming while any answer streams.
  const statusBar = own(new ClaudeStatusBar());
  let chatStreaming = false;
  let inlineStreaming = false;
  const showStatus = () =>
    chatStreaming || inlineStreaming ? statusBar.showStreaming(chatStreaming ? chatRate : inlineRate) : statusBar.showIdle();
  own(
    controller.onDidChangeStatus((status) => {
      chatStreaming = status.streaming;
      chatRate = status.tokensPerSecond ?? (status.streaming ? chatRate : undefined);
      showStatus();
    }),
  );
  own(
    inline.onDidChangeStatus((status) => {
      inlineStreaming = status.streaming;
      inlineRate = status.tokensPerSecond ?? (status.streaming ? inlineRate : undefined);
      showStatus();
    }),
  );
  // The runner rebuilds its client when the key or base URL differs; the model list depends on
  // those two alone, so other settings (temperature, say) cost no request.
  own(keys.onDidChange(() => void refreshModels()));
  let modelsFrom = config.value.baseUrl;
  let applyToPrompts = config.value.learning.applyToPrompts;
  own(
    config.onDidChange((value) => {
      analysisClient.setThreshold(value.analysis.threshold);
      if (value.learning.applyToPrompts !== applyToPrompts) {
        applyToPrompts = value.learning.applyToPrompts;
        controller.refreshSystemSuffix();
      }
      if (value.baseUrl !== modelsFrom) {
        modelsFrom = value.baseUrl;
        void refreshModels();
      } else {
        controller.showModels();
        void models.noticeDeprecatedModel();
      }
    }),
  );

  stopEverything = () => {
    controller.stop();
    runner.stopAll();
  };
  const command = (id: string, run: (...args: unknown[]) => unknown) => own(vscode.commands.registerCommand(id, run));
  command('claudeStream.openChat', (args) => {
    runner.prewarm();
    return chat.open(args);
  });
  command('claudeStream.newChat', () => chat.newChat());
  command('claudeStream.stop', () => stopEverything?.());
  command('claudeStream.setApiKey', (args) => keys?.promptAndStore(args));
  command('claudeStream.removeApiKey', () => keys?.remove());
  command('claudeStream.summarizeLearning', () => learning?.summarize());
  command('claudeStream.summarizeLearningWithClaude', (args) => learning?.summarizeWithClaude(args));
  command('claudeStream.clearLearningData', (args) => learning?.clear(args));
  command('claudeStream.exportLearningData', (args) => learning?.export(args));

  if (testHooks) {
    // Hooks for the integration suite, never registered in normal use: read-only views, plus
    // drivers that feed messages through the same validation a webview's messages go through.
    command('claudeStream._test.chatState', () => ({
      conversationId: controller.conversationId,
      streaming: controller.isStreaming,
      messages: controller.messages().map(({ id, role, state, text, stop, error }) => ({ id, role, state, text, stop, error: error?.message })),
    }));
    command('claudeStream._test.config', () => config.value);
    command('claudeStream._test.chatPosted', () => posted.slice());
    command('claudeStream._test.chatPanel', () => ({ open: chat.current !== undefined, visible: chat.current?.visible ?? false, viewColumn: chat.current?.viewColumn }));
    // Feeds a message through the panel's own validation and handling, as if the webview sent it.
    command('claudeStream._test.chatReceive', (raw) => chat.current?.receive(raw));
    command('claudeStream._test.insightsState', () => insights.lastPosted());
    command('claudeStream._test.insightsMessage', (raw) => insights.receive(raw));
    command('claudeStream._test.learning', () => learning?.testState());
    command('claudeStream._test.analysisStarted', () => analysisClient.started);
    // `true` / `false` answers every Apply diff at once; anything else restores Accept / Reject on the diff.
    command('claudeStream._test.autoConfirm', (answer) => {
      codeActions.confirm = typeof answer === 'boolean' ? async () => answer : codeActions.onDiff;
    });
  }
  void models.noticeDeprecatedSettings();
  logger.info(`Activated in ${(performance.now() - started).toFixed(1)} ms.`);
}

/** Cancels streams still in flight; everything else is disposed through the context. */
export function deactivate(): void {
  stopEverything?.();
  stopEverything = undefined;
}
