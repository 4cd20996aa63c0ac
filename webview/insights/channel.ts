/**
 * The Insights webview's end of the typed protocol: posts `InsightsWebviewMessage`s and
 * hands every well-formed `InsightsHostMessage` to one handler.
 */
import type { InsightsHostMessage, InsightsWebviewMessage } from '../../src/shared/protocol/insights';

interface VsCodeApi {
  postMessage(message: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const HOST_TYPES: ReadonlySet<string> = new Set<InsightsHostMessage['type']>(['live/snapshot', 'live/empty', 'learning/summary']);

/** Typed wrapper over `acquireVsCodeApi()`; create exactly one per webview. */
export class InsightsChannel {
  private readonly api: VsCodeApi = acquireVsCodeApi();

  /** Sends one message to the extension host. */
  post(message: InsightsWebviewMessage): void {
    this.api.postMessage(message);
  }

  /** Calls `handler` for each message from the host whose `type` we know; returns an unsubscribe function. */
  onMessage(handler: (message: InsightsHostMessage) => void): () => void {
    const listener = (event: MessageEvent<unknown>) => {
      const data = event.data;
      // The host is trusted, but a stray postMessage must not crash the view.
      if (typeof data === 'object' && data !== null && HOST_TYPES.has(String((data as { type?: unknown }).type))) {
        handler(data as InsightsHostMessage);
      }
    };
    window.addEventListener('message', listener);
    return () => window.removeEventListener('message', listener);
  }
}
