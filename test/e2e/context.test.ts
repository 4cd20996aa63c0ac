/**
 * Context from the workspace in a real VS Code workbench (code-server + headless Chromium)
 * streaming from the local server: the user types `#fi`, picks `cart.ts` from the completion
 * the extension fills from the workspace, sends, and the request the server received holds the
 * file's exact content and its path; then "why does #file:cart.ts fail #problems?" typed
 * without the completion streams with the file and its type error attached. Screenshots of the
 * completion, the chips and an expanded chip go to `screenshots/` (and CLAUDE_STREAM_SCREENS).
 */
import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { SAMPLES_DIR } from '../../scripts/lib/paths.mjs';
import { startMockAnthropicServer, type MockAnthropicServer } from '../server';
import { openFile } from './support/editor';
import { launchWorkbench, type Workbench } from './support/workbench';

const normalise = (text: string): string => text.replace(/[\s\u00a0]+/g, ' ').trim();
const CART = readFileSync(join(SAMPLES_DIR, 'src/cart.ts'), 'utf8');

type Block = { type: string; text?: string };
type SentBody = { messages: Array<{ role: string; content: string | Block[] }> };

/** The text of the last user turn the server received on /v1/messages. */
function lastUserText(server: MockAnthropicServer): string {
  const sent = server.requests.filter((r) => r.method === 'POST' && r.path === '/v1/messages').at(-1);
  assert.ok(sent, 'the server received a message request');
  const user = (sent.body as SentBody).messages.filter((m) => m.role === 'user').at(-1);
  assert.ok(user, 'the request has a user turn');
  return typeof user.content === 'string'
    ? user.content
    : user.content
        .filter((b) => b.type === 'text')
        .map((b) => b.text ?? '')
        .join('\n');
}

/**
 * Drags an Explorer row onto the chat input. VS Code lets a drop reach a webview only while
 * Shift is held (otherwise the editor area takes it), so Shift goes down once the drag started.
 */
async function dragFromExplorer(page: Page, folder: string, name: string, onto: { x: number; y: number }): Promise<void> {
  const row = (label: string) => page.locator('.explorer-folders-view .monaco-list-row', { hasText: label }).first();
  if ((await row(name).count()) === 0) await row(folder).click();
  const box = await row(name).boundingBox();
  assert.ok(box, `${name} is in the Explorer`);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 40, box.y + 10, { steps: 5 });
  await page.keyboard.down('Shift');
  await page.mouse.move(onto.x, onto.y, { steps: 10 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
}

describe('Context from the workspace in the VS Code workbench chat', function () {
  this.timeout(120_000);
  let server: MockAnthropicServer;
  let workbench: Workbench;
  let chat: FrameLocator;

  const input = () => chat.locator('[data-testid="chat-input"]');
  const answers = () => chat.locator('[data-role="assistant"]');
  const rows = () => chat.locator('[data-testid="mention-popup"] [data-testid="mention-item"]');

  async function keep(name: string): Promise<void> {
    const file = await workbench.screenshot(name);
    const dir = process.env.CLAUDE_STREAM_SCREENS;
    if (dir) {
      mkdirSync(dir, { recursive: true });
      copyFileSync(file, join(dir, `${name}.png`));
    }
  }

  async function settled(count: number, timeoutMs = 45_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const n = await answers().count();
      const state = n >= count ? await answers().last().getAttribute('data-state') : 'missing';
      if (n >= count && state !== 'streaming') return;
      if (Date.now() > deadline) throw new Error(`answer ${count} did not finish (have ${n}, last ${state})`);
      await workbench.page.waitForTimeout(100);
    }
  }

  before(async function () {
    this.timeout(150_000);
    server = await startMockAnthropicServer();
    workbench = await launchWorkbench({
      name: 'e2e-context',
      baseUrl: server.url,
      apiKey: server.apiKey,
      theme: 'dark',
      settings: { 'workbench.startupEditor': 'none' },
    });
    // cart.ts first, so the chat opens beside it and both stay visible.
    await openFile(workbench.page, 'cart.ts');
    await workbench.runCommand('Claude: Open Chat');
    chat = await workbench.webviewWith('[data-testid="chat-input"]', 30_000);
  });

  after(async () => {
    await workbench?.close();
    await server?.close();
  });

  it('attaches the file picked from the # completion, and the request holds its exact content and path', async () => {
    server.enqueue({ text: 'It totals the cart and finds the median price.' });
    const earlier = await answers().count();
    await input().click();
    await workbench.page.keyboard.type('What does #fi');
    await rows().first().waitFor({ timeout: 10_000 });
    assert.equal(await rows().first().getAttribute('data-kind'), 'file');
    await workbench.page.keyboard.press('Enter');
    assert.equal(await input().inputValue(), 'What does #file:');
    await workbench.page.keyboard.type('cart');
    const cart = chat.locator('[data-testid="mention-item"][data-value="src/cart.ts"]');
    await cart.waitFor({ timeout: 15_000 });
    await keep('context-completion-workbench');
    await cart.click();
    assert.equal(await input().inputValue(), 'What does #file:src/cart.ts ');
    const chip = chat.locator('[data-testid="composer-attachment"][data-kind="file"]');
    await chip.waitFor({ timeout: 15_000 });
    assert.equal(normalise(await chip.getByTestId('chip-label').innerText()), 'src/cart.ts');
    assert.match(await chip.getByTestId('chip-tokens').innerText(), /^\d[\d.,K]* tokens$/);
    await workbench.page.keyboard.type('do?');
    await keep('context-chips-workbench');
    await workbench.page.keyboard.press('Enter');
    await settled(earlier + 1);
    const sent = lastUserText(server);
    assert.ok(sent.includes('src/cart.ts'), 'the request names the path');
    assert.ok(sent.includes(CART.trimEnd()), 'the request holds the file exactly as it is on disk');
    const userTurn = chat.locator('.turn-user').last();
    assert.equal(normalise(await userTurn.locator('[data-role="user"]').innerText()), 'What does #file:src/cart.ts do?', 'the transcript shows what the user wrote');
    assert.equal(await userTurn.locator('[data-testid="attachment"]').count(), 1, 'and the chip, not the raw block');
  });

  it('answers "why does #file:cart.ts fail #problems?" typed without the completion, with both attached', async () => {
    server.enqueue({ text: 'Line 31 assigns a number to a string; format it with toFixed(2).' });
    // The TypeScript server reports the type error once it has checked the open file.
    await workbench.page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 60_000 });
    const earlier = await answers().count();
    await input().click();
    await input().fill('why does #file:cart.ts fail #problems?');
    await input().press('Enter');
    await settled(earlier + 1);
    const sent = lastUserText(server);
    assert.ok(sent.startsWith('why does #file:cart.ts fail #problems?'), sent.slice(0, 80));
    assert.ok(sent.includes(CART.trimEnd()), 'the request holds cart.ts');
    assert.match(sent, /Type 'number' is not assignable to type 'string'/, 'the request holds the type error');
    assert.equal(normalise(await answers().last().innerText()), 'Line 31 assigns a number to a string; format it with toFixed(2).');
    const chips = chat.locator('.turn-user').last().locator('[data-testid="attachment"]');
    assert.deepEqual(await chips.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.kind).sort()), ['file', 'problems']);
    const problems = chips.and(chat.locator('[data-kind="problems"]'));
    await problems.getByTestId('chip-toggle').click();
    assert.match(await problems.locator('pre').innerText(), /Type 'number' is not assignable to type 'string'/, 'the chip shows exactly what was sent');
    await keep('context-chip-expanded-workbench');
  });

  // The whole user path: a real mouse drag from the Explorer row, Shift pressed once it started
  // (the workbench then lets the webview take pointer events), dropped on the chat. code-server
  // names the file `vscode-remote://<host:port>/…` there, which the host maps to its own disk.
  it('attaches a file dragged from the Explorer with Shift held', async () => {
    await chat.locator('[data-testid="new-chat"]').click();
    const frame = await workbench.page.locator('iframe.webview.ready').first().boundingBox();
    assert.ok(frame);
    await dragFromExplorer(workbench.page, 'src', 'retry.ts', { x: frame.x + frame.width / 2, y: frame.y + frame.height - 80 });
    const chip = chat.locator('[data-testid="composer-attachment"][data-kind="file"]');
    await chip.waitFor({ timeout: 15_000 });
    assert.equal(normalise(await chip.getByTestId('chip-label').innerText()), 'src/retry.ts');
    await chip.getByTestId('chip-toggle').click();
    const shown = (await chip.locator('pre').innerText()).replace(/\n$/, '');
    assert.equal(shown, readFileSync(join(SAMPLES_DIR, 'src/retry.ts'), 'utf8').replace(/\n$/, ''), 'the chip shows the file as it is on disk');
  });
});
