/** The error card and the retry countdown shown beside a failed or retrying answer. */
import type { ErrorView } from '../../src/shared/protocol';

type ErrorAction = NonNullable<ErrorView['action']>;

const ACTION_LABELS: Record<ErrorAction, string> = {
  setApiKey: 'Set API Key',
  pickModel: 'Pick a model',
  openConsole: 'Open console settings',
  retry: 'Retry',
  openSettings: 'Open settings',
};

/** A card with the error's message and its fix button, if there is one. */
export function errorCard(error: ErrorView, onAction: (action: ErrorAction) => void): HTMLElement {
  const card = document.createElement('div');
  card.className = 'card error-card';
  card.dataset.testid = 'error-card';
  card.dataset.kind = error.kind;
  card.setAttribute('role', 'alert');
  const text = document.createElement('p');
  text.textContent = error.message;
  card.append(text);
  if (error.action) {
    const action = error.action;
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'primary';
    b.textContent = ACTION_LABELS[action];
    b.dataset.testid = 'error-action';
    b.addEventListener('click', () => onAction(action));
    card.append(b);
  }
  return card;
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
