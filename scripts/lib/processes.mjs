// Child processes in their own process group, and a cleanup list that runs on every way out
// (normal end, Ctrl+C, SIGTERM, uncaught error), so no code-server or server outlives a run.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

/**
 * A child running as the leader of its own process group.
 * @typedef {object} Group
 * @property {string} name
 * @property {import('node:child_process').ChildProcess} child
 * @property {Promise<number | null>} exited
 * @property {() => Promise<void>} stop SIGTERM then SIGKILL to the whole group; idempotent.
 */

/** @type {Set<() => void>} synchronous last-resort kills, run from `process.on('exit')` */
const lastResort = new Set();
/** @type {Array<() => Promise<void> | void>} run first, newest first (close browsers) */
const early = [];
/** @type {Array<() => Promise<void>>} then every process group */
const groups = [];
/** @type {Array<() => Promise<void> | void>} then these (remove folders the processes used) */
const late = [];
let signalsHooked = false;
/** @type {Promise<void> | undefined} */
let cleaning;

/**
 * Spawns `cmd` as the leader of a new session and process group (`setsid`), so that
 * `stop()` can end it with everything it started (code-server forks extension hosts,
 * file watchers, pty hosts).
 * @param {string} name label for logs
 * @param {string} cmd
 * @param {string[]} args
 * @param {import('node:child_process').SpawnOptions} [options]
 * @returns {Group}
 */
export function spawnGroup(name, cmd, args, options = {}) {
  hookSignals();
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options, detached: true });
  /** @type {Promise<number | null>} */
  const exited = new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', () => resolve(null));
  });
  const pid = child.pid;
  /** @param {NodeJS.Signals} signal */
  const kill = (signal) => {
    if (pid === undefined) return;
    try {
      process.kill(-pid, signal);
    } catch {
      // The group is already gone.
    }
  };
  const killNow = () => kill('SIGKILL');
  lastResort.add(killNow);
  /** @type {Promise<void> | undefined} */
  let stopping;
  const stop = () =>
    (stopping ??= (async () => {
      kill('SIGTERM');
      await Promise.race([exited, delay(3000)]);
      // The leader may exit before its children; SIGKILL the whole group either way.
      kill('SIGKILL');
      await Promise.race([exited, delay(1000)]);
      lastResort.delete(killNow);
    })());
  groups.push(stop);
  return { name, child, exited, stop };
}

/**
 * Registers an async cleanup. By default it runs before the process groups are killed (close
 * a browser); with `{ last: true }` after them (remove a folder those processes were using).
 * @param {() => Promise<void> | void} fn
 * @param {{ last?: boolean }} [options]
 */
export function onCleanup(fn, { last = false } = {}) {
  hookSignals();
  if (last) late.push(fn);
  else early.unshift(fn);
}

/** True once cleanup has begun (e.g. after Ctrl+C), so callers can stay quiet about what stops. */
export function stopping() {
  return cleaning !== undefined;
}

/**
 * Runs every cleanup once: early ones newest first, then the process groups, then the `last` ones; safe to call more than once.
 * @returns {Promise<void>}
 */
export function cleanupAll() {
  cleaning ??= (async () => {
    /** @param {() => Promise<void> | void} fn */
    const run = async (fn) => {
      try {
        await fn();
      } catch (error) {
        console.error('[cleanup]', error instanceof Error ? error.message : error);
      }
    };
    for (const fn of early.splice(0)) await run(fn);
    await Promise.all(groups.splice(0).map(run));
    for (const fn of late.splice(0)) await run(fn);
  })();
  return cleaning;
}

function hookSignals() {
  if (signalsHooked) return;
  signalsHooked = true;
  process.on('exit', () => lastResort.forEach((kill) => kill()));
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
    process.on(signal, () => {
      if (cleaning) {
        // A second Ctrl+C: do not wait for graceful shutdown any longer.
        lastResort.forEach((kill) => kill());
        process.exit(130);
      }
      console.error(`\n[harness] ${signal}: stopping everything…`);
      void cleanupAll().finally(() => process.exit(130));
    });
  }
  process.on('uncaughtException', (error) => {
    console.error('[harness] uncaught:', error);
    void cleanupAll().finally(() => process.exit(1));
  });
}

/**
 * Asks the OS for a free TCP port on loopback.
 * @returns {Promise<number>}
 */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * True when nothing listens on `port` on loopback, so code-server can bind it.
 * @param {number} port
 * @returns {Promise<boolean>}
 */
export function portIsFree(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * Resolves after `ms` milliseconds, without keeping the process alive.
 * @param {number} ms
 * @returns {Promise<void>}
 */
function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms).unref?.());
}

/**
 * Polls `url` until it answers with a status below 500, or rejects after `timeoutMs`.
 * @param {string} url
 * @param {{ timeoutMs?: number, exited?: Promise<unknown>, what?: string }} [options]
 */
export async function waitForHttp(url, { timeoutMs = 60_000, exited, what = url } = {}) {
  const deadline = Date.now() + timeoutMs;
  let gone = false;
  exited?.then(() => (gone = true));
  while (Date.now() < deadline) {
    if (gone) throw new Error(`${what} exited before it answered at ${url}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.status < 500) return;
    } catch {
      // Not listening yet.
    }
    await delay(200);
  }
  throw new Error(`${what} did not answer at ${url} within ${timeoutMs} ms`);
}

/**
 * Sends a child's output line by line to `sink`, prefixed, and keeps the last lines for error reports.
 * @param {Group} group
 * @param {(line: string) => void} sink
 * @returns {() => string[]} the most recent lines
 */
export function pipeLines(group, sink) {
  /** @type {string[]} */
  const tail = [];
  for (const stream of [group.child.stdout, group.child.stderr]) {
    let buffered = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        tail.push(line);
        if (tail.length > 80) tail.shift();
        sink(line);
      }
    });
  }
  return () => [...tail];
}
