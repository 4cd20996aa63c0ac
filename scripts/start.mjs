#!/usr/bin/env node
// `npm start`: builds the extension and runs it in code-server, opened on samples/, at
// http://127.0.0.1:<port>. Ctrl+C stops everything.
//
//   npm start                      talks to Anthropic with ANTHROPIC_API_KEY (or a key set in the UI)
//   npm start -- --offline         starts the local server in demo mode and points the extension at it
//   npm start -- --port 8080       serve on this port (remembered for the next runs)
//   npm start -- --watch           rebuilds on change (reload the window to pick it up)
//   npm start -- --profile NAME    another persistent profile than `start` (.vscode-test/scratch/NAME)
// Each profile keeps its port across runs: VS Code ties a folder's workspace storage (chat
// history, learning records) to the address it is served on.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { linkExtension, prepareProfile, stablePort, startCodeServer } from './lib/codeServer.mjs';
import { startMockServerProcess } from './lib/mockServer.mjs';
import { CODE_SERVER_ENTRY, ROOT, SAMPLES_DIR } from './lib/paths.mjs';
import { cleanupAll, spawnGroup } from './lib/processes.mjs';

const { values: options } = parseArgs({
  options: {
    offline: { type: 'boolean', default: false },
    port: { type: 'string' },
    watch: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
    profile: { type: 'string', default: 'start' },
  },
});
const say = (/** @type {string} */ message) => console.log(`[start] ${message}`);

/**
 * Runs a step with inherited output and exits the whole script when it fails.
 * @param {string} what
 * @param {string} cmd
 * @param {string[]} args
 */
function runOrExit(what, cmd, args) {
  const result = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`[start] ${what} failed (exit ${result.status ?? result.signal})`);
    process.exit(1);
  }
}

async function main() {
  if (!existsSync(CODE_SERVER_ENTRY)) runOrExit('provisioning', process.execPath, ['scripts/provision.mjs']);
  runOrExit('build', process.execPath, ['esbuild.mjs']);
  if (options.watch) spawnGroup('esbuild --watch', process.execPath, ['esbuild.mjs', '--watch'], { cwd: ROOT, stdio: 'inherit' });

  /** @type {Record<string, string>} */
  const env = {};
  /** @type {Record<string, unknown>} */
  const settings = {};
  /** @type {string[]} */
  const removeSettings = [];
  if (options.offline) {
    const server = await startMockServerProcess({ demo: true, log: options.verbose ? (l) => say(`server: ${l}`) : undefined });
    settings['claudeStream.baseUrl'] = server.url;
    env.ANTHROPIC_API_KEY = server.key;
    say(`offline demo: local server at ${server.url}; nothing leaves this machine`);
  } else {
    // A baseUrl left by an earlier --offline run would point at a server that is gone.
    removeSettings.push('claudeStream.baseUrl');
    if (!process.env.ANTHROPIC_API_KEY) say('ANTHROPIC_API_KEY is not set: use "Claude: Set API Key" in the window, or run `npm start -- --offline`.');
  }

  // A persistent profile, so chats and learning data survive restarts of `npm start`.
  const profile = prepareProfile(options.profile, { settings, removeSettings });
  linkExtension(profile);
  const port = await stablePort(profile, {
    requested: options.port ? Number(options.port) : undefined,
    onBusy: (busy) =>
      say(
        `port ${busy}, where this profile's chats and learning data live, is in use (another npm start?); this run uses another port and starts with empty history. Stop the other one to get them back.`,
      ),
  });
  const codeServer = await startCodeServer(profile, {
    folder: SAMPLES_DIR,
    env,
    port,
    log: (line) => {
      if (options.verbose || /\berror\b/i.test(line)) console.log(`[code-server] ${line}`);
    },
  });
  console.log(`\n  Claude Stream is running in VS Code at ${codeServer.url}\n  (samples/ is open; Ctrl+C stops everything)\n`);
  const code = await codeServer.group.exited;
  say(`code-server exited with ${code}`);
  return code ?? 1;
}

let code = 1;
try {
  code = await main();
} catch (error) {
  console.error(`[start] ${error instanceof Error ? error.message : error}`);
} finally {
  await cleanupAll();
}
process.exit(code);
