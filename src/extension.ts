import * as vscode from 'vscode';
import { ChatController } from './core/chat/chatController';
import { HistoryStore } from './core/chat/historyStore';
import { isLoopbackUrl } from './core/links';
import { ChatFeature } from './vscode/chatFeature';
import { CodeActions } from './vscode/codeActions';
import { ConfigService } from './vscode/config';
import { EditorTracker } from './vscode/editorTracker';
import { createLogger } from './vscode/logger';
import { ApiKeyStore } from './vscode/secrets';
import { ClaudeStatusBar } from './vscode/statusBar';
import { StreamRunner } from './vscode/streamRunner';

let stopEverything: (() => void) | undefined;

/** Composes the services and registers what they contribute. Nothing else happens here. */
export function activate(context: vscode.ExtensionContext): void {
  const started = Date.now();
  const subscriptions = context.subscriptions;
  const own = <T extends vscode.Disposable>(disposable: T): T => {
    subscriptions.push(disposable);
    return disposable;
  };

  let keys: ApiKeyStore | undefined;
  const { logger, channel } = createLogger(() => keys?.knownKeys() ?? [process.env.ANTHROPIC_API_KEY]);
  own(channel);
  keys = own(new ApiKeyStore(context.secrets, logger));
  const config = own(new ConfigService());
  const runner = new StreamRunner(keys, () => config.value, logger);
  own(keys.onDidChange(() => runner.reset()));

  const history = new HistoryStore(context.workspaceState, () => config.value.history.maxConversations, logger);
  const controller = new ChatController({
    runStream: runner.run,
    config: () => config.value,
    history,
    logger,
    banner: () => (isLoopbackUrl(config.value.baseUrl) ? `Offline demo: answers come from the local server at ${config.value.baseUrl}` : undefined),
  });
  own({ dispose: () => controller.dispose() });

  const editors = own(new EditorTracker());
  const codeActions = own(new CodeActions(editors));
  const refreshModels = async () => controller.setModels((await runner.listModels()) ?? []);
  const selectModel = async (model: string) => {
    await config.update('model', model);
  };
  const pickModel = async () => {
    const models = (await runner.listModels()) ?? [];
    const picked = await vscode.window.showQuickPick(models.length ? models : [config.value.model], {
      title: 'Claude: pick a model',
      placeHolder: models.length ? 'Models available to your key' : 'Could not list models; type a model id',
    });
    if (picked) await selectModel(picked);
  };
  const chat = own(new ChatFeature({ extensionUri: context.extensionUri, controller, codeActions, editors, logger, pickModel, selectModel }, refreshModels));

  const statusBar = own(new ClaudeStatusBar());
  own(controller.onDidChangeStatus((status) => (status.streaming ? statusBar.showStreaming(status.tokensPerSecond) : statusBar.showIdle())));
  own(
    config.onDidChange(() => {
      runner.reset();
      controller.setModels([]);
      void refreshModels();
    }),
  );

  stopEverything = () => {
    controller.stop();
    runner.stopAll();
  };
  const command = (id: string, run: (...args: unknown[]) => unknown) => own(vscode.commands.registerCommand(id, run));
  command('claudeStream.openChat', (args) => chat.open(args));
  command('claudeStream.newChat', () => chat.newChat());
  command('claudeStream.stop', () => stopEverything?.());
  command('claudeStream.setApiKey', (args) => keys?.promptAndStore(args));
  command('claudeStream.removeApiKey', () => keys?.remove());

  if (process.env.CLAUDE_STREAM_TEST_HOOKS === '1') {
    // Read-only views for the integration suite; never registered in normal use.
    command('claudeStream._test.chatState', () => ({
      conversationId: controller.conversationId,
      streaming: controller.isStreaming,
      messages: controller.messages().map(({ id, role, state, text }) => ({ id, role, state, text })),
    }));
    command('claudeStream._test.config', () => config.value);
    command('claudeStream._test.autoConfirm', (answer) => {
      codeActions.confirm = async () => answer !== false;
    });
  }
  logger.info(`Activated in ${Date.now() - started} ms.`);
}

/** Cancels streams still in flight; everything else is disposed through the context. */
export function deactivate(): void {
  stopEverything?.();
  stopEverything = undefined;
}
