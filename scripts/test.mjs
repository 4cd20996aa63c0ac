#!/usr/bin/env node
// `npm test`: provision → typecheck → lint → format check → dead-code check (knip) → build → unit → integration (code-server) → e2e,
// then a summary table and a last line `N passed, N failed`. Exit code 1 if anything failed.
//
//   node scripts/test.mjs [--only <layer>] [--grep <pattern>] [--verbose]
// `--only integration` / `--only e2e` still provisions and builds first (both are quick when
// nothing changed), so a single layer never runs against a stale bundle.
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { ROOT } from './lib/paths.mjs';

const MOCHA = ['node_modules/mocha/bin/mocha.js'];
const { values: options } = parseArgs({
  options: {
    only: { type: 'string' },
    grep: { type: 'string' },
    verbose: { type: 'boolean', default: false },
  },
});
const grepArgs = options.grep ? ['--grep', options.grep] : [];

/**
 * @typedef {{ name: string, cmd: string[], counts: boolean, needs?: string[], prerequisiteOf?: string[] }} Layer
 * `counts`: mocha output, so passed/failed are test counts; otherwise the step is one check.
 * `needs`: layers whose failure makes this one pointless (it is reported as skipped).
 */
/** @type {Layer[]} */
const LAYERS = [
  { name: 'provision', cmd: ['node', 'scripts/provision.mjs'], counts: false, prerequisiteOf: ['integration', 'e2e'] },
  { name: 'typecheck', cmd: ['npm', 'run', '--silent', 'typecheck'], counts: false },
  { name: 'lint', cmd: ['npm', 'run', '--silent', 'lint'], counts: false },
  { name: 'format', cmd: ['npm', 'run', '--silent', 'format:check'], counts: false },
  { name: 'knip', cmd: ['npm', 'run', '--silent', 'knip'], counts: false },
  { name: 'build', cmd: ['node', 'esbuild.mjs', '--tests'], counts: false, prerequisiteOf: ['integration', 'e2e'] },
  { name: 'unit', cmd: ['node', ...MOCHA, '--config', 'test/unit/.mocharc.json', ...grepArgs], counts: true },
  {
    name: 'integration',
    cmd: ['node', 'test/runners/codeServer.mjs', ...(options.grep ? ['--grep', options.grep] : []), ...(options.verbose ? ['--verbose'] : [])],
    counts: true,
    needs: ['provision', 'build'],
  },
  { name: 'e2e', cmd: ['node', ...MOCHA, '--config', 'test/e2e/.mocharc.json', ...grepArgs], counts: true, needs: ['provision', 'build'] },
];

function selectLayers() {
  if (!options.only) return LAYERS;
  const target = LAYERS.find((l) => l.name === options.only);
  if (!target) {
    console.error(`unknown layer "${options.only}"; one of: ${LAYERS.map((l) => l.name).join(', ')}`);
    process.exit(2);
  }
  return LAYERS.filter((l) => l === target || l.prerequisiteOf?.includes(target.name));
}

let interrupted = false;
const stripAnsi = (/** @type {string} */ s) => s.replace(/\x1b\[[0-9;]*m/g, '');

/**
 * Reads mocha's closing lines ("12 passing", "1 failing", "2 pending"); the last ones win.
 * @param {string} output
 */
function parseMochaCounts(output) {
  const text = stripAnsi(output);
  /** @param {RegExp} re */
  const last = (re) => {
    const all = [...text.matchAll(re)];
    return all.length ? Number(all[all.length - 1][1]) : undefined;
  };
  return { passed: last(/^\s*(\d+) passing/gm), failed: last(/^\s*(\d+) failing/gm), pending: last(/^\s*(\d+) pending/gm) };
}

/**
 * @typedef {{ name: string, status: string, passed: number, failed: number, pending: number, seconds: number, counted: boolean }} LayerResult
 */

/**
 * Runs one layer with its output shown live and kept for the counts.
 * @param {Layer} layer
 * @returns {Promise<LayerResult>}
 */
function runLayer(layer) {
  return new Promise((resolve) => {
    console.log(`\n━━━ ${layer.name}: ${layer.cmd.join(' ')}`);
    const started = Date.now();
    const child = spawn(layer.cmd[0], layer.cmd.slice(1), { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    let output = '';
    /** @param {NodeJS.WriteStream} target */
    const tee = (target) => (/** @type {Buffer} */ chunk) => {
      output += chunk;
      target.write(chunk);
    };
    child.stdout.on('data', tee(process.stdout));
    child.stderr.on('data', tee(process.stderr));
    // Forward Ctrl+C so the layer's own cleanup (killing code-server) runs before we exit.
    const forward = () => {
      interrupted = true;
      child.kill('SIGINT');
    };
    process.on('SIGINT', forward);
    child.on('close', (code, signal) => {
      process.off('SIGINT', forward);
      const seconds = (Date.now() - started) / 1000;
      const ok = code === 0;
      let passed = ok ? 1 : 0;
      let failed = ok ? 0 : 1;
      let pending = 0;
      if (layer.counts) {
        const counts = parseMochaCounts(output);
        passed = counts.passed ?? 0;
        pending = counts.pending ?? 0;
        // A crash before mocha's summary still counts as a failure.
        failed = counts.failed ?? (ok ? 0 : 1);
        if (!ok && failed === 0) failed = 1;
      }
      resolve({ name: layer.name, status: ok ? 'ok' : `FAILED${signal ? ` (${signal})` : ''}`, passed, failed, pending, seconds, counted: layer.counts });
    });
  });
}

/**
 * Prints the table and the `N passed, N failed` line; returns the number of failures.
 * @param {LayerResult[]} results
 */
function printSummary(results) {
  const rows = [['layer', 'result', 'passed', 'failed', 'pending', 'seconds']];
  for (const r of results) {
    rows.push([
      r.name,
      r.status,
      r.counted ? String(r.passed) : '-',
      r.counted ? String(r.failed) : r.failed ? '1' : '-',
      r.counted ? String(r.pending) : '-',
      r.seconds.toFixed(1),
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const line = (/** @type {string[]} */ row) => row.map((cell, i) => (i === 0 || i === 1 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  console.log('\n━━━ summary');
  console.log(line(rows[0]));
  console.log(widths.map((w) => '─'.repeat(w)).join('  '));
  rows.slice(1).forEach((row) => console.log(line(row)));
  // Steps without test counts (provision, typecheck, lint, format, knip, build) add one failure each when they fail.
  const passed = results.reduce((n, r) => n + (r.counted ? r.passed : 0), 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  console.log(`\n${passed} passed, ${failed} failed`);
  return failed;
}

/** @type {LayerResult[]} */
const results = [];
const failedNames = new Set();
for (const layer of selectLayers()) {
  if (interrupted) break;
  const blockedBy = (layer.needs ?? []).filter((n) => failedNames.has(n));
  if (blockedBy.length) {
    console.log(`\n━━━ ${layer.name}: skipped, ${blockedBy.join(' and ')} failed`);
    results.push({ name: layer.name, status: `SKIPPED (${blockedBy.join(', ')} failed)`, passed: 0, failed: 1, pending: 0, seconds: 0, counted: layer.counts });
    continue;
  }
  const result = await runLayer(layer);
  if (result.status !== 'ok') failedNames.add(layer.name);
  results.push(result);
}
process.exit(printSummary(results) > 0 || interrupted ? 1 : 0);
