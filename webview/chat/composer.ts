/**
 * The input box. Enter sends, Shift+Enter adds a newline, Escape stops a streaming answer.
 * While an answer streams the user may keep typing; Enter then sends the prompt to the host,
 * which queues it (see `PendingQueue`). Code added with "Add selection" waits beside the
 * input as a chip and goes with the next prompt.
 */
import type { AttachmentView } from '../../src/shared/protocol';
import { button, setDisabled } from '../lib/toolkit';

/** What the composer reports to the chat. */
export interface ComposerEvents {
  submit(text: string, attachments: AttachmentView[]): void;
  stop(): void;
  draftChanged(text: string): void;
}

/** Prompt input with Send / Stop and the attachments for the next prompt. */
export class Composer {
  readonly element: HTMLElement;
  readonly input: HTMLTextAreaElement;
  private readonly send: HTMLElement;
  private readonly stopButton: HTMLElement;
  private readonly attachmentRow: HTMLElement;
  private attachments: AttachmentView[] = [];

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

    this.attachmentRow = document.createElement('div');
    this.attachmentRow.className = 'composer-attachments';
    this.attachmentRow.dataset.testid = 'composer-attachments';
    this.attachmentRow.hidden = true;

    const row = document.createElement('div');
    row.className = 'composer-buttons';
    row.append(this.send, this.stopButton);
    this.element.append(this.attachmentRow, this.input, row);
  }

  /** Switches between Send and Stop. */
  setStreaming(streaming: boolean): void {
    this.send.hidden = streaming;
    this.stopButton.hidden = !streaming;
    setDisabled(this.stopButton, !streaming);
  }

  /** Adds code to send with the next prompt ("Add selection"). */
  attach(attachment: AttachmentView): void {
    this.attachments.push(attachment);
    this.renderAttachments();
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
    const attachments = this.attachments;
    this.attachments = [];
    this.renderAttachments();
    this.setText('', false);
    this.events.submit(text, attachments);
  }

  private renderAttachments(): void {
    this.attachmentRow.hidden = this.attachments.length === 0;
    this.attachmentRow.replaceChildren(
      ...this.attachments.map((a, i) => {
        const chip = document.createElement('span');
        chip.className = 'attachment-chip';
        chip.dataset.testid = 'composer-attachment';
        chip.title = a.code.length > 2000 ? `${a.code.slice(0, 2000)}…` : a.code;
        chip.textContent = a.label;
        const remove = document.createElement('button');
        remove.type = 'button';
        remove.className = 'chip-remove';
        remove.textContent = '×';
        remove.setAttribute('aria-label', `Remove ${a.label}`);
        remove.addEventListener('click', () => {
          this.attachments.splice(i, 1);
          this.renderAttachments();
          this.input.focus();
        });
        chip.append(remove);
        return chip;
      }),
    );
  }
}
