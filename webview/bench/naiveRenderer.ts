/**
 * Benchmark baseline and sanitiser probe; never shipped (esbuild.mjs bundles only chat and
 * insights). It re-renders the WHOLE markdown on every delta, the way a simple chat does,
 * and exposes the sanitiser so tests can feed it raw HTML markdown-it would have escaped.
 */
import { renderMarkdown, sanitize } from '../lib/markdown';

interface Delta {
  type: string;
  text?: string;
  streamId?: string;
}

const root = document.getElementById('app') ?? document.body;
const box = document.createElement('div');
box.className = 'message';
box.id = 'message-naive';
box.dataset.testid = 'message';
root.append(box);
let text = '';

window.addEventListener('message', (event: MessageEvent<Delta>) => {
  const m = event.data;
  if (m.type === 'stream/delta' && m.text !== undefined) {
    text += m.text;
    box.replaceChildren(renderMarkdown(text));
  } else if (m.type === 'stream/end' && m.text !== undefined) {
    text = m.text;
    box.replaceChildren(renderMarkdown(text));
  } else if (m.type === 'chat/state') {
    text = '';
    box.replaceChildren();
  }
});

/** Sanitises raw HTML with the chat's allow-list into a fresh box; returns the box's HTML. */
function probe(html: string): string {
  const el = document.createElement('div');
  el.className = 'message probe';
  el.append(sanitize(html));
  root.append(el);
  return el.innerHTML;
}

Object.assign(window, { __naive: { probe } });
(window as unknown as { acquireVsCodeApi: () => { postMessage(m: unknown): void } }).acquireVsCodeApi().postMessage({ type: 'ready' });
