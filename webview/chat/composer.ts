/**
 * The input box. Enter sends, Shift+Enter adds a newline, Escape stops a streaming answer.
 * While an answer streams the user may keep typing; Enter then queues the prompt, which is
 * sent when the answer completes (and put back in the box if it failed).
 */
import { button, setDisabled } from '../lib/toolkit';

/** What the composer reports to the chat. */
export interface ComposerEvents {
  submit(text: string): void;
  stop(): void;
  draftChanged(text: string): void;
}

/** Prompt input with Send / Stop and a one-prompt queue. */
export class Composer {
  readonly element: HTMLElement;
  readonly input: HTMLTextAreaElement;
  private readonly send: HTMLElement;
  private readonly stopButton: HTMLElement;
  private readonly queuedNote: HTMLElement;
  private streaming = false;
  private queued: string | undefined;

  constructor(private readonly events: ComposerEvents) {
    this.element = document.createElement('footer');
    this.element.className = 'composer';
    this.input = document.createElement('textarea');
    this.input.className = 'chat-input';
    this.input.dataset.testid = 'chat-input';
    this.input.rows = 3;
    this.input.placeholder = 'Ask Claude… (Enter to send, Shift+Enter for a new line)';
    this.input.setAttribute('aria-label', 'Message to Claude');
    this.input.addEventListener('keydown', (e) => this.onKey(e));
    this.input.addEventListener('input', () => this.events.draftChanged(this.input.value));

    this.send = button('Send', { testId: 'send', appearance: 'primary', onClick: () => this.submit() });
    this.stopButton = button('Stop', { testId: 'stop', title: 'Stop generating (Escape)', onClick: () => this.events.stop() });
    this.stopButton.hidden = true;

    this.queuedNote = document.createElement('div');
    this.queuedNote.className = 'queued-note';
    this.queuedNote.dataset.testid = 'queued';
    this.queuedNote.hidden = true;

    const row = document.createElement('div');
    row.className = 'composer-buttons';
    row.append(this.send, this.stopButton);
    this.element.append(this.queuedNote, this.input, row);
  }

  /** Switches between Send and Stop; when an answer completes, sends the queued prompt. */
  setStreaming(streaming: boolean, succeeded = true): void {
    this.streaming = streaming;
    this.send.hidden = streaming;
    this.stopButton.hidden = !streaming;
    setDisabled(this.stopButton, !streaming);
    if (streaming || this.queued === undefined) return;
    const queued = this.queued;
    this.setQueued(undefined);
    if (succeeded) this.events.submit(queued);
    else if (!this.input.value) this.setText(queued, false);
  }

  /** Replaces the input's text (host `input/set`, or a restored draft). */
  setText(text: string, focus: boolean): void {
    this.input.value = text;
    this.events.draftChanged(text);
    if (focus) {
      this.input.focus();
      this.input.setSelectionRange(text.length, text.length);
    }
  }

  /** Focuses the input. */
  focus(): void {
    this.input.focus();
  }

  private onKey(event: KeyboardEvent): void {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.submit();
    }
  }

  private submit(): void {
    const text = this.input.value;
    if (text.trim().length === 0) return;
    this.setText('', false);
    if (this.streaming) this.setQueued(text);
    else this.events.submit(text);
  }

  private setQueued(text: string | undefined): void {
    this.queued = text;
    this.queuedNote.hidden = text === undefined;
    this.queuedNote.textContent = text === undefined ? '' : `Queued, sends when this answer completes: ${truncate(text, 80)}`;
  }
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
