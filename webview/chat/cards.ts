/** The error card and the retry countdown shown beside a failed or retrying answer. */
import type { ChatWebviewMessage } from '../../src/shared/protocol/chat';
import type { ErrorView } from '../../src/shared/protocol/chatViews';
import type { ErrorAction } from '../../src/shared/protocol/common';

const ACTION_LABELS: Record<ErrorAction, string> = {
  setApiKey: 'Set API Key',
  pickModel: 'Pick a model',
  openConsole: 'Open Console',
  retry: 'Retry',
  openSettings: 'Open Settings',
  newChat: 'New chat',
  dropOldest: 'Drop oldest turns',
};

/** What an error card's buttons send to the host. */
type CardMessage = Extract<ChatWebviewMessage, { type: 'error/action' | 'error/copyRequestId' }>;

/**
 * A card with the error's message, its fixes (the main one first) and, when the API gave one,
 * the request id with a Copy button, for support.
 */
export function errorCard(error: ErrorView, post: (message: CardMessage) => void): HTMLElement {
  const card = document.createElement('div');
  card.className = 'card error-card';
  card.dataset.testid = 'error-card';
  card.dataset.kind = error.kind;
  card.setAttribute('role', 'alert');
  const text = document.createElement('p');
  text.textContent = error.message;
  card.append(text);
  // A card restored from history may predate an action's name: show only the actions we know.
  const known = (a: unknown): a is ErrorAction => typeof a === 'string' && Object.prototype.hasOwnProperty.call(ACTION_LABELS, a);
  const actions = [error.action, ...(error.secondaryActions ?? [])].filter((a, i, all): a is ErrorAction => known(a) && all.indexOf(a) === i);
  if (actions.length > 0) {
    const row = document.createElement('div');
    row.className = 'error-actions';
    actions.forEach((action, i) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = i === 0 ? 'primary' : 'secondary';
      b.textContent = ACTION_LABELS[action];
      // The main fix keeps its historical test id; every button says which action it is.
      b.dataset.testid = i === 0 ? 'error-action' : 'error-secondary-action';
      b.dataset.action = action;
      const setting = action === 'openSettings' ? error.setting : undefined;
      b.addEventListener('click', () => post({ type: 'error/action', action, ...(setting ? { setting } : {}) }));
      row.append(b);
    });
    card.append(row);
  }
  if (error.requestId) card.append(requestIdRow(error.requestId, post));
  return card;
}

/** "Request ID req_… [Copy]": what support asks for first. */
function requestIdRow(requestId: string, post: (message: CardMessage) => void): HTMLElement {
  const row = document.createElement('div');
  row.className = 'error-request-id';
  const label = document.createElement('span');
  label.textContent = 'Request ID ';
  const id = document.createElement('code');
  id.dataset.testid = 'error-request-id';
  id.textContent = requestId;
  const copy = document.createElement('button');
  copy.type = 'button';
  copy.className = 'action';
  copy.textContent = 'Copy';
  copy.title = 'Copy the request ID, for support';
  copy.setAttribute('aria-label', 'Copy the request ID');
  copy.dataset.testid = 'error-copy-request-id';
  copy.addEventListener('click', () => {
    // The host writes the clipboard: a webview's navigator.clipboard may be unavailable.
    post({ type: 'error/copyRequestId', requestId });
    copy.textContent = 'Copied';
    setTimeout(() => (copy.textContent = 'Copy'), 1500);
  });
  row.append(label, id, copy);
  return row;
}

/** "Retrying in 4 s (attempt 2 of 3)", counting down each second, with Cancel. */
export class RetryCard {
  readonly element: HTMLElement;
  private readonly label: HTMLElement;
  private readonly deadline: number;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly attempt: number,
    private readonly maxRetries: number,
    delayMs: number,
    reason: string,
    onCancel: () => void,
  ) {
    this.deadline = Date.now() + delayMs;
    this.element = document.createElement('div');
    this.element.className = 'card retry-card';
    this.element.dataset.testid = 'retry-card';
    this.label = document.createElement('span');
    this.label.setAttribute('role', 'status');
    const why = document.createElement('span');
    why.className = 'retry-reason';
    why.textContent = reason;
    const cancel = document.createElement('button');
    cancel.type = 'button';
    cancel.textContent = 'Cancel';
    cancel.dataset.testid = 'retry-cancel';
    cancel.addEventListener('click', () => {
      this.dispose();
      onCancel();
    });
    this.element.append(this.label, why, cancel);
    this.tick();
  }

  /** Stops the countdown and removes the card. Idempotent. */
  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.element.remove();
  }

  private tick(): void {
    const remaining = this.deadline - Date.now();
    const of = `(attempt ${this.attempt} of ${this.maxRetries})`;
    if (remaining <= 0) {
      this.label.textContent = `Retrying now… ${of}`;
      return;
    }
    this.label.textContent = `Retrying in ${Math.ceil(remaining / 1000)} s ${of}`;
    // Wake exactly when the displayed whole second changes.
    this.timer = setTimeout(() => this.tick(), remaining % 1000 || 1000);
  }
}
