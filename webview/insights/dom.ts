/** Tiny DOM builders: every piece of data reaches the page through `textContent`, never HTML. */

/** Options of `el`. */
export interface ElOptions {
  className?: string;
  text?: string;
  testId?: string;
  title?: string;
}

/** Creates an HTML element with a class, text and test id. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, options: ElOptions = {}, ...children: Array<Node | undefined>): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (options.className) node.className = options.className;
  if (options.text !== undefined) node.textContent = options.text;
  if (options.testId) node.dataset.testid = options.testId;
  if (options.title) node.title = options.title;
  for (const child of children) if (child) node.append(child);
  return node;
}

/** A titled block of the view (`<section>` with an `<h2>`). */
export function section(title: string, testId: string): { root: HTMLElement; body: HTMLElement } {
  const body = el('div', { className: 'section-body' });
  const heading = el('h2', { text: title });
  heading.id = `${testId}-heading`;
  const root = el('section', { className: 'section', testId }, heading, body);
  root.setAttribute('aria-labelledby', heading.id);
  return { root, body };
}

/** A captioned chart (`<figure>` with a `<figcaption>`). */
export function figure(caption: string, testId: string, chart: Node): HTMLElement {
  return el('figure', { className: 'figure', testId }, el('figcaption', { text: caption }), chart);
}

/** Muted explanatory text. */
export function note(text: string, testId?: string): HTMLElement {
  return el('p', { className: 'note', text, testId });
}
