/** A tiny DOM builder for both webviews: data reaches the page through `textContent`, never HTML. */

/** Options of `el`. */
export interface ElOptions {
  className?: string;
  text?: string;
  testId?: string;
  title?: string;
  /** `aria-label`, for a control whose text alone does not say what it does. */
  label?: string;
  hidden?: boolean;
}

/**
 * Creates an HTML element with a class, text, test id, tooltip and children. A `<button>` is
 * `type="button"`, so it never submits a form it happens to sit in.
 */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, options: ElOptions = {}, ...children: Array<Node | undefined>): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (node instanceof HTMLButtonElement) node.type = 'button';
  if (options.className) node.className = options.className;
  if (options.text !== undefined) node.textContent = options.text;
  if (options.testId) node.dataset.testid = options.testId;
  if (options.title) node.title = options.title;
  if (options.label) node.setAttribute('aria-label', options.label);
  if (options.hidden) node.hidden = true;
  for (const child of children) if (child) node.append(child);
  return node;
}
