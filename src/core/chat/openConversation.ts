import type { Clock, Logger } from '../ports';
import type { AttachmentView } from '../../shared/protocol';
import type { AnswerOutcome } from '../vocabulary';
import { Conversation } from './conversation';
import type { HistoryStore } from './historyStore';

/** What the open conversation needs: where conversations are kept, the time, ids and a log. */
export interface OpenConversationDeps {
  history: HistoryStore;
  now: Clock;
  newId: () => string;
  logger: Logger;
}

/** What an inline ask carried: the prompt as the model got it, and its attachments. */
export interface ExchangeContext {
  prompt: string;
  attachments: AttachmentView[];
}

/**
 * The conversation the chat has open, and its life in history: restored at start, saved after
 * each change, swapped for another, and freed from memory under pressure. After a `trim()` the
 * transcript is not in memory; `get()` then reads it back from storage, so callers always see it
 * whole and never hold a stale copy.
 */
export class OpenConversation {
  /** Undefined after `trim()`: `get()` reads the transcript back from storage. */
  private current: Conversation | undefined;
  /** A trim asked for while an answer streamed; done by `trimIfAsked()` once the chat is idle. */
  private trimWhenIdle = false;

  constructor(private readonly deps: OpenConversationDeps) {
    this.current = this.restore();
  }

  /** The open conversation; after a `trim()` this reloads it (the last open one, or a new empty one). */
  get(): Conversation {
    this.current ??= this.restore();
    return this.current;
  }

  /** True while the transcript is held in memory (false after a successful `trim()`). */
  get holdsTranscript(): boolean {
    return this.current !== undefined;
  }

  /** A new, empty conversation, not yet open. */
  create(): Conversation {
    return Conversation.create(this.deps.newId(), this.deps.now);
  }

  /** A conversation from history, not yet open; undefined when it is missing or unreadable. */
  load(id: string): Conversation | undefined {
    const stored = this.deps.history.load(id);
    return stored ? new Conversation(stored, this.deps.now) : undefined;
  }

  /**
   * Saves the open conversation and opens `next` in its place. With `remember` the history
   * records `next` as the last open one now; otherwise that happens when `next` is first saved.
   */
  async replace(next: Conversation, remember: boolean): Promise<void> {
    await this.persist();
    this.current = next;
    if (remember) await this.deps.history.setLastOpen(next.id);
  }

  /**
   * Saves the open conversation and opens a new one holding an exchange that happened elsewhere
   * (an inline ask): the question with its context, then the answer unless it is empty.
   */
  async startWithExchange(question: string, answer: string, state: AnswerOutcome, context?: ExchangeContext): Promise<void> {
    await this.replace(this.create(), false);
    const next = this.get();
    next.add({ id: this.deps.newId(), role: 'user', text: question, state: 'done', ...(context ? { prompt: context.prompt, attachments: context.attachments } : {}) });
    if (answer !== '') next.add({ id: this.deps.newId(), role: 'assistant', text: answer, state });
    await this.persist();
  }

  /** Saves the open conversation and marks it last open; resolves false (and logs) if saving failed. */
  async persist(): Promise<boolean> {
    try {
      await this.deps.history.save(this.get().toStored());
      await this.deps.history.setLastOpen(this.get().id);
      return true;
    } catch (error) {
      this.deps.logger.warn(`Could not save the conversation: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
  }

  /**
   * Frees the in-memory transcript while `busy()` is false, after saving it. Resolves true if it
   * freed it; asked while busy, it remembers the request for `trimIfAsked()`.
   */
  async trim(busy: () => boolean): Promise<boolean> {
    const held = this.current;
    if (held && busy()) this.trimWhenIdle = true;
    if (!held || busy() || held.messages.length === 0) return false;
    const version = held.summary().updatedAt;
    if (!(await this.persist())) return false;
    // Anything that changed meanwhile (a new answer, feedback) keeps the transcript in memory.
    if (busy() || this.current !== held || held.summary().updatedAt !== version) return false;
    this.current = undefined;
    return true;
  }

  /** Does a trim asked for while the chat was busy; call once nothing streams or waits. */
  trimIfAsked(busy: () => boolean): void {
    if (!this.trimWhenIdle) return;
    this.trimWhenIdle = false;
    void this.trim(busy);
  }

  private restore(): Conversation {
    const id = this.deps.history.lastOpen();
    return (id ? this.load(id) : undefined) ?? this.create();
  }
}
