/**
 * Node side of the chat webview harness, shared by the e2e tests and the render benchmark:
 * builds the chat bundle, serves the harness on 127.0.0.1 with a random port, runs a
 * "catch" server that counts any request hostile output might make, and starts Chromium.
 */
import * as http from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../../scripts/lib/paths.mjs';

/** Repository root (this file lives in bench/webview/). */
export const ROOT = join(__dirname, '..', '..');

/** Only these folders are served; everything else is a 404. */
const SERVED = ['dist/webview/', 'media/', 'bench/webview/', 'out/bench-webview/'];

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
};

/** A running local server. */
export interface LocalServer {
  url: string;
  close(): Promise<void>;
}

/** Bundles the chat webview as esbuild.mjs does, plus the bench's naive renderer / sanitiser probe. */
export async function buildChatBundle(): Promise<void> {
  const common = {
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'warning',
  } as const;
  await Promise.all([
    build({ ...common, entryPoints: { chat: join(ROOT, 'webview/chat/main.ts') }, outdir: join(ROOT, 'dist/webview') }),
    // Never shipped: kept out of dist/ so packaging cannot pick it up.
    build({
      ...common,
      entryPoints: { benchNaive: join(ROOT, 'webview/bench/naiveRenderer.ts') },
      outdir: join(ROOT, 'out/bench-webview'),
    }),
  ]);
}

/**
 * Serves the harness. `/harness.html` is the page under the host's CSP; `?nocsp=1` serves it
 * without the CSP meta so a test can prove the sanitiser alone stops hostile output;
 * `?stylenonce=1` adds a style nonce and FAST's `csp-nonce` meta (what we recommend the host do);
 * `?naive=1` swaps the chat bundle for the naive baseline renderer.
 */
export async function startHarnessServer(): Promise<LocalServer> {
  const server = http.createServer((req, res) => {
    void serve(req, res).catch(() => {
      res.writeHead(500).end();
    });
  });
  return listen(server);
}

async function serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (url.pathname === '/harness.html') {
    let html = await readFile(join(ROOT, 'bench/webview/harness.html'), 'utf8');
    if (url.searchParams.get('nocsp') === '1') html = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
    if (url.searchParams.get('stylenonce') === '1') {
      html = html
        .replace("style-src 'self';", "style-src 'self' 'nonce-harness';")
        .replace(/<meta charset="utf-8"\s*\/?>/, '$&\n    <meta property="csp-nonce" content="harness" />');
    }
    if (url.searchParams.get('naive') === '1') html = html.replace('/dist/webview/chat.js', '/out/bench-webview/benchNaive.js');
    res.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-store' }).end(html);
    return;
  }
  const rel = normalize(decodeURIComponent(url.pathname)).replace(/^[/\\]+/, '');
  if (rel.includes('..') || !SERVED.some((dir) => rel.startsWith(dir.replace(/\//g, sep)))) {
    res.writeHead(404).end();
    return;
  }
  try {
    const body = await readFile(join(ROOT, rel));
    res.writeHead(200, { 'content-type': TYPES[extname(rel)] ?? 'application/octet-stream', 'cache-control': 'no-store' }).end(body);
  } catch {
    res.writeHead(404).end();
  }
}

/** A server that records every request; hostile output must never reach it. */
export async function startCatchServer(): Promise<LocalServer & { hits: string[] }> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'content-type': 'text/plain' }).end('caught');
  });
  const local = await listen(server);
  return { ...local, hits };
}

function listen(server: http.Server): Promise<LocalServer> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

/** Starts the system Chromium headless with the project's flags; never downloads a browser. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}
