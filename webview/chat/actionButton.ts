/**
 * The small controls beside messages: a labelled action button, and the keys of an inline
 * editor (Enter saves, Shift+Enter is a new line, Escape cancels).
 */

/** A small text button with a tooltip and an accessible name. */
export function actionButton(label: string, title: string, testId: string, onClick: (button: HTMLButtonElement) => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'action';
  b.textContent = label;
  b.title = title;
  b.setAttribute('aria-label', title);
  b.dataset.testid = testId;
  b.addEventListener('click', () => onClick(b));
  return b;
}

/** Calls `finish(true)` on Enter (not while composing, not with Shift) and `finish(false)` on Escape. */
export function onSubmitOrCancel(editor: HTMLTextAreaElement, finish: (save: boolean) => void): void {
  editor.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      finish(true);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      finish(false);
    }
  });
}
