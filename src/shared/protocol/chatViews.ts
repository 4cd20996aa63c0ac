/**
 * The data the chat webview draws: messages with their errors, figures and analysis, the
 * context meter, the queue, the model picker, the history list, and the whole state.
 */
import type { AnalysisSnapshot, ErrorAction, MessageState } from './common';
import type { AttachmentView } from './context';

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
