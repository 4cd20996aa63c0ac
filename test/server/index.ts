/**
 * A local Anthropic-compatible server for tests and the offline demo: real HTTP on loopback,
 * speaking the Messages API's JSON and SSE exactly as the real SDK expects, STRICT by default
 * (validation.ts: what the real API of 2 Dec 2026 rejects, this rejects), with a prompt cache,
 * thinking, a Models API and scripted faults. Plain Node `http`; no vscode or src/ imports.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { PromptCache } from './cache';
import { demoScenario } from './demo';
import { parseJson, readBody, sendError, sendJson } from './http';
import { handleCountTokens, handleMessages, type MessagesState } from './messages';
import { buildCatalogue, findModel, listModels, toModelInfo } from './models';
import { ThinkingSigner } from './thinking';
import type { MessagesRequestBody, MockAnthropicServer, RecordedRequest, Scenario, ScenarioSource, ServerOptions } from './types';
import { checkVersion } from './validation';

export type { ContinuationBehaviour, MockAnthropicServer, Scenario, ServerOptions } from './types';
export type { ModelEntry } from './models';
export { CATALOGUE, TEXT_ONLY_MODEL } from './models';
export { demoScenario } from './demo';

const MAX_BODY_BYTES = 32 * 1024 * 1024;

/** Starts the server on loopback (a random free port by default). */
export async function startMockAnthropicServer(options: ServerOptions = {}): Promise<MockAnthropicServer> {
  const apiKey = options.apiKey ?? 'sk-ant-test-local-key';
  const initialDefault: ScenarioSource = options.defaultScenario ?? {};
  const catalogue = buildCatalogue(options.models, options.extraModels);
  const queue: Scenario[] = [];
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  let fallback: ScenarioSource = initialDefault;
  // The clock of the prompt cache; /_control/advance moves it for out-of-process tests.
  let clockOffset = 0;
  const now = (): number => (options.now ?? Date.now)() + clockOffset;
  const cache = new PromptCache(now);

  const enqueue = (...scenarios: Scenario[]): void => void queue.push(...scenarios);
  const setDefault = (scenario: ScenarioSource): void => void (fallback = scenario);
  const reset = (): void => {
    queue.length = 0;
    requests.length = 0;
    fallback = initialDefault;
    cache.clear();
    clockOffset = 0;
  };
  const state: MessagesState = {
    catalogue,
    signer: new ThinkingSigner(options.signingSecret),
    cache,
    nextScenario: (body: MessagesRequestBody) => queue.shift() ?? (typeof fallback === 'function' ? fallback(body) : fallback),
    rejectPrefillModels: options.rejectPrefillModels,
  };

  const authorised = (req: IncomingMessage): boolean => {
    const key = req.headers['x-api-key'];
    const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    return key === apiKey || bearer === apiKey;
  };

  function handleControl(path: string, raw: string, res: ServerResponse): void {
    const body = parseJson(raw || 'null');
    if (path === '/_control/enqueue' && Array.isArray(body)) {
      enqueue(...(body as Scenario[]));
      return sendJson(res, 200, { queued: queue.length });
    }
    if (path === '/_control/default' && body && typeof body === 'object') {
      const preset = (body as { preset?: unknown }).preset;
      setDefault(preset === 'demo' ? demoScenario : body);
      return sendJson(res, 200, { ok: true });
    }
    if (path === '/_control/reset') {
      reset();
      return sendJson(res, 200, { ok: true });
    }
    if (path === '/_control/advance' && body && typeof (body as { ms?: unknown }).ms === 'number') {
      clockOffset += (body as { ms: number }).ms;
      return sendJson(res, 200, { now: now() });
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
    // anthropic-version is required and must be a known version. https://platform.claude.com/docs/en/api/versioning
    const version = checkVersion(req.headers['anthropic-version']);
    if (typeof version === 'object') return sendError(res, version.status, version.type, version.message);
    const beta = req.headers['anthropic-beta'] !== undefined;
    if (req.method === 'POST' && (path === '/v1/messages' || path === '/v1/messages/count_tokens')) {
      if (!body || typeof body !== 'object' || Array.isArray(body)) return sendError(res, 400, 'invalid_request_error', 'The request body is not valid JSON');
      if (path === '/v1/messages') return handleMessages(res, body as MessagesRequestBody, version, beta, state);
      return handleCountTokens(res, body as MessagesRequestBody, version, beta, state);
    }
    if (req.method === 'GET' && path === '/v1/models') {
      // The offline demo lists the real lineup only; its test models still answer when named.
      const listed = listModels(options.demo ? catalogue.filter((m) => m.source !== 'local test model') : catalogue, url.searchParams);
      return sendJson(res, listed.status, listed.body);
    }
    const one = /^\/v1\/models\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && one) {
      // Retrieve serves retired models too: "It remains in the catalogue as the historical record".
      const model = findModel(catalogue, decodeURIComponent(one[1]));
      return model ? sendJson(res, 200, toModelInfo(model)) : sendError(res, 404, 'not_found_error', `model: ${decodeURIComponent(one[1])}`);
    }
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
