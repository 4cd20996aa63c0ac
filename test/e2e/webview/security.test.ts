/**
 * Hostile model output in real Chromium: nothing it writes may run script, open a dialog,
 * load a remote resource, navigate the webview or restyle the panel. Checked with and
 * without the host's CSP, so the sanitiser is proven on its own too.
 */
import * as assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { buildChatBundle, launchChromium, startCatchServer, startHarnessServer } from '../../../bench/webview/harnessServer';
import type { LocalServer } from '../../../bench/webview/harnessServer';
import { tokenize } from '../../../bench/webview/markdownFixture';
import { inPage, openHarness, streamingAnswer } from './harness';
import type { Harness } from './harness';

const PWN = 'window.__pwned=true';

/** Markdown a hostile or confused model might write. `C` is the catch server's origin. */
function hostileMarkdown(C: string): string {
  return [
    '# Hostile answer',
    `<script>${PWN}</script>`,
    `<img src=x onerror="${PWN}">`,
    `<img src="${C}/raw-img.png">`,
    `![tracking pixel](${C}/md-image.png)`,
    `![js image](javascript:${PWN})`,
    `[plain js](javascript:${PWN})`,
    `[mixed case](JaVaScRiPt:${PWN})`,
    `[entity](&#106;avascript:${PWN})`,
    `[tab](java\tscript:${PWN})`,
    '[data html](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD10cnVlPC9zY3JpcHQ+)',
    '[vbscript](vbscript:msgbox(1))',
    `<javascript:${PWN}>`,
    `[ref link][evil]\n\n[evil]: javascript:${PWN}`,
    `<iframe src="${C}/iframe"></iframe>`,
    `<iframe srcdoc="<script>parent.__pwned=true</script>"></iframe>`,
    `<svg onload="${PWN}"><script>${PWN}</script></svg>`,
    `<style>body{background:url(${C}/style-bg)} .message{position:fixed;inset:0}</style>`,
    '<div style="position:fixed;top:0;left:0;width:100vw;height:100vh;background:red">overlay</div>',
    `<object data="${C}/object"></object><embed src="${C}/embed">`,
    `<form action="${C}/form"><button>submit</button></form>`,
    `<link rel="stylesheet" href="${C}/link.css"><meta http-equiv="refresh" content="0;url=${C}/meta"><base href="${C}/">`,
    `<details open ontoggle="${PWN}">x</details>`,
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    '```js" onmouseover="alert(1)\nconsole.log("class escape")\n```',
    `A normal link: [docs](${C}/docs) and an autolink ${C}/auto`,
    '',
  ].join('\n\n');
}

/** Raw HTML that markdown-it would escape; fed straight to the sanitiser (defence in depth). */
function rawHtmlVectors(C: string): string[] {
  return [
    `<script>${PWN}</script>`,
    `<img src=x onerror="${PWN}">`,
    `<img src="${C}/probe-img">`,
    `<a href="javascript:${PWN}">js</a>`,
    `<a href="  javascript:${PWN}">spaced</a>`,
    '<a href="data:text/html,<script>alert(1)</script>">data</a>',
    `<a href="vbscript:msgbox(1)">vb</a>`,
    `<iframe src="${C}/probe-iframe"></iframe>`,
    `<svg><animate onbegin="${PWN}" attributeName="x" dur="1s"/></svg>`,
    `<svg onload="${PWN}"></svg>`,
    `<p style="position:fixed;inset:0;background:url(${C}/probe-style)">styled</p>`,
    `<style>@import "${C}/probe-import";</style>`,
    `<object data="${C}/probe-object"></object>`,
    `<form action="${C}/probe-form"><input name=x></form>`,
    `<math><mtext><table><mglyph><style><img src=x onerror="${PWN}">`,
    `<noscript><p title="</noscript><img src=x onerror=${PWN}>">`,
    `<a href="#" onclick="${PWN}" class="message chat-input">class and handler</a>`,
    `<video><source onerror="${PWN}"></video><audio src=x onerror="${PWN}"></audio>`,
    `<input autofocus onfocus="${PWN}">`,
    `<button formaction="javascript:${PWN}">b</button>`,
  ];
}

describe('chat webview against hostile output', function () {
  this.timeout(60_000);
  let browser: Browser;
  let server: LocalServer;
  let catcher: LocalServer & { hits: string[] };

  before(async () => {
    await buildChatBundle();
    server = await startHarnessServer();
    catcher = await startCatchServer();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await catcher?.close();
  });

  for (const csp of [true, false]) {
    it(`runs nothing, loads nothing and navigates nowhere ${csp ? 'under the host CSP' : 'with the CSP removed'}`, async () => {
      catcher.hits.length = 0;
      const h = await openHarness(browser, server.url, { csp });
      const dialogs = watchDialogs(h.page);
      try {
        const text = hostileMarkdown(catcher.url);
        await h.post({ type: 'message/add', message: streamingAnswer('evil') });
        await h.stream('evil', tokenize(text), 4000);
        await assertInert(h, 'evil');
        // Click every link: each goes to the host as link/open, the page stays put.
        const url = h.page.url();
        const links = h.page.locator('#message-evil a');
        for (let i = 0; i < (await links.count()); i++) await links.nth(i).click();
        await inPage(h.page, 'frames', 2);
        assert.equal(h.page.url(), url);
        const opened = (await h.posted()).filter((m) => m.type === 'link/open').map((m) => (m as { href: string }).href);
        assert.ok(opened.includes(`${catcher.url}/docs`), `link/open posted: ${opened.join(', ')}`);
        assert.ok(opened.every((href) => !/^\s*(javascript|data|vbscript):/i.test(href)));
        await new Promise((r) => setTimeout(r, 150));
        assert.deepEqual(catcher.hits, []);
        assert.equal(await inPage(h.page, 'pwned'), false);
        assert.deepEqual(dialogs, []);
      } finally {
        await h.close();
      }
    });
  }

  it('keeps raw HTML vectors inert even if they reached the sanitiser directly', async () => {
    catcher.hits.length = 0;
    const page = await browser.newPage();
    const dialogs = watchDialogs(page);
    try {
      await page.goto(`${server.url}/harness.html?nocsp=1&naive=1`);
      for (const vector of rawHtmlVectors(catcher.url)) {
        const html = await page.evaluate((v) => (globalThis as unknown as { __naive: { probe(h: string): string } }).__naive.probe(v), vector);
        assert.doesNotMatch(html, /<(script|iframe|svg|style|object|embed|form|input|img|video|audio|math|button|base|meta|link)\b/i, vector);
        assert.doesNotMatch(html, /\son\w+=|\sstyle=|javascript:|vbscript:|data:/i, vector);
        assert.doesNotMatch(html, /class="[^"]*(message|chat-input)/, vector);
      }
      await page.locator('.probe a').evaluateAll((as) => as.forEach((a) => (a as HTMLAnchorElement).click()));
      await new Promise((r) => setTimeout(r, 150));
      assert.deepEqual(catcher.hits, []);
      assert.equal(await page.evaluate(() => (globalThis as unknown as { __pwned?: boolean }).__pwned === true), false);
      assert.deepEqual(dialogs, []);
    } finally {
      await page.close();
    }
  });
});

function watchDialogs(page: Page): string[] {
  const seen: string[] = [];
  page.on('dialog', (d) => {
    seen.push(d.message());
    void d.dismiss();
  });
  return seen;
}

/** No active element, handler, style or remote reference survived; the box kept its place. */
async function assertInert(h: Harness, id: string): Promise<void> {
  const body = h.page.locator(`#message-${id}`);
  assert.equal(await body.getAttribute('data-state'), 'done');
  const forbidden = 'script, iframe, svg, style, object, embed, form, img, link, meta, base, details, math, noscript, input';
  assert.equal(await body.locator(forbidden).count(), 0);
  const attributes: string[] = await body.locator('*').evaluateAll((els) => els.flatMap((e) => [...e.attributes].map((a) => `${a.name}=${a.value}`)));
  assert.deepEqual(
    attributes.filter((a) => /^(on|style|src|srcdoc|action|formaction)/i.test(a)),
    [],
  );
  assert.deepEqual(
    attributes.filter((a) => /^href=\s*(javascript|data|vbscript):/i.test(a)),
    [],
  );
  assert.ok((await body.innerText()).includes('<script>'), 'raw HTML is shown as text');
  // Style escapes: the message stays inside its turn and the panel's layout.
  const box = await body.boundingBox();
  const turn = await h.page.locator(`.turn[data-message-id=${id}]`).boundingBox();
  assert.ok(box && turn && box.x >= turn.x && box.x + box.width <= turn.x + turn.width + 1);
  assert.equal(await h.page.getByTestId('chat-input').isVisible(), true);
}
