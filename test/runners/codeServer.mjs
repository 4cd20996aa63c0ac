#!/usr/bin/env node
// Runs the integration suite (out/test/integration) inside a real VS Code: code-server's Node
// extension host, driven by headless Chromium. The local Anthropic-compatible server stands
// in for the API, so nothing leaves loopback. Exit code: 0 when every test passed.
//
//   node test/runners/codeServer.mjs [--grep <pattern>] [--timeout <seconds>] [--verbose] [--keep]
// `--keep` leaves the scratch profile (.vscode-test/scratch/integration-<pid>) for inspection.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { prepareProfile, startCodeServer } from '../../scripts/lib/codeServer.mjs';
import { MOCK_SERVER_CLI, startMockServerProcess } from '../../scripts/lib/mockServer.mjs';
import { CHROMIUM, CHROMIUM_ARGS, ROOT, SAMPLES_DIR } from '../../scripts/lib/paths.mjs';
import { cleanupAll, onCleanup, stopping } from '../../scripts/lib/processes.mjs';

const { values: options } = parseArgs({
  options: {
    grep: { type: 'string' },
    timeout: { type: 'string', default: process.env.CLAUDE_STREAM_INTEGRATION_TIMEOUT ?? '300' },
    verbose: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
const verbose = options.verbose || process.env.CLAUDE_STREAM_VERBOSE === '1';
const say = (/** @type {string} */ message) => console.log(`[integration] ${message}`);

/**
 * Builds the workbench URL that makes code-server load the extension under development and run the suite.
 * @param {string} base code-server's URL
 * @param {{ folder: string, extensionDevelopmentPath: string, extensionTestsPath: string }} paths absolute paths on the code-server machine
 * @returns {string}
 */
export function workbenchTestUrl(base, { folder, extensionDevelopmentPath, extensionTestsPath }) {
  const payload = [
    ['extensionDevelopmentPath', `vscode-remote://remote${extensionDevelopmentPath}`],
    ['extensionTestsPath', `vscode-remote://remote${extensionTestsPath}`],
  ];
  return `${base}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

async function main() {
  const testsIndex = join(ROOT, 'out', 'test', 'integration', 'index.js');
  if (!existsSync(testsIndex)) throw new Error(`${testsIndex} is missing; build first: node esbuild.mjs --tests`);

  // Without the local server, point the extension at a closed loopback port rather than the real API.
  let server = { url: 'http://127.0.0.1:9', key: 'sk-local-unused' };
  if (existsSync(MOCK_SERVER_CLI)) {
    server = await startMockServerProcess({ log: verbose ? (l) => say(`server: ${l}`) : undefined });
    say(`local server at ${server.url}`);
  } else {
    say(`no ${MOCK_SERVER_CLI} yet; claudeStream.baseUrl points at a closed port`);
  }

  // One profile per run, so two runs at once never share (or wipe) each other's state.
  const profile = prepareProfile(`integration-${process.pid}`, { fresh: true, settings: { 'claudeStream.baseUrl': server.url } });
  if (!options.keep) onCleanup(() => rmSync(profile.dir, { recursive: true, force: true }), { last: true });
  const reportFile = join(profile.dir, 'report.json');
  const codeServer = await startCodeServer(profile, {
    env: {
      ANTHROPIC_API_KEY: server.key,
      CLAUDE_STREAM_TEST_REPORT: reportFile,
      CLAUDE_STREAM_USER_SETTINGS: profile.settingsFile,
      CLAUDE_STREAM_LOCAL_SERVER_URL: server.url,
      // Registers the extension's read-only `claudeStream._test.*` commands.
      CLAUDE_STREAM_TEST_HOOKS: '1',
      ...(options.grep ? { CLAUDE_STREAM_TEST_GREP: options.grep } : {}),
    },
    log: verbose ? (l) => say(`code-server: ${l}`) : undefined,
  });
  say(`code-server at ${codeServer.url}`);

  // Our own signal handling closes the browser; Playwright's would exit before code-server is stopped.
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false });
  onCleanup(() => browser.close());
  const page = await browser.newPage();

  /** @type {(code: number) => void} */
  let finish;
  /** @type {Promise<number>} */
  const exitCode = new Promise((resolve) => (finish = resolve));
  // The workbench calls these from the page, so their arguments are whatever it sends.
  await page.exposeFunction('codeAutomationExit', (/** @type {unknown} */ code) => finish(Number(code)));
  await page.exposeFunction('codeAutomationLog', (/** @type {unknown} */ level, /** @type {unknown} */ message) => {
    if (verbose || level === 'error') console.log(`[workbench ${level}] ${String(message).trimEnd()}`);
  });
  page.on('pageerror', (error) => verbose && say(`page error: ${error.message}`));

  const url = workbenchTestUrl(codeServer.url, { folder: SAMPLES_DIR, extensionDevelopmentPath: ROOT, extensionTestsPath: testsIndex });
  await page.goto(url);

  const timeoutMs = Number(options.timeout) * 1000;
  let timer;
  const timedOut = new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
  const outcome = await Promise.race([exitCode, timedOut, codeServer.group.exited.then(() => 'code-server exited')]);
  clearTimeout(timer);

  if (stopping()) return 130;
  const report = existsSync(reportFile) ? JSON.parse(readFileSync(reportFile, 'utf8')) : undefined;
  if (report) {
    console.log(report.output.join('\n'));
  }
  if (typeof outcome !== 'number') {
    say(`FAILED: ${outcome === 'timeout' ? `no result within ${options.timeout} s` : outcome}`);
    if (!report) console.log(codeServer.tail().slice(-30).join('\n'));
    return 1;
  }
  if (!report) {
    say(`the extension host exited with ${outcome} but wrote no report (the suite did not load?)`);
    console.log(codeServer.tail().slice(-30).join('\n'));
    return outcome || 1;
  }
  return outcome === 0 && report.failed === 0 ? 0 : 1;
}

let code = 1;
try {
  code = await main();
} catch (error) {
  if (!stopping()) console.error(`[integration] ${error instanceof Error ? error.message : error}`);
} finally {
  await cleanupAll();
}
process.exit(code);
