import { Emitter } from '../events';
import type { Usage } from '../streaming/types';
import type { AnalysisSnapshot } from '../../shared/protocol';
import type { AnswerSignal, BilledRequest, ChatStatus, CompletedAnswer } from './chatTypes';

/** A user signal about one answer. */
export interface SignalEvent {
  messageId: string;
  signal: AnswerSignal;
}

/** The user wrote again after a finished answer; `text` is what they wrote. */
export interface FollowUpEvent {
  previousMessageId: string;
  text: string;
}

/**
 * What the chat tells the rest of the extension (the status bar, insights view and learning
 * system): each part of the chat fires here, and the controller exposes the events.
 */
export class ChatEvents {
  readonly status = new Emitter<ChatStatus>();
  readonly answer = new Emitter<CompletedAnswer>();
  readonly signal = new Emitter<SignalEvent>();
  readonly analysis = new Emitter<AnalysisSnapshot>();
  readonly followUp = new Emitter<FollowUpEvent>();
  readonly bill = new Emitter<BilledRequest>();

  /** Reports a billed request; one that used no tokens at all (it never reached the model) is not reported. */
  billed(conversationId: string, model: string, usage: Usage, at: number): void {
    const tokens = usage.inputTokens + usage.outputTokens + (usage.cacheReadTokens ?? 0) + (usage.cacheWrite5mTokens ?? 0) + (usage.cacheWrite1hTokens ?? 0);
    if (tokens === 0) return;
    this.bill.fire({ conversationId, model, usage, at });
  }

  dispose(): void {
    for (const emitter of [this.status, this.answer, this.signal, this.analysis, this.followUp, this.bill]) emitter.dispose();
  }
}
