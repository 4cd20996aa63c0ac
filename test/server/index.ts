/**
 * A local Anthropic-compatible server for tests and the offline demo: real HTTP on loopback,
 * speaking the Messages API's JSON and SSE exactly as the real SDK expects, with scripted
 * faults. Plain Node `http`; no vscode imports.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { cannedAnswer, detectContinuation, estimateInputTokens, textToStream, userPrompt } from './conversation';
import { newId, parseJson, readBody, sendError, sendJson } from './http';
import { messageJson, streamScenario } from './streamResponse';
import type { MessagesRequestBody, MockAnthropicServer, RecordedRequest, Scenario, ScenarioSource, ServerOptions } from './types';

export type { MessagesRequestBody, MockAnthropicServer, RecordedRequest, Scenario, ScenarioSource, ServerOptions } from './types';
export { demoScenario } from './demo';
import { demoScenario } from './demo';

/** Ids listed by GET /v1/models when no `models` option is given. */
export const DEFAULT_MODELS = ['claude-sonnet-5', 'claude-opus-4-6', 'claude-sonnet-4-6', 'claude-haiku-4-5', 'claude-sonnet-4-5', 'claude-opus-4-5'];
const MAX_BODY_BYTES = 32 * 1024 * 1024;

/** Starts the server on loopback (a random free port by default). */
export async function startMockAnthropicServer(options: ServerOptions = {}): Promise<MockAnthropicServer> {
  const apiKey = options.apiKey ?? 'sk-ant-test-local-key';
  const initialDefault: ScenarioSource = options.defaultScenario ?? {};
  const models = options.models ?? DEFAULT_MODELS;
  const strictModels = options.models !== undefined;
  const queue: Scenario[] = [];
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  let fallback: ScenarioSource = initialDefault;

  const enqueue = (...scenarios: Scenario[]): void => void queue.push(...scenarios);
  const setDefault = (scenario: ScenarioSource): void => void (fallback = scenario);
  const reset = (): void => {
    queue.length = 0;
    requests.length = 0;
    fallback = initialDefault;
  };

  const authorised = (req: IncomingMessage): boolean => {
    const key = req.headers['x-api-key'];
    const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    return key === apiKey || bearer === apiKey;
  };

  async function handleMessages(res: ServerResponse, body: MessagesRequestBody): Promise<void> {
    const missing = ['model', 'messages', 'max_tokens'].find((k) => body[k] === undefined);
    if (missing) return sendError(res, 400, 'invalid_request_error', `${missing}: Field required`);
    if (typeof body.model !== 'string' || !Array.isArray(body.messages) || typeof body.max_tokens !== 'number') {
      return sendError(res, 400, 'invalid_request_error', 'model, messages and max_tokens have the wrong type');
    }
    if (body.messages.length === 0) return sendError(res, 400, 'invalid_request_error', 'messages: at least one message is required');
    if (body.temperature !== undefined && body.top_p !== undefined) {
      return sendError(res, 400, 'invalid_request_error', '`temperature` and `top_p` cannot both be specified for this model. Please use only one.');
    }
    const model = body.model;
    if (!model.startsWith('claude-') || (strictModels && !models.includes(model))) {
      return sendError(res, 404, 'not_found_error', `model: ${model}`);
    }
    const continuation = detectContinuation(body);
    if (continuation?.kind === 'prefill') {
      if (options.rejectPrefillModels?.(model)) {
        return sendError(res, 400, 'invalid_request_error', 'This model does not support assistant message prefill. The conversation must end with a user message.');
      }
      if (/\s$/.test(continuation.partial)) {
        return sendError(res, 400, 'invalid_request_error', 'messages: final assistant content cannot end with trailing whitespace');
      }
    }
    const scenario = queue.shift() ?? (typeof fallback === 'function' ? fallback(body) : fallback);
    if (scenario.headersDelayMs) await sleepUnlessClosed(res, scenario.headersDelayMs);
    if (res.destroyed) return;
    if (scenario.status !== undefined && scenario.status >= 400) {
      return sendError(res, scenario.status, scenario.errorType ?? defaultErrorType(scenario.status), scenario.errorMessage ?? defaultErrorMessage(scenario.status), {
        retryAfterSec: scenario.retryAfterSec,
        headers: scenario.headers,
        details: scenario.errorCode ? { error_code: scenario.errorCode } : undefined,
      });
    }
    const full = scenario.text ?? cannedAnswer(userPrompt(body));
    const ctx = {
      model,
      text: textToStream(full, continuation, scenario.continuationOverlapChars),
      inputTokens: scenario.inputTokens ?? estimateInputTokens(body),
      requestId: newId('req'),
      messageId: newId('msg'),
    };
    if (body.stream === true) return streamScenario(res, scenario, ctx);
    sendJson(res, 200, messageJson(scenario, ctx), { 'request-id': ctx.requestId, ...scenario.headers });
  }

  function handleModels(url: URL, res: ServerResponse): void {
    const limit = Math.min(1000, Math.max(1, Number(url.searchParams.get('limit') ?? 20) || 20));
    const after = url.searchParams.get('after_id');
    const before = url.searchParams.get('before_id');
    let start = 0;
    let end = models.length;
    if (after) start = models.indexOf(after) + 1;
    if (before) end = Math.max(0, models.indexOf(before));
    const ids = before && !after ? models.slice(Math.max(0, end - limit), end) : models.slice(start, start + limit);
    const data = ids.map((id, i) => ({
      type: 'model', id, display_name: displayName(id), created_at: new Date(Date.UTC(2026, 0, 1) - i * 86_400_000).toISOString(),
    }));
    const hasMore = before && !after ? end - limit > 0 : start + limit < models.length;
    sendJson(res, 200, { data, has_more: hasMore, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null });
  }

  function handleControl(path: string, raw: string, res: ServerResponse): void {
    const body = parseJson(raw || 'null');
    if (path === '/_control/enqueue' && Array.isArray(body)) {
      enqueue(...(body as Scenario[]));
      return sendJson(res, 200, { queued: queue.length });
    }
    if (path === '/_control/default' && body && typeof body === 'object') {
      const preset = (body as { preset?: unknown }).preset;
      setDefault(preset === 'demo' ? demoScenario : (body as Scenario));
      return sendJson(res, 200, { ok: true });
    }
    if (path === '/_control/reset') {
      reset();
      return sendJson(res, 200, { ok: true });
    }
    sendError(res, 400, 'invalid_request_error', `Bad control request to ${path}`);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    const raw = await readBody(req, MAX_BODY_BYTES);
    if (path.startsWith('/_control/')) {
      if (req.method === 'GET' && path === '/_control/requests') return sendJson(res, 200, requests);
      if (raw === undefined) return sendError(res, 413, 'request_too_large', 'Control body too large');
      return handleControl(path, raw, res);
    }
    const body = raw === undefined ? undefined : raw ? parseJson(raw) : undefined;
    requests.push({ path, method: req.method ?? 'GET', headers: { ...req.headers }, body, at: Date.now() });
    if (raw === undefined) return sendError(res, 413, 'request_too_large', `Request exceeds the maximum size of ${MAX_BODY_BYTES} bytes`);
    if (!authorised(req)) return sendError(res, 401, 'authentication_error', 'invalid x-api-key');
    if (!req.headers['anthropic-version']) return sendError(res, 400, 'invalid_request_error', 'anthropic-version: header is required');
    if (req.method === 'POST' && path === '/v1/messages') {
      if (!body || typeof body !== 'object') return sendError(res, 400, 'invalid_request_error', 'The request body is not valid JSON');
      return handleMessages(res, body as MessagesRequestBody);
    }
    if (req.method === 'GET' && path === '/v1/models') return handleModels(url, res);
    sendError(res, 404, 'not_found_error', `Not found: ${req.method} ${path}`);
  }

  const server = createServer((req, res) => {
    // Merged into whatever headers the response writes later. The extension reads this name
    // (DEMO_SERVER_HEADER in src/core/streaming/client.ts); the server imports nothing from src.
    if (options.demo) res.setHeader('x-claude-stream-demo', '1');
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendError(res, 500, 'api_error', `Internal server error: ${String(err)}`);
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const host = options.host ?? '127.0.0.1';

  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    apiKey,
    requests,
    enqueue,
    setDefault,
    reset,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function sleepUnlessClosed(res: ServerResponse, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    res.once('close', done);
    function done(): void {
      clearTimeout(timer);
      res.off('close', done);
      resolve();
    }
  });
}

function defaultErrorType(status: number): string {
  const types: Record<number, string> = {
    400: 'invalid_request_error', 401: 'authentication_error', 402: 'billing_error', 403: 'permission_error',
    404: 'not_found_error', 413: 'request_too_large', 429: 'rate_limit_error', 500: 'api_error', 529: 'overloaded_error',
  };
  return types[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
}

function defaultErrorMessage(status: number): string {
  const messages: Record<number, string> = {
    400: 'Invalid request', 401: 'invalid x-api-key', 403: 'Your API key does not have permission to use the specified resource.',
    404: 'Not found', 413: 'Request exceeds the maximum allowed number of bytes.', 429: 'Number of request tokens has exceeded your rate limit.',
    500: 'Internal server error', 529: 'Overloaded',
  };
  return messages[status] ?? `Error ${status}`;
}

function displayName(id: string): string {
  const [, family = id, ...version] = id.split('-');
  return `Claude ${family.charAt(0).toUpperCase()}${family.slice(1)} ${version.join('.')}`.trim();
}
