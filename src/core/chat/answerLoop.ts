import type { ClaudeStreamConfig } from '../config';
import { toStreamSettings } from '../config';
import type { Clock, Logger } from '../ports';
import type { StreamRequest, TurnImage } from '../streaming/types';
import type { AnalysisSnapshot, AttachmentView, ContextKind, ErrorView, MessageState, QueuedPromptView } from '../../shared/protocol';
import { ActiveAnswer, metricsView, toErrorView, type AnswerStreamDeps } from './activeAnswer';
import { attachedImages, composePrompt } from './attachments';
import type { ChatEvents } from './chatEvents';
import type { LiveAnalysisPort } from './chatTypes';
import type { ContextBudget } from './contextBudget';
import type { OpenConversation } from './openConversation';
import type { PromptCache } from './promptCache';
import { PromptQueue } from './promptQueue';
import { toStoredAnalysis } from '../storage/storedAnalysis';
import { toMessageView } from './storedConversation';
import type { Timers } from './deltaBatcher';
import type { StreamSink } from './streamSink';

/** What sending prompts and streaming their answers needs from the rest of the chat. */
export interface AnswerLoopDeps {
  config(): ClaudeStreamConfig;
  open: OpenConversation;
  sink: StreamSink;
  budget: ContextBudget;
  cache: PromptCache;
  events: ChatEvents;
  runStream: AnswerStreamDeps['runStream'];
  analysis?: LiveAnalysisPort;
  timers: Timers;
  logger: Logger;
  /** An image attachment's data, by its id. */
  imageData?(attachmentId: string): TurnImage | undefined;
  newId: () => string;
  now: Clock;
}

/** An answer that goes on from the existing message `messageId`, whose text so far is `text`. */
export interface Continuation {
  messageId: string;
  text: string;
}

/**
 * Sending and queueing: at most one answer streams; prompts submitted meanwhile queue in order,
 * and each answer, once streamed, is recorded in the conversation, the webview, the analysis and
 * history before the next prompt goes. After Stop or a failure the queue waits for the user.
 */
export class AnswerLoop {
  private current: ActiveAnswer | undefined;
  private readonly queue: PromptQueue;
  /** What each answer needs while it streams. */
  private readonly stream: AnswerStreamDeps;

  constructor(private readonly deps: AnswerLoopDeps) {
    const post = deps.sink.post.bind(deps.sink);
    this.queue = new PromptQueue(post);
    const { runStream, analysis, timers, now, logger, events } = deps;
    this.stream = { runStream, analysis, timers, now, logger, post, status: (status) => events.status.fire(status) };
  }

  /** The answer that is streaming, or that has ended but whose bookkeeping is not done. */
  get active(): ActiveAnswer | undefined {
    return this.current;
  }

  /** The queue as the chat state carries it. */
  queueState(): { queue: QueuedPromptView[]; queueHeld: boolean } {
    return { queue: this.queue.snapshot(), queueHeld: this.queue.held };
  }

  /** Sends the prompt, or queues it behind the answer that streams; a held queue is released by it. */
  submit(text: string, attachments?: AttachmentView[]): void | Promise<void> {
    const trimmed = text.trim();
    if (trimmed === '') return;
    const item: QueuedPromptView = { id: this.deps.newId(), text: trimmed, ...(attachments?.length ? { attachments } : {}) };
    const active = this.current;
    // An answer the user already sees as finished: this prompt follows it, whatever its outcome.
    if (active?.ended) return active.done.then(() => this.submit(text, attachments));
    if (active || this.queue.length > 0) {
      this.queue.push(item);
      if (!active) return this.resumeQueue();
      return this.queue.show();
    }
    this.send(item);
  }

  /** The prompts waiting to be sent, in order. */
  queued(): readonly QueuedPromptView[] {
    return this.queue.list();
  }

  editQueued(id: string, text: string): void {
    this.queue.edit(id, text);
  }

  removeQueued(id: string): void {
    this.queue.remove(id);
  }

  /** Releases the queue and sends its next prompt now, if nothing streams. */
  resumeQueue(): void {
    this.queue.setHeld(false);
    if (this.current) return this.queue.show();
    const next = this.queue.take();
    if (next) this.send(next);
  }

  /** Stops the answer that streams; its partial text is kept. */
  stop(): void {
    this.current?.abort.abort();
  }

  /** Waits until no answer streams or awaits its bookkeeping. */
  async idle(): Promise<void> {
    while (this.current) await this.current.done;
  }

  /**
   * Runs `action` once the current answer has finished its bookkeeping, if the user already
   * sees it as ended: Regenerate clicked right after `stream/end` must not be lost while the
   * host still waits for the final analysis and the save. Ignored while an answer streams.
   */
  afterEnded(action: () => void | Promise<void>): Promise<void> | undefined {
    const active = this.current;
    if (!active?.ended) return undefined;
    return active.done.then(() => (this.current ? undefined : action()));
  }

  /**
   * Streams an answer to the conversation so far: a new assistant message, or, with
   * `continuing`, more of an existing one that stopped at `max_tokens`, joined exactly as a
   * resume is. A new answer that would not fit the context window is held back instead.
   */
  start(prompt: string, continuing?: Continuation): void {
    const { open, sink, budget, events } = this.deps;
    const config = this.deps.config();
    const turns = open.get().toTurns(config.model);
    if (continuing && turns.at(-1)?.role === 'assistant') turns.pop();
    const request: StreamRequest = {
      messages: turns,
      settings: toStreamSettings(config),
      systemSuffix: this.deps.cache.systemSuffix(open.get().id),
      ...(continuing ? { continueFrom: continuing.text } : {}),
    };
    if (!continuing && budget.wouldOverflow(request, prompt)) return budget.hold(prompt);
    budget.release();
    const messageId = continuing?.messageId ?? this.deps.newId();
    if (continuing) {
      open.get().update(messageId, { state: 'streaming', stop: undefined, stopDetails: undefined, error: undefined });
      sink.post({ type: 'stream/reopen', streamId: messageId });
    } else {
      const assistant = open.get().add({ id: messageId, role: 'assistant', text: '', state: 'streaming', model: config.model });
      sink.post({ type: 'message/add', message: toMessageView(assistant) });
    }
    const active = new ActiveAnswer(messageId, sink, continuing?.text);
    this.current = active;
    events.status.fire({ streaming: true });
    let outcome: MessageState = 'error';
    void this.run(active, request, prompt, config.model)
      .then((o) => (outcome = o))
      .finally(() => {
        this.current = undefined;
        active.finish();
        events.status.fire({ streaming: false });
        this.next(outcome);
      });
  }

  /** Keeps a live snapshot of one of this chat's answers in the conversation and sends it to the webview and listeners. */
  acceptAnalysis(snapshot: AnalysisSnapshot): void {
    const conversation = this.deps.open.get();
    if (!conversation.find(snapshot.streamId)) return;
    conversation.update(snapshot.streamId, { analysis: toStoredAnalysis(snapshot) });
    this.deps.sink.post({ type: 'analysis/snapshot', streamId: snapshot.streamId, analysis: snapshot });
    this.deps.events.analysis.fire(snapshot);
  }

  /** After an answer: the next queued prompt goes, unless the answer failed or the queue is held. */
  private next(outcome: MessageState): void {
    // After Stop or a failure the queue waits: the next prompt may no longer make sense.
    if (this.queue.length > 0 && (outcome !== 'done' || this.queue.held)) {
      this.queue.setHeld(true);
      this.queue.show();
      return;
    }
    const next = this.queue.length > 0 ? this.queue.take() : undefined;
    if (next !== undefined) this.send(next);
    else this.deps.open.trimIfAsked(() => this.current !== undefined);
  }

  /** Adds the user's message and starts its answer. */
  private send(item: QueuedPromptView): void {
    const conversation = this.deps.open.get();
    const previous = conversation.lastAssistant();
    if (previous && previous.state === 'done') this.deps.events.followUp.fire({ previousMessageId: previous.id, text: item.text });
    const prompt = item.attachments ? composePrompt(item.text, item.attachments) : undefined;
    const images = attachedImages(item.attachments, this.deps.imageData);
    const user = conversation.add({
      id: item.id,
      role: 'user',
      text: item.text,
      state: 'done',
      ...(item.attachments ? { attachments: item.attachments } : {}),
      ...(prompt ? { prompt } : {}),
      ...(images.length ? { images } : {}),
    });
    this.deps.sink.post({ type: 'message/add', message: toMessageView(user) });
    this.start(prompt ?? item.text);
  }

  /** Streams the answer, then records how it ended in the conversation, the webview, the analysis and history. */
  private async run(active: ActiveAnswer, request: StreamRequest, prompt: string, model: string): Promise<MessageState> {
    const { open, budget } = this.deps;
    const { messageId } = active;
    const startedAt = this.deps.now();
    // The token count starts once the first token is in, so it never competes with the send.
    const result = await active.run(this.stream, request, model, () => budget.measure(request));

    // An answer that produced nothing has no figures worth showing ("0 tok/s · $0.0000").
    const produced = result.usage.outputTokens > 0 || result.text !== '';
    const metrics = produced ? metricsView(model, result.usage, result.tokensPerSecond, result.timeToFirstTokenMs) : undefined;
    const error: ErrorView | undefined = result.error && result.outcome === 'error' ? toErrorView(result.error) : undefined;
    const conversation = open.get();
    if (result.thinkingBlocksRejected) conversation.dropThinkingBlocks();
    const kept = conversation.find(messageId);
    // A continuation keeps the thinking of the answer it continues: that is what the model signed.
    const continuing = request.continueFrom !== undefined;
    const stop = result.outcome === 'done' ? result.stopReason : undefined;
    conversation.update(messageId, {
      text: result.text,
      thinking: continuing ? kept?.thinking : result.thinking || undefined,
      thinkingMs: continuing ? kept?.thinkingMs : result.thinkingMs,
      ...(!continuing ? { thinkingBlocks: result.thinkingBlocks?.length ? result.thinkingBlocks : undefined } : {}),
      model,
      stop,
      stopDetails: stop ? result.stopDetails : undefined,
      state: result.outcome,
      error,
      metrics,
    });
    this.deps.events.billed(conversation.id, model, result.usage, this.deps.now());
    if (result.usage.promptTokens) {
      const inWindow = result.usage.promptTokens + result.usage.outputTokens;
      this.deps.cache.answered(conversation.id, model, inWindow);
      // The next prompt carries this one and the answer: the API's own figures, no estimate.
      budget.setUsage(inWindow, model);
    }
    const ended = conversation.find(messageId);
    active.stream.end(
      {
        type: 'stream/end',
        streamId: messageId,
        state: result.outcome,
        text: result.text,
        error,
        metrics,
        ...(ended?.stop ? { stop: ended.stop } : {}),
        ...(ended?.stopDetails ? { stopDetails: ended.stopDetails } : {}),
        ...(ended?.thinkingMs !== undefined ? { thinkingMs: ended.thinkingMs } : {}),
      },
      result.thinking,
    );

    const analysis = await this.deps.analysis?.end(messageId, result.outcome).catch(() => undefined);
    if (analysis) this.acceptAnalysis(analysis);
    await open.persist();
    const contextKinds = this.contextKindsBefore(messageId);
    this.deps.events.answer.fire({ messageId, source: 'chat', prompt, result, analysis, startedAt, ...(contextKinds ? { contextKinds } : {}) });
    return result.outcome;
  }

  /** The kinds of context the question before an answer carried (once each), for the learning record. */
  private contextKindsBefore(answerId: string): ContextKind[] | undefined {
    const messages = this.deps.open.get().messages;
    const at = messages.findIndex((m) => m.id === answerId);
    const question = at > 0 ? messages[at - 1] : undefined;
    if (!question || question.role !== 'user') return undefined;
    return [...new Set((question.attachments ?? []).map((a) => a.kind ?? 'selection'))];
  }
}
