/**
 * Incremental markdown view for one streaming answer. Completed top-level blocks are
 * rendered once into their own element and never touched again (FROZEN); only the open
 * last block is re-rendered. Call `render()` at most once per frame (see FrameScheduler).
 */
import { BlockScanner } from './blockScanner';
import { renderMarkdown } from './markdown';

/** Called on each freshly rendered block element, e.g. to tag its code blocks. */
export type BlockDecorator = (block: HTMLElement) => void;

/** One answer's markdown, rendered block by block into `root`. */
export class StreamingMarkdown {
  private text = '';
  private readonly scanner = new BlockScanner();
  private readonly frozen: Array<{ end: number; el: HTMLElement }> = [];
  private openEl: HTMLElement | undefined;
  private openRendered: string | undefined;
  private finished = false;

  constructor(
    private readonly root: HTMLElement,
    private readonly decorate: BlockDecorator = () => undefined,
  ) {}

  /** The whole markdown source received so far. */
  get source(): string {
    return this.text;
  }

  /** Appends streamed text; takes effect on the next `render()`. */
  append(delta: string): void {
    if (delta.length === 0) return;
    this.text += delta;
    this.finished = false;
  }

  /**
   * Replaces the whole text (a snapshot, or the final text). Frozen blocks that are still a
   * prefix of the new text are kept, so a resumed or re-sent stream shows no seam.
   */
  replace(text: string): void {
    if (text === this.text) return;
    this.finished = false;
    if (text.startsWith(this.text)) {
      this.text = text;
      return;
    }
    let keep = this.frozen.length;
    while (keep > 0 && !text.startsWith(this.text.slice(0, this.frozen[keep - 1].end))) keep--;
    for (const block of this.frozen.splice(keep)) block.el.remove();
    const offset = keep === 0 ? 0 : this.frozen[keep - 1].end;
    this.scanner.reset(offset);
    this.text = text;
    this.openRendered = undefined;
  }

  /**
   * Brings the DOM up to date: renders blocks that became complete (once each) and the open
   * block if its text changed. With `final`, the open block is frozen too. Returns whether
   * the DOM changed.
   */
  render(final = false): boolean {
    let changed = false;
    let start = this.frozenEnd();
    for (const end of this.scanner.advance(this.text)) {
      this.freeze(this.text.slice(start, end), end);
      start = end;
      changed = true;
    }
    const open = this.text.slice(start);
    if (final) {
      if (open.length > 0) {
        if (this.openRendered === open && this.openEl) this.promoteOpen(this.text.length);
        else this.freeze(open, this.text.length);
        changed = true;
      }
      this.dropOpen();
      this.finished = true;
      return changed;
    }
    if (this.finished || open === this.openRendered) return changed;
    const el = this.ensureOpen();
    el.replaceChildren(renderMarkdown(open));
    this.decorate(el);
    this.openRendered = open;
    return true;
  }

  private frozenEnd(): number {
    return this.frozen.length === 0 ? 0 : this.frozen[this.frozen.length - 1].end;
  }

  private freeze(source: string, end: number): void {
    if (this.openEl && this.openRendered === source) {
      this.promoteOpen(end);
      return;
    }
    const el = document.createElement('div');
    el.className = 'md-block';
    el.dataset.frozen = 'true';
    el.append(renderMarkdown(source));
    this.decorate(el);
    this.root.insertBefore(el, this.openEl ?? null);
    this.frozen.push({ end, el });
  }

  /** The open block already shows exactly this source: freeze its element as is. */
  private promoteOpen(end: number): void {
    const el = this.openEl as HTMLElement;
    el.dataset.frozen = 'true';
    el.classList.remove('md-open');
    this.frozen.push({ end, el });
    this.openEl = undefined;
    this.openRendered = undefined;
  }

  private ensureOpen(): HTMLElement {
    if (!this.openEl) {
      this.openEl = document.createElement('div');
      this.openEl.className = 'md-block md-open';
      this.root.append(this.openEl);
    }
    return this.openEl;
  }

  private dropOpen(): void {
    this.openEl?.remove();
    this.openEl = undefined;
    this.openRendered = undefined;
  }
}
