/**
 * The one typed protocol between the extension host and its webviews. Imported by both
 * sides; it imports nothing from `vscode` or the DOM. Every message is a discriminated
 * union on `type`. Data arriving from a webview is `unknown` until `parseChatWebviewMessage`
 * or `parseInsightsWebviewMessage` has validated it.
 */

// ───────────────────────────── Shared data ─────────────────────────────

/** Lifecycle of one message element in the chat (also its `data-state`). */
export type MessageState = 'streaming' | 'done' | 'cancelled' | 'error';

/** Kind of entity found in a streamed answer. */
export type EntityType =
  | 'url'
  | 'email'
  | 'path'
  | 'file'
  | 'package'
  | 'version'
  | 'error'
  | 'cve'
  | 'env'
  | 'flag'
  | 'decorator'
  | 'call'
  | 'identifier'
  | 'person'
  | 'organization'
  | 'product';

/** Whole-state analysis of one stream so far; snapshots replace each other, so a reloaded view catches up from the last one. */
export interface AnalysisSnapshot {
  streamId: string;
  /** Mean sentiment in [-1, 1] over the prose sentences so far. */
  sentiment: {
    value: number;
    trend: 'rising' | 'falling' | 'steady';
    /** Running value after each analysed chunk, for the sparkline (bounded length). */
    series: number[];
  };
  /** Top topics, highest weight first. */
  topics: Array<{ term: string; weight: number; count: number }>;
  /** Entities, most frequent first. */
  entities: Array<{ text: string; type: EntityType; count: number }>;
  tokensAnalyzed: number;
  /** True once the final pass on completion has run. */
  final: boolean;
  /** True while live analysis is paused (e.g. memory pressure); the UI shows a note. */
  paused?: boolean;
  timing: { chunks: number; lastChunkMs: number; totalMs: number };
}

/** A classified error as the webview shows it (mirrors the core's ClassifiedError). */
export interface ErrorView {
  kind: string;
  message: string;
  action?: 'setApiKey' | 'pickModel' | 'openConsole' | 'retry' | 'openSettings';
}

/** Live figures shown in the chat header. */
export interface MetricsView {
  timeToFirstTokenMs?: number;
  tokensPerSecond: number;
  inputTokens: number;
  outputTokens: number;
  /** Estimated cost in US dollars, when the model's price is known. */
  costUsd?: number;
}

/** One message as the webview renders it. `text` is the raw markdown. */
export interface MessageView {
  id: string;
  role: 'user' | 'assistant';
  text: string;
  state: MessageState;
  thinking?: string;
  error?: ErrorView;
  metrics?: MetricsView;
  analysis?: AnalysisSnapshot;
  /** 👍 / 👎 given by the user, if any. */
  feedback?: 'up' | 'down';
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
  models: string[];
  history: ConversationSummary[];
  /** Shown in the header, e.g. "Offline demo". */
  banner?: string;
  streaming: boolean;
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
  /** Sent when a stream ends in any state. `text` is the final full text. */
  | { type: 'stream/end'; streamId: string; state: MessageState; text: string; error?: ErrorView; metrics?: MetricsView }
  /** Sent before a back-off wait, to show "Retrying in N s (attempt a of m)". */
  | { type: 'stream/retry'; streamId: string; attempt: number; maxRetries: number; delayMs: number; reason: string }
  /** Sent as live figures change (throttled). */
  | { type: 'stream/metrics'; streamId: string; metrics: MetricsView }
  /** Sent every `analysis.threshold` tokens and once at the end. */
  | { type: 'analysis/snapshot'; streamId: string; analysis: AnalysisSnapshot }
  /** Sent when the model list or selected model changes. */
  | { type: 'models'; models: string[]; selected: string }
  /** Sent to put text in the input box (e.g. "Add selection", Edit). */
  | { type: 'input/set'; text: string; focus: boolean }
  /** Sent to show a transient notice in the panel. */
  | { type: 'notice'; level: 'info' | 'warning' | 'error'; text: string }
  /** Sent after `ready` and whenever the API key is set or removed, for the empty chat's welcome. */
  | { type: 'apiKey'; status: ApiKeyStatus };

/** Where the API key comes from: secret storage, `ANTHROPIC_API_KEY`, or nowhere yet. */
export type ApiKeyStatus = 'stored' | 'environment' | 'missing';

// ───────────────────────────── Chat: webview → host ─────────────────────────────

export type CodeAction = 'insert' | 'apply' | 'newFile';

export type ChatWebviewMessage =
  /** Sent once the webview script has loaded and can receive messages. */
  | { type: 'ready' }
  /** Sent when the user presses Enter or clicks Send. */
  | { type: 'prompt/submit'; text: string }
  /** Sent by Stop, Escape. */
  | { type: 'stream/stop' }
  /** Sent by Regenerate on the last answer. */
  | { type: 'message/regenerate' }
  /** Sent by Edit on a user message, with the new text: the conversation is cut there and resent. */
  | { type: 'message/edit'; messageId: string; text: string }
  /** Sent by Copy on a message (host writes the clipboard and records the signal). */
  | { type: 'message/copy'; messageId: string }
  /** Sent by 👍 / 👎. */
  | { type: 'message/feedback'; messageId: string; value: 'up' | 'down' }
  /** Sent by a code block's Copy / Insert / Apply / New file. */
  | { type: 'code/action'; action: CodeAction | 'copy'; messageId: string; code: string; language?: string }
  /** Sent by Retry on an error card. */
  | { type: 'error/action'; action: NonNullable<ErrorView['action']> }
  /** Sent when a link in rendered markdown is clicked; the host checks the scheme. */
  | { type: 'link/open'; href: string }
  /** Sent when an entity chip that is a file path is clicked. */
  | { type: 'file/open'; path: string }
  /** Sent by the model picker. */
  | { type: 'model/select'; model: string }
  /** Sent by "Add selection". */
  | { type: 'context/addSelection' }
  /** Sent by New Chat in the header. */
  | { type: 'chat/new' }
  /** Sent when the user opens an earlier conversation from the history list. */
  | { type: 'history/open'; conversationId: string };

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
  insights: Array<{ id: string; kind: 'improvement' | 'optimization'; text: string; setting?: { key: string; value: unknown } }>;
  learnedPreferences?: string;
  narrative?: string;
}

export type InsightsHostMessage =
  /** Sent on `ready` and when a stream starts: the last snapshot and its source. */
  | { type: 'live/snapshot'; source: 'chat' | 'inline'; analysis: AnalysisSnapshot; tokensPerSecond?: number; outcome?: 'done' | 'cancelled' | 'error' }
  /** Sent when no stream has run yet. */
  | { type: 'live/empty' }
  /** Sent on `ready` and after each summary run. */
  | { type: 'learning/summary'; learning: LearningView | undefined; enabled: boolean };

export type InsightsWebviewMessage =
  | { type: 'ready' }
  | { type: 'insight/apply'; id: string }
  | { type: 'insight/dismiss'; id: string }
  | { type: 'learning/summarize' }
  | { type: 'preferences/edit'; text: string }
  | { type: 'file/open'; path: string };

// ───────────────────────────── Validation ─────────────────────────────

/** Longest string accepted from a webview; longer input is rejected, not truncated. */
export const MAX_WEBVIEW_STRING = 1_000_000;

type Shape = Record<string, 'string' | 'id' | ((v: unknown) => boolean)>;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

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

const chatShapes: { [K in ChatWebviewMessage['type']]: Shape } = {
  ready: {},
  'prompt/submit': { text: 'string' },
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
  'error/action': { action: oneOf('setApiKey', 'pickModel', 'openConsole', 'retry', 'openSettings') },
  'link/open': { href: (v) => typeof v === 'string' && v.length <= 4096 },
  'file/open': { path: (v) => typeof v === 'string' && v.length > 0 && v.length <= 4096 },
  'model/select': { model: (v) => typeof v === 'string' && /^[A-Za-z0-9._:@/-]{1,200}$/.test(v) },
  'context/addSelection': {},
  'chat/new': {},
  'history/open': { conversationId: 'id' },
};

const insightsShapes: { [K in InsightsWebviewMessage['type']]: Shape } = {
  ready: {},
  'insight/apply': { id: 'id' },
  'insight/dismiss': { id: 'id' },
  'learning/summarize': {},
  'preferences/edit': { text: (v) => typeof v === 'string' && v.length <= 4000 },
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
