/**
 * The input box. Enter sends, Shift+Enter adds a newline, Escape stops a streaming answer.
 * While an answer streams the user may keep typing; Enter then sends the prompt to the host,
 * which queues it (see `PendingQueue`). Context for the next prompt waits above the input as
 * chips (`ContextTray`): `#` mentions picked from the completion (`MentionCompletion`), files
 * dropped from the Explorer, pasted images, "Add selection", and the active-file toggle.
 */
import type { ChatWebviewMessage } from '../../src/shared/protocol/chat';
import type { AttachmentView } from '../../src/shared/protocol/context';
import { button, setDisabled } from '../lib/toolkit';
import { tokenLabel } from './contextChips';
import { acceptDrops } from './contextDrop';
import { ContextTray, type RefusalView } from './contextTray';
import { MentionCompletion, type SuggestionView } from './mentionCompletion';

/** What the composer reports to the chat. */
export interface ComposerEvents {
  submit(text: string, attachments: AttachmentView[]): void;
  stop(): void;
  draftChanged(text: string): void;
  /** Context requests (`context/*`) go to the host through this. */
  post(message: ChatWebviewMessage): void;
  /** Says something to screen readers (an attachment arrived). */
  announce(text: string): void;
}

/** Prompt input with Send / Stop and the attachments for the next prompt. */
export class Composer {
  readonly element: HTMLElement;
  readonly input: HTMLTextAreaElement;
  private readonly send: HTMLElement;
  private readonly stopButton: HTMLElement;
  private readonly tray: ContextTray;
  private readonly completion: MentionCompletion;
  private requestCounter = 0;
  /** Data URLs of pasted images by request, so their chips show a thumbnail. */
  private readonly thumbnails = new Map<string, string>();

  constructor(private readonly events: ComposerEvents) {
    this.element = document.createElement('footer');
    this.element.className = 'composer';
    this.input = document.createElement('textarea');
    this.input.className = 'chat-input';
    this.input.dataset.testid = 'chat-input';
    this.input.rows = 3;
    this.input.placeholder = 'Ask Claude… (# to attach context, Enter to send, Shift+Enter for a new line)';
    this.input.setAttribute('aria-label', 'Message to Claude');
    this.input.addEventListener('keydown', (e) => this.onKey(e));
    this.input.addEventListener('input', () => this.events.draftChanged(this.input.value));

    this.send = button('Send', { testId: 'send', appearance: 'primary', onClick: () => this.submit() });
    this.stopButton = button('Stop', { testId: 'stop', title: 'Stop generating (Escape)', onClick: () => this.events.stop() });
    this.stopButton.hidden = true;

    this.tray = new ContextTray(events.post, () => this.input.focus());
    this.completion = new MentionCompletion(this.input, {
      post: events.post,
      adding: (requestId, label) => this.tray.expect(requestId, label),
      textChanged: () => this.events.draftChanged(this.input.value),
      nextRequestId: () => this.nextRequestId(),
    });
    acceptDrops(
      this.element,
      this.input,
      {
        uris: (uris) => {
          const requestId = this.nextRequestId();
          this.tray.expect(requestId, uris.length === 1 ? fileName(uris[0]) : `${uris.length} files`);
          events.post({ type: 'context/dropUris', requestId, uris });
        },
        image: (name, mediaType, data, dataUrl) => {
          const requestId = this.nextRequestId();
          this.thumbnails.set(requestId, dataUrl);
          this.tray.expect(requestId, name);
          events.post({ type: 'context/image', requestId, name, mediaType, data });
        },
      },
      (name) => this.tray.refuse({ requestId: this.nextRequestId(), reason: `${name} is larger than 5 MB, the most the API takes for an image; it was not attached.` }),
    );

    const field = document.createElement('div');
    field.className = 'composer-field';
    field.append(this.completion.popup.element, this.input);
    const row = document.createElement('div');
    row.className = 'composer-buttons';
    row.append(this.send, this.stopButton);
    this.element.append(this.tray.element, field, row);
  }

  /** Switches between Send and Stop. */
  setStreaming(streaming: boolean): void {
    this.send.hidden = streaming;
    this.stopButton.hidden = !streaming;
    setDisabled(this.stopButton, !streaming);
  }

  /** Adds context the host resolved ("Add selection", a `#` pick, a drop, a pasted image). */
  attach(attachment: AttachmentView, requestId?: string): void {
    const thumbnail = requestId ? this.thumbnails.get(requestId) : undefined;
    if (requestId) this.thumbnails.delete(requestId);
    const shown = thumbnail && attachment.image && !attachment.image.thumbnail ? { ...attachment, image: { ...attachment.image, thumbnail } } : attachment;
    if (this.tray.attach(shown, requestId)) {
      const tokens = typeof attachment.tokens === 'number' ? `, ${tokenLabel(attachment.tokens)}` : '';
      this.events.announce(`Attached ${attachment.label}${tokens}.`);
    }
  }

  /** The host refused an attachment (too big, binary, outside the workspace, no image input). */
  refused(refusal: RefusalView): void {
    this.thumbnails.delete(refusal.requestId);
    this.tray.refuse(refusal);
  }

  /** The host's suggestions for the `#` completion. */
  suggestions(requestId: string, items: readonly SuggestionView[]): void {
    this.completion.suggestions(requestId, items);
  }

  /** The active-file toggle as the host holds it; `reason` says why no file goes with it. */
  setActiveFile(enabled: boolean, attachment?: AttachmentView, reason?: string): void {
    this.tray.setActiveFile(enabled, attachment, reason);
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

  private nextRequestId(): string {
    return `ctx-${Date.now().toString(36)}-${++this.requestCounter}`;
  }

  private onKey(event: KeyboardEvent): void {
    if (this.completion.onKey(event)) return;
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.submit();
    }
  }

  private submit(): void {
    const text = this.input.value;
    if (text.trim().length === 0) return;
    this.completion.popup.close();
    const attachments = this.tray.take();
    // Thumbnails of images never attached (refused, or never answered) are no longer needed.
    this.thumbnails.clear();
    this.setText('', false);
    this.events.submit(text, attachments);
  }
}

/** The last path segment of a URI, for the placeholder chip. */
function fileName(uri: string): string {
  const path = uri.replace(/[?#].*$/, '').replace(/\/+$/, '');
  try {
    return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1)) || uri;
  } catch {
    return path.slice(path.lastIndexOf('/') + 1) || uri;
  }
}
