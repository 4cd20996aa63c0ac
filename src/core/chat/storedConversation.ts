/**
 * Chat history as workspace state keeps it: its own types (schema v1), apart from the webview's
 * `MessageView`, so a protocol change never silently changes what is on disk. Each zod schema is
 * the type and the guard at once. Reading is lenient, as history is the user's work: a field
 * that does not parse is dropped, a message that does not parse is skipped, the rest is kept.
 * `toMessageView` is the one place a stored message becomes a wire message.
 */
import * as z from 'zod/mini';
import { CONTEXT_KINDS, IMAGE_MEDIA_TYPES, type AttachmentView, type MessageView } from '../../shared/protocol';
import { estimateTextTokens } from '../context/tokens';
import type { TurnImage } from '../streaming/types';
import { storedAnalysisSchema, toAnalysisSnapshot } from '../storage/storedAnalysis';
import { count, opt } from '../storage/schemaParts';
import { ERROR_ACTIONS, MESSAGE_STATES } from '../vocabulary';

/** Written into every stored conversation. Conversations from before it was written have none and read as v1. */
const HISTORY_SCHEMA_VERSION = 1;

/** Deeper nesting than this (an edit inside an edit inside…) is dropped, not recursed into. */
const MAX_BRANCH_DEPTH = 32;

/**
 * Context attached to a user message, as stored. Attachments stored before context kinds
 * existed have only label, code and language: they read back as selections. An image keeps its
 * type and size here, never its data (see `StoredMessage.images`).
 */
const storedAttachmentSchema = z.object({
  label: z.string(),
  code: z.string(),
  language: opt(z.string()),
  id: opt(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,128}$/))),
  kind: opt(z.enum(CONTEXT_KINDS)),
  path: opt(z.string()),
  range: opt(z.object({ startLine: count, endLine: count })),
  tokens: opt(count),
  image: opt(z.object({ mediaType: z.enum(IMAGE_MEDIA_TYPES), bytes: count, width: opt(count), height: opt(count) })),
});
export type StoredAttachment = z.infer<typeof storedAttachmentSchema>;

/** A stored attachment as the webview's chip: a kind, an id and a token count always. */
export function toAttachmentView(a: StoredAttachment, index: number): AttachmentView {
  const view: AttachmentView = { id: a.id ?? `att-stored-${index}`, kind: a.kind ?? 'selection', label: a.label, code: a.code, tokens: a.tokens ?? estimateTextTokens(a.code) };
  if (a.language !== undefined) view.language = a.language;
  if (a.path !== undefined) view.path = a.path;
  if (a.range !== undefined) view.range = a.range;
  if (a.image !== undefined) view.image = a.image;
  return view;
}

/** An answer's thinking block with its signature, kept whole: the API rejects an altered one. */
const thinkingBlockSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('thinking'), thinking: z.string(), signature: z.string() }),
  z.object({ type: z.literal('redacted_thinking'), data: z.string() }),
]);

/** What failed, as the transcript keeps it. */
const storedErrorSchema = z.object({
  kind: z.string(),
  message: z.string(),
  action: opt(z.enum(ERROR_ACTIONS)),
  secondaryActions: opt(z.array(z.enum(ERROR_ACTIONS))),
  requestId: opt(z.string()),
  setting: opt(z.string()),
  contextTokens: opt(z.object({ prompt: count, limit: count })),
});

/** An answer's figures, as the transcript keeps them. */
const storedMetricsSchema = z.object({
  timeToFirstTokenMs: opt(count),
  tokensPerSecond: count,
  inputTokens: count,
  outputTokens: count,
  cacheReadTokens: opt(count),
  cacheWriteTokens: opt(count),
  costUsd: opt(z.number()),
  savedUsd: opt(z.number()),
});

/** One message, without its other branches (which hold whole messages again). */
const storedMessageFields = z.object({
  id: z.string(),
  role: z.enum(['user', 'assistant']),
  text: z.string(),
  state: z.catch(z.enum(MESSAGE_STATES), 'done'),
  createdAt: z.catch(z.number(), 0),
  thinking: opt(z.string()),
  /** How long the model thought before answering. */
  thinkingMs: opt(count),
  /** An answer's thinking blocks with their signatures, as the API sent them; one unreadable block drops the set (a partial set is rejected by the API). */
  thinkingBlocks: opt(z.array(thinkingBlockSchema)),
  model: opt(z.string()),
  stop: opt(z.string()),
  stopDetails: opt(z.object({ category: opt(z.string()), explanation: opt(z.string()) })),
  error: opt(storedErrorSchema),
  metrics: opt(storedMetricsSchema),
  analysis: opt(storedAnalysisSchema),
  feedback: opt(z.enum(['up', 'down'])),
  /** A user turn's full text for the API when it differs from `text` (attached code, inline context). */
  prompt: opt(z.string()),
  attachments: opt(z.array(z.unknown())),
  otherBranches: opt(z.array(z.unknown())),
  branchIndex: opt(z.int()),
});

/** One message as stored. */
export type StoredMessage = Omit<z.infer<typeof storedMessageFields>, 'attachments' | 'otherBranches'> & {
  attachments?: StoredAttachment[];
  /**
   * A user turn's attached images, by attachment id. In memory only (the schema drops them on
   * write): workspace state is no place for megabytes of base64, so after a reload the turn says
   * its image is no longer attached.
   */
  images?: Array<TurnImage & { attachmentId: string }>;
  /**
   * On the first message of an edited turn: the conversation's other versions from this
   * point on, each a whole tail starting with its own user message. The active version sits
   * at `branchIndex` among them.
   */
  otherBranches?: StoredMessage[][];
};

const storedConversationFields = z.object({
  schemaVersion: z.optional(z.literal(HISTORY_SCHEMA_VERSION)),
  id: z.string(),
  title: z.string(),
  createdAt: z.catch(z.number(), 0),
  updatedAt: opt(z.number()),
  messages: z.array(z.unknown()),
});

/** A whole conversation as persisted in workspace storage. */
export interface StoredConversation {
  schemaVersion?: typeof HISTORY_SCHEMA_VERSION;
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  messages: StoredMessage[];
}

/** One entry of the history index. */
export const storedSummarySchema = z.object({ id: z.string(), title: z.string(), updatedAt: z.number(), messageCount: z.number() });
export type StoredSummary = z.infer<typeof storedSummarySchema>;

/** Validates a conversation read back from storage; storage is untrusted input. */
export function parseStoredConversation(raw: unknown): StoredConversation | undefined {
  const parsed = storedConversationFields.safeParse(raw);
  if (!parsed.success) return undefined;
  const { id, title, createdAt, updatedAt, messages } = parsed.data;
  return { id, title, createdAt, updatedAt: updatedAt ?? createdAt, messages: parseMessages(messages, 0) };
}

/** What is written: only the fields the schema knows, whatever the objects in memory carry. */
export function toStorable(conversation: StoredConversation): StoredConversation {
  return { ...conversation, schemaVersion: HISTORY_SCHEMA_VERSION, messages: parseMessages(conversation.messages, 0) };
}

function parseMessages(raw: readonly unknown[], depth: number): StoredMessage[] {
  const messages: StoredMessage[] = [];
  for (const m of raw) {
    const message = parseMessage(m, depth);
    if (message) messages.push(message);
  }
  return messages;
}

function parseMessage(raw: unknown, depth: number): StoredMessage | undefined {
  const parsed = storedMessageFields.safeParse(raw);
  if (!parsed.success) return undefined;
  const { attachments: rawAttachments, otherBranches: rawBranches, branchIndex, ...fields } = parsed.data;
  // No stream survives a reload.
  const message: StoredMessage = { ...fields, state: fields.state === 'streaming' ? 'cancelled' : fields.state };
  const attachments = (rawAttachments ?? []).flatMap((a) => {
    const attachment = storedAttachmentSchema.safeParse(a);
    return attachment.success ? [attachment.data] : [];
  });
  if (attachments.length) message.attachments = attachments;
  if (rawBranches && depth < MAX_BRANCH_DEPTH) {
    const tails = rawBranches
      .filter((t): t is unknown[] => Array.isArray(t))
      .map((t) => parseMessages(t, depth + 1))
      .filter((t) => t.length > 0 && t[0].role === 'user');
    if (tails.length) {
      message.otherBranches = tails;
      message.branchIndex = Math.max(0, Math.min(branchIndex ?? tails.length, tails.length));
    }
  }
  return message;
}

/**
 * The message as the webview draws it: without what only the host needs (the full prompt, the
 * other branches, the signed thinking blocks sent back to the same model next turn) and with its
 * branch position.
 */
export function toMessageView(m: StoredMessage): MessageView {
  const view: MessageView = { id: m.id, role: m.role, text: m.text, state: m.state };
  if (m.thinking !== undefined) view.thinking = m.thinking;
  if (m.thinkingMs !== undefined) view.thinkingMs = m.thinkingMs;
  if (m.model !== undefined) view.model = m.model;
  if (m.stop !== undefined) view.stop = m.stop;
  if (m.stopDetails !== undefined) view.stopDetails = m.stopDetails;
  if (m.error !== undefined) view.error = m.error;
  if (m.metrics !== undefined) view.metrics = m.metrics;
  if (m.analysis !== undefined) view.analysis = toAnalysisSnapshot(m.analysis);
  if (m.feedback !== undefined) view.feedback = m.feedback;
  if (m.attachments !== undefined) view.attachments = m.attachments.map(toAttachmentView);
  if (m.otherBranches?.length) view.branch = { index: m.branchIndex ?? m.otherBranches.length, count: m.otherBranches.length + 1 };
  return view;
}
