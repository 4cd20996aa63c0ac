/**
 * The webview's end of the typed protocol: posts `ChatWebviewMessage`s, receives
 * `ChatHostMessage`s, and keeps the small non-secret UI state VS Code restores on reload.
 */
import type { ChatHostMessage, ChatWebviewMessage } from '../../src/shared/protocol/chat';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** UI state kept across reloads with `vscode.setState`; never secrets, never answers. */
export interface PersistedState {
  draft: string;
  following: boolean;
  scrollTop: number;
}

/** Something to release when the view goes away. */
export interface Disposable {
  dispose(): void;
}

const DEFAULT_STATE: PersistedState = { draft: '', following: true, scrollTop: 0 };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Typed wrapper over `acquireVsCodeApi()`. Create exactly one per webview. */
export class HostChannel {
  private readonly api: VsCodeApi = acquireVsCodeApi();
  private state: PersistedState;

  constructor() {
    const saved = this.api.getState();
    this.state = { ...DEFAULT_STATE };
    if (isRecord(saved)) {
      if (typeof saved.draft === 'string') this.state.draft = saved.draft;
      if (typeof saved.following === 'boolean') this.state.following = saved.following;
      if (typeof saved.scrollTop === 'number') this.state.scrollTop = saved.scrollTop;
    }
  }

  /** Sends one message to the extension host. */
  post(message: ChatWebviewMessage): void {
    this.api.postMessage(message);
  }

  /** The state saved before the last reload (or defaults). */
  get saved(): Readonly<PersistedState> {
    return this.state;
  }

  /** Merges `patch` into the persisted UI state. */
  save(patch: Partial<PersistedState>): void {
    this.state = { ...this.state, ...patch };
    this.api.setState(this.state);
  }

  /** Calls `handler` for every message from the host that has a `type`. */
  onMessage(handler: (message: ChatHostMessage) => void): Disposable {
    const listener = (event: MessageEvent<unknown>) => {
      // The host is trusted, but a stray postMessage (e.g. from an extension) must not crash us.
      if (isRecord(event.data) && typeof event.data.type === 'string') handler(event.data as ChatHostMessage);
    };
    window.addEventListener('message', listener);
    return { dispose: () => window.removeEventListener('message', listener) };
  }
}
