import * as vscode from 'vscode';
import type { KeySource, Logger } from '../core/ports';
import type { ApiKeyStatus } from '../shared/protocol';
import { Disposable } from './disposable';

const SECRET_KEY = 'claudeStream.apiKey';

/**
 * The API key lives in SecretStorage only, with `ANTHROPIC_API_KEY` as a fallback. It is
 * never written to settings, logs or webview state.
 */
export class ApiKeyStore extends Disposable implements KeySource {
  /** The stored key; null once we know none is stored, so each request does not ask SecretStorage again. */
  private cached: string | null | undefined;
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  /** Fires when the stored key is set or removed (in this or another window). */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly logger: Logger,
  ) {
    super();
    this.register(
      secrets.onDidChange((event) => {
        if (event.key !== SECRET_KEY) return;
        this.cached = undefined;
        this.changed.fire();
      }),
    );
    this.register(vscode.commands.registerCommand('claudeStream.setApiKey', (args?: unknown) => this.promptAndStore(args)));
    this.register(vscode.commands.registerCommand('claudeStream.removeApiKey', () => this.remove()));
  }

  async getApiKey(): Promise<string | undefined> {
    if (this.cached === undefined) this.cached = (await this.secrets.get(SECRET_KEY)) || null;
    return this.cached ?? (process.env.ANTHROPIC_API_KEY?.trim() || undefined);
  }

  /** Where the key a request would use comes from; never the key itself. */
  async status(): Promise<ApiKeyStatus> {
    if (this.cached === undefined) this.cached = (await this.secrets.get(SECRET_KEY)) || null;
    if (this.cached) return 'stored';
    return process.env.ANTHROPIC_API_KEY?.trim() ? 'environment' : 'missing';
  }

  /** Every key that could appear in output, for redaction. */
  knownKeys(): Array<string | undefined> {
    return [this.cached ?? undefined, process.env.ANTHROPIC_API_KEY];
  }

  /** `Claude: Set API Key`. Accepts `{ key }` for scripting; otherwise asks in a password box. */
  async promptAndStore(args?: unknown): Promise<boolean> {
    const scripted = typeof args === 'object' && args !== null && typeof (args as { key?: unknown }).key === 'string' ? (args as { key: string }).key.trim() : undefined;
    const key =
      scripted ??
      (
        await vscode.window.showInputBox({
          title: 'Claude: Set API Key',
          prompt: "Your Anthropic API key. It is kept in VS Code's secret storage, never in settings.",
          placeHolder: 'sk-ant-…',
          password: true,
          ignoreFocusOut: true,
          validateInput: (value) => (value.trim().length < 8 ? 'That does not look like an API key.' : undefined),
        })
      )?.trim();
    if (!key) return false;
    await this.secrets.store(SECRET_KEY, key);
    this.cached = key;
    this.logger.info('API key stored in secret storage.');
    if (scripted === undefined) void vscode.window.showInformationMessage('Claude: API key saved in secret storage.');
    return true;
  }

  /** `Claude: Remove API Key`. */
  async remove(): Promise<void> {
    await this.secrets.delete(SECRET_KEY);
    this.cached = null;
    this.logger.info('API key removed from secret storage.');
    const fallback = process.env.ANTHROPIC_API_KEY ? ' ANTHROPIC_API_KEY from the environment will be used.' : '';
    void vscode.window.showInformationMessage(`Claude: API key removed.${fallback}`);
  }
}
