/**
 * Entry point of the chat webview (bundled to dist/webview/chat.js). Builds the panel, says
 * `ready`, then draws whatever the host sends through the typed protocol.
 */
import type { ChatHostMessage } from '../../src/shared/protocol/chat';
import type { ChatState, ModelChoiceView } from '../../src/shared/protocol/chatViews';
import type { MessageState } from '../../src/shared/protocol/common';
import { warmUpHighlighter } from '../lib/markdown';
import { el } from '../lib/dom';
import { registerToolkit } from '../lib/toolkit';
import { Composer } from './composer';
import { Header } from './header';
import { HostChannel } from './hostChannel';
import { PendingQueue } from './pendingQueue';
import { Transcript } from './transcript';
import { Welcome } from './welcome';

const ANNOUNCE: Record<Exclude<MessageState, 'streaming'>, string> = {
  done: 'Answer complete.',
  cancelled: 'Answer stopped.',
  error: 'Answer failed.',
};

/** The whole chat panel. */
class ChatApp {
  private readonly host = new HostChannel();
  private readonly header = new Header((m) => this.host.post(m));
  private readonly transcript = new Transcript(
    (m) => this.host.post(m),
    (following) => this.host.save({ following }),
  );
  private readonly composer = new Composer({
    submit: (text, attachments) => {
      this.transcript.follow();
      this.host.post({ type: 'prompt/submit', text, ...(attachments.length ? { attachments } : {}) });
    },
    stop: () => this.host.post({ type: 'stream/stop' }),
    draftChanged: (draft) => this.host.save({ draft }),
    post: (m) => this.host.post(m),
    announce: (text) => this.announce(text),
  });
  private readonly pending = new PendingQueue((m) => this.host.post(m));
  private readonly welcome = new Welcome((m) => this.host.post(m));
  private readonly live = document.createElement('div');
  private readonly notices = document.createElement('div');
  private restored = false;

  mount(root: HTMLElement): void {
    registerToolkit();
    this.live.className = 'sr-only';
    this.live.dataset.testid = 'announcer';
    this.live.setAttribute('aria-live', 'polite');
    this.live.setAttribute('role', 'status');
    this.notices.className = 'notices';
    this.notices.dataset.testid = 'notices';
    root.append(this.header.element, this.notices, this.transcript.element, this.pending.element, this.composer.element, this.live);
    // Inside the scroller, above the (empty) turn list, so a short panel can scroll to all of it.
    this.transcript.scroller.prepend(this.welcome.element);
    this.composer.setText(this.host.saved.draft, true);
    let scrollSave: ReturnType<typeof setTimeout> | undefined;
    this.transcript.scroller.addEventListener('scroll', () => {
      clearTimeout(scrollSave);
      scrollSave = setTimeout(() => this.host.save({ scrollTop: this.transcript.scrollTop }), 200);
    });
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this.transcript.streamingTurn()) {
        e.preventDefault();
        this.host.post({ type: 'stream/stop' });
      }
    });
    this.host.onMessage((m) => this.handle(m));
    this.host.post({ type: 'ready' });
    // One grammar per idle period, so the first code block of an answer does not stall.
    warmUpHighlighter((task) => ('requestIdleCallback' in window ? requestIdleCallback(() => task(), { timeout: 2000 }) : setTimeout(task, 50)));
  }

  private handle(message: ChatHostMessage): void {
    switch (message.type) {
      case 'chat/state':
        return this.applyState(message.state);
      case 'message/add': {
        this.welcome.setEmpty(false);
        const turn = this.transcript.add(message.message);
        if (turn.streaming) this.composer.setStreaming(true);
        if (message.message.role === 'user') this.transcript.follow();
        return;
      }
      case 'stream/delta': {
        const turn = this.transcript.turn(message.streamId);
        turn.delta(message.seq, message.text, message.thinking);
        return this.transcript.invalidate(turn);
      }
      case 'stream/snapshot': {
        const turn = this.transcript.turn(message.streamId);
        turn.snapshot(message.seq, message.text, message.thinking);
        return this.transcript.invalidate(turn);
      }
      case 'stream/end': {
        this.transcript.flush();
        const turn = this.transcript.turn(message.streamId);
        turn.end(message.state, message.text, message.error, message.metrics, {
          stop: message.stop,
          stopDetails: message.stopDetails,
          thinkingMs: message.thinkingMs,
        });
        if (message.metrics) this.header.setMetrics(message.metrics);
        this.transcript.refreshLast();
        this.composer.setStreaming(this.transcript.streamingTurn() !== undefined);
        this.announce(message.error ? `${ANNOUNCE.error} ${message.error.message}` : ANNOUNCE[message.state === 'streaming' ? 'done' : message.state]);
        return;
      }
      case 'stream/reopen': {
        this.transcript.turn(message.streamId).reopen();
        this.composer.setStreaming(true);
        return this.transcript.refreshLast();
      }
      case 'stream/retry':
        return this.transcript.turn(message.streamId).showRetry(message.attempt, message.maxRetries, message.delayMs, message.reason);
      case 'stream/metrics':
        this.transcript.turn(message.streamId).setMetrics(message.metrics);
        return this.header.setMetrics(message.metrics);
      case 'analysis/snapshot':
        return this.transcript.turn(message.streamId).setAnalysis(message.analysis);
      case 'models':
        this.welcome.setModel(modelLabel(message.models));
        return this.header.setModels(message.models);
      case 'apiKey':
        return this.welcome.setKeyStatus(message.status);
      case 'input/set':
        return this.composer.setText(message.text, message.focus);
      case 'input/attach':
        this.composer.attach(message.attachment, message.requestId);
        return this.composer.focus();
      case 'context/suggestions':
        return this.composer.suggestions(message.requestId, message.items);
      case 'context/refused':
        return this.composer.refused(message);
      case 'context/activeFile':
        return this.composer.setActiveFile(message.enabled, message.attachment, message.reason);
      case 'input/focus':
        return this.composer.focus();
      case 'queue/update':
        return this.pending.update(message.queue, message.held);
      case 'notice':
        return this.notice(message.level, message.text);
      case 'context/meter':
        return this.header.setContext(message.meter);
      default: {
        const unknown: never = message;
        void unknown;
      }
    }
  }

  private applyState(state: ChatState): void {
    this.header.setModels(state.models);
    this.welcome.setModel(modelLabel(state.models));
    this.welcome.setEmpty(state.messages.length === 0);
    this.header.setHistory(state.history);
    this.header.setBanner(state.banner);
    const lastMetrics = [...state.messages].reverse().find((m) => m.metrics)?.metrics;
    this.header.setMetrics(lastMetrics);
    this.header.setContext(state.context);
    this.transcript.reset(state.messages);
    this.composer.setStreaming(state.streaming);
    this.pending.update(state.queue ?? [], state.queueHeld ?? false);
    if (!this.restored) {
      // First state after a (re)load: put the user back where they were.
      this.restored = true;
      this.transcript.restoreScroll(this.host.saved.following, this.host.saved.scrollTop);
    } else this.transcript.follow();
  }

  private announce(text: string): void {
    // Clearing first makes screen readers repeat an identical announcement.
    this.live.textContent = '';
    requestAnimationFrame(() => (this.live.textContent = text));
  }

  private notice(level: 'info' | 'warning' | 'error', text: string): void {
    const notice = el('div', { className: `notice notice-${level}`, text });
    notice.setAttribute('role', level === 'error' ? 'alert' : 'status');
    const close = el('button', { text: '×', label: 'Dismiss' });
    close.addEventListener('click', () => notice.remove());
    notice.append(close);
    this.notices.append(notice);
    if (level === 'info') setTimeout(() => notice.remove(), 6000);
  }
}

/** The selected model's display name, or its id when the list does not have it. */
function modelLabel(choice: ModelChoiceView): string {
  return choice.options.find((o) => o.id === choice.selected)?.label ?? choice.selected;
}

const root = document.getElementById('app') ?? document.body;
new ChatApp().mount(root);
