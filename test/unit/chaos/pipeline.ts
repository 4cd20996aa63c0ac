/**
 * The real chat pipeline for the chaos suites: a ChatController over the StreamingService over
 * the real SDK, talking real HTTP to the local server, with a view that records what the
 * webview would have received.
 */
import { readConfig, type ClaudeStreamConfig } from '../../../src/core/config';
import { ChatController } from '../../../src/core/chat/chatController';
import { HistoryStore } from '../../../src/core/chat/historyStore';
import { createAnthropicClient, StreamingService } from '../../../src/core/streaming';
import type { MockAnthropicServer } from '../../server';
import { memoryState, RecordingView } from '../support/chatDoubles';

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
