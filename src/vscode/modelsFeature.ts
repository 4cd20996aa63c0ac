import * as vscode from 'vscode';
import type { Logger } from '../core/ports';
import type { ModelCatalog } from '../core/models/modelCatalog';
import type { ModelProfile } from '../core/models/modelProfile';
import { LEGACY_API_VERSION } from '../core/streaming/types';
import type { EffortChoice } from '../shared/protocol';
import { CONFIG_SECTION, type ConfigService } from './config';
import { Disposable } from './disposable';

/** What the models feature needs from the rest of the extension. */
export interface ModelsFeatureDeps {
  /** The models the pickers offer; this feature fills it from the Models API. */
  catalog: ModelCatalog;
  /** `client.models.list()` as profiles; undefined without a key, offline, or on failure. */
  listModels(): Promise<ModelProfile[] | undefined>;
  config: ConfigService;
  /** Remembers which one-time notices were shown, across windows. */
  globalState: vscode.Memento;
  logger: Logger;
  /** Fires when the API key changed: the list depends on it. */
  onDidChangeKey: vscode.Event<void>;
}

const DEPRECATED_SETTINGS = ['temperature', 'topP'] as const;

/**
 * The model list and everything that depends on it: the quick pick, the effort setting, the
 * one-time notice for a deprecated model, and the migration notice for the sampling settings
 * API version 2026-10-21 no longer takes.
 */
export class ModelsFeature extends Disposable {
  readonly catalog: ModelCatalog;
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  /**
   * Fires when the choice the chat shows may differ: after the list was fetched again (or fell
   * back to the bundled table), or after a setting changed (the model, the effort).
   */
  readonly onDidChange = this.changed.event;

  constructor(private readonly deps: ModelsFeatureDeps) {
    super();
    this.catalog = deps.catalog;
    // The runner rebuilds its client when the key or base URL differs; the model list depends on
    // those two alone, so other settings (temperature, say) cost no request.
    this.register(deps.onDidChangeKey(() => void this.refresh()));
    let listedFrom = deps.config.value.baseUrl;
    this.register(
      deps.config.onDidChange((value) => {
        if (value.baseUrl !== listedFrom) {
          listedFrom = value.baseUrl;
          void this.refresh();
        } else {
          this.changed.fire();
          void this.noticeDeprecatedModel();
        }
      }),
    );
  }

  /** Asks the Models API again; without a key or network the bundled table serves. */
  async refresh(): Promise<void> {
    this.catalog.setListed(await this.deps.listModels());
    this.changed.fire();
    void this.noticeDeprecatedModel();
  }

  /** `Pick Model`: current models first, deprecated ones marked with their retirement date. */
  async pick(): Promise<void> {
    await this.refresh();
    const configured = this.deps.config.value.model;
    const items: Array<vscode.QuickPickItem & { id?: string }> = [];
    let group = '';
    for (const option of this.catalog.options()) {
      const heading = option.current ? 'Current' : option.deprecated ? 'Deprecated' : 'Older';
      if (heading !== group) {
        items.push({ label: heading, kind: vscode.QuickPickItemKind.Separator });
        group = heading;
      }
      items.push({ id: option.id, label: option.label, description: option.id, detail: option.note, picked: option.id === configured });
    }
    const picked = await vscode.window.showQuickPick(items, {
      title: 'Claude: pick a model',
      placeHolder: this.catalog.source === 'api' ? 'Models available to your key' : 'Could not list models; showing the models this version knows',
    });
    if (picked?.id) await this.select(picked.id);
  }

  async select(model: string): Promise<void> {
    await this.deps.config.update('model', model);
  }

  /** '' clears the setting: the model's own effort. */
  async selectEffort(effort: EffortChoice): Promise<void> {
    await this.deps.config.update('effort', effort === '' ? undefined : effort);
  }

  /** Once per model: a deprecated model's retirement date, with a switch to its successor. */
  async noticeDeprecatedModel(): Promise<void> {
    const model = this.deps.config.value.model;
    const profile = this.catalog.profile(model);
    const key = `claudeStream.deprecationNoticeShown.${model}`;
    if (profile?.lifecycle !== 'deprecated' || this.deps.globalState.get<boolean>(key)) return;
    await this.deps.globalState.update(key, true);
    const successor = this.catalog.successor(model);
    const when = profile.retiresAt ? ` and retires on ${profile.retiresAt.slice(0, 10)}` : '';
    const switchTo = successor ? `Switch to ${successor.displayName}` : undefined;
    const choice = await vscode.window.showWarningMessage(
      `${profile.displayName} is deprecated${when}.${successor ? ` Its successor is ${successor.displayName}.` : ''}`,
      ...(switchTo ? [switchTo] : []),
      'Pick Model',
    );
    if (choice === switchTo && successor) await this.select(successor.id);
    else if (choice === 'Pick Model') await this.pick();
  }

  /**
   * `temperature` and `topP` are deprecated: sent only under API version 2023-06-01. A user
   * who set them hears once what happens to them and can remove them or keep the old version.
   */
  async noticeDeprecatedSettings(): Promise<void> {
    const section = vscode.workspace.getConfiguration(CONFIG_SECTION);
    const set = DEPRECATED_SETTINGS.filter((key) => {
      const inspected = section.inspect(key);
      return inspected?.globalValue != null || inspected?.workspaceValue != null || inspected?.workspaceFolderValue != null;
    });
    if (set.length === 0 || this.deps.config.value.apiVersion === LEGACY_API_VERSION) return;
    const stateKey = `claudeStream.samplingNoticeShown.${set.join(',')}`;
    if (this.deps.globalState.get<boolean>(stateKey)) return;
    await this.deps.globalState.update(stateKey, true);
    const names = set.map((key) => `claudeStream.${key}`).join(' and ');
    this.deps.logger.warn(`${names} set but not sent: API version 2026-10-21 rejects sampling parameters.`);
    const remove = 'Remove Setting';
    const legacy = `Use API Version ${LEGACY_API_VERSION}`;
    const choice = await vscode.window.showWarningMessage(
      `${names} ${set.length > 1 ? 'are' : 'is'} deprecated and no longer sent: API version 2026-10-21 rejects sampling parameters on every model. ` +
        `They are sent only with claudeStream.apiVersion ${LEGACY_API_VERSION}, to a model that accepts them.`,
      remove,
      legacy,
    );
    if (choice === remove) {
      for (const key of set) {
        for (const target of [vscode.ConfigurationTarget.Global, vscode.ConfigurationTarget.Workspace]) {
          await section.update(key, undefined, target);
        }
      }
    } else if (choice === legacy) await this.deps.config.update('apiVersion', LEGACY_API_VERSION);
  }
}
