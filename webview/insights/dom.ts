/** The Insights view's building blocks: sections, figures and notes, all text through `textContent`. */
import { el } from '../lib/dom';

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
