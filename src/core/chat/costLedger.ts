/**
 * What the user has spent: tokens and dollars per day and per conversation, and what the
 * prompt cache saved. Pure; persisted through a KeyValueStore (workspace state).
 *
 * Stored under `claudeStream.costLedger` as `{ version: 1, days: Record<'YYYY-MM-DD', Totals>,
 * conversations: Record<id, Totals & { lastAt }> }`, days and conversations bounded. A
 * request on a model without a price adds its tokens and counts in `unpriced`, never $0.
 */
import type { KeyValueStore } from '../ports';
import type { Usage } from '../streaming/types';
import type { CostTotalsView, CostView } from '../../shared/protocol';
import { costOf } from './pricing';

const KEY = 'claudeStream.costLedger';
const MAX_DAYS = 90;
const MAX_CONVERSATIONS = 50;

interface StoredLedger {
  version: 1;
  days: Record<string, CostTotalsView>;
  conversations: Record<string, CostTotalsView & { lastAt: number; title?: string }>;
}

function empty(): CostTotalsView {
  return { requests: 0, inputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, outputTokens: 0, costUsd: 0, savedUsd: 0, unpriced: 0 };
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= -1e9;

function parseTotals(raw: unknown): CostTotalsView | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const t = raw as Record<string, unknown>;
  const keys: Array<keyof CostTotalsView> = ['requests', 'inputTokens', 'cacheReadTokens', 'cacheWriteTokens', 'outputTokens', 'costUsd', 'savedUsd', 'unpriced'];
  if (!keys.every((k) => isNum(t[k]))) return undefined;
  return Object.fromEntries(keys.map((k) => [k, t[k]])) as unknown as CostTotalsView;
}

/** Local calendar day of a timestamp, `YYYY-MM-DD`. */
export function dayOf(at: number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Adds requests to the ledger and reads its totals back. */
export class CostLedger {
  constructor(private readonly store: KeyValueStore) {}

  /** Adds one billed request. */
  async add(entry: { conversationId: string; title?: string; model: string; usage: Usage; at: number }): Promise<void> {
    const ledger = this.read();
    const day = dayOf(entry.at);
    ledger.days[day] = addTo(ledger.days[day] ?? empty(), entry.model, entry.usage);
    const conv = ledger.conversations[entry.conversationId];
    ledger.conversations[entry.conversationId] = {
      ...addTo(conv ?? empty(), entry.model, entry.usage),
      lastAt: entry.at,
      title: entry.title ?? conv?.title,
    };
    for (const old of Object.keys(ledger.days).sort().slice(0, -MAX_DAYS)) delete ledger.days[old];
    const byAge = Object.entries(ledger.conversations).sort((a, b) => b[1].lastAt - a[1].lastAt);
    for (const [id] of byAge.slice(MAX_CONVERSATIONS)) delete ledger.conversations[id];
    await this.store.update(KEY, ledger);
  }

  /** Totals for the Insights view: today, each day (newest first), each conversation (latest first). */
  view(now: number): CostView {
    const ledger = this.read();
    const days = Object.entries(ledger.days)
      .sort((a, b) => (a[0] < b[0] ? 1 : -1))
      .map(([day, totals]) => ({ day, ...totals }));
    const conversations = Object.entries(ledger.conversations)
      .sort((a, b) => b[1].lastAt - a[1].lastAt)
      .map(([id, totals]) => ({ id, ...totals }));
    const total = days.reduce((sum, d) => sumTotals(sum, d), empty());
    return { today: ledger.days[dayOf(now)] ?? empty(), total, days, conversations };
  }

  /** Forgets everything (Clear Learning Data clears cost history too). */
  clear(): PromiseLike<void> {
    return this.store.update(KEY, undefined);
  }

  private read(): StoredLedger {
    const raw = this.store.get<unknown>(KEY);
    const ledger: StoredLedger = { version: 1, days: {}, conversations: {} };
    if (typeof raw !== 'object' || raw === null) return ledger;
    const r = raw as Partial<StoredLedger>;
    for (const [day, t] of Object.entries(r.days ?? {})) {
      const totals = /^\d{4}-\d{2}-\d{2}$/.test(day) ? parseTotals(t) : undefined;
      if (totals) ledger.days[day] = totals;
    }
    for (const [id, t] of Object.entries(r.conversations ?? {})) {
      const totals = parseTotals(t);
      const extra = t as { lastAt?: unknown; title?: unknown };
      if (totals)
        ledger.conversations[id] = { ...totals, lastAt: isNum(extra.lastAt) ? extra.lastAt : 0, title: typeof extra.title === 'string' ? extra.title.slice(0, 80) : undefined };
    }
    return ledger;
  }
}

function addTo(totals: CostTotalsView, model: string, usage: Usage): CostTotalsView {
  const cost = costOf(model, usage);
  return {
    requests: totals.requests + 1,
    inputTokens: totals.inputTokens + usage.inputTokens,
    cacheReadTokens: totals.cacheReadTokens + (usage.cacheReadTokens ?? 0),
    cacheWriteTokens: totals.cacheWriteTokens + (usage.cacheWrite5mTokens ?? 0) + (usage.cacheWrite1hTokens ?? 0),
    outputTokens: totals.outputTokens + usage.outputTokens,
    costUsd: totals.costUsd + (cost?.total ?? 0),
    savedUsd: totals.savedUsd + (cost?.savedByCache ?? 0),
    unpriced: totals.unpriced + (cost ? 0 : 1),
  };
}

function sumTotals(a: CostTotalsView, b: CostTotalsView): CostTotalsView {
  return {
    requests: a.requests + b.requests,
    inputTokens: a.inputTokens + b.inputTokens,
    cacheReadTokens: a.cacheReadTokens + b.cacheReadTokens,
    cacheWriteTokens: a.cacheWriteTokens + b.cacheWriteTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    costUsd: a.costUsd + b.costUsd,
    savedUsd: a.savedUsd + b.savedUsd,
    unpriced: a.unpriced + b.unpriced,
  };
}
