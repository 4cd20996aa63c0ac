/**
 * One message in the transcript. The element with `data-role` holds only the message text;
 * everything else (label, figures, thinking, analysis, cards, buttons) sits beside it in
 * the turn's wrapper, so a message's text content is exactly the message.
 */
import type { ChatWebviewMessage } from '../../src/shared/protocol/chat';
import type { ErrorView, MessageView, MetricsView } from '../../src/shared/protocol/chatViews';
import type { AnalysisSnapshot, MessageState } from '../../src/shared/protocol/common';
import { StreamingMarkdown } from '../lib/streamingMarkdown';
import { AnalysisStrip } from './analysisStrip';
import { CodeToolbar } from './codeToolbar';
import { formatMetrics } from './format';
import { RetryCard, errorCard } from './cards';
import { stopNotice, type StopInfo } from './stopNotice';
import { confirmCopied } from './copyFeedback';
import { decorateUserTurn } from './userMessage';
import { actionButton, onSubmitOrCancel } from './actionButton';

/** What a turn needs from the chat around it. */
export interface TurnContext {
  post(message: ChatWebviewMessage): void;
  /** Called when the turn's DOM changed size, so the transcript can keep following. */
  changed(): void;
}

/** A user or assistant message and the controls beside it. */
export class Turn {
  readonly element: HTMLElement;
  readonly body: HTMLElement;
  readonly id: string;
  readonly role: MessageView['role'];
  private state: MessageState;
  private readonly markdown: StreamingMarkdown | undefined;
  readonly meta: HTMLElement;
  private readonly figures: HTMLElement;
  private readonly actions: HTMLElement;
  private thinking: { details: HTMLDetailsElement; summary: HTMLElement; text: Text; startedAt: number; userToggled: boolean } | undefined;
  private stopEl: HTMLElement | undefined;
  private analysis: AnalysisStrip | undefined;
  private retry: RetryCard | undefined;
  private errorEl: HTMLElement | undefined;
  private lastSeq = -1;
  private plainText: string;
  private regenerate: HTMLButtonElement | undefined;
  /** 👍 / 👎: rate an answer, so never shown on one that failed. */
  private ratings: HTMLButtonElement[] = [];

  constructor(
    view: MessageView,
    private readonly ctx: TurnContext,
  ) {
    this.id = view.id;
    this.role = view.role;
    this.state = view.state;
    this.plainText = view.text;
    this.element = document.createElement('article');
    this.element.className = `turn turn-${view.role}`;
    this.element.dataset.messageId = view.id;

    this.meta = document.createElement('div');
    this.meta.className = 'turn-meta';
    const label = document.createElement('span');
    label.className = 'turn-label';
    label.textContent = view.role === 'user' ? 'You' : 'Claude';
    this.figures = document.createElement('span');
    this.figures.className = 'turn-figures';
    this.meta.append(label, this.figures);

    this.body = document.createElement('div');
    this.body.className = 'message';
    this.body.id = `message-${view.id}`;
    this.body.dataset.role = view.role;
    this.body.dataset.testid = 'message';
    this.element.setAttribute('aria-labelledby', this.body.id);

    this.actions = document.createElement('div');
    this.actions.className = 'message-actions';
    this.element.append(this.meta);
    if (view.role === 'assistant') {
      this.markdown = new StreamingMarkdown(this.body, CodeToolbar.decorate);
      this.analysis = new AnalysisStrip((path) => this.ctx.post({ type: 'file/open', path }));
      this.element.append(this.analysis.element);
    }
    this.element.append(this.body, this.actions);
    this.buildActions(view.feedback);

    if (view.thinking || view.thinkingMs !== undefined) this.addThinking(view.thinking ?? '');
    if (view.analysis) this.analysis?.update(view.analysis);
    if (view.state !== 'streaming') this.analysis?.answerEnded();
    if (view.metrics) this.setMetrics(view.metrics);
    if (this.markdown) {
      this.markdown.replace(view.text);
      this.markdown.render(view.state !== 'streaming');
    } else {
      this.body.textContent = view.text;
      decorateUserTurn(view, this, ctx.post);
    }
    this.setState(view.state);
    if (view.error) this.showError(view.error);
    if (view.state !== 'streaming') {
      this.thinkingDone(view.thinkingMs);
      this.showStop({ stop: view.stop, stopDetails: view.stopDetails, thinkingMs: view.thinkingMs });
    }
  }

  /** Whether the answer is still streaming. */
  get streaming(): boolean {
    return this.state === 'streaming';
  }

  /** The message's markdown source (or plain text for user turns). */
  get text(): string {
    return this.markdown ? this.markdown.source : this.plainText;
  }

  /** Applies one `stream/delta`; duplicates (seq already seen) are ignored. */
  delta(seq: number, text: string, thinking?: string): void {
    if (seq <= this.lastSeq) return;
    this.lastSeq = seq;
    this.clearRetry();
    if (thinking) this.addThinking(thinking);
    if (text) this.thinkingDone();
    this.markdown?.append(text);
  }

  /** Applies a `stream/snapshot`: the whole text so far replaces what is shown. */
  snapshot(seq: number, text: string, thinking?: string): void {
    if (seq < this.lastSeq) return;
    this.lastSeq = seq;
    this.clearRetry();
    if (thinking !== undefined) this.setThinking(thinking);
    if (text) this.thinkingDone();
    this.markdown?.replace(text);
  }

  /** Renders pending text; call at most once per frame. Returns whether the DOM changed. */
  render(): boolean {
    return this.markdown ? this.markdown.render(!this.streaming) : false;
  }

  /** Applies `stream/end`: final text, final state, the stop reason, and the error card if it failed. */
  end(state: MessageState, text: string, error?: ErrorView, metrics?: MetricsView, stop: StopInfo = {}): void {
    this.clearRetry();
    this.markdown?.replace(text);
    this.setState(state);
    this.markdown?.render(true);
    if (metrics) this.setMetrics(metrics);
    if (error) this.showError(error);
    this.thinkingDone(stop.thinkingMs);
    this.showStop(stop);
    // Analysis keeps its last live view; a late final snapshot may still complete it.
    this.analysis?.answerEnded();
    this.ctx.changed();
  }

  /** Continue after `max_tokens`: the finished answer streams again, keeping its text. */
  reopen(): void {
    this.stopEl?.remove();
    this.stopEl = undefined;
    delete this.body.dataset.stop;
    this.lastSeq = -1;
    if (this.markdown) {
      // The last block was frozen where the answer stopped, maybe mid-paragraph: render it
      // again as an open block so the continuation joins it.
      const source = this.markdown.source;
      this.markdown.replace('');
      this.markdown.replace(source);
      this.markdown.render(false);
    }
    this.setState('streaming');
    this.ctx.changed();
  }

  /** Shows live figures next to the label. */
  setMetrics(metrics: MetricsView): void {
    this.figures.textContent = formatMetrics(metrics);
  }

  /** Shows an `analysis/snapshot` in the strip (ignored once the strip froze). */
  setAnalysis(snapshot: AnalysisSnapshot): void {
    // A late final snapshot must not bring back the strip a failed answer does not get.
    if (this.state === 'error') return;
    this.analysis?.update(snapshot);
    this.ctx.changed();
  }

  /** Shows "Retrying in N s (attempt a of m)" with a countdown and Cancel. */
  showRetry(attempt: number, maxRetries: number, delayMs: number, reason: string): void {
    this.clearRetry();
    this.retry = new RetryCard(attempt, maxRetries, delayMs, reason, () => this.ctx.post({ type: 'stream/stop' }));
    this.actions.before(this.retry.element);
    this.ctx.changed();
  }

  /** Shows or hides Regenerate (only on the last answer, when nothing streams). */
  setLastAnswer(isLast: boolean): void {
    if (this.regenerate) this.regenerate.hidden = !isLast || this.streaming;
  }

  /** Releases timers. */
  dispose(): void {
    this.clearRetry();
  }

  private setState(state: MessageState): void {
    this.state = state;
    this.body.dataset.state = state;
    this.element.dataset.state = state;
    this.body.setAttribute('aria-busy', String(state === 'streaming'));
    this.actions.hidden = state === 'streaming';
    if (state !== 'streaming' && this.regenerate) this.regenerate.hidden = false;
    if (state === 'streaming' && this.regenerate) this.regenerate.hidden = true;
    // A failed answer has nothing to rate and no tone worth a strip: its card says what happened.
    const failed = state === 'error';
    for (const b of this.ratings) b.hidden = failed;
    if (this.analysis) this.analysis.element.hidden = failed;
  }

  /** `data-stop` and, where the user can act on it, a notice beside the answer. */
  private showStop(info: StopInfo): void {
    if (this.role !== 'assistant') return;
    if (info.stop) this.body.dataset.stop = info.stop;
    else delete this.body.dataset.stop;
    this.stopEl?.remove();
    this.stopEl = this.state === 'done' ? stopNotice(info, this.text, (m) => this.ctx.post(m), this.id) : undefined;
    if (this.stopEl) this.actions.before(this.stopEl);
  }

  private showError(error: ErrorView): void {
    this.errorEl?.remove();
    this.errorEl = errorCard(error, (message) => this.ctx.post(message));
    this.actions.before(this.errorEl);
  }

  private clearRetry(): void {
    this.retry?.dispose();
    this.retry = undefined;
  }

  private addThinking(text: string): void {
    const thinking = this.ensureThinking();
    if (text) thinking.text.appendData(text);
  }

  private setThinking(text: string): void {
    this.ensureThinking().text.data = text;
  }

  /**
   * Thinking has ended (the answer began, or the stream ended): the summary says for how
   * long, and the section folds away unless the user opened or closed it themselves.
   */
  private thinkingDone(exactMs?: number): void {
    const thinking = this.thinking;
    if (!thinking || (thinking.summary.dataset.done === 'true' && exactMs === undefined)) return;
    const ms = exactMs ?? Date.now() - thinking.startedAt;
    thinking.summary.textContent = `Thought for ${Math.max(1, Math.round(ms / 1000))} s`;
    thinking.summary.dataset.done = 'true';
    if (!thinking.userToggled) thinking.details.open = false;
    if (!thinking.text.data) thinking.details.dataset.empty = 'true';
  }

  private ensureThinking(): NonNullable<Turn['thinking']> {
    if (this.thinking) return this.thinking;
    const details = document.createElement('details');
    details.className = 'thinking';
    details.dataset.testid = 'thinking';
    details.dataset.part = 'thinking';
    const summary = document.createElement('summary');
    summary.textContent = 'Thinking…';
    const body = document.createElement('div');
    body.className = 'thinking-text';
    const text = document.createTextNode('');
    body.append(text);
    details.append(summary, body);
    // Open while the model thinks, so the user watches it; it folds once the answer starts.
    details.open = this.state === 'streaming';
    const thinking = { details, summary, text, startedAt: Date.now(), userToggled: false };
    summary.addEventListener('click', () => (thinking.userToggled = true));
    this.body.before(details);
    this.thinking = thinking;
    return thinking;
  }

  private buildActions(feedback: MessageView['feedback']): void {
    const add = (label: string, title: string, testId: string, onClick: (b: HTMLButtonElement) => void) => {
      const b = actionButton(label, title, testId, onClick);
      this.actions.append(b);
      return b;
    };
    add('Copy', 'Copy message', 'message-copy', (b) => {
      void navigator.clipboard?.writeText(this.text).catch(() => undefined);
      confirmCopied(b);
      this.ctx.post({ type: 'message/copy', messageId: this.id });
    });
    if (this.role === 'user') {
      add('Edit', 'Edit and resend', 'message-edit', () => this.startEdit());
      return;
    }
    this.regenerate = add('Regenerate', 'Regenerate this answer', 'message-regenerate', () => this.ctx.post({ type: 'message/regenerate' }));
    // Geometric glyphs, not emoji: many Linux desktops have no colour emoji font.
    const up = add('▲', 'Helpful (👍)', 'feedback-up', () => vote('up'));
    const down = add('▼', 'Not helpful (👎)', 'feedback-down', () => vote('down'));
    const vote = (value: 'up' | 'down') => {
      up.setAttribute('aria-pressed', String(value === 'up'));
      down.setAttribute('aria-pressed', String(value === 'down'));
      this.ctx.post({ type: 'message/feedback', messageId: this.id, value });
    };
    up.setAttribute('aria-pressed', String(feedback === 'up'));
    down.setAttribute('aria-pressed', String(feedback === 'down'));
    this.ratings = [up, down];
  }

  private startEdit(): void {
    const editor = document.createElement('textarea');
    editor.className = 'edit-input';
    editor.dataset.testid = 'edit-input';
    editor.value = this.plainText;
    editor.setAttribute('aria-label', 'Edit message; Enter resends, Escape cancels');
    this.body.hidden = true;
    this.actions.hidden = true;
    this.body.after(editor);
    let done = false;
    const finish = (send: boolean) => {
      if (done) return;
      done = true;
      editor.remove();
      this.body.hidden = false;
      this.actions.hidden = false;
      const text = editor.value.trim();
      if (send && text && text !== this.plainText) this.ctx.post({ type: 'message/edit', messageId: this.id, text });
    };
    onSubmitOrCancel(editor, finish);
    editor.addEventListener('blur', () => finish(false));
    editor.focus();
  }
}
