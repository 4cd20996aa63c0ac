import type * as vscode from 'vscode';
import { ModelCatalog } from './core/models/modelCatalog';
import type { Logger } from './core/ports';
import { AnalysisRouter } from './vscode/analysisRouter';
import { ChatFeature } from './vscode/chatFeature';
import { CodeActions } from './vscode/codeActions';
import { ConfigService } from './vscode/config';
import { CostTracker } from './vscode/costTracker';
import { EditorTracker } from './vscode/editorTracker';
import { InlineAsk } from './vscode/inlineAsk';
import { InsightsViewProvider } from './vscode/insightsView';
import { LearningFeature } from './vscode/learningFeature';
import { openWorkspaceFile } from './vscode/links';
import { createLogger } from './vscode/logger';
import { ModelsFeature } from './vscode/modelsFeature';
import { ResourceMonitor } from './vscode/resourceMonitor';
import { ApiKeyStore } from './vscode/secrets';
import { StatusAggregator } from './vscode/statusAggregator';
import { StreamRunner } from './vscode/streamRunner';
import { TestHooks } from './vscode/testHooks';

/** What `deactivate()` runs: stop every stream, then write what is still buffered. */
let shutdown: (() => Promise<void>) | undefined;

/** Composes the features; each registers its own commands and listeners. Nothing else happens here. */
export function activate(context: vscode.ExtensionContext): void {
  const started = performance.now();
  const memoryAtStart = process.memoryUsage();
  const own = <T extends { dispose(): unknown }>(disposable: T): T => {
    context.subscriptions.push(disposable);
    return disposable;
  };
  const { extensionUri, workspaceState, globalState } = context;
  // The log redacts the environment's key until the key store (which logs) exists, then every known key.
  let knownKeys = (): Array<string | undefined> => [process.env.ANTHROPIC_API_KEY];
  const { logger, channel } = createLogger(() => knownKeys());
  own(channel);
  const keys = own(new ApiKeyStore(context.secrets, logger));
  knownKeys = () => keys.knownKeys();
  const config = own(new ConfigService());
  const hooks = own(new TestHooks());
  const catalog = new ModelCatalog();
  const runner = new StreamRunner(
    keys,
    () => config.value,
    logger,
    (model) => catalog.profile(model),
  );
  const models = own(new ModelsFeature({ catalog, listModels: () => runner.listModels(), config, globalState, logger, onDidChangeKey: keys.onDidChange }));
  const storageRoot = context.storageUri ?? context.globalStorageUri;
  const learning = own(new LearningFeature({ storageRoot, workspaceState, config, logger, runStream: runner.run }));
  const insights = own(new InsightsViewProvider({ extensionUri, logger, ...learning.insightsActions(), openFile: (path) => openWorkspaceFile(path) }));
  own(learning.onDidChangeView(({ view, enabled }) => insights.showLearning(view, enabled)));
  const analysis = own(new AnalysisRouter({ workerPath: context.asAbsolutePath('dist/analysisWorker.js'), config, insights, logger }));
  const status = own(new StatusAggregator());
  const editors = own(new EditorTracker());
  const codeActions = own(new CodeActions(editors));
  const chat = own(
    new ChatFeature({ extensionUri, workspaceState, config, logger, keys, runner, models, learning, analysis, insights, status, codeActions, editors, tap: hooks.tap }),
  );
  const inline = own(createInlineAsk({ runner, config, codeActions, logger, models, chat, analysis, insights, status, learning }));
  learning.follow(inline);
  status.watch({ name: 'inline', onDidChangeStatus: inline.onDidChangeStatus });
  const costs = own(new CostTracker({ workspaceState, insights, logger }));
  costs.followChat(chat.controller, (id) => chat.history.list().find((c) => c.id === id)?.title);
  costs.followInline(inline);
  own(watchMemory({ config, logger, chat, inline, analysis }, memoryAtStart));
  hooks.registerCommands({ controller: chat.controller, config, chat, insights, learning, analysis: analysis.client, codeActions, deactivate });
  shutdown = async () => {
    chat.stop();
    await learning.close();
  };
  void models.noticeDeprecatedSettings();
  logger.info(`Activated in ${(performance.now() - started).toFixed(1)} ms.`);
}

/** The features the inline ask and the memory watch are built from. */
interface Features {
  runner: StreamRunner;
  config: ConfigService;
  codeActions: CodeActions;
  logger: Logger;
  models: ModelsFeature;
  chat: ChatFeature;
  analysis: AnalysisRouter;
  insights: InsightsViewProvider;
  status: StatusAggregator;
  learning: LearningFeature;
}

/** Ask about a selection in an inline thread, on the chat's stream runner, model picker and analysis. */
function createInlineAsk({ runner, config, codeActions, logger, models, chat, analysis, insights, status, learning }: Features): InlineAsk {
  return new InlineAsk({
    runStream: runner.run,
    config: () => config.value,
    codeActions,
    logger,
    pickModel: () => models.pick(),
    prewarm: () => runner.prewarm(),
    continueInChat: (question, answer, state, exchange) => chat.continueExchange(question, answer, state, exchange),
    analysis: analysis.portFor('inline', (snapshot) => insights.showLive('inline', snapshot, status.rate('inline'))),
    systemSuffix: () => learning.systemSuffix(),
  });
}

/** Memory is sampled only while an answer streams; over the limit, the chat is trimmed and analysis paused. */
function watchMemory(
  { config, logger, chat, inline, analysis }: Pick<Features, 'config' | 'logger' | 'chat' | 'analysis'> & { inline: InlineAsk },
  atStart: NodeJS.MemoryUsage,
): ResourceMonitor {
  const sources = [
    { name: 'chat', onDidChangeStatus: chat.controller.onDidChangeStatus },
    { name: 'inline', onDidChangeStatus: inline.onDidChangeStatus },
  ];
  return new ResourceMonitor({ config: () => config.value, logger, sources, trimmables: [chat.controller], analysis: analysis.client }, atStart.heapUsed + atStart.arrayBuffers);
}

/**
 * Cancels streams still in flight and resolves once buffered learning records are on disk (VS
 * Code waits for the promise); everything else is disposed through the context.
 */
export async function deactivate(): Promise<void> {
  await shutdown?.();
}
