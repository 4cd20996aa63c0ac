/**
 * A public XSS corpus against the chat webview in real Chromium: DOMPurify's own test vectors
 * (test/fixtures/security/dompurifyVectors.json, with attribution) plus ours, streamed as model
 * output as text, inside an `html` code fence and as link targets, and fed raw to the
 * sanitiser. The page runs WITHOUT the host CSP, so the renderer and sanitiser alone must hold:
 * no script (canary, dialogs), no request beyond the page's own assets, no style escaping the
 * message, and links only as `link/open` messages that the host's `safeExternalUrl` filters.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { buildChatBundle, launchChromium, startCatchServer, startHarnessServer } from '../../../bench/webview/harnessServer';
import type { LocalServer } from '../../../bench/webview/harnessServer';
import { safeExternalUrl } from '../../../src/core/links';
import { inPage, openHarness, streamingAnswer, type Harness } from '../webview/harness';

interface Vector {
  title: string;
  payload: string;
}

const CORPUS = JSON.parse(readFileSync(join(__dirname, '../../fixtures/security/dompurifyVectors.json'), 'utf8')) as { vectors: Vector[] };
const CANARY = 'window.__pwned=true';

/** Our own: the tricks a model (or a prompt injection through it) would try in markdown. */
function ownVectors(C: string): Vector[] {
  const v = (title: string, payload: string) => ({ title, payload });
  return [
    v('script', `<script>${CANARY}</script>`),
    v('img onerror', `<img src=x onerror="${CANARY}">`),
    v('javascript link', `[click](javascript:${CANARY})`),
    v('javascript link, entity-encoded', `[click](&#x6A;avascript:${CANARY})`),
    v('javascript link, newline', `[click](java\nscript:${CANARY})`),
    v('javascript autolink', `<javascript:${CANARY}>`),
    v('reference link', `[ref][x]\n\n[x]: javascript:${CANARY}`),
    v('command link', '[run](command:workbench.action.terminal.new)'),
    v('vscode link', '[open](vscode://file/etc/passwd)'),
    v('file link', '[file](file:///etc/passwd)'),
    v('data html link', '[d](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'),
    v('data image', '![d](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)'),
    v('tracking image', `![pixel](${C}/pixel.png)`),
    v('image with title', `![x](${C}/t.png "title\\" onerror=\\"${CANARY}")`),
    v('iframe', `<iframe src="${C}/frame"></iframe>`),
    v('svg onload', `<svg onload="${CANARY}"/>`),
    v('style escape', '<style>.message{position:fixed!important;inset:0;z-index:9999}</style>'),
    v('fixed overlay', '<div style="position:fixed;inset:0;background:red;z-index:99999">overlay</div>'),
    v('css import', `<style>@import url(${C}/x.css)</style>`),
    v('link title break-out', `[x](${C}/a "a\\"onmouseover=\\"${CANARY}")`),
    v('html in code span', '`<img src=x onerror=alert(1)>`'),
    v('fence info break-out', '```"><img src=x onerror=alert(1)>\ncode\n```'),
    v('meta refresh', `<meta http-equiv="refresh" content="0;url=${C}/meta">`),
    v('base href', `<base href="${C}/">[rel](relative)`),
    v('table with html', `| a | b |\n|---|---|\n| <img src=x onerror=alert(1)> | [x](javascript:alert(1)) |`),
    v('nested emphasis link', `**[bold](javascript:${CANARY})**`),
  ];
}

/** Markdown contexts each payload is streamed in. */
const CONTEXTS: Array<[string, (p: string) => string]> = [
  ['as text', (p) => p],
  ['in an html fence', (p) => `\`\`\`html\n${p.replace(/```/g, "'''")}\n\`\`\``],
  ['as a link target', (p) => `[link](${p.replace(/[\s()]/g, '')})`],
];

describe('security: a public XSS corpus rendered as model output in Chromium', function () {
  this.timeout(90_000);
  let browser: Browser;
  let server: LocalServer;
  let catcher: LocalServer & { hits: string[] };
  let vectors: Vector[];

  before(async () => {
    await buildChatBundle();
    server = await startHarnessServer();
    catcher = await startCatchServer();
    browser = await launchChromium();
    vectors = [...CORPUS.vectors, ...ownVectors(catcher.url)]
      .filter((x) => typeof x.payload === 'string')
      .map((x) => ({ ...x, payload: x.payload.replace(/alert\((\d*)\)/g, `(${CANARY},alert($1))`) }));
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await catcher?.close();
  });

  it(`renders ${CORPUS.vectors.length} DOMPurify vectors and our own in three markdown contexts without running, loading or restyling anything`, async () => {
    const h = await openHarness(browser, server.url, { csp: false, height: 900 });
    const watch = watchPage(h.page, server.url);
    let streamed = 0;
    try {
      for (const [context, wrap] of CONTEXTS) {
        // Ten payloads per answer, each in its own paragraph, streamed in small deltas.
        for (let i = 0; i < vectors.length; i += 10) {
          const id = `v${context.replace(/\W/g, '')}${i}`;
          const text = vectors
            .slice(i, i + 10)
            .map((v) => `### ${(v.title || 'untitled').replace(/[<>`[\]]/g, '')}\n\n${wrap(v.payload)}`)
            .join('\n\n');
          await h.post({ type: 'message/add', message: streamingAnswer(id) });
          await h.stream(id, text.match(/[\s\S]{1,7}/g) ?? [], 200_000);
          streamed++;
        }
      }
      await inPage(h.page, 'frames', 3);
      await assertContained(h);
      const opened = await clickLinks(h);
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(await inPage(h.page, 'pwned'), false, 'the canary was never set');
      assert.deepEqual(watch.dialogs, [], 'no alert/confirm/prompt');
      assert.deepEqual(catcher.hits, [], 'nothing reached the catch server');
      assert.deepEqual(watch.foreign, [], 'no request beyond the page and its own assets');
      const refused = opened.filter((href) => safeExternalUrl(href) === undefined);
      assert.ok(opened.every((href) => safeExternalUrl(href) === undefined || /^(https?|mailto):/i.test(safeExternalUrl(href)!)));
      console.log(
        `      refused by the host, e.g.: ${[...new Set(refused)]
          .slice(0, 6)
          .map((x) => JSON.stringify(x.slice(0, 40)))
          .join(' ')}`,
      );
      console.log(
        `      ${vectors.length} payloads × ${CONTEXTS.length} contexts in ${streamed} streamed answers; ${opened.length} link clicks went to the host, which would refuse ${refused.length}; 0 got through`,
      );
    } finally {
      await h.close();
    }
  });

  it('keeps every vector inert when fed raw to the sanitiser, past markdown-it', async () => {
    const page = await browser.newPage();
    const watch = watchPage(page, server.url);
    try {
      await page.goto(`${server.url}/harness.html?nocsp=1&naive=1`);
      const leaks: string[] = [];
      for (const v of vectors) {
        // Inspect the sanitised DOM itself: escaped text that merely looks like a tag is fine.
        const found = await page.evaluate((p) => {
          (globalThis as unknown as { __naive: { probe(h: string): string } }).__naive.probe(p);
          const boxes = document.querySelectorAll('.probe');
          const box = boxes[boxes.length - 1];
          const bad: string[] = [];
          for (const el of box.querySelectorAll('*')) {
            if (/^(script|iframe|svg|style|object|embed|form|input|img|video|audio|math|button|base|meta|link|template|frame|textarea|select)$/i.test(el.localName))
              bad.push(`<${el.localName}>`);
            for (const a of el.getAttributeNames()) if (/^(on|style|src|srcdoc|action|formaction|xlink:href|id|name)/i.test(a)) bad.push(`${el.localName}[${a}]`);
            const href = el.getAttribute('href');
            if (href !== null && /^\s*(javascript|data|vbscript|command|file):/i.test(href)) bad.push(`href=${href.slice(0, 30)}`);
          }
          return bad;
        }, v.payload);
        if (found.length > 0) leaks.push(`${v.title}: ${found.join(', ')}`);
      }
      assert.deepEqual(leaks, []);
      // No clicks here: this bare page has no link handler, so a click would just navigate.
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(await page.evaluate(() => (globalThis as unknown as { __pwned?: boolean }).__pwned === true), false);
      assert.deepEqual(watch.dialogs, []);
      assert.deepEqual(catcher.hits, []);
      assert.deepEqual(watch.foreign, []);
    } finally {
      await page.close();
    }
  });
});

/** Dialogs, and every request that is not one of the harness page's own assets. */
function watchPage(page: Page, origin: string): { dialogs: string[]; foreign: string[] } {
  const seen = { dialogs: [] as string[], foreign: [] as string[] };
  page.on('dialog', (d) => {
    seen.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('request', (request) => {
    const url = request.url();
    const own = url.startsWith(`${origin}/harness.html`) || (/^(\w+:\/\/[^/]+)\/(dist\/webview|out\/bench-webview|media|bench\/webview)\//.test(url) && url.startsWith(origin));
    if (!own) seen.foreign.push(url.slice(0, 120));
  });
  return seen;
}

/** Every rendered element stays inside its message box; nothing is fixed or hides the input. */
async function assertContained(h: Harness): Promise<void> {
  const report = await h.page.evaluate(() => {
    const problems: string[] = [];
    const forbidden = 'script, iframe, svg, style, object, embed, form, img, link, meta, base, math, input, button, textarea, video, audio, template';
    for (const message of document.querySelectorAll<HTMLElement>('[id^="message-v"]')) {
      const box = message.getBoundingClientRect();
      if (message.querySelector(forbidden)) problems.push(`${message.id}: ${message.querySelector(forbidden)!.tagName}`);
      for (const el of message.querySelectorAll<HTMLElement>('*')) {
        const style = getComputedStyle(el);
        if (style.position === 'fixed' || style.position === 'sticky') problems.push(`${message.id}: ${el.tagName} is ${style.position}`);
        for (const attr of el.getAttributeNames()) if (/^(on|style|src|srcdoc|action|formaction)/i.test(attr)) problems.push(`${message.id}: ${el.tagName}[${attr}]`);
        // Content of a scrolling code block is clipped by it; the block itself must fit.
        let clipped = false;
        for (let p = el.parentElement; p && p !== message; p = p.parentElement) if (getComputedStyle(p).overflowX !== 'visible') clipped = true;
        const r = el.getBoundingClientRect();
        if (!clipped && r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1)) problems.push(`${message.id}: ${el.tagName} sticks out sideways`);
      }
    }
    const input = document.querySelector<HTMLElement>('[data-testid=chat-input]');
    const inputBox = input?.getBoundingClientRect();
    const top = inputBox ? document.elementFromPoint(inputBox.left + inputBox.width / 2, inputBox.top + inputBox.height / 2) : null;
    if (!input || !top || !(input === top || input.contains(top) || top.contains(input) || top.closest('.composer')))
      problems.push(`the input is covered by ${top?.tagName}.${top?.className}`);
    return problems;
  });
  assert.deepEqual(report.slice(0, 10), []);
}

/** Clicks every link in the answers; returns the hrefs the webview posted as `link/open`. */
async function clickLinks(h: Harness): Promise<string[]> {
  const before = (await h.posted()).length;
  const url = h.page.url();
  await h.page.locator('[id^="message-v"] a').evaluateAll((as) => as.forEach((a) => (a as HTMLElement).click()));
  await inPage(h.page, 'frames', 2);
  assert.equal(h.page.url(), url, 'the page did not navigate');
  const posted = (await h.posted()).slice(before);
  assert.ok(
    posted.every((m) => m.type === 'link/open' || m.type === 'file/open'),
    JSON.stringify(posted.filter((m) => m.type !== 'link/open').slice(0, 3)),
  );
  return posted.filter((m) => m.type === 'link/open').map((m) => (m as { href: string }).href);
}
