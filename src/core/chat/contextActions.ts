import type { ClaudeStreamConfig } from '../config';
import { toStreamSettings } from '../config';
import type { Clock } from '../ports';
import type { ChatTurn, StreamResult } from '../streaming/types';
import type { ChatHostMessage } from '../../shared/protocol';
import type { AnswerLoop } from './answerLoop';
import type { ChatEvents } from './chatEvents';
import type { ChatControllerDeps } from './chatTypes';
import { exchangesToDrop, type ContextBudget } from './contextBudget';
import { estimateTokens, leadingMessagesToDrop } from './contextMeter';
import type { OpenConversation } from './openConversation';

/** Asks the model for a summary that starts the new chat; sent as the last user turn. */
export const SUMMARY_PROMPT =
  'Summarise our conversation so far so that it can continue in a new chat: the goal, the decisions made, the code and facts that matter, and any open questions. Write only the summary.';

/** Share of the window "Drop oldest turns" aims for, so there is room for several more turns. */
const DROP_TARGET_SHARE = 0.5;

/** What making room in the context window needs from the rest of the chat. */
export interface ContextActionsDeps {
  config(): ClaudeStreamConfig;
  runStream: ChatControllerDeps['runStream'];
  open: OpenConversation;
  budget: ContextBudget;
  loop: AnswerLoop;
  events: ChatEvents;
  post(message: ChatHostMessage): void;
  /** The open conversation's fixed system suffix. */
  systemSuffix(): string | undefined;
  /** Sends the whole chat state to the webview. */
  sendState(): void;
  /** Stops whatever streams and resolves once the chat is idle. */
  stopAndWait(): Promise<void>;
  newId: () => string;
  now: Clock;
}

/**
 * The context actions, offered when a conversation no longer fits the model's window: drop the
 * oldest exchange and retry, drop the oldest turns, or summarise and continue in a new chat. A
 * message held back for lack of room is sent once room is made.
 */
export class ContextActions {
  private summarizing: AbortController | undefined;

  constructor(private readonly deps: ContextActionsDeps) {}

  /** Stops a summary on its way. */
  stop(): void {
    this.summarizing?.abort();
  }

  /** What the window holds now (the last reading, or an estimate) and its size, attachments included. */
  room(): { usedTokens: number; maxTokens?: number } {
    const { budget, open } = this.deps;
    const used = budget.current()?.usedTokens ?? Math.round(estimateTokens(this.deps.systemSuffix(), open.get().toTurns()));
    const maxTokens = budget.windowOf(this.deps.config().model);
    return { usedTokens: used + budget.attachedTokens(), ...(maxTokens !== undefined ? { maxTokens } : {}) };
  }

  /**
   * Drops the oldest exchange (enough of them when the error said how far over the window the
   * prompt was) and asks the last prompt again, replacing its answer. With nothing older than
   * the last prompt it says so and changes nothing. Waits for an answer the user already sees
   * as ended, and is ignored while one streams.
   */
  dropOldestAndRetry(): void | Promise<void> {
    if (this.deps.loop.active) return this.deps.loop.afterEnded(() => this.dropOldestAndRetry());
    const conversation = this.deps.open.get();
    const messages = conversation.messages;
    const lastUser = messages.map((m) => m.role).lastIndexOf('user');
    if (lastUser < 0) return;
    const prompt = messages[lastUser].text;
    const answer = messages[lastUser + 1];
    const count = exchangesToDrop(conversation.exchangeSizes(), answer?.error?.contextTokens);
    if (count === 0 || conversation.dropOldestExchanges(count) === 0) {
      this.deps.post({ type: 'notice', level: 'warning', text: 'There is no older turn to drop. Start a new chat, or shorten your message.' });
      return;
    }
    if (answer) conversation.truncateFrom(answer.id);
    this.deps.sendState();
    this.deps.loop.start(prompt);
  }

  /**
   * "Summarise and continue in a new chat": the model summarises the conversation (the part
   * that fits its window), and the summary starts a new chat. A message held back for lack
   * of room is sent there. Resolves false when the summary failed; the conversation is kept.
   */
  async summarizeAndContinue(): Promise<boolean> {
    const { open, budget } = this.deps;
    await this.deps.stopAndWait();
    const old = open.get();
    const held = budget.held();
    if (held) old.truncateFrom(held.messageId);
    const config = this.deps.config();
    const turns = old.toTurns(config.model);
    if (turns.length === 0) return false;
    const system = this.deps.systemSuffix();
    const ratio = budget.tokensPerChar(system);
    this.fitSummary(turns, system, ratio, budget.windowOf(config.model));
    const settings = { ...toStreamSettings(config), maxTokens: Math.min(config.maxTokens, 2048) };
    this.deps.post({ type: 'notice', level: 'info', text: 'Summarising this conversation to continue in a new chat…' });
    const abort = new AbortController();
    this.summarizing = abort;
    let result: StreamResult;
    try {
      result = await this.deps.runStream({ messages: turns, settings, systemSuffix: system }, {}, abort.signal);
    } finally {
      this.summarizing = undefined;
    }
    this.deps.events.billed(old.id, config.model, result.usage, this.deps.now());
    if (result.outcome !== 'done' || result.text.trim() === '') {
      if (held) old.add({ id: held.messageId, role: 'user', text: held.text, state: 'done' });
      const reason = result.error?.message ?? (result.outcome === 'cancelled' ? 'it was stopped' : 'the answer was empty');
      this.deps.post({ type: 'notice', level: 'error', text: `The summary failed (${reason}); the conversation is unchanged.` });
      this.deps.sendState();
      return false;
    }
    const title = old.summary().title;
    await open.replace(open.create(), false);
    open.get().add({ id: this.deps.newId(), role: 'user', text: `Summary of the earlier conversation "${title}":\n\n${result.text.trim()}`, state: 'done' });
    budget.release();
    budget.reset();
    await open.persist();
    this.deps.sendState();
    if (held) void this.deps.loop.submit(held.text);
    else budget.set(estimateTokens(system, open.get().toTurns()) * ratio * 4, 'estimate', config.model);
    return true;
  }

  /**
   * "Drop oldest turns": removes whole exchanges from the start until the conversation fills
   * about half the window, then sends a message that was held back. Resolves with the number
   * of messages dropped.
   */
  async dropOldestTurns(): Promise<number> {
    const { open, budget } = this.deps;
    await this.deps.stopAndWait();
    const config = this.deps.config();
    const window = budget.windowOf(config.model);
    const system = this.deps.systemSuffix();
    const ratio = budget.tokensPerChar(system);
    const used = budget.current()?.usedTokens ?? estimateTokens(system, open.get().toTurns());
    const target = window ? window * DROP_TARGET_SHARE : used / 2;
    const drop = leadingMessagesToDrop(open.get().messages, (text) => Math.ceil(text.length * ratio), target);
    if (drop === 0) {
      this.deps.post({ type: 'notice', level: 'warning', text: 'There are no older turns to drop; summarise and continue in a new chat instead.' });
      return 0;
    }
    open.get().dropLeading(drop);
    await open.persist();
    budget.reset();
    this.deps.sendState();
    this.deps.post({ type: 'notice', level: 'info', text: `Dropped the ${drop} oldest messages; they are no longer sent to the model.` });
    const held = budget.held();
    if (held) {
      budget.release();
      this.deps.loop.start(held.text);
    } else {
      budget.set(Math.ceil(estimateTokens(system, open.get().toTurns()) * ratio * 4), 'estimate', config.model);
    }
    return drop;
  }

  /**
   * Makes a conversation's turns (at least one) the summary request: what does not fit the
   * window is left out, oldest first, and the summary prompt ends them.
   */
  private fitSummary(turns: ChatTurn[], system: string | undefined, ratio: number, window: number | undefined): void {
    // The window limits input alone; the summary prompt itself needs a little room.
    const budget = window ? window * 0.95 - SUMMARY_PROMPT.length : Infinity;
    let trimmed = false;
    while (turns.length > 2 && estimateTokens(system, turns) * ratio * 4 > budget) {
      turns.splice(0, 2);
      trimmed = true;
    }
    // Thinking blocks are signed over the whole conversation; without its start they are rejected.
    if (trimmed) for (const t of turns) delete t.thinkingBlocks;
    const last = turns[turns.length - 1];
    if (last.role === 'user') last.content += `\n\n${SUMMARY_PROMPT}`;
    else turns.push({ role: 'user', content: SUMMARY_PROMPT });
  }
}
