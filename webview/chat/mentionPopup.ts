/**
 * The list the `#` completion shows above the input: kinds first (`#fi` → file, folder…),
 * then the host's suggestions for `#file:…`. It only draws and tracks the highlighted row;
 * the composer owns the keyboard and decides what a pick does. ARIA: the input (a textarea,
 * which keeps its textbox role) autocompletes from this listbox, and the highlighted row is
 * its active descendant, so the focus never leaves the input.
 */
import type { AddableContextKind } from '../../src/shared/protocol/context';

/** One row of the completion. */
export interface PopupItem {
  /** What the row says, e.g. "file" or "src/cart.ts". */
  label: string;
  detail?: string;
  kind: AddableContextKind;
  /** Set on a host suggestion: what is attached when it is picked. */
  value?: string;
}

let popupCounter = 0;

/** The completion list; hidden until `show`. */
export class MentionPopup {
  readonly element: HTMLElement;
  private items: PopupItem[] = [];
  private active = 0;
  private readonly listId = `mention-list-${++popupCounter}`;

  constructor(
    private readonly input: HTMLTextAreaElement,
    private readonly onPick: (item: PopupItem) => void,
  ) {
    this.element = document.createElement('div');
    this.element.className = 'mention-popup';
    this.element.dataset.testid = 'mention-popup';
    this.element.id = this.listId;
    this.element.setAttribute('role', 'listbox');
    this.element.setAttribute('aria-label', 'Context to attach');
    this.element.hidden = true;
    // A click must not blur the input first: the pick edits the input's text at the caret.
    this.element.addEventListener('mousedown', (e) => e.preventDefault());
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-controls', this.listId);
  }

  /** True while the list is shown (then Enter picks instead of sending). */
  get isOpen(): boolean {
    return !this.element.hidden;
  }

  /** Shows `items`; `note` replaces an empty list ("Searching…", "No files match"). */
  show(items: PopupItem[], note?: string): void {
    const sameRows = items.length === this.items.length && items.every((item, i) => item.label === this.items[i].label && item.value === this.items[i].value);
    this.items = items;
    if (!sameRows) this.active = 0;
    this.active = Math.min(this.active, Math.max(0, items.length - 1));
    this.element.replaceChildren(...items.map((item, i) => this.row(item, i)), ...(items.length === 0 && note ? [this.note(note)] : []));
    this.element.hidden = items.length === 0 && !note;
    this.highlight();
  }

  /** Hides the list. */
  close(): void {
    if (this.element.hidden) return;
    this.element.hidden = true;
    this.items = [];
    this.element.replaceChildren();
    this.input.removeAttribute('aria-activedescendant');
  }

  /** Moves the highlight by `delta` rows, wrapping around. */
  move(delta: number): void {
    if (this.items.length === 0) return;
    this.active = (this.active + delta + this.items.length) % this.items.length;
    this.highlight();
  }

  /** Picks the highlighted row; false when there is none. */
  pickActive(): boolean {
    const item = this.items[this.active];
    if (!item) return false;
    this.onPick(item);
    return true;
  }

  private row(item: PopupItem, index: number): HTMLElement {
    const row = document.createElement('div');
    row.className = 'mention-item';
    row.dataset.testid = 'mention-item';
    row.dataset.kind = item.kind;
    if (item.value !== undefined) row.dataset.value = item.value;
    row.id = `${this.listId}-${index}`;
    row.setAttribute('role', 'option');
    const label = document.createElement('span');
    label.className = 'mention-label';
    label.textContent = item.value === undefined ? `#${item.label}` : item.label;
    row.append(label);
    if (item.detail) {
      const detail = document.createElement('span');
      detail.className = 'mention-detail';
      detail.textContent = item.detail;
      row.append(detail);
    }
    row.addEventListener('mousemove', () => {
      if (this.active === index) return;
      this.active = index;
      this.highlight();
    });
    row.addEventListener('click', () => this.onPick(item));
    return row;
  }

  private note(text: string): HTMLElement {
    const note = document.createElement('div');
    note.className = 'mention-note';
    note.dataset.testid = 'mention-note';
    note.setAttribute('role', 'status');
    note.textContent = text;
    return note;
  }

  private highlight(): void {
    const rows = this.element.querySelectorAll<HTMLElement>('.mention-item');
    rows.forEach((row, i) => row.setAttribute('aria-selected', String(i === this.active)));
    const current = rows[this.active];
    if (current) {
      this.input.setAttribute('aria-activedescendant', current.id);
      current.scrollIntoView({ block: 'nearest' });
    } else this.input.removeAttribute('aria-activedescendant');
  }
}
