// Runs the local Anthropic-compatible server (test/server/cli.ts) as a child process in its
// own group and reads the one JSON line it prints on start.
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ROOT } from './paths.mjs';
import { spawnGroup } from './processes.mjs';

/** The server's command-line entry, run with `node --import tsx`. */
export const MOCK_SERVER_CLI = join(ROOT, 'test', 'server', 'cli.ts');

/**
 * Starts the local server on a random loopback port.
 * @param {{ demo?: boolean, key?: string, log?: (line: string) => void, timeoutMs?: number }} [options]
 * @returns {Promise<{ url: string, key: string, info: Record<string, unknown>, stop: () => Promise<void> }>}
 */
export async function startMockServerProcess({ demo = false, key = `sk-local-${randomBytes(8).toString('hex')}`, log = () => {}, timeoutMs = 20_000 } = {}) {
  if (!existsSync(MOCK_SERVER_CLI)) throw new Error(`the local Anthropic-compatible server is missing (${MOCK_SERVER_CLI})`);
  const args = ['--import', 'tsx', MOCK_SERVER_CLI, '--port', '0', '--key', key];
  if (demo) args.push('--demo');
  const group = spawnGroup('mock-server', process.execPath, args, { cwd: ROOT });
  const { stdout, stderr } = group.child;
  // spawnGroup pipes both by default; a missing stream means the spawn itself went wrong.
  if (!stdout || !stderr) throw new Error('local server started without piped stdout/stderr');
  /** @type {Record<string, unknown>} */
  const info = await new Promise((resolve, reject) => {
    let buffered = '';
    let resolved = false;
    const timer = setTimeout(() => reject(new Error(`local server printed no JSON line within ${timeoutMs} ms`)), timeoutMs);
    stdout.setEncoding('utf8');
    stdout.on('data', (chunk) => {
      buffered += chunk;
      let newline;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline).trim();
        buffered = buffered.slice(newline + 1);
        if (!resolved && line.startsWith('{')) {
          try {
            const parsed = JSON.parse(line);
            if (typeof parsed.url === 'string') {
              resolved = true;
              clearTimeout(timer);
              resolve(parsed);
              continue;
            }
          } catch {
            // Not the start line.
          }
        }
        if (line) log(line);
      }
    });
    stderr.setEncoding('utf8');
    stderr.on('data', (/** @type {string} */ chunk) =>
      chunk
        .split('\n')
        .filter(Boolean)
        .forEach((line) => log(line)),
    );
    void group.exited.then((code) => {
      clearTimeout(timer);
      if (!resolved) reject(new Error(`local server exited with ${code} before it started`));
    });
  }).catch(async (error) => {
    await group.stop();
    throw error;
  });
  return { url: String(info.url).replace(/\/+$/, ''), key, info, stop: group.stop };
}
