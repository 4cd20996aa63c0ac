/**
 * The chat header's context meter ("Context 42% of 200,000") and, near the limit, the offer
 * to make room: summarise and continue in a new chat, or drop the oldest turns.
 */
import type { ChatWebviewMessage } from '../../src/shared/protocol/chat';
import type { ContextMeterView } from '../../src/shared/protocol/chatViews';
import { button } from '../lib/toolkit';
import { el } from '../lib/dom';

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** The meter and its offer; both hidden until the host sends a reading. */
export class ContextMeter {
  readonly element: HTMLElement;
  readonly offer: HTMLElement;
  private readonly label: HTMLElement;
  private readonly bar: HTMLElement;
  private readonly fill: HTMLElement;
  private readonly offerText: HTMLElement;

  constructor(post: (message: ChatWebviewMessage) => void) {
    this.element = el('div', { className: 'context-meter', testId: 'context-meter', hidden: true });
    this.bar = document.createElement('div');
    this.bar.className = 'context-bar';
    this.bar.setAttribute('role', 'meter');
    this.bar.setAttribute('aria-label', 'Context window used');
    this.bar.setAttribute('aria-valuemin', '0');
    this.bar.setAttribute('aria-valuemax', '100');
    this.fill = document.createElement('div');
    this.fill.className = 'context-fill';
    this.bar.append(this.fill);
    this.label = document.createElement('span');
    this.label.className = 'context-label';
    this.element.append(this.bar, this.label);

    this.offer = document.createElement('div');
    this.offer.className = 'context-offer';
    this.offer.dataset.testid = 'context-offer';
    this.offer.setAttribute('role', 'status');
    this.offer.hidden = true;
    this.offerText = document.createElement('span');
    const summarize = button('Summarise and continue in a new chat', {
      testId: 'context-offer-summarize',
      onClick: () => post({ type: 'context/summarize' }),
    });
    const drop = button('Drop oldest turns', { testId: 'context-offer-drop-oldest', onClick: () => post({ type: 'context/dropOldest' }) });
    this.offer.append(this.offerText, summarize, drop);
  }

  /** Shows a reading; undefined hides the meter (a new, empty chat). */
  set(meter: ContextMeterView | undefined): void {
    this.element.hidden = !meter;
    this.offer.hidden = !meter?.nearLimit && !meter?.held;
    if (!meter) return;
    const percent = meter.share !== undefined ? Math.round(meter.share * 100) : undefined;
    // A long window fills slowly: below 10% a decimal shows each turn's growth.
    const shown = meter.share !== undefined && meter.share < 0.1 ? (meter.share * 100).toFixed(1) : percent;
    const estimated = meter.source === 'estimate' ? '≈' : '';
    this.label.textContent =
      percent !== undefined && meter.maxTokens
        ? `Context ${estimated}${shown}% of ${integer.format(meter.maxTokens)}`
        : `Context ${estimated}${integer.format(meter.usedTokens)} tokens`;
    this.element.title = `${integer.format(meter.usedTokens)} tokens (${meter.source === 'usage' ? 'as the API counted the last answer' : meter.source === 'count' ? 'counted by the API' : 'estimated locally'})`;
    Object.assign(this.element.dataset, {
      used: String(meter.usedTokens),
      max: meter.maxTokens !== undefined ? String(meter.maxTokens) : '',
      source: meter.source,
      nearLimit: String(meter.nearLimit),
    });
    const width = Math.min(100, percent ?? 0);
    this.fill.style.width = `${width}%`;
    this.bar.setAttribute('aria-valuenow', String(width));
    this.element.classList.toggle('near-limit', meter.nearLimit);
    this.offerText.textContent = meter.held
      ? 'Your message would not fit in the context window. Make room and it will be sent:'
      : `This conversation fills ${shown ?? '?'}% of the model's context window.`;
  }
}
