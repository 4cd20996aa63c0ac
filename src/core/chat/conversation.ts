import type { ChatTurn, ThinkingBlockRecord } from '../streaming/types';
import { CONTEXT_KINDS, IMAGE_MEDIA_TYPES, type AnalysisSnapshot, type AttachmentView, type ContextKind, type ConversationSummary, type ErrorView, type ImageMediaType, type MessageState, type MessageView, type MetricsView } from '../../shared/protocol';
import { estimateTextTokens } from '../context/tokens';

/**
 * One message as stored. The webview gets it through `toMessageView`, which drops what only
 * the host needs (the full prompt, the other branches, the answer's signed thinking blocks,
 * sent back to the same model on the next turn) and adds the branch position.
 */
export type StoredMessage = Omit<MessageView, 'branch'> & {
  createdAt: number;
  /** A user turn's full text for the API when it differs from `text` (attached code, inline context). */
  prompt?: string;
  /**
   * On the first message of an edited turn: the conversation's other versions from this
   * point on, each a whole tail starting with its own user message. The active version sits
   * at `branchIndex` among them.
   */
  otherBranches?: StoredMessage[][];
  branchIndex?: number;
  /** An answer's thinking blocks with their signatures, as the API sent them. */
  thinkingBlocks?: ThinkingBlockRecord[];
};

/** The message as the webview draws it. */
export function toMessageView(message: StoredMessage): MessageView {
  const { prompt: _prompt, otherBranches, branchIndex, createdAt: _createdAt, thinkingBlocks: _blocks, ...view } = message;
  void _prompt;
  void _createdAt;
  void _blocks;
  if (!otherBranches || otherBranches.length === 0) return view;
  return { ...view, branch: { index: branchIndex ?? otherBranches.length, count: otherBranches.length + 1 } };
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
      const content = message.prompt ?? message.text;
      if (previous?.role === 'user') previous.content += `\n\n${content}`;
      else turns.push({ role: 'user', content });
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
  if (copy.otherBranches) copy.otherBranches = copy.otherBranches.map((tail) => tail.map(storable));
  return copy;
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
  const messages = parseMessages(c.messages, 0);
  const createdAt = typeof c.createdAt === 'number' ? c.createdAt : 0;
  const updatedAt = typeof c.updatedAt === 'number' ? c.updatedAt : createdAt;
  return { id: c.id, title: c.title, createdAt, updatedAt, messages };
}

const STATES: readonly MessageState[] = ['streaming', 'done', 'cancelled', 'error'];

/** Deeper nesting than this (an edit inside an edit inside…) is dropped, not recursed into. */
const MAX_BRANCH_DEPTH = 32;

function parseMessages(raw: unknown[], depth: number): StoredMessage[] {
  const messages: StoredMessage[] = [];
  for (const m of raw) {
    const message = parseStoredMessage(m, depth);
    if (message) messages.push(message);
  }
  return messages;
}

function parseStoredMessage(raw: unknown, depth: number): StoredMessage | undefined {
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
    ...parseUserExtras(m, depth),
  };
}

function parseUserExtras(m: Record<string, unknown>, depth: number): Pick<StoredMessage, 'prompt' | 'attachments' | 'otherBranches' | 'branchIndex'> {
  const extras: Pick<StoredMessage, 'prompt' | 'attachments' | 'otherBranches' | 'branchIndex'> = {};
  if (typeof m.prompt === 'string') extras.prompt = m.prompt;
  if (Array.isArray(m.attachments)) {
    const attachments = m.attachments.map(parseAttachment).filter((a): a is AttachmentView => a !== undefined);
    if (attachments.length) extras.attachments = attachments;
  }
  if (Array.isArray(m.otherBranches) && depth < MAX_BRANCH_DEPTH) {
    const tails = m.otherBranches
      .filter((t): t is unknown[] => Array.isArray(t))
      .map((t) => parseMessages(t, depth + 1))
      .filter((t) => t.length > 0 && t[0].role === 'user');
    if (tails.length) {
      extras.otherBranches = tails;
      const index = typeof m.branchIndex === 'number' && Number.isInteger(m.branchIndex) ? m.branchIndex : tails.length;
      extras.branchIndex = Math.max(0, Math.min(index, tails.length));
    }
  }
  return extras;
}

/**
 * A stored attachment, or undefined when it is not one. Attachments stored before context
 * kinds existed have no id, kind or token count: they were selections, and get an id and an
 * estimate here so the webview's chips need no second shape.
 */
function parseAttachment(v: unknown, index: number): AttachmentView | undefined {
  if (!isObject(v)) return undefined;
  const a = v as Record<string, unknown>;
  if (typeof a.label !== 'string' || typeof a.code !== 'string' || (a.language !== undefined && typeof a.language !== 'string')) return undefined;
  const kind = typeof a.kind === 'string' && (CONTEXT_KINDS as readonly string[]).includes(a.kind) ? (a.kind as ContextKind) : 'selection';
  const view: AttachmentView = {
    id: typeof a.id === 'string' && /^[A-Za-z0-9_-]{1,128}$/.test(a.id) ? a.id : `att-stored-${index}`,
    kind,
    label: a.label,
    code: a.code,
    tokens: typeof a.tokens === 'number' && Number.isInteger(a.tokens) && a.tokens >= 0 ? a.tokens : estimateTextTokens(a.code),
  };
  if (typeof a.language === 'string') view.language = a.language;
  if (typeof a.path === 'string') view.path = a.path;
  if (isObject(a.range)) {
    const r = a.range as Record<string, unknown>;
    if (typeof r.startLine === 'number' && typeof r.endLine === 'number') view.range = { startLine: r.startLine, endLine: r.endLine };
  }
  if (isObject(a.image)) {
    const i = a.image as Record<string, unknown>;
    if (typeof i.mediaType === 'string' && (IMAGE_MEDIA_TYPES as readonly string[]).includes(i.mediaType) && typeof i.bytes === 'number') {
      view.image = { mediaType: i.mediaType as ImageMediaType, bytes: i.bytes };
    }
  }
  return view;
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
