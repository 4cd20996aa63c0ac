/**
 * The `#` completion of the chat input. Typing `#fi` lists the kinds it can become; picking
 * `file` writes `#file:` and lists the host's fuzzy matches (`context/query` →
 * `context/suggestions`) as the user types on; picking a row writes the mention and asks the
 * host to attach it (`context/add`). Arrows move, Enter or Tab picks, Escape closes, and while
 * the list is closed Enter sends as always. The mention stays in the text, so the sentence
 * still reads ("why does #file:src/cart.ts fail #problems?").
 */
import type { ChatWebviewMessage } from '../../src/shared/protocol/chat';
import type { ContextSuggestion } from '../../src/shared/protocol/context';
import { kindsFor, mentionAt, mentionText, MENTION_CHOICES, replaceMention, type MentionAtCaret, type ValueKind } from './mentions';
import { MentionPopup, type PopupItem } from './mentionPopup';

/** A host suggestion (`context/suggestions` items). */
export type SuggestionView = ContextSuggestion;

/** Waits this long after a keystroke before asking the host, so fast typing asks once. */
const QUERY_DELAY_MS = 60;

/** What the completion needs from the composer. */
export interface CompletionHost {
  post(message: ChatWebviewMessage): void;
  /** Called when a pick asked the host to attach something (the tray shows a placeholder). */
  adding(requestId: string, label: string): void;
  /** Called after the completion rewrote the input's text. */
  textChanged(): void;
  nextRequestId(): string;
}

/** Binds the completion to the input; `element` is the list, to be placed above the input. */
export class MentionCompletion {
  readonly popup: MentionPopup;
  private mention: MentionAtCaret | undefined;
  /** The `#` the user closed the list at with Escape; it stays closed until the caret leaves that mention. */
  private dismissedAt: number | undefined;
  private queryTimer: ReturnType<typeof setTimeout> | undefined;
  private queryRequest: string | undefined;
  private lastQuery: { kind: ValueKind; query: string } | undefined;
  /** The kind whose suggestions the list shows; undefined while it lists kinds. */
  private listing: ValueKind | undefined;

  constructor(
    private readonly input: HTMLTextAreaElement,
    private readonly host: CompletionHost,
  ) {
    this.popup = new MentionPopup(input, (item) => this.pick(item));
    input.addEventListener('input', () => this.update());
    input.addEventListener('click', () => this.update());
    input.addEventListener('keyup', (e) => {
      if (e.key === 'ArrowLeft' || e.key === 'ArrowRight' || e.key === 'Home' || e.key === 'End') this.update();
    });
    input.addEventListener('blur', () => this.popup.close());
  }

  /**
   * Handles a key while the list is open; true when it took the key (the composer then does
   * nothing else with it, so Enter picks instead of sending).
   */
  onKey(event: KeyboardEvent): boolean {
    if (!this.popup.isOpen || event.isComposing) return false;
    switch (event.key) {
      case 'ArrowDown':
        this.popup.move(1);
        break;
      case 'ArrowUp':
        this.popup.move(-1);
        break;
      case 'Enter':
      case 'Tab':
        if (event.shiftKey) return false;
        if (!this.popup.pickActive()) return false;
        break;
      case 'Escape':
        this.dismissedAt = this.mention?.start;
        this.popup.close();
        // The panel's Escape stops a streaming answer; this Escape only closes the list.
        event.stopPropagation();
        break;
      default:
        return false;
    }
    event.preventDefault();
    return true;
  }

  /** The host's answer to a `context/query`; answers to older queries are dropped. */
  suggestions(requestId: string, items: readonly SuggestionView[]): void {
    if (requestId !== this.queryRequest || !this.mention?.kind) return;
    const kind = this.mention.kind;
    this.listing = kind;
    this.popup.show(
      items.map((s) => ({ kind: s.kind, value: s.value, label: s.label, detail: s.detail })),
      items.length === 0 ? `No ${kind === 'symbol' ? 'symbols' : `${kind}s`} match “${this.mention.query}”` : undefined,
    );
  }

  /** Re-reads the mention at the caret and shows, updates or closes the list. */
  update(): void {
    const caret = this.input.selectionStart === this.input.selectionEnd ? this.input.selectionStart : -1;
    const mention = caret >= 0 ? mentionAt(this.input.value, caret) : undefined;
    this.mention = mention;
    if (!mention || mention.start === this.dismissedAt) {
      if (!mention) this.dismissedAt = undefined;
      this.cancelQuery();
      this.popup.close();
      return;
    }
    if (!mention.kind) {
      const kinds = kindsFor(mention.query);
      this.cancelQuery();
      this.listing = undefined;
      this.popup.show(kinds.map((k) => ({ kind: k.kind, label: k.kind, detail: k.detail })));
      return;
    }
    this.query(mention.kind, mention.query);
  }

  private query(kind: ValueKind, query: string): void {
    if (this.lastQuery?.kind === kind && this.lastQuery.query === query && this.popup.isOpen) return;
    this.lastQuery = { kind, query };
    // The previous matches of the same kind stay until the new ones come (no flicker per key).
    if (!this.popup.isOpen || this.listing !== kind) {
      this.listing = kind;
      this.popup.show([], 'Searching…');
    }
    clearTimeout(this.queryTimer);
    this.queryTimer = setTimeout(() => {
      const requestId = this.host.nextRequestId();
      this.queryRequest = requestId;
      this.host.post({ type: 'context/query', requestId, kind, query });
    }, QUERY_DELAY_MS);
  }

  private cancelQuery(): void {
    clearTimeout(this.queryTimer);
    this.queryRequest = undefined;
    this.lastQuery = undefined;
  }

  private pick(item: PopupItem): void {
    const mention = this.mention;
    if (!mention) return;
    const kind = MENTION_CHOICES.find((k) => k.kind === item.kind);
    if (item.value === undefined && kind?.takesValue) {
      // A kind that needs a value: write `#file:` and list the files.
      this.write(replaceMention(this.input.value, mention, `${mentionText(item.kind)}:`));
      return;
    }
    // The finished mention must not reopen the list when the caret is still touching it.
    this.dismissedAt = mention.start;
    this.write(replaceMention(this.input.value, mention, mentionText(item.kind, item.value)));
    this.popup.close();
    this.cancelQuery();
    const requestId = this.host.nextRequestId();
    this.host.adding(requestId, item.value === undefined ? `#${item.kind}` : item.label);
    this.host.post({ type: 'context/add', requestId, kind: item.kind, ...(item.value !== undefined ? { value: item.value } : {}) });
  }

  private write(next: { text: string; caret: number }): void {
    this.input.value = next.text;
    this.input.setSelectionRange(next.caret, next.caret);
    this.host.textChanged();
    this.update();
  }
}
