/**
 * The chat webview's messages in both directions, each saying when it is sent, and the guard
 * that validates what the webview sends: it is `unknown` until `parseChatWebviewMessage` passes.
 */
import { ERROR_ACTIONS, CONTEXT_KINDS, type AnalysisSnapshot, type ErrorAction, type MessageState } from './common';
import {
  ADDABLE_CONTEXT_KINDS,
  IMAGE_MEDIA_TYPES,
  QUERY_CONTEXT_KINDS,
  type AddableContextKind,
  type AttachmentView,
  type ContextOffer,
  type ContextSuggestion,
  type ImageMediaType,
  type QueryContextKind,
} from './context';
import type { ChatState, ContextMeterView, ErrorView, MessageView, MetricsView, ModelChoiceView, QueuedPromptView, EffortChoice } from './chatViews';
import { isCount, isLine, isRecord, matches, oneOf, optional, optionalString, parseWith, type Shape } from './validate';

// ───────────────────────────── Chat: host → webview ─────────────────────────────

export type ChatHostMessage =
  /** Sent after `ready` and whenever the conversation changes wholesale (new chat, history open, restore). */
  | { type: 'chat/state'; state: ChatState }
  /** Sent when a new message element is added (the user's turn, or an empty streaming answer). */
  | { type: 'message/add'; message: MessageView }
  /** Sent every ~40 ms while streaming: coalesced text since the previous delta. `seq` increases by one per delta of a stream. */
  | { type: 'stream/delta'; streamId: string; seq: number; text: string; thinking?: string }
  /** Sent when the host had to drop deltas (hidden or slow webview): the whole text so far replaces what the webview has. */
  | { type: 'stream/snapshot'; streamId: string; seq: number; text: string; thinking?: string }
  /** Sent when a stream ends in any state. `text` is the final full text; `stop` the API's stop reason. */
  | {
      type: 'stream/end';
      streamId: string;
      state: MessageState;
      text: string;
      error?: ErrorView;
      metrics?: MetricsView;
      stop?: string;
      stopDetails?: MessageView['stopDetails'];
      thinkingMs?: number;
    }
  /** Sent when Continue resumes an answer that had finished: it streams again, keeping its text. */
  | { type: 'stream/reopen'; streamId: string }
  /** Sent before a back-off wait, to show "Retrying in N s (attempt a of m)". */
  | { type: 'stream/retry'; streamId: string; attempt: number; maxRetries: number; delayMs: number; reason: string }
  /** Sent as live figures change (throttled). */
  | { type: 'stream/metrics'; streamId: string; metrics: MetricsView }
  /** Sent every `analysis.threshold` tokens and once at the end. */
  | { type: 'analysis/snapshot'; streamId: string; analysis: AnalysisSnapshot }
  /** Sent when the model list, the selected model or the effort changes. */
  | { type: 'models'; models: ModelChoiceView }
  /** Sent to put text in the input box (e.g. an edit that came too late for its queued prompt). */
  | { type: 'input/set'; text: string; focus: boolean }
  /**
   * Sent by "Add selection", and in reply to `context/add`, `context/dropUris`, `context/image` or
   * `context/acceptOffer` (then with that `requestId`): the attachment goes beside the input as a chip,
   * sent with the next prompt. A drop of several files gets one reply per file.
   */
  | { type: 'input/attach'; attachment: AttachmentView; requestId?: string }
  /** Sent in reply to `context/query`: the completion list, best match first (at most 50). */
  | { type: 'context/suggestions'; requestId: string; items: ContextSuggestion[] }
  /**
   * Sent when an attachment is not attached: too big for the window or the 5 MB limit, binary,
   * outside the workspace, an image for a model without `image_input`, a secret the user declined,
   * or nothing to attach (no selection, no problems…). `offers` are parts the user may send instead
   * (`context/acceptOffer`). `requestId` is the request's; a typed `#mention` refused at submit comes
   * with `requestId: 'submit'`, and the prompt is then held: its text comes back by `input/set`.
   */
  | { type: 'context/refused'; requestId: string; reason: string; offers?: ContextOffer[] }
  /**
   * Sent after `ready`, in reply to `context/activeFile`, and whenever the active editor changes
   * while the toggle is on: the toggle's state and the active file's attachment (absent when off,
   * or when no file editor is active or it cannot be attached; then `reason` says why).
   */
  | { type: 'context/activeFile'; enabled: boolean; attachment?: AttachmentView; reason?: string }
  /** Sent when a command (Open Chat, New Chat) reveals the chat: the input takes the keyboard focus. */
  | { type: 'input/focus' }
  /** Sent when the queued prompts change (queued, edited, removed, sent). */
  | { type: 'queue/update'; queue: QueuedPromptView[]; held: boolean }
  /** Sent to show a transient notice in the panel. */
  | { type: 'notice'; level: 'info' | 'warning' | 'error'; text: string }
  /** Sent when the context meter changes: after each answer, when a token count returns, after making room. */
  | { type: 'context/meter'; meter: ContextMeterView }
  /** Sent after `ready` and whenever the API key is set or removed, for the empty chat's welcome. */
  | { type: 'apiKey'; status: ApiKeyStatus };

/** Where the API key comes from: secret storage, `ANTHROPIC_API_KEY`, or nowhere yet. */
export type ApiKeyStatus = 'stored' | 'environment' | 'missing';

// ───────────────────────────── Chat: webview → host ─────────────────────────────

export type CodeAction = 'insert' | 'apply' | 'newFile';

export type ChatWebviewMessage =
  /** Sent once the webview script has loaded and can receive messages. */
  | { type: 'ready' }
  /** Sent when the user presses Enter or clicks Send; while an answer streams the host queues it. */
  | { type: 'prompt/submit'; text: string; attachments?: AttachmentView[] }
  /** Sent when the user edits a queued prompt. */
  | { type: 'queue/edit'; id: string; text: string }
  /** Sent when the user removes a queued prompt. */
  | { type: 'queue/remove'; id: string }
  /** Sent by "Send queued" when the queue was held after a stopped or failed answer. */
  | { type: 'queue/resume' }
  /** Sent by ‹ / › on an edited user message: show version `index` of the conversation from there. */
  | { type: 'message/branch'; messageId: string; index: number }
  /** Sent by Stop, Escape. */
  | { type: 'stream/stop' }
  /** Sent by Regenerate on the last answer. */
  | { type: 'message/regenerate' }
  /** Sent by Edit on a user message, with the new text: a new branch starts there; the old one stays reachable. */
  | { type: 'message/edit'; messageId: string; text: string }
  /** Sent by Copy on a message (host writes the clipboard and records the signal). */
  | { type: 'message/copy'; messageId: string }
  /** Sent by 👍 / 👎. */
  | { type: 'message/feedback'; messageId: string; value: 'up' | 'down' }
  /** Sent by a code block's Copy / Insert / Apply / New file. */
  | { type: 'code/action'; action: CodeAction | 'copy'; messageId: string; code: string; language?: string }
  /** Sent by a fix button on an error card; `setting` comes with `openSettings` when the card names one. */
  | { type: 'error/action'; action: ErrorAction; setting?: string }
  /** Sent by Copy beside an error card's request id (host writes the clipboard). */
  | { type: 'error/copyRequestId'; requestId: string }
  /** Sent when a link in rendered markdown is clicked; the host checks the scheme. */
  | { type: 'link/open'; href: string }
  /** Sent when an entity chip that is a file path is clicked. */
  | { type: 'file/open'; path: string }
  /** Sent by the model picker. */
  | { type: 'model/select'; model: string }
  /** Sent by the effort picker; '' returns to the model's default. */
  | { type: 'effort/select'; effort: EffortChoice }
  /** Sent by Continue on an answer that stopped at `max_tokens`: the same answer goes on. */
  | { type: 'message/continue'; messageId: string }
  /** Sent by "Add selection". */
  | { type: 'context/addSelection' }
  /** Sent as the user types after `#file:`, `#folder:` or `#symbol:`; the host replies `context/suggestions` with the same `requestId`. */
  | { type: 'context/query'; requestId: string; kind: QueryContextKind; query: string }
  /**
   * Sent when the user picks a completion entry or a bare kind (`#problems`): `value` is the
   * suggestion's value (a path or symbol key), absent for selection/problems/changes/terminal.
   * The host replies `input/attach` or `context/refused` with the same `requestId`.
   */
  | { type: 'context/add'; requestId: string; kind: AddableContextKind; value?: string }
  /** Sent by an offer's button on a `context/refused` note: the host attaches that part instead. */
  | { type: 'context/acceptOffer'; requestId: string; offerId: string }
  /** Sent when files are dropped from the Explorer (`text/uri-list` / `application/vnd.code.uri-list`): one reply per URI. */
  | { type: 'context/dropUris'; requestId: string; uris: string[] }
  /** Sent when an image is pasted or dropped: `data` is its base64 (no `data:` prefix). Attached only for a model with `image_input`. */
  | { type: 'context/image'; requestId: string; name: string; mediaType: ImageMediaType; data: string }
  /** Sent by the "include the active file" toggle chip; the host answers `context/activeFile`. */
  | { type: 'context/activeFile'; enabled: boolean }
  /** Sent when the user removes a chip beside the input: the host forgets it (and no longer counts it in the meter). */
  | { type: 'context/remove'; id: string }
  /** Sent by New Chat in the header. */
  | { type: 'chat/new' }
  /** Sent when the user opens an earlier conversation from the history list. */
  | { type: 'history/open'; conversationId: string }
  /** Sent by "Summarise and continue in a new chat" on the context offer. */
  | { type: 'context/summarize' }
  /** Sent by "Drop oldest turns" on the context offer. */
  | { type: 'context/dropOldest' };

// ───────────────────────────── Validation ─────────────────────────────

/** One of our settings, or all of them: the only thing an error card may ask the host to open. */
const SETTING_PATTERN = /^claudeStream(\.[A-Za-z][A-Za-z0-9]*){0,3}$/;
/** A request id as the API issues them (`req_…`); a gateway's may differ, so only the charset is fixed. */
const REQUEST_ID_PATTERN = /^[A-Za-z0-9_.:-]{1,200}$/;

const MAX_ATTACHMENTS = 20;
/** Longest base64 image accepted: the API takes images up to 5 MB, which is about 6.7 M base64 characters. */
export const MAX_IMAGE_BASE64 = 7_000_000;
/** Most URIs one drop may carry. */
/** Most URIs one `context/dropUris` may carry; the webview sends the first ones of a bigger drop. */
export const MAX_DROP_URIS = 50;

const isRange = (v: unknown): boolean =>
  isRecord(v) && matches(v, { startLine: isLine, endLine: isLine }) && !Object.prototype.hasOwnProperty.call(v, 'type') && (v.endLine as number) >= (v.startLine as number);

const isImageInfo = (v: unknown): boolean =>
  isRecord(v) &&
  !Object.prototype.hasOwnProperty.call(v, 'type') &&
  matches(v, {
    mediaType: oneOf(...IMAGE_MEDIA_TYPES),
    bytes: isCount,
    width: optional(isCount),
    height: optional(isCount),
    // A small data URL of the chip's thumbnail only; the image itself never travels back.
    thumbnail: optional((x) => typeof x === 'string' && x.length <= 200_000 && /^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=]*$/.test(x)),
  });

const isAttachment = (v: unknown): boolean =>
  isRecord(v) &&
  matches(v, {
    id: 'id',
    kind: oneOf(...CONTEXT_KINDS),
    label: (x) => typeof x === 'string' && x.length <= 300,
    code: 'string',
    language: optionalString,
    path: optional((x) => typeof x === 'string' && x.length > 0 && x.length <= 4096),
    range: optional(isRange),
    tokens: isCount,
    image: optional(isImageInfo),
  }) &&
  !Object.prototype.hasOwnProperty.call(v, 'type');

const optionalAttachments = (v: unknown): boolean => v === undefined || (Array.isArray(v) && v.length <= MAX_ATTACHMENTS && v.every(isAttachment));

const chatShapes: { [K in ChatWebviewMessage['type']]: Shape } = {
  ready: {},
  'prompt/submit': { text: 'string', attachments: optionalAttachments },
  'queue/edit': { id: 'id', text: 'string' },
  'queue/remove': { id: 'id' },
  'queue/resume': {},
  'message/branch': { messageId: 'id', index: (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 10_000 },
  'stream/stop': {},
  'message/regenerate': {},
  'message/edit': { messageId: 'id', text: 'string' },
  'message/copy': { messageId: 'id' },
  'message/feedback': { messageId: 'id', value: oneOf('up', 'down') },
  'code/action': {
    action: oneOf('copy', 'insert', 'apply', 'newFile'),
    messageId: 'id',
    code: 'string',
    language: optionalString,
  },
  'error/action': { action: oneOf(...ERROR_ACTIONS), setting: (v) => v === undefined || (typeof v === 'string' && SETTING_PATTERN.test(v)) },
  'error/copyRequestId': { requestId: (v) => typeof v === 'string' && REQUEST_ID_PATTERN.test(v) },
  'link/open': { href: (v) => typeof v === 'string' && v.length <= 4096 },
  'file/open': { path: (v) => typeof v === 'string' && v.length > 0 && v.length <= 4096 },
  'model/select': { model: (v) => typeof v === 'string' && /^[A-Za-z0-9._:@/-]{1,200}$/.test(v) },
  'effort/select': { effort: oneOf('', 'low', 'medium', 'high', 'xhigh', 'max') },
  'message/continue': { messageId: 'id' },
  'context/addSelection': {},
  'context/query': { requestId: 'id', kind: oneOf(...QUERY_CONTEXT_KINDS), query: (v) => typeof v === 'string' && v.length <= 500 },
  'context/add': { requestId: 'id', kind: oneOf(...ADDABLE_CONTEXT_KINDS), value: optional((v) => typeof v === 'string' && v.length > 0 && v.length <= 4096) },
  'context/acceptOffer': { requestId: 'id', offerId: 'id' },
  'context/dropUris': {
    requestId: 'id',
    uris: (v) => Array.isArray(v) && v.length >= 1 && v.length <= MAX_DROP_URIS && v.every((u) => typeof u === 'string' && u.length > 0 && u.length <= 4096),
  },
  'context/image': {
    requestId: 'id',
    name: (v) => typeof v === 'string' && v.length <= 300,
    mediaType: oneOf(...IMAGE_MEDIA_TYPES),
    data: (v) => typeof v === 'string' && v.length > 0 && v.length <= MAX_IMAGE_BASE64 && /^[A-Za-z0-9+/]*={0,2}$/.test(v),
  },
  'context/activeFile': { enabled: (v) => typeof v === 'boolean' },
  'context/remove': { id: 'id' },
  'chat/new': {},
  'history/open': { conversationId: 'id' },
  'context/summarize': {},
  'context/dropOldest': {},
};

/** Returns the message if it is a well-formed chat webview message, else undefined. */
export function parseChatWebviewMessage(raw: unknown): ChatWebviewMessage | undefined {
  return parseWith<ChatWebviewMessage>(chatShapes, raw);
}
