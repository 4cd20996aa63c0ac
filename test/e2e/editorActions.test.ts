/**
 * The chat's code in a real VS Code workbench (code-server + headless Chromium): the empty
 * chat's welcome, Apply as a diff with Accept / Reject on the diff's own title bar that closes
 * once decided, inline code that stands out in a light theme, and an inline answer that leaves
 * the Comments panel closed. Screenshots go to `screenshots/`.
 */
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SAMPLES_DIR } from '../../scripts/lib/paths.mjs';
import type { FrameLocator } from 'playwright-core';
import { startMockAnthropicServer, type MockAnthropicServer } from '../server';
import { openFile, selectLines } from './support/editor';
import { launchWorkbench, type Workbench } from './support/workbench';

const FIXED = ['export function cartTotal(items: LineItem[], discountPercent = 0): number {', '  return 0; // rewritten by Claude', '}'].join('\n');
const ANSWER = `Use \`Math.round\` once, at the end:\n\n\`\`\`ts\n${FIXED}\n\`\`\`\n`;

/** Contrast of inline code's background against the panel, evaluated in the webview (source text). */
const INLINE_CODE_CONTRAST = `(() => {
  const code = [...document.querySelectorAll('.message p code')].pop();
  const ctx = document.createElement('canvas').getContext('2d');
  const rgba = (colour) => { ctx.clearRect(0, 0, 1, 1); ctx.fillStyle = colour; ctx.fillRect(0, 0, 1, 1); return [...ctx.getImageData(0, 0, 1, 1).data]; };
  const behind = (el) => { for (let n = el; n; n = n.parentElement) { const c = rgba(getComputedStyle(n).backgroundColor); if (c[3] > 128) return c; } return rgba(getComputedStyle(document.body).backgroundColor); };
  const over = (top, under) => [0, 1, 2].map((i) => (top[i] * top[3] + under[i] * (255 - top[3])) / 255);
  const lum = ([r, g, b]) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }; return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const under = behind(code.parentElement);
  const a = lum(over(rgba(getComputedStyle(code).backgroundColor), under));
  const b = lum(under);
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
})()`;

describe('Code from the chat in the VS Code workbench', function () {
  this.timeout(240_000);
  let server: MockAnthropicServer;
  let workbench: Workbench | undefined;
  let chat: FrameLocator;

  before(async () => {
    server = await startMockAnthropicServer();
    workbench = await launchWorkbench({ name: 'e2e-editor-actions', baseUrl: server.url, apiKey: server.apiKey, theme: 'light' });
  });
  after(async () => {
    await workbench?.close();
    await server?.close();
  });

  it('welcomes an empty chat with suggested prompts, the model and the key status', async () => {
    assert.ok(workbench);
    await openFile(workbench.page, 'cart.ts');
    await workbench.runCommand('Claude: Open Chat');
    chat = await workbench.webviewWith('[data-testid="welcome"]');
    await chat.locator('[data-testid="welcome-key"]').getByText('API key: from ANTHROPIC_API_KEY').waitFor({ timeout: 10_000 });
    assert.match(await chat.locator('[data-testid="welcome-model"]').innerText(), /^Model: /);
    assert.ok((await chat.locator('[data-testid="suggested-prompt"]').count()) >= 3);
    await workbench.screenshot('welcome-workbench-light');
  });

  it('applies a code block only after Accept on the diff, and closes the diff', async () => {
    assert.ok(workbench && chat, 'the chat did not open');
    const { page } = workbench;
    const saved = readFileSync(join(SAMPLES_DIR, 'src', 'cart.ts'), 'utf8');
    server.enqueue({ text: ANSWER, delayMs: 5 });
    await page.locator('.tab', { hasText: 'cart.ts' }).first().click();
    await selectLines(page, 9, 12);
    const input = chat.locator('[data-testid="chat-input"] textarea, textarea[data-testid="chat-input"]').first();
    await input.fill('Rewrite cartTotal');
    await input.press('Enter');
    const block = chat.locator('[data-role="assistant"][data-state="done"] pre.code-block').last();
    await block.waitFor({ timeout: 30_000 });

    const contrast = (await chat.locator('body').evaluate(INLINE_CODE_CONTRAST)) as number;
    assert.ok(contrast >= 1.15, `inline code's background is ${contrast.toFixed(2)}:1 against the light panel`);

    await block.hover();
    await chat.locator('[data-testid="code-apply"]').click();
    const accept = page.locator('.editor-actions .action-label[aria-label^="Accept"]').first();
    const reject = page.locator('.editor-actions .action-label[aria-label^="Reject"]').first();
    await accept.waitFor({ timeout: 15_000 });
    assert.ok(await reject.isVisible(), 'Reject sits beside Accept on the diff');
    assert.equal(await page.locator('.notifications-toasts .notification-toast').count(), 0, 'a toast still asks for the decision');
    await workbench.screenshot('apply-diff-accept-reject-light');

    try {
      await accept.click();
      await page.locator('.tab', { hasText: "Claude's change" }).waitFor({ state: 'detached', timeout: 10_000 });
      const lines = page.locator('.editor-group-container .monaco-editor .view-lines').first();
      await lines.getByText('rewritten by Claude').waitFor({ timeout: 10_000 });
      await workbench.screenshot('apply-accepted-light');
    } finally {
      // VS Code for the web saves after a delay by default (files.autoSave): put the sample back
      // once that delay has passed.
      await page.waitForTimeout(1_500);
      writeFileSync(join(SAMPLES_DIR, 'src', 'cart.ts'), saved);
    }
  });

  it('answers inline without opening the Comments panel', async () => {
    assert.ok(workbench);
    const { page } = workbench;
    server.enqueue({ text: 'It totals the cart.', delayMs: 5 });
    await page.locator('.tab', { hasText: 'cart.ts' }).first().click();
    await selectLines(page, 1, 3);
    await workbench.runCommand('Claude: Ask About Selection');
    const explain = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Explain' }).first();
    // The pick comes from the extension host, which a loaded CI machine can keep busy for more than 10 s.
    await explain.waitFor({ timeout: 30_000 });
    await explain.click();
    await page.locator('.review-widget').first().waitFor({ timeout: 20_000 });
    await page.waitForTimeout(1_000);
    const panelShown = await page.locator('.part.panel').isVisible();
    const active = panelShown
      ? await page
          .locator('.part.panel .action-item.checked')
          .first()
          .innerText()
          .catch(() => '')
      : '';
    assert.ok(!panelShown || !/comments/i.test(active), `the ${active} panel opened by itself and squeezes the editor`);
    await workbench.screenshot('inline-thread-no-comments-panel-light');
  });
});
