import { startMockAnthropicServer, type MockAnthropicServer, type ServerOptions } from '../../../server/index';
import { createAnthropicClient } from '../../../../src/core/streaming/client';
import { StreamingService } from '../../../../src/core/streaming/streamingService';
import type { RetryNotice, StreamObserver, StreamRequest, StreamResult, StreamSettings } from '../../../../src/core/streaming/types';

/** What an observer saw during one answer. */
interface Seen {
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
  // Room for the long answers the resume tests break: the strict server stops at max_tokens.
  maxTokens: 16_000,
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
    sentMessages: () => server.requests.filter((r) => r.path === '/v1/messages').map((r) => (r.body as { messages: unknown }).messages),
    close: () => server.close(),
  };
}

/** A multi-sentence answer with markdown, code and non-ASCII text, long enough to break mid-way. */
export const ANSWER =
  'Streaming keeps the editor responsive. Here is a list:\n\n- first item, with **bold** text\n- second item — with an em dash\n\n' +
  '```ts\nconst total = items.reduce((sum, x) => sum + x, 0);\n```\n\nCafé, naïve, 日本語 and emoji 🎉 all survive. The end.';

/**
 * A long answer (about 2,200 chars, as in the report of the bug) with prose, a list, a
 * two-column table, a fenced code block, genuine short repeats and non-ASCII text.
 */
export const LONG_ANSWER =
  'Streaming keeps the editor responsive while the model writes, because every token is shown as soon as it arrives. ' +
  'Here is how the pieces fit together, with an example you can run.\n\n' +
  '## Overview\n\n' +
  '- The client opens one request and reads server-sent events until the message stops.\n' +
  '- Each text delta is appended to the visible answer; nothing is re-rendered from scratch.\n' +
  '- A broken connection is retried with back-off, and the partial answer is kept.\n\n' +
  '| Setting | Effect |\n| --- | --- |\n| maxRetries | how often a broken stream is retried |\n| idleTimeoutMs | when a silent stream counts as stalled |\n\n' +
  'The code below sums a list; note the reducer and its initial value:\n\n' +
  '```ts\nconst items = [1, 2, 3, 4];\nconst total = items.reduce((sum, x) => sum + x, 0);\nconsole.log(`total: ${total}`);\n```\n\n' +
  'Repeated words survive as written: it was a long, long day, and the token token pair stays doubled. ' +
  'Accents and scripts too: café, naïve, 日本語, emoji 🎉.\n\n' +
  '### Why the order matters\n\n' +
  'When the server pauses, the idle watch counts bytes rather than events, since the SDK drops pings before they reach us. ' +
  'That is why a slow but healthy stream is never cut, while a truly silent one is retried after the timeout. ' +
  'Once the answer resumes, the continuation is joined onto what was already on screen, so the reader sees a single, ' +
  'uninterrupted reply: no sentence twice, no fragment of a word left behind, and no code fence opened a second time. ' +
  'Finally, the usage figures add up across attempts, so the cost shown matches what the API billed for the whole answer, ' +
  'including the tokens spent on the part that had to be streamed again after the break. ' +
  'Everything above also holds for long answers, which is exactly where a restart would otherwise be most visible.\n\n' +
  '### A closing checklist\n\n' +
  '1. Keep the retry budget small, so a dead endpoint fails fast instead of spinning for minutes.\n' +
  '2. Log the request id of every failed attempt; support asks for it first.\n' +
  '3. Prefer a continue-turn over a prefill where the model rejects prefill, which every current model does.\n' +
  '4. Measure the time to first token before and after a change to the streaming path, on a cold start.\n\n' +
  'With these in place, a dropped connection costs the reader a short pause and nothing else. The end.';
