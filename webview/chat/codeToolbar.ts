/**
 * One floating toolbar (Copy, Insert at cursor, Apply to selection, New file) for code blocks.
 * It lives beside the message element, never inside it, so a message's text content stays
 * exactly the message. It follows the pointer or keyboard focus to the current block.
 */
import type { ChatWebviewMessage, CodeAction } from '../../src/shared/protocol/chat';
import { confirmCopied } from './copyFeedback';

const ACTIONS: Array<{ action: CodeAction | 'copy'; label: string }> = [
  { action: 'copy', label: 'Copy' },
  { action: 'insert', label: 'Insert' },
  { action: 'apply', label: 'Apply' },
  { action: 'newFile', label: 'New file' },
];

/** Floating code-block toolbar for a whole transcript. */
export class CodeToolbar {
  readonly element: HTMLElement;
  private target: HTMLElement | undefined;
  private readonly buttons: HTMLButtonElement[];

  constructor(
    transcript: HTMLElement,
    private readonly post: (message: ChatWebviewMessage) => void,
  ) {
    this.element = document.createElement('div');
    this.element.className = 'code-toolbar';
    this.element.setAttribute('role', 'toolbar');
    this.element.setAttribute('aria-label', 'Code actions');
    this.element.hidden = true;
    this.buttons = ACTIONS.map(({ action, label }) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = label;
      b.dataset.codeAction = action;
      b.dataset.testid = `code-${action}`;
      b.addEventListener('click', () => this.run(action));
      return b;
    });
    this.element.append(...this.buttons);
    this.element.addEventListener('keydown', (e) => this.onToolbarKey(e));
    transcript.addEventListener('mouseover', (e) => this.onPointer(e));
    transcript.addEventListener('focusin', (e) => this.onFocus(e));
    transcript.addEventListener('keydown', (e) => this.onBlockKey(e));
  }

  /** Makes code blocks in a freshly rendered block reachable by keyboard. */
  static decorate(block: HTMLElement): void {
    for (const pre of block.querySelectorAll<HTMLElement>('pre.code-block')) {
      pre.tabIndex = 0;
      pre.setAttribute('aria-label', 'Code block: Tab for actions');
    }
  }

  private onPointer(event: Event): void {
    const el = event.target as Element | null;
    if (!el || this.element.contains(el)) return;
    const pre = el.closest<HTMLElement>('pre.code-block');
    if (pre) this.show(pre);
    else if (!this.element.contains(document.activeElement)) this.hide();
  }

  private onFocus(event: FocusEvent): void {
    const el = event.target as Element | null;
    if (!el || this.element.contains(el)) return;
    const pre = el.closest<HTMLElement>('pre.code-block');
    if (pre) this.show(pre);
    else this.hide();
  }

  private onBlockKey(event: KeyboardEvent): void {
    const pre = event.target as HTMLElement;
    if (event.key !== 'Tab' || event.shiftKey || !pre.matches?.('pre.code-block')) return;
    this.show(pre);
    event.preventDefault();
    this.buttons[0].focus();
  }

  private onToolbarKey(event: KeyboardEvent): void {
    const index = this.buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (event.key === 'Escape' || (event.key === 'Tab' && event.shiftKey && index === 0)) {
      event.preventDefault();
      event.stopPropagation();
      this.target?.focus();
    }
  }

  private show(pre: HTMLElement): void {
    const turn = pre.closest<HTMLElement>('.turn');
    if (!turn) return;
    this.target = pre;
    if (this.element.parentElement !== turn) turn.append(this.element);
    const top = pre.getBoundingClientRect().top - turn.getBoundingClientRect().top;
    this.element.style.top = `${Math.max(0, top) + 4}px`;
    this.element.hidden = false;
  }

  private hide(): void {
    this.element.hidden = true;
  }

  private run(action: CodeAction | 'copy'): void {
    const pre = this.target;
    const messageId = pre?.closest<HTMLElement>('.turn')?.dataset.messageId;
    const code = pre?.querySelector('code');
    if (!pre || !messageId || !code) return;
    const text = code.textContent ?? '';
    const language = /(?:^|\s)language-([\w+#.-]+)/.exec(code.className)?.[1];
    if (action === 'copy') {
      void navigator.clipboard?.writeText(text).catch(() => undefined);
      const copy = this.buttons.find((b) => b.dataset.codeAction === 'copy');
      if (copy) confirmCopied(copy);
    }
    this.post({ type: 'code/action', action, messageId, code: text, ...(language ? { language } : {}) });
  }
}
