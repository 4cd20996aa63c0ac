import { Anthropic, type Middleware } from '@anthropic-ai/sdk';
import type { Logger } from '../ports';
import { redact } from './errors';

/** What the shell knows when it builds a client. */
export interface ClientOptions {
  apiKey: string;
  /** API root without /v1. Empty or undefined: the SDK default, or ANTHROPIC_BASE_URL. */
  baseUrl?: string;
  /** `anthropic-version` to send instead of the SDK's own, e.g. `2023-06-01` for an old gateway. */
  apiVersion?: string;
  /** A fetch implementation (e.g. one that goes through a proxy); the platform's by default. */
  fetch?: typeof fetch;
  /** Per-request timeout until the response headers, in ms (the SDK's default otherwise). */
  timeoutMs?: number;
  /** Receives the SDK's own log lines, redacted. Without one the SDK logs nothing. */
  logger?: Logger;
  /**
   * Told, after every response or failed connection, whether the offline demo server answered
   * (it marks each response with DEMO_SERVER_HEADER). A failed connection means no demo is in use.
   */
  onServerIdentified?(demo: boolean): void;
}

/** The response header with which the local demo server (`npm start -- --offline`) identifies itself. */
const DEMO_SERVER_HEADER = 'x-claude-stream-demo';

/**
 * Builds the real Anthropic client with retries turned off: the streaming service owns the
 * one retry policy, so that it can resume a broken answer instead of restarting it.
 */
export function createAnthropicClient(options: ClientOptions): Anthropic {
  const baseURL = options.baseUrl?.trim().replace(/\/+$/, '') || undefined;
  const { logger, apiKey } = options;
  const line = (args: unknown[]): string => redact(args.map(String).join(' '), [apiKey]);
  return new Anthropic({
    apiKey,
    ...(baseURL ? { baseURL } : {}),
    ...(options.apiVersion ? { defaultHeaders: { 'anthropic-version': options.apiVersion } } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.timeoutMs !== undefined ? { timeout: options.timeoutMs } : {}),
    maxRetries: 0,
    ...(options.onServerIdentified ? { middleware: [identifyServer(options.onServerIdentified)] } : {}),
    ...(logger
      ? {
          logLevel: 'warn' as const,
          logger: {
            error: (...args: unknown[]) => logger.error(line(args)),
            warn: (...args: unknown[]) => logger.warn(line(args)),
            info: (...args: unknown[]) => logger.info(line(args)),
            debug: (...args: unknown[]) => logger.debug(line(args)),
          },
        }
      : { logLevel: 'off' as const }),
  });
}

/** Reports whether each response came from the demo server; a user's Stop says nothing about it. */
function identifyServer(report: (demo: boolean) => void): Middleware {
  return async (request, next) => {
    let response: Response;
    try {
      response = await next(request);
    } catch (error) {
      if (!(error instanceof Error && error.name === 'AbortError') && !request.signal?.aborted) report(false);
      throw error;
    }
    report(response.headers.get(DEMO_SERVER_HEADER) === '1');
    return response;
  };
}
