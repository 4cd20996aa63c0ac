/**
 * Test doubles for the chat shell's ports: a webview that records what the host posts, and
 * in-memory workspace state. Real parts stand behind them (SDK, HTTP, local server).
 */
import type { ChatView } from '../../../src/core/chat/chatTypes';
import type { KeyValueStore } from '../../../src/core/ports';
import type { ChatHostMessage } from '../../../src/shared/protocol';

/** A webview stand-in that records every host message in order, as the real webview receives them. */
export class RecordingView implements ChatView {
  readonly posted: ChatHostMessage[] = [];
  visible = true;
  post(message: ChatHostMessage): void | Promise<void> {
    this.posted.push(message);
  }
  of<T extends ChatHostMessage['type']>(type: T): Array<Extract<ChatHostMessage, { type: T }>> {
    return this.posted.filter((m): m is Extract<ChatHostMessage, { type: T }> => m.type === type);
  }
  /** The answer as the webview assembles it from deltas and snapshots alone (not the end message). */
  assembled(streamId: string): string {
    let text = '';
    for (const m of this.posted) {
      if (m.type === 'stream/delta' && m.streamId === streamId) text += m.text;
      if (m.type === 'stream/snapshot' && m.streamId === streamId) text = m.text;
    }
    return text;
  }
  /** The id of the newest assistant message. */
  answerId(): string | undefined {
    return this.of('message/add')
      .filter((m) => m.message.role === 'assistant')
      .at(-1)?.message.id;
  }
}

/** Workspace state in memory, storing JSON copies as VS Code's Memento does. */
export function memoryState(): KeyValueStore & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    get: <T>(key: string) => data.get(key) as T | undefined,
    update: async (key: string, value: unknown) => {
      if (value === undefined) data.delete(key);
      else data.set(key, JSON.parse(JSON.stringify(value)));
    },
  };
}
