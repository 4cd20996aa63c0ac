import * as vscode from 'vscode';
import { throttleLatest, type Timers } from '../core/chat/deltaBatcher';
import type { Logger } from '../core/ports';
import { emptySnapshot } from '../core/analysis/snapshots';
import { parseInsightsWebviewMessage, type AnalysisSnapshot, type CostView, type InsightsHostMessage, type InsightsWebviewMessage, type LearningView } from '../shared/protocol';
import { Disposable } from './disposable';
import { receiveWebviewMessage, setUpWebview, type WebviewInbox } from './webviewHost';

import type { AnswerOutcome } from '../core/vocabulary';

/** Where a live stream came from. */
export type InsightsSource = 'chat' | 'inline';

/** What the Insights view needs from the rest of the extension: the learning feature's actions, the logger and a file opener. */
export interface InsightsViewDeps {
  extensionUri: vscode.Uri;
  logger: Logger;
  /** The user clicked Apply on an insight that carries a setting. */
  onApplyInsight(id: string): unknown;
  /** The user clicked Dismiss on an insight. */
  onDismissInsight(id: string): unknown;
  /** The user clicked "Summarize now". */
  onSummarize(): unknown;
  /** The user saved (or, with '', removed) the learned-preferences note. */
  onEditPreferences(text: string): unknown;
  /** Turns `claudeStream.learning.applyToPrompts` on or off (the one click beside the note). */
  onApplyToPrompts(enabled: boolean): unknown;
  /** The user clicked a file or path entity chip. */
  openFile(path: string): unknown;
  /** The view was opened or shown again: a chance to load the learning summary lazily. */
  onVisible?(): unknown;
  /** Minimum gap between live posts; 250 ms (≤ 4 posts/s) unless a test says otherwise. */
  liveIntervalMs?: number;
  timers?: Timers;
}

/** A read-only view of what the webview has been sent, for the integration suite's test hook. */
export interface InsightsPostedState {
  /** The last live snapshot posted to the webview, if any. */
  live: AnalysisSnapshot | undefined;
  source: InsightsSource | undefined;
  /** How the answer in `live` ended, once it has. */
  outcome?: AnswerOutcome;
  /** The last learning view posted to the webview, if any. */
  learning: LearningView | undefined;
  enabled: boolean | undefined;
  /** The last cost totals posted to the webview, if any. */
  cost?: CostView;
  /** Every message posted to the webview since the provider was created. */
  postedCount: number;
  /** True while the webview is visible and has said `ready`. */
  ready: boolean;
}

interface LiveState {
  source: InsightsSource;
  analysis: AnalysisSnapshot;
  tokensPerSecond?: number;
  outcome?: AnswerOutcome;
}

const LIVE_INTERVAL_MS = 250;

/**
 * The "Insights" webview view in the Claude sidebar: the live analysis of the current
 * stream and what the learning system has found. It remembers the latest of each, so a
 * view that is shown again or reloads catches up from one `ready`, and it posts nothing
 * while the webview cannot receive it.
 */
export class InsightsViewProvider extends Disposable implements vscode.WebviewViewProvider {
  static readonly viewType = 'claudeStream.insights';

  private view: vscode.WebviewView | undefined;
  private viewSubscriptions: vscode.Disposable[] = [];
  private ready = false;
  private live: LiveState | undefined;
  private learning: { view: LearningView | undefined; enabled: boolean } | undefined;
  private cost: CostView | undefined;
  private posted: Omit<InsightsPostedState, 'ready'> = { live: undefined, source: undefined, learning: undefined, enabled: undefined, postedCount: 0 };
  private readonly postLive: ReturnType<typeof throttleLatest<LiveState>>;
  private readonly inbox: WebviewInbox<InsightsWebviewMessage>;

  constructor(private readonly deps: InsightsViewDeps) {
    super();
    this.inbox = { label: 'Insights', parse: parseInsightsWebviewMessage, handle: (message) => this.handle(message), logger: deps.logger };
    this.postLive = throttleLatest<LiveState>((live) => this.sendLive(live), deps.liveIntervalMs ?? LIVE_INTERVAL_MS, deps.timers);
    this.register({ dispose: () => this.postLive.cancel() });
    this.register({ dispose: () => this.releaseView() });
    this.register(vscode.window.registerWebviewViewProvider(InsightsViewProvider.viewType, this));
  }

  /** VS Code calls this when the view is first shown (and again if it was disposed and reopened). */
  resolveWebviewView(webviewView: vscode.WebviewView): void {
    this.releaseView();
    this.view = webviewView;
    this.viewSubscriptions.push(
      setUpWebview(webviewView.webview, { ...this.inbox, extensionUri: this.deps.extensionUri, page: 'insights' }),
      webviewView.onDidChangeVisibility(() => {
        // A hidden view's webview is torn down and says `ready` again when shown; if VS Code
        // kept it alive instead, catch it up now.
        if (!webviewView.visible) this.ready = false;
        else {
          this.deps.onVisible?.();
          if (this.ready) this.catchUp();
        }
      }),
      webviewView.onDidDispose(() => {
        if (this.view === webviewView) this.releaseView();
      }),
    );
    this.deps.onVisible?.();
  }

  /** A new answer starts: the view clears at once instead of showing the previous answer until the first snapshot. */
  beginLive(source: InsightsSource, streamId: string): void {
    if (this.isDisposed) return;
    this.live = { source, analysis: emptySnapshot(streamId, false) };
    this.postLive(this.live);
  }

  /** Shows the latest analysis of a stream; posts at most every 250 ms, always ending on the latest. */
  showLive(source: InsightsSource, snapshot: AnalysisSnapshot, tokensPerSecond?: number): void {
    if (this.isDisposed) return;
    const outcome = this.live?.analysis.streamId === snapshot.streamId ? this.live.outcome : undefined;
    this.live = { source, analysis: snapshot, tokensPerSecond, outcome };
    this.postLive(this.live);
  }

  /** The answer ended (`done`, `cancelled` or `error`); its final snapshot, before or after this, is labelled so. */
  endLive(streamId: string, outcome: AnswerOutcome): void {
    if (this.isDisposed || this.live?.analysis.streamId !== streamId) return;
    this.live = { ...this.live, outcome };
    this.postLive(this.live);
  }

  /** Shows what has been spent, per day and per conversation. */
  showCost(cost: CostView): void {
    if (this.isDisposed) return;
    this.cost = cost;
    if (this.post({ type: 'cost/summary', cost })) this.posted.cost = cost;
  }

  /** Shows the learning figures (`undefined` before the first summary) and whether learning is on. */
  showLearning(view: LearningView | undefined, enabled: boolean): void {
    if (this.isDisposed) return;
    this.learning = { view, enabled };
    this.sendLearning();
  }

  /** True while the view is on screen and its script is listening. */
  get visible(): boolean {
    return this.ready && this.view?.visible === true;
  }

  /** What the webview has been sent: read by the `claudeStream._test.insightsState` hook. */
  lastPosted(): InsightsPostedState {
    return { ...this.posted, ready: this.visible };
  }

  private releaseView(): void {
    for (const subscription of this.viewSubscriptions.splice(0)) subscription.dispose();
    this.view = undefined;
    this.ready = false;
  }

  private post(message: InsightsHostMessage): boolean {
    if (!this.view || !this.visible) return false;
    void this.view.webview.postMessage(message);
    this.posted.postedCount++;
    return true;
  }

  private sendLive(live: LiveState): void {
    const sent = this.post({ type: 'live/snapshot', source: live.source, analysis: live.analysis, tokensPerSecond: live.tokensPerSecond, outcome: live.outcome });
    if (!sent) return;
    this.posted.live = live.analysis;
    this.posted.source = live.source;
    this.posted.outcome = live.outcome;
  }

  private sendLearning(): void {
    if (!this.learning) return;
    const { view, enabled } = this.learning;
    if (!this.post({ type: 'learning/summary', learning: view, enabled })) return;
    this.posted.learning = view;
    this.posted.enabled = enabled;
  }

  /** Sends everything a fresh webview needs, in one go: live first, then learning. */
  private catchUp(): void {
    this.postLive.cancel();
    if (this.live) this.sendLive(this.live);
    else this.post({ type: 'live/empty' });
    if (this.cost && this.post({ type: 'cost/summary', cost: this.cost })) this.posted.cost = this.cost;
    this.sendLearning();
  }

  /**
   * Handles a raw message from the webview: validated, then dispatched. Resolves once its
   * handler has finished, so the integration suite's hook can drive the same path as a click.
   */
  receive(raw: unknown): Promise<unknown> {
    return receiveWebviewMessage(raw, this.inbox);
  }

  private handle(message: InsightsWebviewMessage): unknown {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        if (this.view?.visible !== false) this.catchUp();
        return undefined;
      case 'insight/apply':
        return this.deps.onApplyInsight(message.id);
      case 'insight/dismiss':
        return this.deps.onDismissInsight(message.id);
      case 'learning/summarize':
        return this.deps.onSummarize();
      case 'preferences/edit':
        return this.deps.onEditPreferences(message.text);
      case 'preferences/applyToPrompts':
        return this.deps.onApplyToPrompts(message.enabled);
      case 'file/open':
        return this.deps.openFile(message.path);
      default: {
        const unreachable: never = message;
        return unreachable;
      }
    }
  }
}
