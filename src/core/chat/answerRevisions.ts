import type { AnswerLoop } from './answerLoop';
import { composePrompt } from './attachments';
import type { ChatEvents } from './chatEvents';
import type { OpenConversation } from './openConversation';
import { toAttachmentView } from './storedConversation';

/** What revising the transcript needs from the rest of the chat. */
export interface AnswerRevisionsDeps {
  open: OpenConversation;
  loop: AnswerLoop;
  events: ChatEvents;
  /** Sends the whole chat state to the webview. */
  sendState(): void;
  newId: () => string;
}

/**
 * Going back over what was already said: regenerate the last answer, edit a user message into a
 * new branch, switch between branches, continue an answer cut off at `max_tokens`. Each waits
 * for an answer the user already sees as ended, and is ignored while one streams.
 */
export class AnswerRevisions {
  constructor(private readonly deps: AnswerRevisionsDeps) {}

  /** Selects another version of the conversation at an edited user message. */
  selectBranch(messageId: string, index: number): void | Promise<void> {
    const { loop, open } = this.deps;
    if (loop.active) return loop.afterEnded(() => this.selectBranch(messageId, index));
    if (!open.get().selectBranch(messageId, index)) return;
    this.deps.sendState();
    void open.persist();
  }

  /** Replaces the last answer with a new one. */
  regenerate(): void | Promise<void> {
    const { loop, open } = this.deps;
    if (loop.active) return loop.afterEnded(() => this.regenerate());
    const last = open.get().lastAssistant();
    if (!last) return;
    this.deps.events.signal.fire({ messageId: last.id, signal: 'regenerated' });
    const prompt = this.lastUserText();
    open.get().truncateFrom(last.id);
    this.deps.sendState();
    if (prompt !== undefined) loop.start(prompt);
  }

  /**
   * Sends an edited user message in a new branch of the conversation; the original message and
   * the answers after it stay reachable through the message's ‹ n/m › switcher.
   */
  edit(messageId: string, text: string): void | Promise<void> {
    const { loop, open } = this.deps;
    if (loop.active) return loop.afterEnded(() => this.edit(messageId, text));
    const message = open.get().find(messageId);
    const trimmed = text.trim();
    if (!message || message.role !== 'user' || trimmed === '') return;
    const attachments = message.attachments;
    const prompt = attachments?.length ? composePrompt(trimmed, attachments.map(toAttachmentView)) : undefined;
    const user = open.get().branchFrom(messageId, {
      id: this.deps.newId(),
      role: 'user',
      text: trimmed,
      state: 'done',
      ...(attachments ? { attachments } : {}),
      ...(prompt ? { prompt } : {}),
      ...(message.images ? { images: message.images } : {}),
    });
    if (!user) return;
    this.deps.sendState();
    loop.start(prompt ?? trimmed);
  }

  /** Continues the last answer after it stopped at `max_tokens`: the same message goes on. */
  continueAnswer(messageId: string): void | Promise<void> {
    const { loop, open } = this.deps;
    if (loop.active) return loop.afterEnded(() => this.continueAnswer(messageId));
    const last = open.get().lastAssistant();
    if (!last || last.id !== messageId || last.state !== 'done' || last.stop !== 'max_tokens') return;
    loop.start(this.lastUserText() ?? '', { messageId, text: last.text });
  }

  /** The last user turn as the model got it (with its attachments), if any. */
  private lastUserText(): string | undefined {
    const last = this.deps.open.get().lastUser();
    return last ? (last.prompt ?? last.text) : undefined;
  }
}
