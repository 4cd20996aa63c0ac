/**
 * `npm start` twice, as a user does from one day to the next: start, chat, stop, start again in
 * the same browser. The conversation is still under History and the Insights view still counts
 * its record, because the profile is served on the same address each time (VS Code ties a
 * folder's workspace storage to it).
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, ROOT, SCRATCH_DIR } from '../../scripts/lib/paths.mjs';
import { onCleanup, pipeLines, spawnGroup } from '../../scripts/lib/processes.mjs';
import { runCommand, webviewWith } from './support/workbench';

const PROFILE = `e2e-restart-${process.pid}`;
const PROMPT = 'Remember me across restarts';

interface Session {
  page: Page;
  url: string;
  stop(): Promise<void>;
}

/** Runs `npm start -- --offline` on the test's own profile and opens it in a persistent browser profile. */
async function startSession(browserDir: string): Promise<Session> {
  const group = spawnGroup('npm start', process.execPath, ['scripts/start.mjs', '--offline', '--profile', PROFILE], { cwd: ROOT });
  const url = await new Promise<string>((resolve, reject) => {
    const tail = pipeLines(group, (line) => {
      const match = /running in VS Code at (http:\/\/\S+)/.exec(line);
      if (match) resolve(match[1]);
    });
    void group.exited.then((code) => reject(new Error(`npm start exited with ${code}:\n${tail().join('\n')}`)));
    setTimeout(() => reject(new Error(`npm start printed no URL in 120 s:\n${tail().join('\n')}`)), 120_000);
  });
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(browserDir, {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
      headless: true,
      viewport: { width: 1280, height: 800 },
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    const opened = context;
    onCleanup(() => opened.close().catch(() => undefined));
    const page = opened.pages()[0] ?? (await opened.newPage());
    await page.goto(url);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
    await page.locator('.activitybar .action-item a[aria-label^="Claude"]').first().waitFor({ timeout: 60_000 });
    return {
      page,
      url,
      stop: async () => {
        await opened.close().catch(() => undefined);
        await group.stop();
      },
    };
  } catch (error) {
    await context?.close().catch(() => undefined);
    await group.stop();
    throw error;
  }
}

/** The "N records" text of the Insights view in the Claude sidebar. */
/** The Insights view's summary line once it says `expected` (it counts answers live), or as it last read after 15 s. */
async function insightsSummary(page: Page, expected: RegExp): Promise<string> {
  await page.locator('.activitybar .action-item a[aria-label^="Claude"]').first().click();
  const insights = await webviewWith(page, '[data-testid="summary-info"]', 60_000);
  const read = async () => (await insights.locator('[data-testid="summary-info"]').innerText()).replace(/\s+/g, ' ');
  const deadline = Date.now() + 15_000;
  let text = await read();
  while (!expected.test(text) && Date.now() < deadline) {
    await page.waitForTimeout(250);
    text = await read();
  }
  return text;
}

describe('npm start, stopped and started again', function () {
  this.timeout(420_000);
  const browserDir = mkdtempSync(join(tmpdir(), 'claude-stream-browser-'));

  after(() => {
    rmSync(browserDir, { recursive: true, force: true });
    rmSync(join(SCRATCH_DIR, PROFILE), { recursive: true, force: true });
  });

  it('keeps the conversation in History and its record in Insights', async () => {
    const first = await startSession(browserDir);
    try {
      await runCommand(first.page, 'Claude: Open Chat');
      const chat = await webviewWith(first.page, '[data-testid="chat-input"]');
      const input = chat.locator('[data-testid="chat-input"] textarea, textarea[data-testid="chat-input"]').first();
      await input.fill(PROMPT);
      await input.press('Enter');
      await chat.locator('[data-role="assistant"][data-state="done"]').waitFor({ timeout: 60_000 });
      assert.match(await insightsSummary(first.page, /\b1 (answer recorded|record in all)\b/), /\b1 (answer recorded|record in all)\b/, 'the answer was recorded in the first run');
    } finally {
      await first.stop();
    }

    const second = await startSession(browserDir);
    try {
      await runCommand(second.page, 'Claude: Open Chat');
      const chat = await webviewWith(second.page, '[data-testid="history"]');
      await chat.locator('[data-testid="history"]').click();
      const list = chat.locator('[data-testid="history-list"]');
      await list.waitFor({ state: 'visible', timeout: 10_000 });
      assert.match(await list.innerText(), new RegExp(PROMPT), `History after the restart: ${await list.innerText()}`);
      assert.match(
        await insightsSummary(second.page, /\b1 (answer recorded|record in all)\b/),
        /\b1 (answer recorded|record in all)\b/,
        'Insights lost the record of the first run',
      );
      assert.equal(new URL(second.url).port, new URL(first.url).port, 'both runs are served on one port');
    } finally {
      await second.stop();
    }
  });
});
