import type { ClaudeStreamConfig } from '../config';
import type { ModelCatalog } from '../models/modelCatalog';
import type { Clock, Logger } from '../ports';
import type { StreamObserver, StreamRequest, StreamResult, Usage } from '../streaming/types';
import type { AnalysisSnapshot, ChatHostMessage } from '../../shared/protocol';
import type { ContextWindowOf, TokenCounter } from './contextMeter';
import type { Timers } from './deltaBatcher';
import type { HistoryStore } from './historyStore';

/** Where the controller sends webview messages. The shell's panel drops them until the webview is ready. */
export interface ChatView {
  /**
   * Sends one message. A returned promise settles when the webview has taken the message;
   * until then further deltas are merged on the host, so at most one delta is in flight.
   */
  post(message: ChatHostMessage): void | PromiseLike<unknown>;
  /** False while the panel is hidden: deltas are then merged into one snapshot for later. */
  readonly visible: boolean;
}

/** Live analysis of a stream, implemented by the analysis client. */
export interface LiveAnalysisPort {
  begin(streamId: string): void;
  push(streamId: string, delta: string): void;
  /** Ends the stream's analysis; `outcome` says how the answer ended, so views label it truthfully. */
  end(streamId: string, outcome?: AnswerOutcome): Promise<AnalysisSnapshot | undefined>;
}

/** How an answer ended. */
export type AnswerOutcome = 'done' | 'cancelled' | 'error';

/** Something the user did that says how good an answer was. */
export type AnswerSignal = 'copied' | 'inserted' | 'applied' | 'regenerated' | 'thumbsUp' | 'thumbsDown';

/** A finished answer, as handed to the learning system. */
export interface CompletedAnswer {
  messageId: string;
  source: 'chat' | 'inline';
  prompt: string;
  result: StreamResult;
  analysis?: AnalysisSnapshot;
  startedAt: number;
}

/** Tokens billed for one request of the chat (an answer, or the summary that starts a new chat). */
export interface BilledRequest {
  conversationId: string;
  model: string;
  usage: Usage;
  at: number;
}

/** Streaming status for the status bar. */
export interface ChatStatus {
  streaming: boolean;
  tokensPerSecond?: number;
}

/** What the chat controller needs from the shell. */
export interface ChatControllerDeps {
  /** Runs one answer; never rejects. The shell resolves the key and client. */
  runStream(request: StreamRequest, observer: StreamObserver, signal: AbortSignal): Promise<StreamResult>;
  config(): ClaudeStreamConfig;
  history: HistoryStore;
  analysis?: LiveAnalysisPort;
  /** Extra system text, such as learned preferences. */
  systemSuffix?(): string | undefined;
  /** Header banner, such as "Offline demo". */
  banner?(): string | undefined;
  /** The models the picker offers and what each accepts; a bundled table until the Models API answers. */
  catalog?: ModelCatalog;
  /** Counts a request's input with the API (messages.countTokens); run alongside a send, never before it. */
  countTokens?: TokenCounter;
  /** The model's max_input_tokens, for the context meter; undefined when unknown. */
  contextWindow?: ContextWindowOf;
  clock?: Clock;
  newId?: () => string;
  logger?: Logger;
  timers?: Timers;
  batchIntervalMs?: number;
}
