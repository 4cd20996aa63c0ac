import type { ClaudeStreamConfig } from '../config';
import { toStreamSettings } from '../config';
import { Emitter } from '../events';
import type { Clock, Logger } from '../ports';
import { silentLogger } from '../ports';
import type { StreamMetrics, StreamObserver, StreamRequest, StreamResult } from '../streaming/types';
import type { AnalysisSnapshot, ChatHostMessage, ChatState, ErrorView, MetricsView } from '../../shared/protocol';
import { Conversation, makeIdFactory } from './conversation';
import { DeltaBatcher, realTimers, throttleLatest, type Timers } from './deltaBatcher';
import type { HistoryStore } from './historyStore';
import { estimateCostUsd } from './pricing';
import { TextAccumulator } from './textAccumulator';

/** Where the controller sends webview messages. The shell's panel drops them until the webview is ready. */
export interface ChatView {
  /**
   * Sends one message. A returned promise settles when the webview has taken the message;
   * until then further deltas are merged on the host, so at most one delta is in flight.
   */
  post(message: ChatHostMessage): void | PromiseLike<unknown>;
  /** False while the panel is hidden: deltas are then merged into one snapshot for later. */
  readonly visible: boolean;
}

/** Live analysis of a stream, implemented by the analysis client. */
export interface LiveAnalysisPort {
  begin(streamId: string): void;
  push(streamId: string, delta: string): void;
  /** Ends the stream's analysis; `outcome` says how the answer ended, so views label it truthfully. */
  end(streamId: string, outcome?: AnswerOutcome): Promise<AnalysisSnapshot | undefined>;
}

/** How an answer ended. */
export type AnswerOutcome = 'done' | 'cancelled' | 'error';

/** Something the user did that says how good an answer was. */
export type AnswerSignal = 'copied' | 'inserted' | 'applied' | 'regenerated' | 'thumbsUp' | 'thumbsDown';

/** A finished answer, as handed to the learning system. */
export interface CompletedAnswer {
  messageId: string;
  source: 'chat' | 'inline';
  prompt: string;
  result: StreamResult;
  analysis?: AnalysisSnapshot;
  startedAt: number;
}

/** Streaming status for the status bar. */
export interface ChatStatus {
  streaming: boolean;
  tokensPerSecond?: number;
}

export interface ChatControllerDeps {
  /** Runs one answer; never rejects. The shell resolves the key and client. */
  runStream(request: StreamRequest, observer: StreamObserver, signal: AbortSignal): Promise<StreamResult>;
  config(): ClaudeStreamConfig;
  history: HistoryStore;
  analysis?: LiveAnalysisPort;
  /** Extra system text, such as learned preferences. */
  systemSuffix?(): string | undefined;
  /** Header banner, such as "Offline demo". */
  banner?(): string | undefined;
  clock?: Clock;
  newId?: () => string;
  logger?: Logger;
  timers?: Timers;
  batchIntervalMs?: number;
}

interface ActiveStream {
  messageId: string;
  abort: AbortController;
  seq: number;
  done: Promise<void>;
  /** Everything streamed so far; the conversation gets it when the answer ends. */
  text: TextAccumulator;
  thinking: string;
  batcher?: DeltaBatcher;
  /** A delta post the webview has not taken yet; deltas meanwhile wait in `held*`, merged. */
  inFlight: boolean;
  heldText: string;
  heldThinking: string;
  /** Set once `stream/end` is posted: held deltas are then dropped, the end carries the text. */
  ended: boolean;
}

const METRICS_INTERVAL_MS = 250;

/**
 * The chat's behaviour, free of VS Code: the conversation, streaming into it, batching
 * deltas for the webview, history, regenerate/edit/stop, and the events the status bar,
 * insights view and learning system listen to.
 */
export class ChatController {
  /** Undefined after `trim()`: the transcript is then re-read from storage when next needed. */
  private current: Conversation | undefined;
  /** A trim asked for while an answer streamed; done once the conversation is idle. */
  private trimWhenIdle = false;
  private active: ActiveStream | undefined;
  private readonly queue: string[] = [];
  private view: ChatView | undefined;
  private models: string[] = [];
  private needsSnapshot = false;
  private readonly now: Clock;
  private readonly newId: () => string;
  private readonly logger: Logger;
  private readonly timers: Timers;

  private readonly statusEmitter = new Emitter<ChatStatus>();
  private readonly answerEmitter = new Emitter<CompletedAnswer>();
  private readonly signalEmitter = new Emitter<{ messageId: string; signal: AnswerSignal }>();
  private readonly analysisEmitter = new Emitter<AnalysisSnapshot>();
  private readonly followUpEmitter = new Emitter<{ previousMessageId: string; text: string }>();

  /** Fires when streaming starts, ends, or its rate changes (throttled). */
  readonly onDidChangeStatus = this.statusEmitter.event;
  /** Fires once per finished answer, whatever its outcome. */
  readonly onDidCompleteAnswer = this.answerEmitter.event;
  /** Fires when the user copies, applies, rates or regenerates an answer. */
  readonly onDidSignal = this.signalEmitter.event;
  /** Fires for every live analysis snapshot of a chat stream. */
  readonly onDidAnalyze = this.analysisEmitter.event;
  /** Fires when the user writes again after an answer; its tone says how that answer went. */
  readonly onDidFollowUp = this.followUpEmitter.event;

  constructor(private readonly deps: ChatControllerDeps) {
    this.now = deps.clock ?? Date.now;
    this.newId = deps.newId ?? makeIdFactory('m');
    this.logger = deps.logger ?? silentLogger;
    this.timers = deps.timers ?? realTimers;
    this.conversation = this.restoreLastOpen() ?? Conversation.create(this.newId(), this.now);
  }

  private get conversation(): Conversation {
    if (!this.current) this.current = this.restoreLastOpen() ?? Conversation.create(this.newId(), this.now);
    return this.current;
  }

  private set conversation(value: Conversation) {
    this.current = value;
  }

  /**
   * Frees the in-memory transcript while no answer streams, after saving it; it is read back
   * from storage when next needed. Called under memory pressure. Resolves true if it freed it;
   * asked while an answer streams, it trims once that answer (and any queued one) has ended.
   */
  async trim(): Promise<boolean> {
    const held = this.current;
    if (held && this.active) this.trimWhenIdle = true;
    if (!held || this.active || held.messages.length === 0) return false;
    const version = held.summary().updatedAt;
    if (!(await this.persist())) return false;
    // Anything that changed meanwhile (a new answer, feedback) keeps the transcript in memory.
    if (this.active || this.current !== held || held.summary().updatedAt !== version) return false;
    this.current = undefined;
    return true;
  }

  /** True while the transcript is held in memory (false after a successful `trim()`). */
  get holdsTranscript(): boolean {
    return this.current !== undefined;
  }

  get isStreaming(): boolean {
    return this.active !== undefined;
  }

  get conversationId(): string {
    return this.conversation.id;
  }

  /** Read-only view of the messages, for tests and commands. */
  messages(): ReadonlyArray<{ id: string; role: string; state: string; text: string }> {
    return this.conversation.messages;
  }

  /** Connects a webview (or disconnects with undefined). A connected view gets the whole state. */
  attach(view: ChatView | undefined): void {
    this.view = view;
    if (view) this.sendState();
  }

  /** Called when the webview says `ready` or becomes visible again: send everything. */
  sendState(): void {
    this.needsSnapshot = false;
    this.view?.post({ type: 'chat/state', state: this.state() });
    const active = this.active;
    if (active && this.view) {
      // The state carries the answer as it was when it started; catch up in one snapshot
      // and drop the pending batch, which the snapshot already contains.
      active.batcher?.discard();
      active.heldText = '';
      active.heldThinking = '';
      active.seq += 1;
      this.view.post({ type: 'stream/snapshot', streamId: active.messageId, seq: active.seq, text: active.text.toString(), thinking: active.thinking || undefined });
    }
  }

  setModels(models: string[]): void {
    this.models = models;
    this.showModels();
  }

  /** Tells the webview the model list and the configured model, e.g. after the setting changed. */
  showModels(): void {
    this.view?.post({ type: 'models', models: this.availableModels(), selected: this.deps.config().model });
  }

  /** Sends the user's text, or queues it behind the answer that is streaming. */
  submit(text: string): void {
    const trimmed = text.trim();
    if (trimmed === '') return;
    if (this.active) {
      this.queue.push(trimmed);
      // An answer the user already sees as finished needs no "queued" notice.
      if (!this.active.ended) this.view?.post({ type: 'notice', level: 'info', text: 'Queued: it will be sent when this answer finishes.' });
      return;
    }
    const previous = this.conversation.lastAssistant();
    if (previous && previous.state === 'done') this.followUpEmitter.fire({ previousMessageId: previous.id, text: trimmed });
    const user = this.conversation.add({ id: this.newId(), role: 'user', text: trimmed, state: 'done' });
    this.view?.post({ type: 'message/add', message: user });
    this.startAnswer(trimmed);
  }

  /** Stops the answer that is streaming; its partial text is kept and marked cancelled. */
  stop(): void {
    this.queue.length = 0;
    this.active?.abort.abort();
  }

  /** Replaces the last answer with a new one. */
  regenerate(): void | Promise<void> {
    if (this.active) return this.afterEnded(() => this.regenerate());
    const last = this.conversation.lastAssistant();
    if (!last) return;
    this.signalEmitter.fire({ messageId: last.id, signal: 'regenerated' });
    const prompt = this.lastUserText();
    this.conversation.truncateFrom(last.id);
    this.sendState();
    if (prompt !== undefined) this.startAnswer(prompt);
  }

  /** Cuts the conversation at a user message and sends the edited text in its place. */
  edit(messageId: string, text: string): void | Promise<void> {
    if (this.active) return this.afterEnded(() => this.edit(messageId, text));
    const message = this.conversation.find(messageId);
    if (!message || message.role !== 'user') return;
    this.conversation.truncateFrom(messageId);
    this.sendState();
    this.submit(text);
  }

  feedback(messageId: string, value: 'up' | 'down'): void {
    const message = this.conversation.find(messageId);
    if (!message || message.role !== 'assistant') return;
    this.conversation.update(messageId, { feedback: value });
    this.signalEmitter.fire({ messageId, signal: value === 'up' ? 'thumbsUp' : 'thumbsDown' });
    void this.persist();
  }

  /** Records that code or text from an answer was used. */
  signal(messageId: string, signal: AnswerSignal): void {
    if (this.conversation.find(messageId)?.role === 'assistant') this.signalEmitter.fire({ messageId, signal });
  }

  findMessage(messageId: string): { role: string; text: string } | undefined {
    return this.conversation.find(messageId);
  }

  async newChat(): Promise<void> {
    await this.stopAndWait();
    await this.persist();
    this.conversation = Conversation.create(this.newId(), this.now);
    await this.deps.history.setLastOpen(this.conversation.id);
    this.sendState();
  }

  async openConversation(id: string): Promise<boolean> {
    const stored = this.deps.history.load(id);
    if (!stored) {
      this.view?.post({ type: 'notice', level: 'warning', text: 'That conversation could not be read.' });
      return false;
    }
    await this.stopAndWait();
    await this.persist();
    this.conversation = new Conversation(stored, this.now);
    await this.deps.history.setLastOpen(id);
    this.sendState();
    return true;
  }

  /**
   * Starts a new conversation holding an exchange that happened elsewhere (an inline ask),
   * ready for a follow-up question.
   */
  async continueExchange(question: string, answer: string, state: 'done' | 'cancelled' | 'error' = 'done'): Promise<void> {
    await this.stopAndWait();
    await this.persist();
    this.conversation = Conversation.create(this.newId(), this.now);
    this.conversation.add({ id: this.newId(), role: 'user', text: question, state: 'done' });
    if (answer !== '') this.conversation.add({ id: this.newId(), role: 'assistant', text: answer, state });
    await this.persist();
    this.sendState();
  }

  /** Routes a live snapshot of one of this chat's streams to the webview. */
  acceptAnalysis(snapshot: AnalysisSnapshot): void {
    if (!this.conversation.find(snapshot.streamId)) return;
    this.conversation.update(snapshot.streamId, { analysis: snapshot });
    this.view?.post({ type: 'analysis/snapshot', streamId: snapshot.streamId, analysis: snapshot });
    this.analysisEmitter.fire(snapshot);
  }

  /** Waits for the current answer (if any) to finish; for tests and shutdown. */
  async idle(): Promise<void> {
    while (this.active) await this.active.done;
  }

  dispose(): void {
    this.stop();
    for (const emitter of [this.statusEmitter, this.answerEmitter, this.signalEmitter, this.analysisEmitter, this.followUpEmitter]) {
      emitter.dispose();
    }
  }

  /**
   * Runs `action` once the current answer has finished its bookkeeping, if the user already
   * sees it as ended: Regenerate clicked right after `stream/end` must not be lost while the
   * host still waits for the final analysis and the save. Ignored while an answer streams.
   */
  private afterEnded(action: () => void | Promise<void>): Promise<void> | undefined {
    const active = this.active;
    if (!active?.ended) return undefined;
    return active.done.then(() => (this.active ? undefined : action()));
  }

  private async stopAndWait(): Promise<void> {
    this.stop();
    await this.idle();
  }

  private state(): ChatState {
    return {
      conversationId: this.conversation.id,
      messages: this.conversation.messages.map((m) => ({ ...m })),
      model: this.deps.config().model,
      models: this.availableModels(),
      history: this.deps.history.list(),
      banner: this.deps.banner?.(),
      streaming: this.active !== undefined,
    };
  }

  private availableModels(): string[] {
    const configured = this.deps.config().model;
    return this.models.includes(configured) ? this.models : [configured, ...this.models];
  }

  private lastUserText(): string | undefined {
    const messages = this.conversation.messages;
    for (let i = messages.length - 1; i >= 0; i--) if (messages[i].role === 'user') return messages[i].text;
    return undefined;
  }

  private startAnswer(prompt: string): void {
    const config = this.deps.config();
    const request: StreamRequest = {
      messages: this.conversation.toTurns(),
      settings: toStreamSettings(config),
      systemSuffix: this.deps.systemSuffix?.(),
    };
    const messageId = this.newId();
    const assistant = this.conversation.add({ id: messageId, role: 'assistant', text: '', state: 'streaming' });
    this.view?.post({ type: 'message/add', message: assistant });
    let resolveDone!: () => void;
    const active: ActiveStream = {
      messageId, abort: new AbortController(), seq: 0, done: new Promise((r) => (resolveDone = r)), text: new TextAccumulator(), thinking: '',
      inFlight: false, heldText: '', heldThinking: '', ended: false,
    };
    this.active = active;
    this.statusEmitter.fire({ streaming: true });
    void this.runAnswer(active, request, prompt, config.model).finally(() => {
      this.active = undefined;
      resolveDone();
      this.statusEmitter.fire({ streaming: false });
      const next = this.queue.shift();
      if (next !== undefined) this.submit(next);
      else if (this.trimWhenIdle) {
        this.trimWhenIdle = false;
        void this.trim();
      }
    });
  }

  private async runAnswer(active: ActiveStream, request: StreamRequest, prompt: string, model: string): Promise<void> {
    const { messageId } = active;
    const startedAt = this.now();
    const batcher = new DeltaBatcher({
      intervalMs: this.deps.batchIntervalMs ?? 40,
      flushThreshold: 768,
      maxPieces: 1024,
      flushFirst: true,
      timers: this.timers,
      flush: (batch) => this.postDelta(active, batch.text, batch.thinking),
    });
    active.batcher = batcher;
    // Throttle the service's raw figures and build the view (with its cost) only when posting.
    const postMetrics = throttleLatest((m: StreamMetrics) => {
      const metrics = this.metricsView(model, m.inputTokens, m.outputTokens, m.tokensPerSecond, m.timeToFirstTokenMs);
      this.view?.post({ type: 'stream/metrics', streamId: messageId, metrics });
      this.statusEmitter.fire({ streaming: true, tokensPerSecond: metrics.tokensPerSecond });
    }, METRICS_INTERVAL_MS, this.timers);
    this.deps.analysis?.begin(messageId);

    const observer: StreamObserver = {
      onText: (delta) => {
        active.text.append(delta);
        batcher.push(delta, 'text');
        this.deps.analysis?.push(messageId, delta);
      },
      onThinking: (delta) => {
        active.thinking += delta;
        batcher.push(delta, 'thinking');
      },
      onRetryWait: (notice) => {
        batcher.flush();
        this.view?.post({
          type: 'stream/retry',
          streamId: messageId,
          attempt: notice.attempt,
          maxRetries: notice.maxRetries,
          delayMs: notice.delayMs,
          reason: notice.reason.message,
        });
      },
      onMetrics: postMetrics,
    };

    let result: StreamResult;
    try {
      result = await this.deps.runStream(request, observer, active.abort.signal);
    } catch (error) {
      // runStream promises never to reject; if it does, the answer still ends visibly.
      this.logger.error(error instanceof Error ? error : String(error));
      result = {
        outcome: 'error', text: active.text.toString(), thinking: active.thinking, usage: { inputTokens: 0, outputTokens: 0 }, model, totalMs: this.now() - startedAt,
        tokensPerSecond: 0, retries: 0, resumed: false,
        error: { kind: 'unknown', retryable: false, message: 'Something went wrong while streaming. See the "Claude Stream" output for details.', action: 'retry' },
      };
    }
    batcher.flush();
    batcher.dispose();
    postMetrics.cancel();

    // An answer that produced nothing has no figures worth showing ("0 tok/s · $0.0000").
    const produced = result.usage.outputTokens > 0 || result.text !== '';
    const metrics = produced
      ? this.metricsView(model, result.usage.inputTokens, result.usage.outputTokens, result.tokensPerSecond, result.timeToFirstTokenMs)
      : undefined;
    const error: ErrorView | undefined = result.error && result.outcome === 'error'
      ? { kind: result.error.kind, message: result.error.message, action: result.error.action }
      : undefined;
    this.conversation.update(messageId, { text: result.text, thinking: result.thinking || undefined, state: result.outcome, error, metrics });
    // `stream/end` carries the final text but no thinking: thinking still held for a busy
    // webview would be lost, so it goes in one last snapshot first.
    if (active.heldThinking !== '' && this.view?.visible) {
      active.seq += 1;
      this.view.post({ type: 'stream/snapshot', streamId: messageId, seq: active.seq, text: result.text, thinking: result.thinking || undefined });
    }
    active.ended = true;
    active.heldText = '';
    active.heldThinking = '';
    this.view?.post({ type: 'stream/end', streamId: messageId, state: result.outcome, text: result.text, error, metrics });

    const analysis = await this.deps.analysis?.end(messageId, result.outcome).catch(() => undefined);
    if (analysis) this.acceptAnalysis(analysis);
    await this.persist();
    this.answerEmitter.fire({ messageId, source: 'chat', prompt, result, analysis, startedAt });
  }

  private postDelta(active: ActiveStream, textDelta: string, thinkingDelta: string): void {
    if (!this.view || active.ended) return;
    if (!this.view.visible) {
      // A hidden webview gets one snapshot when it is shown, not a backlog of deltas.
      this.needsSnapshot = true;
      active.heldText = '';
      active.heldThinking = '';
      return;
    }
    if (active.inFlight) {
      // A slow webview: merge into one pending delta instead of queueing posts.
      active.heldText += textDelta;
      active.heldThinking += thinkingDelta;
      return;
    }
    active.seq += 1;
    let posted: void | PromiseLike<unknown>;
    if (this.needsSnapshot) {
      this.needsSnapshot = false;
      posted = this.view.post({ type: 'stream/snapshot', streamId: active.messageId, seq: active.seq, text: active.text.toString(), thinking: active.thinking || undefined });
    } else {
      const text = active.heldText + textDelta;
      const thinking = active.heldThinking + thinkingDelta;
      posted = this.view.post({ type: 'stream/delta', streamId: active.messageId, seq: active.seq, text, thinking: thinking || undefined });
    }
    active.heldText = '';
    active.heldThinking = '';
    if (posted && typeof posted.then === 'function') {
      active.inFlight = true;
      const taken = () => {
        active.inFlight = false;
        if (active.heldText !== '' || active.heldThinking !== '') this.postDelta(active, '', '');
      };
      posted.then(taken, taken);
    }
  }

  private metricsView(model: string, inputTokens: number, outputTokens: number, tokensPerSecond: number, ttft?: number): MetricsView {
    return {
      timeToFirstTokenMs: ttft,
      tokensPerSecond,
      inputTokens,
      outputTokens,
      costUsd: estimateCostUsd(model, inputTokens, outputTokens),
    };
  }

  private restoreLastOpen(): Conversation | undefined {
    const id = this.deps.history.lastOpen();
    const stored = id ? this.deps.history.load(id) : undefined;
    return stored ? new Conversation(stored, this.now) : undefined;
  }

  private async persist(): Promise<boolean> {
    try {
      await this.deps.history.save(this.conversation.toStored());
      await this.deps.history.setLastOpen(this.conversation.id);
      return true;
    } catch (error) {
      this.logger.warn(`Could not save the conversation: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
  }
}
