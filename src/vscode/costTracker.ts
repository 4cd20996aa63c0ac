import type { BilledRequest, CompletedAnswer } from '../core/chat/chatTypes';
import { CostLedger } from '../core/chat/costLedger';
import type { Listen } from '../core/events';
import type { Logger } from '../core/ports';
import type * as vscode from 'vscode';
import { Disposable } from './disposable';
import type { InsightsViewProvider } from './insightsView';

export interface CostTrackerDeps {
  workspaceState: vscode.Memento;
  insights: InsightsViewProvider;
  logger: Logger;
}

/** Cost per day and per conversation for the Insights view: every billed request, summaries too. */
export class CostTracker extends Disposable {
  private readonly ledger: CostLedger;

  constructor(private readonly deps: CostTrackerDeps) {
    super();
    this.ledger = new CostLedger(deps.workspaceState);
    this.show();
  }

  /** Records every request the chat was billed for; `titleOf` names its conversation. */
  followChat(chat: { onDidBill: Listen<BilledRequest> }, titleOf: (conversationId: string) => string | undefined): void {
    this.register(chat.onDidBill((bill) => this.add({ ...bill, title: titleOf(bill.conversationId) })));
  }

  /** Records every inline answer, under one "inline" entry. */
  followInline(inline: { onDidCompleteAnswer: Listen<CompletedAnswer> }): void {
    this.register(inline.onDidCompleteAnswer((answer) => this.add({ conversationId: 'inline', model: answer.result.model, usage: answer.result.usage, at: Date.now() })));
  }

  private add(entry: Parameters<CostLedger['add']>[0]): void {
    void this.ledger.add(entry).then(
      () => this.show(),
      (error: unknown) => this.deps.logger.warn(`Could not record cost: ${String(error)}`),
    );
  }

  private show(): void {
    this.deps.insights.showCost(this.ledger.view(Date.now()));
  }
}
