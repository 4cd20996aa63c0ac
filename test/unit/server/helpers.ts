/** Shared by the strict-server tests: a server per test, the real SDK, and raw HTTP. */
import { Anthropic } from '@anthropic-ai/sdk';
import type { MessageParam } from '@anthropic-ai/sdk/resources/messages';
import { startMockAnthropicServer, type MockAnthropicServer, type ServerOptions } from '../../server/index';

export interface Fixture {
  server: MockAnthropicServer;
  /** The SDK as shipped: anthropic-version 2026-10-21. */
  client: Anthropic;
  /** The SDK sending the legacy anthropic-version 2023-06-01. */
  legacy: Anthropic;
  /** Raw POST with the SDK's version unless headers say otherwise. */
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<RawResponse>;
}

interface RawResponse {
  status: number;
  headers: Headers;
  json: Record<string, unknown> & { error?: { type: string; message: string; details?: unknown }; request_id?: string };
  text: string;
}

/** Starts a server; call the returned close() in afterEach. */
export async function fixture(options: ServerOptions = {}): Promise<Fixture> {
  const server = await startMockAnthropicServer(options);
  const make = (headers: Record<string, string> = {}) => new Anthropic({ apiKey: server.apiKey, baseURL: server.url, maxRetries: 0, logLevel: 'off', defaultHeaders: headers });
  return {
    server,
    client: make(),
    legacy: make({ 'anthropic-version': '2023-06-01' }),
    async post(path, body, headers = {}) {
      const res = await fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'x-api-key': server.apiKey, 'anthropic-version': '2026-10-21', 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
      const text = await res.text();
      let json: RawResponse['json'] = {};
      try {
        json = JSON.parse(text) as RawResponse['json'];
      } catch {
        // An SSE body.
      }
      return { status: res.status, headers: res.headers, json, text };
    },
  };
}

/** A minimal valid request body for `model`. */
export function ask(model: string, content = 'hi', extra: Record<string, unknown> = {}): { model: string; max_tokens: number; messages: MessageParam[] } {
  return { model, max_tokens: 1000, messages: [{ role: 'user', content }], ...extra };
}

/** SSE body text → [event, data] pairs. */
export function sseEvents(text: string): Array<{ event: string; data: Record<string, unknown> & { delta?: Record<string, unknown>; content_block?: Record<string, unknown> } }> {
  return text
    .split('\n\n')
    .filter((b) => b.startsWith('event: '))
    .map((block) => {
      const [first, ...rest] = block.split('\n');
      return { event: first.slice(7), data: JSON.parse(rest.join('\n').replace(/^data: /, '')) as never };
    });
}
