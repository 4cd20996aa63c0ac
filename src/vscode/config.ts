import * as vscode from 'vscode';
import { readConfig, type ClaudeStreamConfig } from '../core/config';
import { Disposable } from './disposable';

export const CONFIG_SECTION = 'claudeStream';

/** The typed configuration, read whole in one place and re-read on every change. */
export class ConfigService extends Disposable {
  private current: ClaudeStreamConfig = ConfigService.read();
  private readonly changed = this.register(new vscode.EventEmitter<ClaudeStreamConfig>());
  /** Fires with the new config after any `claudeStream.*` setting changes. */
  readonly onDidChange = this.changed.event;

  constructor() {
    super();
    this.register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (!event.affectsConfiguration(CONFIG_SECTION)) return;
        this.current = ConfigService.read();
        this.changed.fire(this.current);
      }),
    );
  }

  get value(): ClaudeStreamConfig {
    return this.current;
  }

  /** Writes one setting at user level (where the model picker and insight buttons put them). */
  async update(key: string, value: unknown): Promise<void> {
    await vscode.workspace.getConfiguration(CONFIG_SECTION).update(key, value, vscode.ConfigurationTarget.Global);
  }

  private static read(): ClaudeStreamConfig {
    const section = vscode.workspace.getConfiguration(CONFIG_SECTION);
    return readConfig((key) => section.get(key));
  }
}
