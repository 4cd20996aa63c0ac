import type { ChatTurn } from '../streaming/types';
import type { ConversationSummary } from '../../shared/protocol';
import type { MessageState } from '../vocabulary';
import type { StoredConversation, StoredMessage } from './storedConversation';

const TITLE_LENGTH = 60;

/** Makes ids that are unique within a window and safe for the protocol's id pattern. */
export function makeIdFactory(prefix: string, random: () => number = Math.random): () => string {
  let counter = 0;
  return () => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}${Math.floor(random() * 1e9).toString(36)}`;
}

/**
 * The conversation being chatted in. All edits go through here so the message list,
 * the title and `updatedAt` stay consistent.
 */
export class Conversation {
  constructor(
    private readonly data: StoredConversation,
    private readonly now: () => number,
  ) {}

  static create(id: string, now: () => number): Conversation {
    const t = now();
    return new Conversation({ id, title: 'New chat', createdAt: t, updatedAt: t, messages: [] }, now);
  }

  get id(): string {
    return this.data.id;
  }

  get messages(): readonly StoredMessage[] {
    return this.data.messages;
  }

  find(messageId: string): StoredMessage | undefined {
    return this.data.messages.find((m) => m.id === messageId);
  }

  /** The last assistant message, if the conversation ends with one. */
  lastAssistant(): StoredMessage | undefined {
    const last = this.data.messages[this.data.messages.length - 1];
    return last?.role === 'assistant' ? last : undefined;
  }

  add(message: Omit<StoredMessage, 'createdAt'>): StoredMessage {
    const stored: StoredMessage = { ...message, createdAt: this.now() };
    this.data.messages.push(stored);
    if (message.role === 'user' && this.data.title === 'New chat') this.data.title = titleFrom(message.text);
    this.touch();
    return stored;
  }

  /** The last user message, if any. */
  lastUser(): StoredMessage | undefined {
    for (let i = this.data.messages.length - 1; i >= 0; i--) if (this.data.messages[i].role === 'user') return this.data.messages[i];
    return undefined;
  }

  /**
   * Removes the first `count` messages (the oldest turns), to make room in the context window.
   * The kept answers lose their thinking blocks: a block is signed over the conversation it
   * was written in, so with the start gone the API would reject its signature.
   */
  dropLeading(count: number): void {
    if (count <= 0) return;
    this.data.messages.splice(0, count);
    for (const m of this.data.messages) delete m.thinkingBlocks;
    this.touch();
  }

  /** Forgets every answer's thinking blocks, e.g. after the API rejected their signatures. */
  dropThinkingBlocks(): void {
    for (const message of this.data.messages) delete message.thinkingBlocks;
  }

  /** Removes the given message and everything after it. */
  truncateFrom(messageId: string): boolean {
    const index = this.data.messages.findIndex((m) => m.id === messageId);
    if (index < 0) return false;
    this.data.messages.splice(index);
    this.touch();
    return true;
  }

  /**
   * Removes the oldest `count` exchanges (a user turn and everything up to the next user turn),
   * never the last user turn. Returns how many exchanges were removed.
   */
  dropOldestExchanges(count: number): number {
    const starts = this.data.messages.flatMap((m, i) => (m.role === 'user' ? [i] : []));
    const removable = Math.min(count, starts.length - 1);
    if (removable <= 0) return 0;
    this.data.messages.splice(0, starts[removable]);
    // Later answers' thinking was signed over the turns before them, which just changed.
    this.dropThinkingBlocks();
    this.touch();
    return removable;
  }

  /** Characters of each exchange (a user turn and what follows it up to the next), oldest first. */
  exchangeSizes(): number[] {
    const sizes: number[] = [];
    for (const m of this.data.messages) {
      if (m.role === 'user' || sizes.length === 0) sizes.push(0);
      sizes[sizes.length - 1] += m.text.length;
    }
    return sizes;
  }

  /**
   * Starts a new version of the conversation at user message `messageId`: the message and
   * everything after it become a branch that stays reachable (`selectBranch`), and `message`
   * takes their place as the last message. Returns the stored message, or undefined.
   */
  branchFrom(messageId: string, message: Omit<StoredMessage, 'createdAt' | 'otherBranches' | 'branchIndex'>): StoredMessage | undefined {
    const index = this.data.messages.findIndex((m) => m.id === messageId);
    if (index < 0 || this.data.messages[index].role !== 'user') return undefined;
    const all = this.tailsAt(index);
    this.data.messages.splice(index);
    const stored: StoredMessage = { ...message, createdAt: this.now(), otherBranches: all, branchIndex: all.length };
    this.data.messages.push(stored);
    this.touch();
    return stored;
  }

  /** Shows version `branch` of the conversation from user message `messageId` on. Returns false if there is none. */
  selectBranch(messageId: string, branch: number): boolean {
    const index = this.data.messages.findIndex((m) => m.id === messageId);
    const head = this.data.messages[index];
    if (!head?.otherBranches || branch === (head.branchIndex ?? 0) || branch < 0 || branch > head.otherBranches.length) return false;
    const all = this.tailsAt(index);
    const [chosen] = all.splice(branch, 1);
    this.data.messages.splice(index, this.data.messages.length - index, { ...chosen[0], otherBranches: all, branchIndex: branch }, ...chosen.slice(1));
    this.touch();
    return true;
  }

  /** Every version of the conversation from `index` on, in order, the active one included; heads carry no branch fields. */
  private tailsAt(index: number): StoredMessage[][] {
    const [head, ...rest] = this.data.messages.slice(index);
    const { otherBranches, branchIndex, ...plain } = head;
    const all = [...(otherBranches ?? [])];
    all.splice(Math.min(branchIndex ?? 0, all.length), 0, [plain, ...rest]);
    return all;
  }

  update(
    messageId: string,
    patch: Partial<
      Pick<StoredMessage, 'text' | 'state' | 'thinking' | 'thinkingMs' | 'thinkingBlocks' | 'model' | 'stop' | 'stopDetails' | 'error' | 'metrics' | 'analysis' | 'feedback'>
    >,
  ): void {
    const message = this.find(messageId);
    if (!message) return;
    Object.assign(message, patch);
    this.touch();
  }

  /**
   * The turns sent to the API for the next answer to `model`: completed exchanges only. A
   * failed or empty answer is dropped with its user turn merged into the next, because the
   * API requires alternating roles and an empty assistant turn is rejected. A refused
   * exchange is left out whole: the docs ask that a refusal not stay in the context
   * (platform.claude.com/docs/en/test-and-evaluate/strengthen-guardrails/handle-streaming-refusals).
   * Thinking blocks go back only to the model that wrote them: they are bound to model and
   * conversation (platform.claude.com/docs/en/models/sonnet-5-5/migration-guide).
   */
  toTurns(model?: string): ChatTurn[] {
    const turns: ChatTurn[] = [];
    const messages = this.data.messages;
    for (let i = 0; i < messages.length; i++) {
      const message = messages[i];
      if (message.role === 'user' && messages[i + 1]?.stop === 'refusal') {
        i++;
        continue;
      }
      if (message.role === 'assistant') {
        if (message.text.trim() === '' || message.state === 'streaming') continue;
        const blocks = model !== undefined && message.model === model && message.state === 'done' ? message.thinkingBlocks : undefined;
        turns.push({ role: 'assistant', content: message.text, ...(blocks?.length ? { thinkingBlocks: blocks } : {}) });
        continue;
      }
      const previous = turns[turns.length - 1];
      const missing = (message.attachments ?? []).filter((a) => a.kind === 'image' && !message.images?.some((i) => i.attachmentId === a.id));
      const note = missing.map((a) => `(The image "${a.label}" was attached when this was first sent; it is no longer available.)`);
      const content = [message.prompt ?? message.text, ...note].join('\n\n');
      const images = message.images?.map(({ mediaType, data }) => ({ mediaType, data })) ?? [];
      if (previous?.role === 'user') {
        previous.content += `\n\n${content}`;
        if (images.length) previous.images = [...(previous.images ?? []), ...images];
      } else turns.push({ role: 'user', content, ...(images.length ? { images } : {}) });
    }
    return turns;
  }

  summary(): ConversationSummary {
    return { id: this.data.id, title: this.data.title, updatedAt: this.data.updatedAt, messageCount: this.data.messages.length };
  }

  /** A copy safe to persist: streaming messages are stored as cancelled, since no stream survives a reload. */
  toStored(): StoredConversation {
    return { ...this.data, messages: this.data.messages.map(storable) };
  }

  private touch(): void {
    this.data.updatedAt = this.now();
  }
}

function storable(m: StoredMessage): StoredMessage {
  const copy = m.state === 'streaming' ? { ...m, state: 'cancelled' as MessageState } : { ...m };
  delete copy.images;
  if (copy.otherBranches) copy.otherBranches = copy.otherBranches.map((tail) => tail.map(storable));
  return copy;
}

function titleFrom(text: string): string {
  const line =
    text
      .replace(/```[\s\S]*?(```|$)/g, ' ')
      .replace(/\s+/g, ' ')
      .trim() || 'Code question';
  return line.length > TITLE_LENGTH ? `${line.slice(0, TITLE_LENGTH - 1)}…` : line;
}
