// Over 350 lines: the facade the shell and tests call; each method delegates in a few lines to answerLoop, contextActions, openConversation or answerRevisions.
import { silentLogger } from '../ports';
import type { AnalysisSnapshot, AttachmentView, ChatState, ModelChoiceView, QueuedPromptView } from '../../shared/protocol';
import { ModelCatalog, modelChoiceView } from '../models/modelCatalog';
import type { ModelProfile } from '../models/modelProfile';
import { AnswerLoop } from './answerLoop';
import { AnswerRevisions } from './answerRevisions';
import type { AnswerSignal, ChatControllerDeps, ChatView } from './chatTypes';
import { ChatEvents } from './chatEvents';
import { ContextActions } from './contextActions';
import { ContextBudget } from './contextBudget';
import type { Conversation } from './conversation';
import { makeIdFactory } from './conversation';
import { realTimers } from './deltaBatcher';
import { PromptCache } from './promptCache';
import { OpenConversation, type ExchangeContext } from './openConversation';
import { toMessageView } from './storedConversation';
import { StreamSink } from './streamSink';
import type { AnswerOutcome } from '../vocabulary';

/**
 * The chat, free of VS Code: the one facade the chat panel drives, where each public method is
 * one user action on the open conversation. Each idea has its own part: the conversation's life
 * in history (`OpenConversation`), sending and queueing (`AnswerLoop`), revising what was said
 * (`AnswerRevisions`), making room in the context window (`ContextActions`), the prompt cache
 * (`PromptCache`), the events others listen to (`ChatEvents`), and how messages reach the
 * webview (`StreamSink`).
 */
export class ChatController {
  /** The open conversation: restored, saved, swapped and trimmed. */
  private readonly open: OpenConversation;
  /** Sending, queueing and the answer that streams. */
  private readonly loop: AnswerLoop;
  /** The webview side: batching, `seq`, at most one delta in flight, snapshots after a reload. */
  private readonly sink: StreamSink;
  /** The context meter and the message held back for lack of room. */
  private readonly budget: ContextBudget;
  private readonly catalog: ModelCatalog;

  private readonly events = new ChatEvents();
  /** The fixed system suffix and the model-switch warning. */
  private readonly cache: PromptCache;
  /** Drop oldest, summarise and continue: making room in the context window. */
  private readonly actions: ContextActions;
  /** Regenerate, edit into a branch, switch branch, continue. */
  private readonly revisions: AnswerRevisions;

  /** Fires when streaming starts, ends, or its rate changes (throttled). */
  readonly onDidChangeStatus = this.events.status.event;
  /** Fires once per finished answer, whatever its outcome. */
  readonly onDidCompleteAnswer = this.events.answer.event;
  /** Fires when the user copies, applies, rates or regenerates an answer. */
  readonly onDidSignal = this.events.signal.event;
  /** Fires for every live analysis snapshot of a chat stream. */
  readonly onDidAnalyze = this.events.analysis.event;
  /** Fires when the user writes again after an answer; its tone says how that answer went. */
  readonly onDidFollowUp = this.events.followUp.event;
  /** Fires for every request the chat was billed for, whatever its outcome. */
  readonly onDidBill = this.events.bill.event;

  constructor(private readonly deps: ChatControllerDeps) {
    const now = deps.clock ?? Date.now;
    const newId = deps.newId ?? makeIdFactory('m');
    const logger = deps.logger ?? silentLogger;
    const timers = deps.timers ?? realTimers;
    this.catalog = deps.catalog ?? new ModelCatalog();
    this.cache = new PromptCache({ config: deps.config, systemSuffix: deps.systemSuffix, now });
    this.open = new OpenConversation({ history: deps.history, now, newId, logger });
    this.sink = new StreamSink({ timers, batchIntervalMs: deps.batchIntervalMs ?? 40 });
    const post = this.sink.post.bind(this.sink);
    this.budget = new ContextBudget({ ...deps, config: deps.config, conversation: () => this.conversation(), post });
    this.loop = new AnswerLoop({
      ...deps,
      open: this.open,
      sink: this.sink,
      budget: this.budget,
      cache: this.cache,
      events: this.events,
      timers,
      logger,
      newId,
      now,
    });
    this.actions = new ContextActions({
      config: deps.config,
      runStream: deps.runStream,
      open: this.open,
      budget: this.budget,
      loop: this.loop,
      events: this.events,
      post,
      systemSuffix: () => this.systemSuffix(),
      sendState: () => this.sendState(),
      stopAndWait: () => this.stopAndWait(),
      newId,
      now,
    });
    this.revisions = new AnswerRevisions({ open: this.open, loop: this.loop, events: this.events, sendState: () => this.sendState(), newId });
  }

  /** The open conversation; after `trim()` freed it, this reads it back from storage (see `OpenConversation`). */
  private conversation(): Conversation {
    return this.open.get();
  }

  /**
   * Frees the in-memory transcript while no answer streams, after saving it; it is read back
   * from storage when next needed. Called under memory pressure. Resolves true if it freed it;
   * asked while an answer streams, it trims once that answer (and any queued one) has ended.
   */
  trim(): Promise<boolean> {
    return this.open.trim(() => this.loop.active !== undefined);
  }

  /** True while the transcript is held in memory (false after a successful `trim()`). */
  get holdsTranscript(): boolean {
    return this.open.holdsTranscript;
  }

  get isStreaming(): boolean {
    return this.loop.active !== undefined;
  }

  get conversationId(): string {
    return this.conversation().id;
  }

  /** Read-only view of the messages, for tests and commands. */
  messages(): ReadonlyArray<{ id: string; role: string; state: string; text: string; stop?: string; error?: { message: string } }> {
    return this.conversation().messages;
  }

  /** Connects a webview (or disconnects with undefined). A connected view gets the whole state. */
  attach(view: ChatView | undefined): void {
    this.sink.attach(view);
    if (view) this.sendState();
  }

  /** Called when the webview says `ready` or becomes visible again: send everything. */
  sendState(): void {
    this.sink.resync(this.state(), this.loop.active?.stream);
  }

  /** Takes the Models API's list (undefined: no key, offline or failed, so the bundled table serves). */
  setModels(models: readonly ModelProfile[] | undefined): void {
    this.catalog.setListed(models);
    this.showModels();
  }

  /** Tells the webview the model list, the configured model and effort, e.g. after a setting changed. */
  showModels(): void {
    this.sink.post({ type: 'models', models: this.modelChoice() });
  }

  /**
   * Sends the user's text (with any attached code), or queues it behind the answer that is
   * streaming. Prompts queue in order; a held queue (after Stop or a failure) is released by
   * the next prompt, which joins its end.
   */
  submit(text: string, attachments?: AttachmentView[]): void | Promise<void> {
    return this.loop.submit(text, attachments);
  }

  /** The prompts waiting to be sent, in order. */
  queued(): readonly QueuedPromptView[] {
    return this.loop.queued();
  }

  /** Changes a queued prompt's text; empty text removes it. One already sent goes back to the input box instead. */
  editQueued(id: string, text: string): void {
    this.loop.editQueued(id, text);
  }

  /** Drops a queued prompt. */
  removeQueued(id: string): void {
    this.loop.removeQueued(id);
  }

  /** Sends the next queued prompt now, if nothing streams ("Send queued" after Stop or a failure). */
  resumeQueue(): void {
    this.loop.resumeQueue();
  }

  /** Stops the answer that is streaming; its partial text is kept and marked cancelled. Queued prompts wait. */
  stop(): void {
    this.loop.stop();
    this.actions.stop();
  }

  /** Selects another version of the conversation at an edited user message. */
  selectBranch(messageId: string, index: number): void | Promise<void> {
    return this.revisions.selectBranch(messageId, index);
  }

  /** Replaces the last answer with a new one. */
  regenerate(): void | Promise<void> {
    return this.revisions.regenerate();
  }

  /**
   * A context action: drops the oldest exchange (enough of them when the error said how far over
   * the window the prompt was) and asks the last prompt again, replacing its answer as
   * Regenerate does. Fits any answer that did not fit the model's context window, a
   * "prompt is too long" error or a `model_context_window_exceeded` stop alike. With nothing
   * older than the last prompt it says so and changes nothing.
   */
  dropOldestAndRetry(): void | Promise<void> {
    return this.actions.dropOldestAndRetry();
  }

  /**
   * Sends an edited user message in a new branch of the conversation; the original message and
   * the answers after it stay reachable through the message's ‹ n/m › switcher.
   */
  edit(messageId: string, text: string): void | Promise<void> {
    return this.revisions.edit(messageId, text);
  }

  /** Continues the last answer after it stopped at `max_tokens`: the same message goes on. */
  continueAnswer(messageId: string): void | Promise<void> {
    return this.revisions.continueAnswer(messageId);
  }

  feedback(messageId: string, value: 'up' | 'down'): void {
    const message = this.conversation().find(messageId);
    if (!message || message.role !== 'assistant') return;
    this.conversation().update(messageId, { feedback: value });
    this.events.signal.fire({ messageId, signal: value === 'up' ? 'thumbsUp' : 'thumbsDown' });
    void this.open.persist();
  }

  /** Records that code or text from an answer was used. */
  signal(messageId: string, signal: AnswerSignal): void {
    if (this.conversation().find(messageId)?.role === 'assistant') this.events.signal.fire({ messageId, signal });
  }

  findMessage(messageId: string): { role: string; text: string } | undefined {
    return this.conversation().find(messageId);
  }

  async newChat(): Promise<void> {
    await this.stopAndWait();
    await this.open.replace(this.open.create(), true);
    this.sendState();
  }

  async openConversation(id: string): Promise<boolean> {
    const stored = this.open.load(id);
    if (!stored) {
      this.sink.post({ type: 'notice', level: 'warning', text: 'That conversation could not be read.' });
      return false;
    }
    await this.stopAndWait();
    await this.open.replace(stored, true);
    this.sendState();
    return true;
  }

  /**
   * Starts a new conversation holding an exchange that happened elsewhere (an inline ask),
   * ready for a follow-up question.
   */
  async continueExchange(question: string, answer: string, state: AnswerOutcome = 'done', context?: ExchangeContext): Promise<void> {
    await this.stopAndWait();
    await this.open.startWithExchange(question, answer, state, context);
    this.sendState();
  }

  /** Routes a live snapshot of one of this chat's streams to the webview. */
  acceptAnalysis(snapshot: AnalysisSnapshot): void {
    this.loop.acceptAnalysis(snapshot);
  }

  /** Waits for the current answer (if any) to finish; for tests and shutdown. */
  idle(): Promise<void> {
    return this.loop.idle();
  }

  dispose(): void {
    this.stop();
    this.events.dispose();
  }

  private async stopAndWait(): Promise<void> {
    this.stop();
    await this.idle();
  }

  private state(): ChatState {
    return {
      conversationId: this.conversation().id,
      messages: this.conversation().messages.map(toMessageView),
      model: this.deps.config().model,
      models: this.modelChoice(),
      history: this.deps.history.list(),
      banner: this.deps.banner?.(),
      streaming: this.loop.active !== undefined,
      context: this.budget.current(),
      ...this.loop.queueState(),
    };
  }

  /** What the window holds now (the conversation's last reading, or an estimate) and its size, for refusing what would overflow it. */
  contextRoom(): { usedTokens: number; maxTokens?: number } {
    return this.actions.room();
  }

  /** Shows the attachments beside the input in the context meter, before they are sent. */
  setAttachedTokens(tokens: number): void {
    this.budget.setAttached(tokens, this.deps.config().model);
  }

  /** True when the selected model takes images (`image_input` in its capabilities). */
  acceptsImages(): { model: string; accepts: boolean } {
    const model = this.deps.config().model;
    return { model, accepts: this.catalog.profile(model)?.imageInput ?? false };
  }

  private modelChoice(): ModelChoiceView {
    const config = this.deps.config();
    return modelChoiceView(this.catalog, config.model, config.effort);
  }

  /**
   * "Summarise and continue in a new chat": the model summarises the conversation (the part
   * that fits its window), and the summary starts a new chat. A message held back for lack
   * of room is sent there. Resolves false when the summary failed; the conversation is kept.
   */
  summarizeAndContinue(): Promise<boolean> {
    return this.actions.summarizeAndContinue();
  }

  /**
   * "Drop oldest turns": removes whole exchanges from the start until the conversation fills
   * about half the window, then sends a message that was held back. Resolves with the number
   * of messages dropped.
   */
  dropOldestTurns(): Promise<number> {
    return this.actions.dropOldestTurns();
  }

  /**
   * Why switching to `model` costs more, when it does: the prompt cache is per model, so a
   * warm cache is thrown away and the next answer pays full input price for the whole history.
   */
  modelSwitchWarning(model: string): string | undefined {
    return this.cache.switchWarning(this.conversation().id, model);
  }

  /** Forgets the system suffix fixed for this conversation: call when the user applied a change to it. */
  refreshSystemSuffix(): void {
    this.cache.refresh();
  }

  /** The system suffix of the current conversation, fixed at its first request. */
  private systemSuffix(): string | undefined {
    return this.cache.systemSuffix(this.conversation().id);
  }
}
