import * as vscode from 'vscode';
import type { AnswerSignal, CompletedAnswer } from '../core/chat/chatTypes';
import type { Listen } from '../core/events';
import type { ClaudeStreamConfig } from '../core/config';
import { toStreamSettings } from '../core/config';
import { cleanNarrative, narrativeRequest } from '../core/learning/claudeNarrative';
import { ContinuousLearning, type LearningSettings } from '../core/learning/continuousLearning';
import { dismissInsight, editPreferences, setClaudeNarrative } from '../core/learning/insights';
import { LearningStore, type StoreWarning } from '../core/learning/store';
import type { Logger } from '../core/ports';
import type { StreamObserver, StreamRequest, StreamResult } from '../core/streaming/types';
import type { LearningView } from '../shared/protocol';
import type { ConfigService } from './config';
import { Disposable } from './disposable';
import { writeLearningExport } from './learningExport';
import { withCancellableProgress } from './progress';
import type { InsightsViewDeps } from './insightsView';

/** Where the learning store lives, and what the feature tells the Insights view. */
export interface LearningFeatureDeps {
  /** `context.storageUri` (workspace storage), else `globalStorageUri` when no folder is open. */
  storageRoot: vscode.Uri;
  workspaceState: vscode.Memento;
  config: ConfigService;
  logger: Logger;
  /** Runs one request ("Summarize with Claude"); without it that command does nothing. */
  runStream?(request: StreamRequest, observer: StreamObserver, signal: AbortSignal): Promise<StreamResult>;
}

/** A surface whose answers the learning system records (the chat, inline asks). */
export interface AnswerSource {
  readonly onDidCompleteAnswer: Listen<CompletedAnswer>;
  readonly onDidSignal: Listen<{ messageId: string; signal: AnswerSignal }>;
  readonly onDidFollowUp?: Listen<{ previousMessageId: string; text: string }>;
}

/** True for `{ confirm: true }`, the scripted answer to a confirmation. */
const confirmedByScript = (args: unknown): boolean => typeof args === 'object' && args !== null && (args as { confirm?: unknown }).confirm === true;

const settingsFrom = (config: ClaudeStreamConfig): LearningSettings => ({
  enabled: config.learning.enabled,
  batchSize: config.learning.batchSize,
  storeContent: config.learning.storeContent,
  applyToPrompts: config.learning.applyToPrompts,
  maxTokens: config.maxTokens,
  maxRetries: config.retry.maxRetries,
});

/**
 * The learning system in VS Code: records every finished answer into workspace storage,
 * summarises in the background, and serves the Insights view's "Learning" section and the
 * learned-preferences note. Nothing is read at activation; the store is created on first use.
 */
/** The narrative is a few paragraphs; the rest of the budget leaves room for thinking. */
const NARRATIVE_MAX_TOKENS = 4000;

export class LearningFeature extends Disposable {
  private instance: { learning: ContinuousLearning; store: LearningStore } | undefined;
  private suffix: string | undefined;
  private readonly warned = new Set<StoreWarning['kind']>();
  private readonly shown: string[] = [];
  /** Ids of the last answers handed over, recorded or not: the suite waits on them, as the chat ends before its analysis does. */
  private readonly seen: string[] = [];
  private readonly viewChanged = this.register(new vscode.EventEmitter<{ view: LearningView | undefined; enabled: boolean }>());
  private readonly suffixChanged = this.register(new vscode.EventEmitter<void>());
  /** Fires whenever the learning view changes (after a summary, a clear, an edit). */
  readonly onDidChangeView = this.viewChanged.event;
  /** Fires when the user changed the preferences note or whether it applies: the next request carries it. */
  readonly onDidChangeSuffix = this.suffixChanged.event;

  constructor(private readonly deps: LearningFeatureDeps) {
    super();
    let applyToPrompts = deps.config.value.learning.applyToPrompts;
    this.register(
      deps.config.onDidChange((config) => {
        this.instance?.learning.updateSettings(settingsFrom(config));
        if (config.learning.applyToPrompts !== applyToPrompts) {
          applyToPrompts = config.learning.applyToPrompts;
          this.suffixChanged.fire();
        }
        void this.refresh();
      }),
    );
    this.register({ dispose: () => void this.close() });
    const command = (id: string, run: (args?: unknown) => unknown) => this.register(vscode.commands.registerCommand(id, run));
    command('claudeStream.summarizeLearning', () => this.summarize());
    command('claudeStream.summarizeLearningWithClaude', (args) => this.summarizeWithClaude(args));
    command('claudeStream.clearLearningData', (args) => this.clear(args));
    command('claudeStream.exportLearningData', (args) => this.export(args));
  }

  /**
   * Writes every buffered record and ends a running summary; resolves once they are on disk
   * (`deactivate()` awaits it, so closing the window loses nothing). The feature stays usable:
   * the next answer opens the store again.
   */
  async close(): Promise<void> {
    const instance = this.instance;
    this.instance = undefined;
    await instance?.learning.dispose();
  }

  /** What the Insights view's learning section does when clicked. */
  insightsActions(): Pick<InsightsViewDeps, 'onApplyInsight' | 'onDismissInsight' | 'onSummarize' | 'onEditPreferences' | 'onApplyToPrompts' | 'onVisible'> {
    return {
      onApplyInsight: (id) => this.apply(id),
      onDismissInsight: (id) => this.dismiss(id),
      onSummarize: () => this.summarize(),
      onEditPreferences: (text) => this.setPreferences(text),
      onApplyToPrompts: (enabled) => this.setApplyToPrompts(enabled),
      onVisible: () => this.refresh(),
    };
  }

  /** Records the answers of `source`, and what the user did with them. */
  follow(source: AnswerSource): void {
    this.register(source.onDidCompleteAnswer((answer) => this.recordAnswer(answer)));
    this.register(source.onDidSignal(({ messageId, signal }) => this.signal(messageId, signal)));
    if (source.onDidFollowUp) this.register(source.onDidFollowUp(({ previousMessageId, text }) => this.followUp(previousMessageId, text)));
  }

  /** The store's folder under workspace storage (it may not exist yet). */
  get root(): string {
    return vscode.Uri.joinPath(this.deps.storageRoot, 'learning').fsPath;
  }

  /** What the integration suite checks: the folder, the suffix in force, the warnings shown. Reads no records. */
  testState(): { root: string; systemSuffix: string | undefined; warningsShown: string[]; answersSeen: string[]; summarizing: boolean } {
    return {
      root: this.root,
      systemSuffix: this.systemSuffix(),
      warningsShown: [...this.shown],
      answersSeen: [...this.seen],
      summarizing: this.instance?.learning.summarizing ?? false,
    };
  }

  private get enabled(): boolean {
    return this.deps.config.value.learning.enabled;
  }

  private get learning(): ContinuousLearning {
    return this.ensure().learning;
  }

  private ensure(): { learning: ContinuousLearning; store: LearningStore } {
    if (!this.instance) {
      const config = this.deps.config.value;
      const store = new LearningStore({
        root: this.root,
        maxTotalBytes: config.learning.maxStorageMB * 1024 * 1024,
        onWarning: (warning) => this.warn(warning),
      });
      const learning = new ContinuousLearning({
        store,
        state: this.deps.workspaceState,
        settings: settingsFrom(config),
        logger: this.deps.logger,
        onSummary: () => void this.refresh(),
      });
      this.instance = { learning, store };
    }
    return this.instance;
  }

  /** The learned-preferences note for the system prompt, when the user opted in. */
  systemSuffix(): string | undefined {
    return this.enabled && this.deps.config.value.learning.applyToPrompts ? this.suffix : undefined;
  }

  recordAnswer(answer: CompletedAnswer): void {
    this.seen.push(answer.messageId);
    if (this.seen.length > 50) this.seen.shift();
    if (!this.enabled) return;
    // The view counts recorded answers: tell it now, not at the next summary.
    if (this.learning.recordAnswer(answer)) void this.refresh();
  }

  signal(messageId: string, signal: AnswerSignal): void {
    if (this.enabled) this.learning.signal(messageId, signal);
  }

  followUp(previousMessageId: string, text: string): void {
    if (this.enabled) this.learning.followUp(previousMessageId, text);
  }

  /** Reads the last summary and tells the Insights view; cheap after the first call. */
  async refresh(): Promise<void> {
    if (!this.enabled) {
      this.suffix = undefined;
      this.viewChanged.fire({ view: undefined, enabled: false });
      return;
    }
    const [view, applied] = await Promise.all([this.learning.view(), this.learning.applied()]);
    this.suffix = applied.systemSuffix;
    this.viewChanged.fire({ view: view && { ...view, applyToPrompts: this.deps.config.value.learning.applyToPrompts }, enabled: true });
  }

  /** `Claude: Summarize Learning Data`: in the background, with a cancellable progress notification. */
  async summarize(): Promise<boolean> {
    if (!this.enabled) {
      void vscode.window.showInformationMessage('Claude: learning is off (claudeStream.learning.enabled).');
      return false;
    }
    const summary = await withCancellableProgress('Claude: summarizing learning data', async (progress, signal) => {
      let reported = 0;
      await this.learning.flush();
      return this.learning.updateModel({
        signal,
        onProgress: (fraction) => {
          const percent = Math.round(fraction * 100);
          if (percent > reported) progress.report({ increment: percent - reported, message: `${percent}%` });
          reported = Math.max(reported, percent);
        },
      });
    });
    await this.refresh();
    if (summary) this.deps.logger.info(`Learning summary covers ${summary.recordCount} record(s).`);
    return summary !== undefined;
  }

  /** `Claude: Clear Learning Data`, after a modal confirmation. Accepts `{ confirm: true }` for scripts. */
  async clear(args?: unknown): Promise<boolean> {
    const scripted = confirmedByScript(args);
    const answer = scripted
      ? 'Clear'
      : await vscode.window.showWarningMessage(
          'Delete all learning data recorded in this workspace, and its summary?',
          { modal: true, detail: 'Conversations in the chat history are kept.' },
          'Clear',
        );
    if (answer !== 'Clear') return false;
    await this.learning.clear();
    await this.refresh();
    if (!scripted) void vscode.window.showInformationMessage('Claude: learning data cleared.');
    return true;
  }

  /**
   * "Summarize with Claude": after a modal confirmation (or `{ confirm: true }` from a script),
   * sends the summary's aggregated statistics, never a prompt or an answer, and shows the
   * model's narrative in the Insights view. Resolves with the narrative, or undefined.
   */
  async summarizeWithClaude(args?: unknown): Promise<string | undefined> {
    const run = this.deps.runStream;
    if (!this.enabled || !run) {
      void vscode.window.showInformationMessage('Claude: learning is off (claudeStream.learning.enabled).');
      return undefined;
    }
    const config = this.deps.config.value;
    const answer = confirmedByScript(args)
      ? 'Send'
      : await vscode.window.showWarningMessage(
          `Send aggregated learning statistics to ${config.model} for a written summary?`,
          { modal: true, detail: 'Only counts, rates, timings, topic keywords and the suggestions are sent: never your prompts, answers or code.' },
          'Send',
        );
    if (answer !== 'Send') return undefined;
    const text = await withCancellableProgress('Claude: writing a learning summary', async (progress, signal) => {
      const summary = (await this.learning.updateModel({ signal })) ?? (await this.learning.summary());
      if (!summary || signal.aborted) return undefined;
      progress.report({ message: `asking ${config.model}` });
      const { system, messages } = narrativeRequest(summary);
      // A short summary needs little thought: low effort where the model takes it, and room
      // for adaptive thinking in the budget, which counts toward max_tokens. A one-off
      // request: a cache write would cost 1.25× and never be read.
      const settings = {
        ...toStreamSettings(config),
        systemPrompt: system,
        maxTokens: Math.min(config.maxTokens, NARRATIVE_MAX_TOKENS),
        effort: 'low' as const,
        cacheTtl: 'off' as const,
      };
      const result = await run({ messages, settings }, {}, signal);
      if (result.outcome === 'error') void vscode.window.showErrorMessage(`Claude: no summary (${result.error?.message ?? 'request failed'}).`);
      else if (result.outcome === 'done' && result.text.trim() === '') {
        void vscode.window.showWarningMessage(`Claude: the model wrote no summary (stopped: ${result.stopReason ?? 'unknown'}). Try again, or raise claudeStream.maxTokens.`);
      }
      const narrative = result.outcome === 'done' ? cleanNarrative(result.text) : undefined;
      if (narrative) await setClaudeNarrative(this.deps.workspaceState, narrative, summary.id, Date.now());
      return narrative;
    });
    await this.refresh();
    return text;
  }

  /** `Claude: Export Learning Data` as JSON or CSV. Accepts `{ path }` for scripts. */
  async export(args?: unknown): Promise<string | undefined> {
    const scriptedPath = typeof args === 'object' && args !== null ? (args as { path?: unknown }).path : undefined;
    const target =
      typeof scriptedPath === 'string'
        ? vscode.Uri.file(scriptedPath)
        : await vscode.window.showSaveDialog({
            title: 'Claude: export learning data',
            filters: { JSON: ['json'], CSV: ['csv'] },
            defaultUri: vscode.Uri.joinPath(vscode.workspace.workspaceFolders?.[0]?.uri ?? this.deps.storageRoot, 'claude-learning.json'),
          });
    if (!target) return undefined;
    const format = target.fsPath.toLowerCase().endsWith('.csv') ? 'csv' : 'json';
    try {
      const { learning, store } = this.ensure();
      const count = await writeLearningExport(target.fsPath, format, store, () => learning.flush());
      if (typeof scriptedPath !== 'string') void vscode.window.showInformationMessage(`Claude: exported ${count} record(s) to ${target.fsPath}.`);
      return target.fsPath;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.deps.logger.warn(`Learning export to ${target.fsPath} failed: ${message}`);
      void vscode.window.showErrorMessage(`Claude: could not export learning data (${message}).`);
      return undefined;
    }
  }

  /** Apply on an insight: changes the suggested setting, which the user asked for by clicking. */
  async apply(id: string): Promise<void> {
    const insight = (await this.learning.summary())?.insights.find((i) => i.id === id);
    if (!insight?.setting) return;
    const key = insight.setting.key.replace(/^claudeStream\./, '');
    await this.deps.config.update(key, insight.setting.value);
    void vscode.window.showInformationMessage(`Claude: set ${insight.setting.key} to ${JSON.stringify(insight.setting.value)}.`);
    await dismissInsight(this.deps.workspaceState, id);
    await this.refresh();
  }

  async dismiss(id: string): Promise<void> {
    await dismissInsight(this.deps.workspaceState, id);
    await this.refresh();
  }

  /** The switch beside the preferences note; the configuration change refreshes the view. */
  async setApplyToPrompts(enabled: boolean): Promise<void> {
    await this.deps.config.update('learning.applyToPrompts', enabled);
  }

  async setPreferences(text: string): Promise<void> {
    await editPreferences(this.deps.workspaceState, text);
    await this.refresh();
    this.suffixChanged.fire();
  }

  private warn(warning: StoreWarning): void {
    this.deps.logger.warn(`Learning store: ${warning.message}${warning.file ? ` (${warning.file})` : ''}`);
    // One notification per kind of problem per session: the user is told, not nagged.
    if (this.warned.has(warning.kind)) return;
    this.warned.add(warning.kind);
    this.shown.push(warning.message);
    void vscode.window.showWarningMessage(`Claude: ${warning.message}`);
  }
}
