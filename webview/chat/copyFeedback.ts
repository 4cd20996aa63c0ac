/** "Copied" on a copy button for a moment, so the user knows the click did something. */

const CONFIRM_MS = 1500;
const timers = new WeakMap<HTMLElement, ReturnType<typeof setTimeout>>();

/** Shows "Copied" on `button` (and tells screen readers), then restores its label. */
export function confirmCopied(button: HTMLElement): void {
  const previous = timers.get(button);
  if (previous) clearTimeout(previous);
  else button.dataset.label = button.textContent ?? '';
  button.textContent = 'Copied';
  button.dataset.copied = 'true';
  button.setAttribute('aria-live', 'polite');
  timers.set(
    button,
    setTimeout(() => {
      timers.delete(button);
      button.textContent = button.dataset.label ?? 'Copy';
      delete button.dataset.copied;
    }, CONFIRM_MS),
  );
}
