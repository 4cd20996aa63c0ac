import type { ChatStatus } from '../core/chat/chatTypes';
import type { Listen } from '../core/events';
import { Disposable } from './disposable';
import { ClaudeStatusBar } from './statusBar';

/** A surface that streams answers (the chat, inline asks). */
export interface StatusSource {
  readonly name: string;
  readonly onDidChangeStatus: Listen<ChatStatus>;
}

/**
 * One status-bar item for every surface: streaming while any answer streams, with the rate of
 * the first surface that streams; each surface's last rate is kept for the Insights view.
 */
export class StatusAggregator extends Disposable {
  private readonly bar = this.register(new ClaudeStatusBar());
  private readonly streaming = new Map<string, boolean>();
  private readonly rates = new Map<string, number | undefined>();
  private readonly order: string[] = [];

  /** Shows `source` in the status bar too; a surface watched earlier wins the rate shown. */
  watch(source: StatusSource): void {
    this.order.push(source.name);
    this.register(source.onDidChangeStatus((status) => this.update(source.name, status)));
  }

  /** The surface's token rate while it streams, kept after it ends until the next stream starts. */
  rate(name: string): number | undefined {
    return this.rates.get(name);
  }

  private update(name: string, status: ChatStatus): void {
    this.streaming.set(name, status.streaming);
    this.rates.set(name, status.tokensPerSecond ?? (status.streaming ? this.rates.get(name) : undefined));
    const busy = this.order.find((n) => this.streaming.get(n));
    if (busy) this.bar.showStreaming(this.rates.get(busy));
    else this.bar.showIdle();
  }
}
