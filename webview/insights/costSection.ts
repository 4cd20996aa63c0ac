/**
 * "Cost": what the chat and inline asks have spent, today, per day and per conversation,
 * and what the prompt cache saved. Requests on a model without a price are counted apart.
 */
import type { CostTotalsView, CostView } from '../../src/shared/protocol/insights';
import { el } from '../lib/dom';
import { note, section } from './dom';

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** Dollars with sub-cent digits: a chat turn often costs a fraction of a cent. */
export function dollars(usd: number): string {
  if (!Number.isFinite(usd)) return '—';
  const abs = Math.abs(usd);
  const text = abs < 0.01 ? abs.toFixed(4) : abs.toFixed(2);
  return `${usd < 0 ? '−' : ''}$${text}`;
}

function totalsLine(t: CostTotalsView): string {
  const parts = [
    `${dollars(t.costUsd)}`,
    `saved ${dollars(t.savedUsd)} by caching`,
    `${integer.format(t.inputTokens)} in · ${integer.format(t.cacheReadTokens)} cache read · ${integer.format(t.cacheWriteTokens)} cache write · ${integer.format(t.outputTokens)} out`,
  ];
  if (t.unpriced) parts.push(`${t.unpriced} request${t.unpriced === 1 ? '' : 's'} with no price`);
  return parts.join(' · ');
}

/** Renders the Cost section from one `cost/summary`. */
export class CostSection {
  readonly element: HTMLElement;
  private readonly body: HTMLElement;

  constructor() {
    const { root, body } = section('Cost', 'cost');
    this.element = root;
    this.body = body;
    this.body.replaceChildren(note('No requests yet.'));
  }

  show(cost: CostView): void {
    if (cost.total.requests === 0) {
      this.body.replaceChildren(note('No requests yet.'));
      return;
    }
    const today = el('p', { className: 'cost-today', testId: 'cost-today', text: `Today: ${totalsLine(cost.today)}` });
    today.dataset.costUsd = String(cost.today.costUsd);
    today.dataset.savedUsd = String(cost.today.savedUsd);
    const saved = el('p', {
      className: 'cost-saved',
      testId: 'cost-saved',
      text: `Caching saved ${dollars(cost.total.savedUsd)} of ${dollars(cost.total.costUsd + cost.total.savedUsd)} (${percentSaved(cost.total)}).`,
    });
    const days = table(
      'cost-days',
      ['Day', 'Cost', 'Saved', 'Requests'],
      cost.days.slice(0, 14).map((d) => [d.day, dollars(d.costUsd), dollars(d.savedUsd), String(d.requests)]),
    );
    const conversations = table(
      'cost-conversations',
      ['Conversation', 'Cost', 'Saved', 'Requests'],
      cost.conversations.slice(0, 10).map((c) => [c.id === 'inline' ? 'Inline asks' : (c.title ?? 'Chat'), dollars(c.costUsd), dollars(c.savedUsd), String(c.requests)]),
    );
    this.body.replaceChildren(today, saved, el('h3', { text: 'Per day' }), days, el('h3', { text: 'Per conversation' }), conversations);
  }
}

function percentSaved(t: CostTotalsView): string {
  const without = t.costUsd + t.savedUsd;
  return without > 0 ? `${Math.round((t.savedUsd / without) * 100)}%` : '0%';
}

function table(testId: string, headers: string[], rows: string[][]): HTMLElement {
  const head = el('tr', {}, ...headers.map((h) => el('th', { text: h })));
  const body = rows.map((r) => el('tr', {}, ...r.map((c) => el('td', { text: c }))));
  return el('table', { className: 'cost-table', testId }, el('thead', {}, head), el('tbody', {}, ...body));
}
