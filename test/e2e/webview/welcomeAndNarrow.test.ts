/**
 * The empty chat's welcome, and the chat in a narrow panel (≤ 300 px), in real Chromium:
 * one row of header controls, a code toolbar that never covers code, and inline code that
 * stands out in light themes as it does in dark ones. Screenshots go to `screenshots/`.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { buildChatBundle, launchChromium, startHarnessServer } from '../../../bench/webview/harnessServer';
import type { LocalServer } from '../../../bench/webview/harnessServer';
import { ROOT } from '../../../scripts/lib/paths.mjs';
import { ModelCatalog, modelChoiceView } from '../../../src/core/models/modelCatalog';
import type { MessageView } from '../../../src/shared/protocol';
import { chatState, openHarness } from './harness';
import type { Harness } from './harness';

const SHOTS = join(ROOT, 'screenshots');

const ANSWER: MessageView = {
  id: 'a1',
  role: 'assistant',
  state: 'done',
  text: [
    'Call `retry(run, 3)` with an `AbortSignal` when you need `cancel()`:',
    '',
    '```typescript',
    'export async function retry<T>(run: () => Promise<T>, attempts = 3, signal?: AbortSignal): Promise<T> {',
    '  for (let i = 0; ; i++) {',
    '    try { return await run(); } catch (error) { if (i + 1 >= attempts || signal?.aborted) throw error; }',
    '  }',
    '}',
    '```',
  ].join('\n'),
};
const QUESTION: MessageView = { id: 'u1', role: 'user', state: 'done', text: 'How do I retry a promise?' };

/** Whether two rectangles overlap by more than a pixel. */
const overlaps = (a: DOMRectLike, b: DOMRectLike): boolean => a.x < b.x + b.width - 1 && b.x < a.x + a.width - 1 && a.y < b.y + b.height - 1 && b.y < a.y + a.height - 1;
interface DOMRectLike {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Rectangles of the rendered code text (each line fragment), in page coordinates. */
async function codeTextRects(page: Page): Promise<DOMRectLike[]> {
  return page
    .locator('pre.code-block code')
    .first()
    .evaluate((code) => {
      const range = document.createRange();
      range.selectNodeContents(code);
      return [...range.getClientRects()].filter((r) => r.width > 0).map((r) => ({ x: r.x, y: r.y, width: r.width, height: r.height }));
    });
}

/**
 * WCAG contrast between inline code's background (composited over what is behind it) and the
 * colour behind it. Source text: tsx's name-keeping helpers do not exist in the page.
 */
const INLINE_CODE_CONTRAST = `((code) => {
  const ctx = document.createElement('canvas').getContext('2d');
  const rgba = (colour) => { ctx.clearRect(0, 0, 1, 1); ctx.fillStyle = colour; ctx.fillRect(0, 0, 1, 1); return [...ctx.getImageData(0, 0, 1, 1).data]; };
  const behind = (el) => { for (let n = el; n; n = n.parentElement) { const c = rgba(getComputedStyle(n).backgroundColor); if (c[3] > 128) return c; } return [255, 255, 255, 255]; };
  const over = (top, under) => [0, 1, 2].map((i) => (top[i] * top[3] + under[i] * (255 - top[3])) / 255);
  const lum = ([r, g, b]) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }; return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const under = behind(code.parentElement);
  const a = lum(over(rgba(getComputedStyle(code).backgroundColor), under));
  const b = lum(under);
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
})(document.querySelector('.message p code'))`;

async function inlineCodeContrast(page: Page): Promise<number> {
  return page.evaluate(INLINE_CODE_CONTRAST) as Promise<number>;
}

/** Waits until the webview's latest message to the host is `expected` (a click posts it on its own turn). */
async function lastPosted(h: Harness, expected: unknown): Promise<void> {
  const deadline = Date.now() + 5_000;
  let last: unknown;
  while (Date.now() < deadline) {
    last = (await h.posted()).at(-1);
    if (JSON.stringify(last) === JSON.stringify(expected)) return;
    await h.page.waitForTimeout(50);
  }
  assert.deepEqual(last, expected);
}

describe('chat webview: welcome and narrow panels', function () {
  this.timeout(60_000);
  let browser: Browser;
  let server: LocalServer;
  let h: Harness | undefined;

  before(async () => {
    await buildChatBundle();
    server = await startHarnessServer();
    browser = await launchChromium();
    mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('welcomes an empty chat with what it can do, the model, the key status, and prompts that send on click', async () => {
    h = await openHarness(browser, server.url, { theme: 'dark' });
    const welcome = h.page.getByTestId('welcome');
    await welcome.waitFor();
    assert.match(await welcome.innerText(), /Apply/, 'says what code blocks can do');
    assert.equal(await h.page.getByTestId('welcome-model').innerText(), 'Model: Claude Sonnet 5.5');
    await h.post({ type: 'apiKey', status: 'missing' });
    assert.equal(await h.page.getByTestId('welcome-key').innerText(), 'API key: not set');
    await h.page.getByTestId('welcome-set-key').click();
    await lastPosted(h, { type: 'error/action', action: 'setApiKey' });
    await h.post({ type: 'apiKey', status: 'environment' });
    assert.equal(await h.page.getByTestId('welcome-key').innerText(), 'API key: from ANTHROPIC_API_KEY');
    assert.equal(await h.page.getByTestId('welcome-set-key').isVisible(), false, 'no Set API Key button once a key is there');
    await h.post({ type: 'models', models: modelChoiceView(new ModelCatalog(), 'claude-opus-4-6', undefined) });
    assert.equal(await h.page.getByTestId('welcome-model').innerText(), 'Model: Claude Opus 4.6', 'follows the model picker');
    await h.page.screenshot({ path: join(SHOTS, 'welcome-dark.png') });

    const prompts = h.page.getByTestId('suggested-prompt');
    assert.ok((await prompts.count()) >= 3, 'offers a few prompts');
    const text = await prompts.first().innerText();
    await prompts.first().click();
    await lastPosted(h, { type: 'prompt/submit', text });
    await h.post({ type: 'message/add', message: { id: 'u1', role: 'user', state: 'done', text } });
    // The host's message is handled asynchronously (postMessage): wait for the welcome to go.
    await welcome.waitFor({ state: 'hidden', timeout: 5000 });
    await h.post({ type: 'chat/state', state: chatState() });
    assert.equal(await welcome.isVisible(), true, 'a new chat welcomes again');
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`keeps the header controls on one row and the code toolbar off the code in a 280 px panel (${theme})`, async () => {
      h = await openHarness(
        browser,
        server.url,
        { theme, width: 280, height: 640 },
        chatState([QUESTION, ANSWER], { banner: 'Offline demo: answers come from the local server at http://127.0.0.1:40123' }),
      );
      const page = h.page;
      await page.locator('#message-a1 pre.code-block').waitFor();
      await h.post({ type: 'stream/metrics', streamId: 'a1', metrics: { timeToFirstTokenMs: 420, tokensPerSecond: 61.5, inputTokens: 1200, outputTokens: 640, costUsd: 0.0123 } });

      const controls = await page
        .locator('.header-controls > *')
        .evaluateAll((els) => els.map((el) => el.getBoundingClientRect()).map((r) => ({ top: r.top, bottom: r.bottom, right: r.right })));
      assert.ok(controls.length >= 4, 'picker, New Chat, History, Add selection');
      // Controls of one row share a band; one that starts below the band's bottom starts a new row.
      const band = { top: Math.min(...controls.map((c) => c.top)), bottom: Math.min(...controls.map((c) => c.bottom)) };
      const below = controls.filter((c) => c.top >= band.bottom);
      assert.equal(below.length, 0, `${below.length} header controls wrapped onto another row`);
      for (const c of controls) assert.ok(c.right <= 280, `a header control reaches x=${c.right}, past the 280 px panel`);
      const clipped = await page
        .locator('.header-controls vscode-button')
        .evaluateAll((els) =>
          els
            .filter((el) => [...el.children].some((label) => label.getBoundingClientRect().width > 0 && label.scrollWidth > label.getBoundingClientRect().width + 1))
            .map((el) => el.textContent),
        );
      assert.deepEqual(clipped, [], 'a header button label is cut off');

      await page.locator('#message-a1 pre.code-block').hover();
      const toolbar = page.locator('.code-toolbar');
      await toolbar.waitFor({ state: 'visible' });
      const bar = await toolbar.boundingBox();
      assert.ok(bar, 'the toolbar is shown');
      const covered = (await codeTextRects(page)).filter((r) => overlaps(r, bar));
      assert.deepEqual(covered, [], 'the code toolbar covers code text');

      await page.screenshot({ path: join(SHOTS, `narrow-${theme}.png`) });
      const contrast = await inlineCodeContrast(page);
      assert.ok(contrast >= 1.15, `inline code's background is ${contrast.toFixed(2)}:1 against the panel; it does not stand out (${theme})`);
    });
  }
});
