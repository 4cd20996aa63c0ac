import type { ClaudeStreamConfig } from '../config';
import type { ModelCatalog } from '../models/modelCatalog';
import type { StreamRequest } from '../streaming/types';
import type { ChatHostMessage, ContextMeterView } from '../../shared/protocol';
import { estimateTokens, meterView, type ContextWindowOf, type TokenCounter } from './contextMeter';
import type { Conversation } from './conversation';

export interface ContextBudgetDeps {
  config(): ClaudeStreamConfig;
  /** The conversation now open; readings of another conversation are not shown. */
  conversation(): Conversation;
  post(message: ChatHostMessage): void;
  countTokens?: TokenCounter;
  contextWindow?: ContextWindowOf;
  catalog?: ModelCatalog;
}

/** A user message held back because it would not fit; sent once room is made. */
export interface HeldPrompt {
  conversationId: string;
  messageId: string;
  text: string;
}

/**
 * How full the model's context window is: the meter the webview shows (the API's own count when
 * there is one, else an estimate), the check before a send, and the message held back when a
 * prompt would not fit.
 */
export class ContextBudget {
  /** The reading of a conversation; `seq` drops a count that returns after a newer reading. */
  private meter: { conversationId: string; view: ContextMeterView } | undefined;
  private seq = 0;
  private heldPrompt: HeldPrompt | undefined;
  /** Tokens of the attachments beside the input, not sent yet. */
  private attached = 0;

  constructor(private readonly deps: ContextBudgetDeps) {}

  /** The model's input window: the shell's answer, else the catalogue's (Models API or bundled table). */
  windowOf(model: string): number | undefined {
    return this.deps.contextWindow?.(model) ?? this.deps.catalog?.profile(model)?.maxInputTokens;
  }

  /** The meter of the open conversation, if it has a reading. */
  current(): ContextMeterView | undefined {
    return this.meter?.conversationId === this.deps.conversation().id ? this.meter.view : undefined;
  }

  /** Forgets the reading (the conversation changed shape); the next send measures again. */
  reset(): void {
    this.meter = undefined;
  }

  /** Shows a reading of the open conversation. */
  set(usedTokens: number, source: ContextMeterView['source'], model: string, held = false): void {
    const view = meterView(Math.round(usedTokens), this.windowOf(model), source, this.deps.config().context.warnAt);
    if (held) view.held = true;
    this.meter = { conversationId: this.deps.conversation().id, view };
    this.deps.post({ type: 'context/meter', meter: this.withAttached(view, model) });
  }

  /** Counts the attachments beside the input in the meter before they are sent, and shows it. */
  setAttached(tokens: number, model: string): void {
    if (tokens === this.attached) return;
    this.attached = tokens;
    const base = this.current() ?? meterView(0, this.windowOf(model), 'estimate', this.deps.config().context.warnAt);
    this.deps.post({ type: 'context/meter', meter: this.withAttached(base, model) });
  }

  /** The tokens the attachments beside the input hold. */
  attachedTokens(): number {
    return this.attached;
  }

  private withAttached(view: ContextMeterView, model: string): ContextMeterView {
    if (this.attached === 0) return view;
    const shown = meterView(view.usedTokens + this.attached, this.windowOf(model), view.source, this.deps.config().context.warnAt);
    return { ...shown, ...(view.held ? { held: true } : {}), attachedTokens: this.attached };
  }

  /** An exact reading from a finished answer's usage: a count still on its way is dropped. */
  setUsage(usedTokens: number, model: string): void {
    this.seq++;
    this.set(usedTokens, 'usage', model);
  }

  /** Tokens per character of this conversation, from the last exact reading; the estimate's 1/4 without one. */
  tokensPerChar(system: string | undefined): number {
    const meter = this.current();
    const chars = estimateTokens(system, this.deps.conversation().toTurns()) * 4;
    return meter && meter.source !== 'estimate' && chars > 0 ? meter.usedTokens / chars : 0.25;
  }

  /**
   * True when the request would not fit the window: the last exact reading plus an estimate
   * of the new text, so no network call stands before the send.
   */
  wouldOverflow(request: StreamRequest, prompt: string): boolean {
    const window = this.windowOf(request.settings.model);
    if (!window) return false;
    const meter = this.current();
    const projected = meter && meter.source !== 'estimate' ? meter.usedTokens + Math.ceil(prompt.length / 4) : estimateTokens(systemOf(request), request.messages);
    return projected >= window;
  }

  /** The message held back in the open conversation, if any. */
  held(): HeldPrompt | undefined {
    return this.heldPrompt?.conversationId === this.deps.conversation().id ? this.heldPrompt : undefined;
  }

  /** Forgets the held message (it was sent, or its conversation was replaced). */
  release(): void {
    this.heldPrompt = undefined;
  }

  /** Holds back the last user message, which would not fit, and tells the user how to make room. */
  hold(prompt: string): void {
    const conversation = this.deps.conversation();
    const user = conversation.lastUser();
    if (!user) return;
    this.heldPrompt = { conversationId: conversation.id, messageId: user.id, text: prompt };
    const used = this.current()?.usedTokens ?? 0;
    this.set(used + Math.ceil(prompt.length / 4), this.current()?.source ?? 'estimate', this.deps.config().model, true);
    this.deps.post({
      type: 'notice',
      level: 'warning',
      text: "This message would not fit in the model's context window, so it was not sent. Summarise and continue in a new chat, or drop the oldest turns, and it will be sent.",
    });
  }

  /** Counts the request's tokens alongside the send; a reading that arrives after a newer one is dropped. */
  measure(request: StreamRequest): void {
    const seq = ++this.seq;
    const conversationId = this.deps.conversation().id;
    const model = request.settings.model;
    const system = systemOf(request) || undefined;
    const counted = this.deps.countTokens ? this.deps.countTokens({ model, system, messages: request.messages }).catch(() => undefined) : Promise.resolve(undefined);
    void counted.then((tokens) => {
      if (seq !== this.seq || conversationId !== this.deps.conversation().id) return;
      if (tokens !== undefined) this.set(tokens, 'count', model);
      else this.set(estimateTokens(system, request.messages), 'estimate', model);
    });
  }
}

function systemOf(request: StreamRequest): string {
  return [request.settings.systemPrompt, request.systemSuffix].filter((s) => s && s.trim()).join('\n\n');
}

/** Share of the context window a shortened conversation aims for, leaving room for the answer. */
const CONTEXT_TARGET = 0.8;

/**
 * How many of the oldest exchanges to drop so the conversation fits: one without figures
 * (e.g. after a `model_context_window_exceeded` stop), else enough to bring the API's own
 * token count, scaled by characters, under the target share of the limit.
 */
export function exchangesToDrop(sizes: readonly number[], tokens: { prompt: number; limit: number } | undefined): number {
  const droppable = sizes.length - 1;
  if (droppable <= 0) return 0;
  const total = sizes.reduce((a, b) => a + b, 0);
  if (!tokens || total === 0) return 1;
  const tokensPerChar = tokens.prompt / total;
  const excessChars = total - (tokens.limit * CONTEXT_TARGET) / tokensPerChar;
  let count = 0;
  for (let dropped = 0; count < droppable && (count === 0 || dropped < excessChars); count++) dropped += sizes[count];
  return count;
}
