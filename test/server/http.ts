import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';

/** A request id in the API's shape. */
export function newId(prefix: 'req' | 'msg'): string {
  return `${prefix}_test${randomBytes(10).toString('hex')}`;
}

/** Sends a JSON body with a request-id header. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'request-id': headers['request-id'] ?? newId('req'),
    ...headers,
  });
  res.end(text);
}

/**
 * Sends the API's error JSON, `{"type":"error","error":{type,message},"request_id"}`, with the same
 * id in the `request-id` header (https://platform.claude.com/docs/en/api/errors).
 */
export function sendError(
  res: ServerResponse,
  status: number,
  type: string,
  message: string,
  extra: { retryAfterSec?: number; shouldRetry?: boolean; headers?: Record<string, string>; details?: unknown } = {},
): void {
  const requestId = newId('req');
  const headers: Record<string, string> = { 'request-id': requestId, ...extra.headers };
  if (extra.retryAfterSec !== undefined) {
    headers['retry-after'] = String(Math.ceil(extra.retryAfterSec));
    // Whole seconds are too coarse for short waits; the SDK and the core read this header first.
    if (!Number.isInteger(extra.retryAfterSec)) headers['retry-after-ms'] = String(Math.round(extra.retryAfterSec * 1000));
  }
  // "x-should-retry" tells the SDK whether to retry, before any status rule (client.js shouldRetry).
  if (extra.shouldRetry !== undefined) headers['x-should-retry'] = String(extra.shouldRetry);
  const error: Record<string, unknown> = { type, message };
  if (extra.details !== undefined) error.details = extra.details;
  sendJson(res, status, { type: 'error', error, request_id: requestId }, headers);
}

/** Reads the whole body as text, or undefined once it exceeds `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) over = true;
      if (!over) parts.push(chunk);
    });
    req.on('end', () => resolve(over ? undefined : Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

/** Parses JSON, or returns undefined. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
