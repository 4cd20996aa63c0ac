import type { ChatTurn, ThinkingBlockRecord } from '../streaming/types';
import type { AnalysisSnapshot, ConversationSummary, ErrorView, MessageState, MessageView, MetricsView } from '../../shared/protocol';

/**
 * One message as stored. The webview's `MessageView` plus what only the host keeps: the
 * answer's signed thinking blocks, sent back to the same model on the next turn.
 */
export type StoredMessage = MessageView & { createdAt: number; thinkingBlocks?: ThinkingBlockRecord[] };

/** The message as the webview sees it: without the thinking blocks' signatures. */
export function toMessageView(message: StoredMessage): MessageView {
  const { thinkingBlocks: _blocks, createdAt: _createdAt, ...view } = message;
  return view;
}

/** A whole conversation as persisted in workspace storage. */
export interface StoredConversation {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  messages: StoredMessage[];
}

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

  update(
    messageId: string,
    patch: Partial<Pick<StoredMessage, 'text' | 'state' | 'thinking' | 'thinkingMs' | 'thinkingBlocks' | 'model' | 'stop' | 'stopDetails' | 'error' | 'metrics' | 'analysis' | 'feedback'>>,
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
      if (previous?.role === 'user') previous.content += `\n\n${message.text}`;
      else turns.push({ role: 'user', content: message.text });
    }
    return turns;
  }

  summary(): ConversationSummary {
    return { id: this.data.id, title: this.data.title, updatedAt: this.data.updatedAt, messageCount: this.data.messages.length };
  }

  /** A copy safe to persist: streaming messages are stored as cancelled, since no stream survives a reload. */
  toStored(): StoredConversation {
    return {
      ...this.data,
      messages: this.data.messages.map((m) => (m.state === 'streaming' ? { ...m, state: 'cancelled' as MessageState } : { ...m })),
    };
  }

  private touch(): void {
    this.data.updatedAt = this.now();
  }
}

function titleFrom(text: string): string {
  const line = text.replace(/```[\s\S]*?(```|$)/g, ' ').replace(/\s+/g, ' ').trim() || 'Code question';
  return line.length > TITLE_LENGTH ? `${line.slice(0, TITLE_LENGTH - 1)}…` : line;
}

/** Validates a conversation read back from storage; storage is untrusted input. */
export function parseStoredConversation(raw: unknown): StoredConversation | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const c = raw as Record<string, unknown>;
  if (typeof c.id !== 'string' || typeof c.title !== 'string' || !Array.isArray(c.messages)) return undefined;
  const messages: StoredMessage[] = [];
  for (const m of c.messages as unknown[]) {
    const message = parseStoredMessage(m);
    if (message) messages.push(message);
  }
  const createdAt = typeof c.createdAt === 'number' ? c.createdAt : 0;
  const updatedAt = typeof c.updatedAt === 'number' ? c.updatedAt : createdAt;
  return { id: c.id, title: c.title, createdAt, updatedAt, messages };
}

const STATES: readonly MessageState[] = ['streaming', 'done', 'cancelled', 'error'];

function parseStoredMessage(raw: unknown): StoredMessage | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const m = raw as Record<string, unknown>;
  if (typeof m.id !== 'string' || typeof m.text !== 'string') return undefined;
  if (m.role !== 'user' && m.role !== 'assistant') return undefined;
  const state = STATES.includes(m.state as MessageState) ? (m.state as MessageState) : 'done';
  return {
    id: m.id,
    role: m.role,
    text: m.text,
    state: state === 'streaming' ? 'cancelled' : state,
    createdAt: typeof m.createdAt === 'number' ? m.createdAt : 0,
    thinking: typeof m.thinking === 'string' ? m.thinking : undefined,
    thinkingMs: typeof m.thinkingMs === 'number' && m.thinkingMs >= 0 ? m.thinkingMs : undefined,
    thinkingBlocks: parseThinkingBlocks(m.thinkingBlocks),
    model: typeof m.model === 'string' ? m.model : undefined,
    stop: typeof m.stop === 'string' ? m.stop : undefined,
    stopDetails: isObject(m.stopDetails) ? parseStopDetails(m.stopDetails as Record<string, unknown>) : undefined,
    error: isObject(m.error) ? (m.error as unknown as ErrorView) : undefined,
    metrics: isObject(m.metrics) ? (m.metrics as unknown as MetricsView) : undefined,
    analysis: isObject(m.analysis) ? (m.analysis as unknown as AnalysisSnapshot) : undefined,
    feedback: m.feedback === 'up' || m.feedback === 'down' ? m.feedback : undefined,
  };
}

function parseThinkingBlocks(raw: unknown): ThinkingBlockRecord[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const blocks: ThinkingBlockRecord[] = [];
  for (const b of raw as unknown[]) {
    if (!isObject(b)) return undefined;
    const block = b as Record<string, unknown>;
    if (block.type === 'thinking' && typeof block.thinking === 'string' && typeof block.signature === 'string') {
      blocks.push({ type: 'thinking', thinking: block.thinking, signature: block.signature });
    } else if (block.type === 'redacted_thinking' && typeof block.data === 'string') {
      blocks.push({ type: 'redacted_thinking', data: block.data });
    } else {
      // One unreadable block makes the set unusable: a partial set is rejected by the API.
      return undefined;
    }
  }
  return blocks;
}

function parseStopDetails(raw: Record<string, unknown>): { category?: string; explanation?: string } {
  return {
    category: typeof raw.category === 'string' ? raw.category : undefined,
    explanation: typeof raw.explanation === 'string' ? raw.explanation : undefined,
  };
}

const isObject = (v: unknown): boolean => typeof v === 'object' && v !== null && !Array.isArray(v);
