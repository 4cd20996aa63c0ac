import { startMockAnthropicServer, type MockAnthropicServer, type ServerOptions } from '../../../server/index';
import { createAnthropicClient } from '../../../../src/core/streaming/client';
import { StreamingService } from '../../../../src/core/streaming/streamingService';
import type { RetryNotice, StreamObserver, StreamRequest, StreamResult, StreamSettings } from '../../../../src/core/streaming/types';

/** What an observer saw during one answer. */
export interface Seen {
  text: string;
  deltas: string[];
  thinking: string;
  retries: RetryNotice[];
  resumes: Array<{ attempt: number; strategy: string; keptChars: number }>;
  metricsCalls: number;
}

/** Real server + real SDK + the service, with fast retry settings. */
export interface Harness {
  server: MockAnthropicServer;
  service: StreamingService;
  /** Streams one prompt; `settings` overrides the fast defaults. */
  ask(prompt: string, settings?: Partial<StreamSettings>, signal?: AbortSignal, extra?: Partial<StreamObserver>): Promise<{ result: StreamResult; seen: Seen }>;
  /** The `messages` of every POST /v1/messages so far. */
  sentMessages(): unknown[];
  close(): Promise<void>;
}

export const FAST: StreamSettings = {
  model: 'claude-haiku-4-5',
  maxTokens: 1024,
  maxRetries: 3,
  backoffMs: 10,
  idleTimeoutMs: 2000,
};

/** Starts a server and a service bound to it. Jitter is off (random = 0.5) so delays are exact. */
export async function startHarness(options: ServerOptions = {}, clientOptions: { apiVersion?: string } = {}): Promise<Harness> {
  const server = await startMockAnthropicServer(options);
  const client = createAnthropicClient({ apiKey: server.apiKey, baseUrl: server.url, apiVersion: clientOptions.apiVersion });
  const service = new StreamingService({ client, random: () => 0.5 });
  return {
    server,
    service,
    async ask(prompt, settings = {}, signal, extra = {}) {
      const seen: Seen = { text: '', deltas: [], thinking: '', retries: [], resumes: [], metricsCalls: 0 };
      const request: StreamRequest = { messages: [{ role: 'user', content: prompt }], settings: { ...FAST, ...settings } };
      const result = await service.stream(
        request,
        {
          onText: (d) => {
            seen.text += d;
            seen.deltas.push(d);
          },
          onThinking: (d) => void (seen.thinking += d),
          onRetryWait: (n) => void seen.retries.push(n),
          onResume: (r) => void seen.resumes.push(r),
          onMetrics: () => void seen.metricsCalls++,
          ...extra,
        },
        signal,
      );
      return { result, seen };
    },
    sentMessages: () =>
      server.requests.filter((r) => r.path === '/v1/messages').map((r) => (r.body as { messages: unknown }).messages),
    close: () => server.close(),
  };
}

/** A multi-sentence answer with markdown, code and non-ASCII text, long enough to break mid-way. */
export const ANSWER =
  'Streaming keeps the editor responsive. Here is a list:\n\n- first item, with **bold** text\n- second item — with an em dash\n\n' +
  '```ts\nconst total = items.reduce((sum, x) => sum + x, 0);\n```\n\nCafé, naïve, 日本語 and emoji 🎉 all survive. The end.';
