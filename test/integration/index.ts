/**
 * Mocha bootstrap that VS Code loads as `extensionTestsPath`. It runs inside the real
 * extension host (desktop Electron or code-server's Node host), finds every bundled
 * `*.test.js` next to it and runs them with the BDD interface.
 *
 * Mocha's spec output goes to the console, which code-server forwards to the browser's
 * `codeAutomationLog`; the same lines, plus counts, are also written as JSON to the file
 * named by `CLAUDE_STREAM_TEST_REPORT` when set, so a runner never depends on log forwarding.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

/** What the runner reads back after the extension host has finished. */
export interface IntegrationReport {
  passed: number;
  failed: number;
  pending: number;
  durationMs: number;
  /** Mocha's spec reporter output, line by line. */
  output: string[];
  failures: Array<{ title: string; error: string }>;
}

/** Finds the bundled suites, sorted so `activation.test.js` (the first suite) runs first. */
function findSuites(dir: string): string[] {
  const all = readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.test.js'))
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return all.map((f) => join(dir, f));
}

function rank(file: string): number {
  return file.endsWith('activation.test.js') ? 0 : 1;
}

function writeReport(report: IntegrationReport): void {
  const file = process.env.CLAUDE_STREAM_TEST_REPORT;
  if (!file) return;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(report, null, 2));
}

/** Entry point VS Code calls; resolves when every test passed, rejects otherwise (exit code 1). */
export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    reporter: 'spec',
    timeout: Number(process.env.CLAUDE_STREAM_TEST_TIMEOUT_MS) || 30_000,
    grep: process.env.CLAUDE_STREAM_TEST_GREP || undefined,
  });
  for (const file of findSuites(__dirname)) mocha.addFile(file);

  const output: string[] = [];
  const originalLog = Mocha.reporters.Base.consoleLog;
  Mocha.reporters.Base.consoleLog = (...data: unknown[]) => {
    output.push(format(...data));
    originalLog(...data);
  };
  const failures: IntegrationReport['failures'] = [];
  const started = Date.now();

  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failed) => {
        Mocha.reporters.Base.consoleLog = originalLog;
        const stats = runner.stats;
        writeReport({
          passed: stats?.passes ?? 0,
          failed,
          pending: stats?.pending ?? 0,
          durationMs: Date.now() - started,
          output,
          failures,
        });
        if (failed > 0) reject(new Error(`${failed} integration test(s) failed`));
        else resolve();
      });
      runner.on('fail', (test, error: unknown) => {
        failures.push({ title: test.fullTitle(), error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      });
    } catch (error) {
      Mocha.reporters.Base.consoleLog = originalLog;
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      writeReport({ passed: 0, failed: 1, pending: 0, durationMs: Date.now() - started, output: [message], failures: [{ title: 'loading the suites', error: message }] });
      reject(error instanceof Error ? error : new Error(message));
    }
  });
}
