/**
 * What goes with the next prompt, above the input: the "include the active file" toggle chip,
 * one chip per attachment (with its token count, expandable, removable), a placeholder while
 * the host resolves one, and the host's note when it refused one, with the offers it made
 * ("Send lines 1–400"). The host issues every attachment and keeps its own copy by `id`.
 */
import type { ChatWebviewMessage } from '../../src/shared/protocol/chat';
import type { AttachmentView } from '../../src/shared/protocol/context';
import { contextChip, tokenLabel } from './contextChips';
import { el } from '../lib/dom';

/** A refusal as the tray shows it (the host's `context/refused`). */
export interface RefusalView {
  requestId: string;
  reason: string;
  offers?: ReadonlyArray<{ id: string; label: string }>;
}

/** The attachments of the next prompt, their chips, and the notes about them. */
export class ContextTray {
  readonly element: HTMLElement;
  private readonly row: HTMLElement;
  private readonly notes: HTMLElement;
  private readonly activeToggle: HTMLButtonElement;
  private readonly summary: HTMLElement;
  private attachments: AttachmentView[] = [];
  private readonly pending = new Map<string, string>();
  /** Requests still unanswered when their message was sent: the host resolves the mention from the text. */
  private readonly abandoned = new Set<string>();
  private activeFile: { enabled: boolean; attachment?: AttachmentView; reason?: string } = { enabled: false };

  constructor(
    private readonly post: (message: ChatWebviewMessage) => void,
    private readonly changed: () => void,
  ) {
    this.element = document.createElement('div');
    this.element.className = 'context-tray';
    this.element.dataset.testid = 'context-tray';

    this.notes = document.createElement('div');
    this.notes.className = 'context-notes';
    this.notes.dataset.testid = 'context-notes';

    this.row = document.createElement('div');
    this.row.className = 'composer-attachments';
    this.row.dataset.testid = 'composer-attachments';
    this.row.setAttribute('role', 'list');
    this.row.setAttribute('aria-label', 'Attached to the next message');

    this.activeToggle = document.createElement('button');
    this.activeToggle.type = 'button';
    this.activeToggle.className = 'active-file-toggle';
    this.activeToggle.dataset.testid = 'active-file-toggle';
    this.activeToggle.addEventListener('click', () => {
      const enabled = !this.activeFile.enabled;
      // Shown at once; the host's reply brings the file (or turns it off again).
      this.activeFile = { enabled };
      this.render();
      this.post({ type: 'context/activeFile', enabled });
    });

    this.summary = document.createElement('span');
    this.summary.className = 'context-total';
    this.summary.dataset.testid = 'context-total';

    const rowLine = document.createElement('div');
    rowLine.className = 'context-row';
    rowLine.append(this.row, this.summary);
    this.element.append(this.notes, rowLine);
    this.render();
  }

  /** Adds an attachment the host issued (a same id replaces its chip); false when it came too late to show. */
  attach(attachment: AttachmentView, requestId?: string): boolean {
    if (requestId && this.abandoned.delete(requestId)) {
      // Too late for its message, which carried the mention in its text; not for the next one.
      if (attachment.id) this.post({ type: 'context/remove', id: attachment.id });
      return false;
    }
    if (requestId) this.pending.delete(requestId);
    const same = attachment.id ? this.attachments.findIndex((a) => a.id === attachment.id) : -1;
    if (same >= 0) this.attachments[same] = attachment;
    else this.attachments.push(attachment);
    this.render();
    return true;
  }

  /** Shows a placeholder chip until the host answers `requestId`. */
  expect(requestId: string, label: string): void {
    this.pending.set(requestId, label);
    this.render();
  }

  /** Shows the host's refusal with its offers; an offer taken asks the host for that part instead. */
  refuse(refusal: RefusalView): void {
    if (this.abandoned.delete(refusal.requestId)) return;
    const label = this.pending.get(refusal.requestId);
    this.pending.delete(refusal.requestId);
    this.render();
    const note = document.createElement('div');
    note.className = 'context-refused';
    note.dataset.testid = 'context-refused';
    note.setAttribute('role', 'alert');
    const text = document.createElement('span');
    text.className = 'context-refused-text';
    // The host's reason usually names the file; the placeholder's label only when it does not.
    text.textContent = label && !refusal.reason.includes(label) ? `${label}: ${refusal.reason}` : refusal.reason;
    note.append(text);
    for (const offer of refusal.offers ?? []) {
      const take = document.createElement('button');
      take.type = 'button';
      take.className = 'context-offer-button';
      take.dataset.testid = 'context-offer';
      take.dataset.offer = offer.id;
      take.textContent = offer.label;
      take.addEventListener('click', () => {
        note.remove();
        this.expect(refusal.requestId, offer.label);
        this.post({ type: 'context/acceptOffer', requestId: refusal.requestId, offerId: offer.id });
      });
      note.append(take);
    }
    const close = el('button', { className: 'chip-remove', text: '×', label: 'Dismiss' });
    close.addEventListener('click', () => note.remove());
    note.append(close);
    this.notes.append(note);
  }

  /** The host's word on the active-file toggle: on (with the file, or why there is none) or off. */
  setActiveFile(enabled: boolean, attachment?: AttachmentView, reason?: string): void {
    this.activeFile = { enabled, attachment, reason };
    this.render();
  }

  /** The attachments to send now; the tray empties, except the active-file toggle, which stays on. */
  take(): AttachmentView[] {
    const taken = [...this.attachments];
    if (this.activeFile.enabled && this.activeFile.attachment) taken.push(this.activeFile.attachment);
    this.attachments = [];
    for (const requestId of this.pending.keys()) this.abandoned.add(requestId);
    this.pending.clear();
    this.notes.replaceChildren();
    this.render();
    return taken;
  }

  /** How many attachments wait (not counting the active file). */
  get count(): number {
    return this.attachments.length;
  }

  private remove(attachment: AttachmentView): void {
    this.attachments = this.attachments.filter((a) => a !== attachment);
    if (attachment.id) this.post({ type: 'context/remove', id: attachment.id });
    this.render();
    this.changed();
  }

  private render(): void {
    const chips = this.attachments.map((a) => listItem(contextChip(a, { testId: 'composer-attachment', idPrefix: 'composer-chip', onRemove: () => this.remove(a) })));
    const placeholders = [...this.pending].map(([requestId, label]) => {
      const chip = document.createElement('span');
      chip.className = 'context-chip pending';
      chip.dataset.testid = 'context-pending';
      chip.dataset.request = requestId;
      chip.setAttribute('aria-busy', 'true');
      chip.textContent = `${label}…`;
      return listItem(chip);
    });
    this.renderActiveToggle();
    const active =
      this.activeFile.enabled && this.activeFile.attachment
        ? [listItem(contextChip(this.activeFile.attachment, { testId: 'active-file-chip', idPrefix: 'active-chip', onRemove: () => this.activeToggle.click() }))]
        : [];
    const tokens = [...this.attachments, ...(this.activeFile.enabled && this.activeFile.attachment ? [this.activeFile.attachment] : [])].reduce(
      (sum, a) => sum + (a.tokens ?? 0),
      0,
    );
    const shown = chips.length + active.length;
    this.summary.textContent = shown > 1 && tokens > 0 ? `${tokenLabel(tokens)} in all` : '';
    this.summary.hidden = this.summary.textContent === '';
    const toggleItem = active.length ? [] : [listItem(this.activeToggle)];
    this.row.replaceChildren(...toggleItem, ...active, ...chips, ...placeholders);
  }

  private renderActiveToggle(): void {
    const { enabled, attachment, reason } = this.activeFile;
    this.activeToggle.setAttribute('aria-pressed', String(enabled));
    this.activeToggle.dataset.state = enabled ? 'on' : 'off';
    // On without a file: no file editor is active (or it cannot be sent), so nothing goes yet.
    this.activeToggle.textContent = enabled ? (attachment ? attachment.label : `Active file: ${reason ?? 'none open'}`) : '+ Active file';
    this.activeToggle.title = enabled && reason ? reason : 'Send the file open in the editor with every message';
    this.activeToggle.setAttribute('aria-label', enabled ? 'Include the active file: on' : 'Include the active file');
  }
}

function listItem(child: HTMLElement): HTMLElement {
  child.setAttribute('role', 'listitem');
  return child;
}
