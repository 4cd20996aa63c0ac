// Over 350 lines: the one typed host<->webview protocol, in one file on purpose, with each validator beside the messages it checks.
/**
 * The one typed protocol between the extension host and its webviews. Imported by both
 * sides; it imports nothing from `vscode` or the DOM. Every message is a discriminated
 * union on `type`. Data arriving from a webview is `unknown` until `parseChatWebviewMessage`
 * or `parseInsightsWebviewMessage` has validated it.
 */

import { ERROR_ACTIONS, type AnswerOutcome, type EntityType, type ErrorAction, type MessageState } from '../core/vocabulary';

// The vocabularies, for the webview (which may import only this layer).
export { ANSWER_OUTCOMES, ENTITY_TYPES, ERROR_ACTIONS, MESSAGE_STATES } from '../core/vocabulary';
export type { AnswerOutcome, EntityType, ErrorAction, MessageState } from '../core/vocabulary';

// ───────────────────────────── Shared data ─────────────────────────────

/** Whole-state analysis of one stream so far; snapshots replace each other, so a reloaded view catches up from the last one. */
export interface AnalysisSnapshot {
  streamId: string;
  /** Mean sentiment in [-1, 1] over the prose sentences so far. */
  sentiment: {
    value: number;
    trend: 'rising' | 'falling' | 'steady';
    /** Running value after each analysed chunk, for the sparkline (bounded length). */
    series: number[];
    /** Prose sentences that were scored (only sentences in a language with a validated lexicon are). */
    scoredSentences?: number;
    /** Languages (ISO 639-1) of prose that was not scored, for want of a validated lexicon; the views say so instead of showing a number. */
    notScored?: string[];
  };
  /** Language of the answer: the one with most prose words ("und" until any prose), and each language's share in words. */
  language?: { primary: string; shares: Array<{ language: string; words: number }> };
  /** Top topics, highest weight first. */
  topics: Array<{ term: string; weight: number; count: number }>;
  /** Entities, most frequent first. */
  entities: Array<{ text: string; type: EntityType; count: number }>;
  tokensAnalyzed: number;
  /** True once the final pass on completion has run. */
  final: boolean;
  /** True while live analysis is paused (e.g. memory pressure); the UI shows a note. */
  paused?: boolean;
  /** True when the analysis ended before the answer did, because its worker stopped; the UI says so. This snapshot is final. */
  interrupted?: boolean;
  timing: { chunks: number; lastChunkMs: number; totalMs: number };
}

/** A classified error as the webview shows it (mirrors the core's ClassifiedError). */
export interface ErrorView {
  kind: string;
  message: string;
  /** The main fix, shown as the card's primary button. */
  action?: ErrorAction;
  /** Further fixes, shown beside it. */
  secondaryActions?: ErrorAction[];
  /** The API's `request-id`, shown with a Copy button for support. */
  requestId?: string;
  /** The setting `openSettings` opens (e.g. `claudeStream.baseUrl`). */
  setting?: string;
  /** For a prompt too long for the model: its size and the limit in tokens, so Drop oldest turns drops enough. */
  contextTokens?: { prompt: number; limit: number };
}

/** Live figures shown in the chat header. */
export interface MetricsView {
  timeToFirstTokenMs?: number;
  tokensPerSecond: number;
  /** Uncached input tokens, summed over every attempt (retries and resumes are billed again). */
  inputTokens: number;
  outputTokens: number;
  /** Input read from the prompt cache. */
  cacheReadTokens?: number;
  /** Input written to the prompt cache (5-minute and 1-hour writes together). */
  cacheWriteTokens?: number;
  /** Cost in US dollars from the price table; absent when the model has no price ("no price", never $0). */
  costUsd?: number;
  /** What caching saved on this answer, in US dollars (negative when a write cost more than it saved yet). */
  savedUsd?: number;
}

/** How full the model's input window is, as the chat header's context meter shows it. */
export interface ContextMeterView {
  /** Tokens the next request's prompt holds (or the last one held). */
  usedTokens: number;
  /** The model's `max_input_tokens`; absent when unknown (the meter then shows tokens only). */
  maxTokens?: number;
  /** usedTokens ÷ maxTokens. */
  share?: number;
  /** `usage`: the API's figures for the last answer; `count`: messages.countTokens; `estimate`: characters ÷ 4. */
  source: 'usage' | 'count' | 'estimate';
  /** At or past `claudeStream.context.warnAt`: the chat offers to summarise or drop old turns. */
  nearLimit: boolean;
  /** At or past the window: a message is not sent until room is made. */
  full: boolean;
  /** A message the user sent is held back because it would not fit. */
  held?: boolean;
  /** Estimated tokens of the attachments beside the input, already counted in `usedTokens` before they are sent. */
  attachedTokens?: number;
}

/**
 * What an attachment holds. `selection`: lines of an editor; `file` / `folder` / `symbol`: from the
 * workspace (`#file`, `#folder`, `#symbol`, drag and drop); `problems`: diagnostics; `changes`: the
 * working-tree diff; `terminal`: the last command and its output; `image`: a pasted or dropped image;
 * `activeFile`: the file in the active editor while the "include the active file" toggle is on.
 */
export const CONTEXT_KINDS = ['selection', 'file', 'folder', 'symbol', 'problems', 'changes', 'terminal', 'image', 'activeFile'] as const;
export type ContextKind = (typeof CONTEXT_KINDS)[number];

/** Kinds the webview may ask the host to resolve with `context/add` (images come by `context/image`, the active file by its toggle). */
export const ADDABLE_CONTEXT_KINDS = ['selection', 'file', 'folder', 'symbol', 'problems', 'changes', 'terminal'] as const;
export type AddableContextKind = (typeof ADDABLE_CONTEXT_KINDS)[number];

/** Kinds the `#` completion lists suggestions for. */
export const QUERY_CONTEXT_KINDS = ['file', 'folder', 'symbol'] as const;
export type QueryContextKind = (typeof QUERY_CONTEXT_KINDS)[number];

/** Image types the Messages API takes in an `image` content block. */
export const IMAGE_MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'] as const;
export type ImageMediaType = (typeof IMAGE_MEDIA_TYPES)[number];

/**
 * Context attached to a user message: shown as a chip (above the input, then in the sent
 * message), sent in the request. Nothing attached is hidden: `code` is exactly the text the
 * request carries for it, and the chip expands to show it.
 */
export interface AttachmentView {
  /** Issued by the host; a submitted attachment with an id the host issued is replaced by the host's own copy. */
  id: string;
  /** What it is; attachments stored before kinds existed are read back as `selection`. */
  kind: ContextKind;
  /** What the chip says, e.g. "src/app.ts · lines 3–8". */
  label: string;
  /** Exactly the text sent for it (empty for an image, which is sent as an image block). */
  code: string;
  language?: string;
  /** Workspace-relative path of a file, folder, symbol or selection, with `/` separators. */
  path?: string;
  /** The lines sent, 1-based and inclusive, when not the whole file. */
  range?: { startLine: number; endLine: number };
  /** Estimated input tokens this attachment adds to the request. */
  tokens: number;
  /** For an image: its type and size; `thumbnail` is a small data URL for the chip (the full image stays in the host). */
  image?: { mediaType: ImageMediaType; bytes: number; width?: number; height?: number; thumbnail?: string };
}

/** One entry of the `#` completion list. `value` goes back unchanged in `context/add`. */
export interface ContextSuggestion {
  kind: QueryContextKind;
  /** A workspace-relative path for a file or folder; an opaque key for a symbol. */
  value: string;
  /** Main text, e.g. the file name or the symbol name. */
  label: string;
  /** Secondary text, e.g. the folder, or the symbol's kind and file. */
  detail?: string;
}

/** Something the user may take instead of a refused attachment, e.g. "Send lines 1–400". */
export interface ContextOffer {
  id: string;
  label: string;
}

/** A prompt waiting to be sent after the answer that is streaming. */
export interface QueuedPromptView {
  id: string;
  text: string;
  attachments?: AttachmentView[];
}

/** One message as the webview renders it. `text` is the raw markdown. */
export interface MessageView {
  id: string;
  role: 'user' | 'assistant';
  text: string;
  state: MessageState;
  thinking?: string;
  /** How long the model thought before answering ("Thought for N s"). */
  thinkingMs?: number;
  /** The model that wrote an answer. */
  model?: string;
  /** The API's stop reason of a finished answer (`end_turn`, `max_tokens`, `refusal`, …): the element's `data-stop`. */
  stop?: string;
  /** What the API said about a refusal. */
  stopDetails?: { category?: string; explanation?: string };
  error?: ErrorView;
  metrics?: MetricsView;
  analysis?: AnalysisSnapshot;
  /** 👍 / 👎 given by the user, if any. */
  feedback?: 'up' | 'down';
  /** A user message's attached code; `text` is only what the user wrote. */
  attachments?: AttachmentView[];
  /** On a user message that was edited: which version is shown (0-based) of how many. */
  branch?: { index: number; count: number };
}

/** One entry of the model picker. */
export interface ModelOptionView {
  id: string;
  label: string;
  /** e.g. "deprecated, retires 22 Jan 2027" or "legacy". */
  note?: string;
  current: boolean;
  deprecated: boolean;
}

/** Effort levels of `output_config.effort`; '' is the model's own default. */
export type EffortChoice = '' | 'low' | 'medium' | 'high' | 'xhigh' | 'max';

/** The model picker and the effort picker, as the chat header draws them. */
export interface ModelChoiceView {
  options: ModelOptionView[];
  selected: string;
  /** False when the configured model is not in the list: the header says so and what happens. */
  selectedListed: boolean;
  /** The levels the selected model lists; empty when it takes no effort setting. */
  effortLevels: Array<Exclude<EffortChoice, ''>>;
  effort: EffortChoice;
  /** The model's own effort, for the "Default (high)" label, when known. */
  defaultEffort?: string;
}

/** A conversation in the history list. */
export interface ConversationSummary {
  id: string;
  title: string;
  updatedAt: number;
  messageCount: number;
}

/** Everything the chat webview needs to draw itself from scratch. */
export interface ChatState {
  conversationId: string;
  messages: MessageView[];
  model: string;
  models: ModelChoiceView;
  history: ConversationSummary[];
  /** Shown in the header, e.g. "Offline demo". */
  banner?: string;
  streaming: boolean;
  /** The context meter, when anything is known yet. */
  context?: ContextMeterView;
  /** Prompts waiting to be sent, in order (absent: none). */
  queue?: QueuedPromptView[];
  /** True when the queue waits because the last answer was stopped or failed. */
  queueHeld?: boolean;
}

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

// ───────────────────────────── Insights: host → webview ─────────────────────────────

/** Aggregated learning figures as the Insights view draws them. Filled in by the learning issue. */
export interface LearningView {
  recordCount: number;
  lastSummaryAt?: number;
  summaryRecordCount?: number;
  topicsOverTime: Array<{ period: string; topics: Array<{ term: string; count: number }> }>;
  sentimentTrend: Array<{ period: string; value: number }>;
  responseTimesMs: number[];
  timeToFirstTokenMs: number[];
  qualityByTopic: Array<{ topic: string; quality: number; count: number }>;
  /** Answers grouped by the language of their prose (ISO 639-1), most answers first. */
  byLanguage?: Array<{ language: string; quality: number; count: number }>;
  /** Answers grouped by the kinds of context their question carried (`none`: nothing attached), best quality first. */
  byContextKind?: Array<{ kind: ContextKind | 'none'; quality: number; count: number }>;
  insights: Array<{ id: string; kind: 'improvement' | 'optimization'; text: string; setting?: { key: string; value: unknown } }>;
  learnedPreferences?: string;
  narrative?: string;
  /** `claudeStream.learning.applyToPrompts`: whether the preferences note is really sent. */
  applyToPrompts?: boolean;
}

/** Spending over a period: tokens by kind, dollars, and what the prompt cache saved. */
export interface CostTotalsView {
  requests: number;
  inputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  outputTokens: number;
  /** Dollars of the priced requests. */
  costUsd: number;
  /** What the same requests would have cost more without the cache. */
  savedUsd: number;
  /** Requests on a model without a price: their tokens count, their cost is unknown. */
  unpriced: number;
}

/** The Insights view's cost section. */
export interface CostView {
  today: CostTotalsView;
  total: CostTotalsView;
  /** Newest first. */
  days: Array<{ day: string } & CostTotalsView>;
  /** Latest first; `inline` holds the inline asks. */
  conversations: Array<{ id: string; title?: string } & CostTotalsView>;
}

export type InsightsHostMessage =
  /** Sent on `ready` and when a stream starts: the last snapshot and its source. */
  | { type: 'live/snapshot'; source: 'chat' | 'inline'; analysis: AnalysisSnapshot; tokensPerSecond?: number; outcome?: AnswerOutcome }
  /** Sent when no stream has run yet. */
  | { type: 'live/empty' }
  /** Sent on `ready` and after each summary run. */
  | { type: 'learning/summary'; learning: LearningView | undefined; enabled: boolean }
  /** Sent on `ready` and after every billed request: cost per day and per conversation. */
  | { type: 'cost/summary'; cost: CostView };

export type InsightsWebviewMessage =
  | { type: 'ready' }
  | { type: 'insight/apply'; id: string }
  | { type: 'insight/dismiss'; id: string }
  | { type: 'learning/summarize' }
  | { type: 'preferences/edit'; text: string }
  /** Sent by "Send with requests" / "Stop sending" beside the preferences note. */
  | { type: 'preferences/applyToPrompts'; enabled: boolean }
  | { type: 'file/open'; path: string };

// ───────────────────────────── Validation ─────────────────────────────

/** Longest string accepted from a webview; longer input is rejected, not truncated. */
export const MAX_WEBVIEW_STRING = 1_000_000;

type Shape = Record<string, 'string' | 'id' | ((v: unknown) => boolean)>;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;
/** One of our settings, or all of them: the only thing an error card may ask the host to open. */
const SETTING_PATTERN = /^claudeStream(\.[A-Za-z][A-Za-z0-9]*){0,3}$/;
/** A request id as the API issues them (`req_…`); a gateway's may differ, so only the charset is fixed. */
const REQUEST_ID_PATTERN = /^[A-Za-z0-9_.:-]{1,200}$/;

function matches(value: Record<string, unknown>, shape: Shape): boolean {
  for (const key of Object.keys(value)) {
    // hasOwnProperty, not `in`: `__proto__` and `constructor` are "in" every object.
    if (key !== 'type' && !Object.prototype.hasOwnProperty.call(shape, key)) return false;
  }
  for (const [key, rule] of Object.entries(shape)) {
    const field = value[key];
    if (rule === 'string') {
      if (typeof field !== 'string' || field.length > MAX_WEBVIEW_STRING) return false;
    } else if (rule === 'id') {
      if (typeof field !== 'string' || !ID_PATTERN.test(field)) return false;
    } else if (!rule(field)) return false;
  }
  return true;
}

const optionalString = (v: unknown) => v === undefined || (typeof v === 'string' && v.length <= 200);
const oneOf =
  (...values: string[]) =>
  (v: unknown) =>
    typeof v === 'string' && values.includes(v);

const MAX_ATTACHMENTS = 20;
/** Longest base64 image accepted: the API takes images up to 5 MB, which is about 6.7 M base64 characters. */
export const MAX_IMAGE_BASE64 = 7_000_000;
/** Most URIs one `context/dropUris` may carry; the webview sends the first ones of a bigger drop. */
export const MAX_DROP_URIS = 50;

const isLine = (x: unknown): boolean => typeof x === 'number' && Number.isInteger(x) && x >= 1 && x <= 10_000_000;
const isCount = (x: unknown): boolean => typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= 1e9;
const optional =
  (check: (v: unknown) => boolean) =>
  (v: unknown): boolean =>
    v === undefined || check(v);

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

const optionalAttachments = (v: unknown): boolean =>
  v === undefined || (Array.isArray(v) && v.length <= MAX_ATTACHMENTS && v.every(isAttachment));

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

const insightsShapes: { [K in InsightsWebviewMessage['type']]: Shape } = {
  ready: {},
  'insight/apply': { id: 'id' },
  'insight/dismiss': { id: 'id' },
  'learning/summarize': {},
  'preferences/edit': { text: (v) => typeof v === 'string' && v.length <= 4000 },
  'preferences/applyToPrompts': { enabled: (v) => typeof v === 'boolean' },
  'file/open': { path: (v) => typeof v === 'string' && v.length > 0 && v.length <= 4096 },
};

function parseWith<T extends { type: string }>(shapes: Record<string, Shape>, raw: unknown): T | undefined {
  if (!isRecord(raw) || typeof raw.type !== 'string') return undefined;
  if (!Object.prototype.hasOwnProperty.call(shapes, raw.type)) return undefined;
  return matches(raw, shapes[raw.type]) ? (raw as T) : undefined;
}

/** Returns the message if it is a well-formed chat webview message, else undefined. */
export function parseChatWebviewMessage(raw: unknown): ChatWebviewMessage | undefined {
  return parseWith<ChatWebviewMessage>(chatShapes, raw);
}

/** Returns the message if it is a well-formed insights webview message, else undefined. */
export function parseInsightsWebviewMessage(raw: unknown): InsightsWebviewMessage | undefined {
  return parseWith<InsightsWebviewMessage>(insightsShapes, raw);
}

/**
 * A short, log-safe description of a message a parser rejected: its `type` when that is a
 * string, else the kind of value. Never throws, even for a `type` that cannot be converted to
 * a string (`{ toString: 'x' }` survives structured cloning and makes `String()` throw).
 */
export function describeRejectedMessage(raw: unknown): string {
  if (typeof raw !== 'object' || raw === null) return typeof raw;
  if (Array.isArray(raw)) return 'array';
  const type = Object.prototype.hasOwnProperty.call(raw, 'type') ? (raw as { type?: unknown }).type : undefined;
  if (typeof type === 'string') return JSON.stringify(type.slice(0, 40));
  return type === null ? 'null' : typeof type;
}
