/**
 * The real chat pipeline for the chaos suites: a ChatController over the StreamingService over
 * the real SDK, talking real HTTP to the local server, with a view that records what the
 * webview would have received.
 */
import { readConfig, type ClaudeStreamConfig } from '../../../src/core/config';
import { ChatController, type ChatView } from '../../../src/core/chat/chatController';
import { HistoryStore } from '../../../src/core/chat/historyStore';
import type { KeyValueStore } from '../../../src/core/ports';
import { createAnthropicClient, StreamingService } from '../../../src/core/streaming';
import type { ChatHostMessage } from '../../../src/shared/protocol';
import type { MockAnthropicServer } from '../../server';

/** A webview stand-in that records every host message in order. */
export class RecordingView implements ChatView {
  readonly posted: ChatHostMessage[] = [];
  visible = true;
  post(message: ChatHostMessage): void {
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
    return this.of('message/add').filter((m) => m.message.role === 'assistant').at(-1)?.message.id;
  }
}

function memoryState(): KeyValueStore {
  const data = new Map<string, unknown>();
  return { get: <T>(k: string) => data.get(k) as T | undefined, update: async (k, v) => void data.set(k, v) };
}

/** Settings a chaos run changes; the rest are the product defaults. */
export interface PipelineSettings {
  model: string;
  maxRetries: number;
  backoffMs: number;
  idleTimeoutMs: number;
}

/** One chat, its recording view, and the controller between them. */
export interface Pipeline {
  controller: ChatController;
  view: RecordingView;
  config: ClaudeStreamConfig;
}

/**
 * A fresh controller for one conversation. Jitter uses the seeded `random`, so a run replays
 * with the same back-off delays.
 */
export function openPipeline(server: MockAnthropicServer, settings: PipelineSettings, random: () => number): Pipeline {
  const raw: Record<string, unknown> = {
    model: settings.model,
    'retry.maxRetries': settings.maxRetries,
    'retry.backoffMs': settings.backoffMs,
    'stream.idleTimeoutMs': settings.idleTimeoutMs,
  };
  const config = readConfig((key) => raw[key]);
  const service = new StreamingService({ client: createAnthropicClient({ apiKey: server.apiKey, baseUrl: server.url }), random });
  const view = new RecordingView();
  const controller = new ChatController({
    runStream: (request, observer, signal) => service.stream(request, observer, signal),
    config: () => config,
    history: new HistoryStore(memoryState(), () => 50),
    batchIntervalMs: 5,
  });
  controller.attach(view);
  return { controller, view, config };
}

/** Runs `tasks` with at most `limit` in flight, in order of start. */
export async function pool<T>(count: number, limit: number, task: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const index = next++;
      results[index] = await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
  return results;
}

/** The `#n` a chaos prompt carries, so the server can tell concurrent conversations apart. */
export function conversationIndex(prompt: string): number | undefined {
  const match = /\bchaos #(\d+)\b/.exec(prompt);
  return match ? Number(match[1]) : undefined;
}
