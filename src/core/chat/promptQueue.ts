import type { ChatHostMessage, QueuedPromptView } from '../../shared/protocol';

/**
 * Prompts submitted while an answer streamed, sent in order as each answer completes. After a
 * stopped or failed answer the queue is held: it waits for the user, since the next prompt may
 * no longer make sense.
 */
export class PromptQueue {
  private readonly items: QueuedPromptView[] = [];
  private isHeld = false;

  constructor(private readonly post: (message: ChatHostMessage) => void) {}

  get length(): number {
    return this.items.length;
  }

  /** True while the queue waits for the user ("Send queued"). */
  get held(): boolean {
    return this.isHeld;
  }

  /** The prompts waiting, in order (live: for tests and commands). */
  list(): readonly QueuedPromptView[] {
    return this.items;
  }

  /** Copies of the prompts waiting, for the webview's state. */
  snapshot(): QueuedPromptView[] {
    return this.items.map((q) => ({ ...q }));
  }

  push(item: QueuedPromptView): void {
    this.items.push(item);
  }

  /** Takes the next prompt (and tells the webview) or undefined when none waits. */
  take(): QueuedPromptView | undefined {
    const next = this.items.shift();
    this.show();
    return next;
  }

  /** Holds the queue (an answer was stopped or failed) or releases it. */
  setHeld(held: boolean): void {
    this.isHeld = held;
  }

  /** Changes a queued prompt's text; empty text removes it. One already sent goes back to the input box instead. */
  edit(id: string, text: string): void {
    const item = this.items.find((q) => q.id === id);
    const trimmed = text.trim();
    if (!item) {
      if (trimmed === '') return;
      this.post({ type: 'input/set', text: trimmed, focus: true });
      this.post({ type: 'notice', level: 'info', text: 'That prompt was already sent; your edited text is in the input box.' });
      return;
    }
    if (trimmed === '') return this.remove(id);
    item.text = trimmed;
    this.show();
  }

  remove(id: string): void {
    const index = this.items.findIndex((q) => q.id === id);
    if (index < 0) return;
    this.items.splice(index, 1);
    if (this.items.length === 0) this.isHeld = false;
    this.show();
  }

  /** Tells the webview what waits. */
  show(): void {
    this.post({ type: 'queue/update', queue: this.snapshot(), held: this.isHeld });
  }
}
