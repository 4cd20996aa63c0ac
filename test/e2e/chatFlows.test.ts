/**
 * The chat's user flows in a real VS Code workbench (code-server + headless Chromium), streaming
 * from the local Anthropic-compatible server: progressive rendering, a 5,000-token markdown
 * answer (with render figures), code actions, scrolling, hostile output, Stop three ways,
 * Regenerate, Edit, New Chat, history, error card, retry countdown, thinking and a true page
 * reload, with screenshots under `screenshots/` (the themes are in chatThemes.test.ts).
 */
import * as assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FrameLocator } from 'playwright-core';
import { startMockAnthropicServer, type MockAnthropicServer } from '../server';
import { startNewChat } from './support/chat';
import { launchWorkbench, type Workbench } from './support/workbench';

const normalise = (text: string): string => text.replace(/[\s\u00a0]+/g, ' ').trim();

const CODE: Array<{ language: string; source: string }> = [
  {
    language: 'typescript',
    source: [
      'export async function retry<T>(run: () => Promise<T>, attempts = 3): Promise<T> {',
      '  let last: unknown;',
      '  for (let i = 0; i < attempts; i++) {',
      '    try {',
      '      return await run();',
      '    } catch (error) {',
      '      last = error;',
      '      await new Promise((r) => setTimeout(r, 2 ** i * 100));',
      '    }',
      '  }',
      '  throw last;',
      '}',
    ].join('\n'),
  },
  {
    language: 'python',
    source: [
      'import asyncio',
      '',
      'async def fetch_all(urls):',
      '    """Fetch every URL concurrently."""',
      '    return await asyncio.gather(*(fetch(u) for u in urls))',
      '',
      "if __name__ == '__main__':",
      '    print(asyncio.run(fetch_all([])))',
    ].join('\n'),
  },
  { language: 'bash', source: ['#!/usr/bin/env bash', 'set -euo pipefail', 'for f in src/*.ts; do', '  echo "checking $f"', '  npx tsc --noEmit "$f"', 'done'].join('\n') },
  { language: 'json', source: ['{', '  "name": "demo",', '  "version": "1.0.0",', '  "scripts": { "test": "mocha" },', '  "private": true', '}'].join('\n') },
  {
    language: 'rust',
    source: ['fn main() {', '    let numbers = vec![1, 2, 3];', '    let total: i32 = numbers.iter().sum();', '    println!("total = {}", total);', '}'].join('\n'),
  },
  {
    language: 'go',
    source: ['package main', '', 'import "fmt"', '', 'func main() {', '\tfor i := 0; i < 3; i++ {', '\t\tfmt.Println("tick", i)', '\t}', '}'].join('\n'),
  },
];

/** About 5,000 tokens of markdown: headed sections of prose and lists, with six code blocks. */
function bigMarkdownAnswer(): { markdown: string; code: typeof CODE; sentences: string[]; headings: number } {
  const sentences: string[] = [];
  const parts: string[] = [];
  let headings = 0;
  for (let section = 0; parts.join('\n\n').length < 22_000; section++) {
    parts.push(`## Part ${section + 1}: streaming detail ${section + 1}`);
    headings++;
    const paragraph = Array.from({ length: 6 }, (_, i) => {
      const sentence = `Section ${section + 1} sentence ${i + 1} explains why incremental rendering keeps long answers smooth.`;
      sentences.push(sentence);
      return sentence;
    }).join(' ');
    parts.push(paragraph);
    parts.push(['- a **bold** point', '- an `inline code` point', `- a [link](https://example.com/${section})`].join('\n'));
    if (section < CODE.length) parts.push('```' + CODE[section].language + '\n' + CODE[section].source + '\n```');
  }
  return { markdown: parts.join('\n\n'), code: CODE, sentences, headings };
}

/** Model output that tries every way to run code or phone home; `catchUrl` counts any request. */
function hostileAnswer(catchUrl: string): string {
  return [
    'Here is what you asked for.',
    `<script>window.__pwned = 'script'; alert('script'); fetch('${catchUrl}/script')</script>`,
    `<img src=x onerror="window.__pwned='img'; alert('img'); fetch('${catchUrl}/img')">`,
    `<iframe src="${catchUrl}/iframe"></iframe>`,
    `<svg onload="window.__pwned='svg'"><circle r="5"/></svg>`,
    `<details open ontoggle="window.__pwned='details'">details</details>`,
    "[click me](javascript:window.__pwned='link';alert('link'))",
    '<a href="javascript:alert(1)">raw anchor</a>',
    `![pixel](${catchUrl}/pixel.png)`,
    `<style>@import url('${catchUrl}/style.css');</style>`,
    `<object data="${catchUrl}/object"></object>`,
    'The end.',
  ].join('\n\n');
}

/** A tiny HTTP server on loopback that counts every request: any hit means hostile output ran. */
async function startCatchServer(): Promise<{ url: string; hits: string[]; close(): Promise<void> }> {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    hits.push(req.url ?? '');
    res.end('caught');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, hits, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Counts frames, DOM mutations on the messages container and long tasks, inside the webview. */
const MEASURE = `(() => {
  const m = { frames: 0, records: 0, callbacks: 0, longTasks: 0, longestTask: 0, maxFrameGap: 0, start: performance.now(), end: 0, running: true, longtask: true };
  window.__renderStats = m;
  let last = performance.now();
  const tick = (t) => { if (!m.running) return; m.frames++; m.maxFrameGap = Math.max(m.maxFrameGap, t - last); last = t; requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  const mo = new MutationObserver((records) => { m.callbacks++; m.records += records.length; });
  mo.observe(document.querySelector('[data-testid="messages"]'), { subtree: true, childList: true, characterData: true, attributes: true });
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) { m.longTasks++; m.longestTask = Math.max(m.longestTask, e.duration); } }).observe({ type: 'longtask' });
  } catch { m.longtask = false; }
  window.__stopRenderStats = () => { m.running = false; m.end = performance.now(); mo.disconnect(); const { running, ...rest } = m; return rest; };
})()`;

interface RenderStats {
  frames: number;
  records: number;
  callbacks: number;
  longTasks: number;
  longestTask: number;
  maxFrameGap: number;
  start: number;
  end: number;
  longtask: boolean;
}

/** Records every distinct streaming text of the newest answer, to show it grew progressively. */
const RECORDER = `(() => {
  const seen = [];
  window.__partials = seen;
  new MutationObserver(() => {
    const all = document.querySelectorAll('[data-role="assistant"]');
    const last = all[all.length - 1];
    if (!last || last.getAttribute('data-state') !== 'streaming') return;
    const text = last.textContent || '';
    if (seen[seen.length - 1] !== text) seen.push(text);
  }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
})()`;

describe('Chat flows in the VS Code workbench', function () {
  this.timeout(60_000);
  let server: MockAnthropicServer;
  let catcher: Awaited<ReturnType<typeof startCatchServer>>;
  let workbench: Workbench;
  let chat: FrameLocator;
  const dialogs: string[] = [];
  const popups: string[] = [];
  let firstConversationPrompt = '';

  const input = () => chat.locator('[data-testid="chat-input"]');
  const answers = () => chat.locator('[data-role="assistant"]');
  const lastAnswer = () => answers().last();

  async function send(text: string): Promise<void> {
    await input().fill(text);
    await input().press('Enter');
  }

  /** Waits until there are `count` answers and the last one has finished, and returns its state. */
  async function settled(count: number, timeoutMs = 30_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const n = await answers().count();
      const state = n >= count ? await lastAnswer().getAttribute('data-state') : 'missing';
      if (n >= count && state && state !== 'streaming') return state;
      if (Date.now() > deadline) throw new Error(`answer ${count} did not finish (have ${n}, last ${state})`);
      await workbench.page.waitForTimeout(50);
    }
  }

  async function chatFrame(): Promise<FrameLocator> {
    chat = await workbench.webviewWith('[data-testid="chat-input"]', 30_000);
    return chat;
  }

  /** The text of the first editor group's editor, as Monaco shows it. */
  const editorText = async (): Promise<string> =>
    normalise(await workbench.page.locator('.editor-group-container').first().locator('.monaco-editor .view-lines').first().innerText());

  before(async function () {
    this.timeout(120_000);
    server = await startMockAnthropicServer();
    catcher = await startCatchServer();
    workbench = await launchWorkbench({
      name: 'e2e-chat-flows',
      baseUrl: server.url,
      apiKey: server.apiKey,
      theme: 'light',
      settings: { 'claudeStream.retry.backoffMs': 50, 'workbench.startupEditor': 'none' },
    });
    const { page } = workbench;
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: workbench.codeServer.url });
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.context().on('page', (popup) => popups.push(popup.url()));
    // An editor to insert into, in the first group; the chat opens beside it.
    await workbench.runCommand('File: New Untitled Text File');
    await page.locator('.editor-group-container .monaco-editor textarea').first().waitFor({ timeout: 15_000 });
    await page.keyboard.type('// code goes below');
    await page.keyboard.press('Enter');
  });

  after(async () => {
    await workbench?.close();
    await server?.close();
    await catcher?.close();
  });

  it('opens from the palette and renders the answer progressively', async () => {
    const text = 'Progressive rendering means you read the start of an answer while the rest is still on its way. '.repeat(6).trim();
    server.enqueue({ text, delayMs: 25, tokenChars: [4, 8] });
    await workbench.runCommand('Claude: Open Chat');
    await chatFrame();
    await chat.locator('body').evaluate(RECORDER);
    firstConversationPrompt = 'Explain progressive rendering';
    await send(firstConversationPrompt);
    await chat.locator('[data-role="assistant"][data-state="streaming"]').waitFor({ timeout: 10_000 });
    await chat.locator('[data-role="assistant"]').filter({ hasText: 'Progressive rendering means' }).waitFor({ timeout: 10_000 });
    await workbench.screenshot('chat-flows-streaming');
    assert.equal(await settled(1), 'done');
    assert.equal(normalise(await lastAnswer().innerText()), normalise(text));
    const partials = (await chat.locator('body').evaluate('window.__partials')) as string[];
    const distinct = [...new Set(partials.map(normalise))].filter(Boolean);
    assert.ok(distinct.length >= 5, `only ${distinct.length} partial renders before done`);
    for (const p of distinct) assert.ok(normalise(text).startsWith(p), `a partial render is not a prefix of the answer: "${p.slice(0, 60)}"`);
    await workbench.screenshot('chat-flows-done');
  });

  it('renders a 5,000-token markdown answer with its code blocks highlighted, and reports render figures', async function () {
    this.timeout(90_000);
    const big = bigMarkdownAnswer();
    server.enqueue({ text: big.markdown, delayMs: 1, tokenChars: [3, 6] });
    await chat.locator('body').evaluate(MEASURE);
    await send('Write a long guide with code');
    assert.equal(await settled(2, 60_000), 'done');
    const stats = (await chat.locator('body').evaluate('window.__stopRenderStats()')) as RenderStats;
    const answer = lastAnswer();

    const blocks = answer.locator('pre.code-block');
    assert.equal(await blocks.count(), big.code.length, 'code block count');
    for (let i = 0; i < big.code.length; i++) {
      const code = await blocks.nth(i).locator('code').textContent();
      assert.equal((code ?? '').replace(/\n$/, ''), big.code[i].source, `code block ${i + 1} (${big.code[i].language}) text differs`);
      assert.match((await blocks.nth(i).locator('code').getAttribute('class')) ?? '', new RegExp(`language-${big.code[i].language}`));
      assert.ok((await blocks.nth(i).locator('[class*="hljs-"]').count()) > 3, `code block ${i + 1} is not highlighted`);
    }
    const rendered = normalise(await answer.innerText());
    for (const sentence of big.sentences) assert.ok(rendered.includes(sentence), `missing from the rendered answer: "${sentence}"`);
    assert.equal(await answer.locator('h2').count(), big.headings, 'headings');

    const seconds = (stats.end - stats.start) / 1000;
    const tokens = Math.round(big.markdown.length / 4.5);
    console.log(
      `      render figures over ${seconds.toFixed(1)} s (~${tokens} tokens, ${big.markdown.length} chars): ` +
        `${(stats.frames / seconds).toFixed(1)} frames/s, ${(stats.callbacks / seconds).toFixed(1)} DOM updates/s ` +
        `(${(stats.records / seconds).toFixed(0)} mutation records/s), longest task ${stats.longtask ? `${stats.longestTask.toFixed(0)} ms (${stats.longTasks} over 50 ms)` : 'n/a'}, ` +
        `longest frame gap ${stats.maxFrameGap.toFixed(0)} ms`,
    );
    assert.ok(stats.callbacks / seconds <= 65, 'the webview updated the DOM more often than once per frame');
    await answer.locator('pre.code-block').first().scrollIntoViewIfNeeded();
    await workbench.screenshot('chat-flows-code-blocks');
  });

  it('inserts a code block at the cursor in the open editor, and copies a message to the clipboard', async () => {
    const big = bigMarkdownAnswer();
    const block = lastAnswer().locator('pre.code-block').first();
    await block.scrollIntoViewIfNeeded();
    await block.hover();
    await chat.locator('[data-testid="code-insert"]').click();
    const firstLines = big.code[0].source.split('\n').slice(0, 3).map(normalise);
    const deadline = Date.now() + 10_000;
    let text = '';
    while (Date.now() < deadline) {
      text = await editorText();
      if (firstLines.every((l) => text.includes(l))) break;
      await workbench.page.waitForTimeout(100);
    }
    assert.ok(text.startsWith('// code goes below'), `the editor lost its text: ${text.slice(0, 80)}`);
    for (const line of firstLines) assert.ok(text.includes(line), `the editor does not show "${line}": ${text.slice(0, 200)}`);

    const first = answers().first();
    await first.hover();
    await chat.locator('.turn-assistant').first().locator('[data-testid="message-copy"]').click();
    const expected = normalise(await first.innerText());
    let clip = '';
    for (let i = 0; i < 50 && normalise(clip) !== expected; i++) {
      clip = await workbench.page.evaluate(() => navigator.clipboard.readText()).catch(() => '');
      await workbench.page.waitForTimeout(100);
    }
    assert.equal(normalise(clip), expected, 'the clipboard does not hold the copied message');
  });

  it('stops following when the user scrolls up, shows "Jump to latest", and Escape stops the stream', async () => {
    const lines = Array.from({ length: 150 }, (_, i) => `Line ${i + 1} of an answer long enough to scroll.`).join('\n\n');
    server.enqueue({ text: lines, delayMs: 12, tokenChars: [6, 10] });
    await send('A long answer please');
    const messages = chat.locator('[data-testid="messages"]');
    await workbench.page.waitForTimeout(200);
    const scrolled = async () => messages.evaluate((el) => ({ top: el.scrollTop, height: el.scrollHeight, client: el.clientHeight }));
    await lastAnswer().filter({ hasText: 'Line 40 ' }).waitFor({ timeout: 20_000 });
    await messages.hover();
    await workbench.page.mouse.wheel(0, -1500);
    const jump = chat.locator('[data-testid="jump-to-latest"]');
    await jump.waitFor({ state: 'visible', timeout: 5_000 });
    const before = await scrolled();
    await workbench.page.waitForTimeout(600);
    const after = await scrolled();
    assert.ok(after.height > before.height, 'the answer did not grow meanwhile');
    assert.ok(Math.abs(after.top - before.top) <= 2, `the view jumped from ${before.top} to ${after.top} while the user read`);
    await workbench.screenshot('chat-flows-jump-to-latest');
    await jump.click();
    const bottom = await scrolled();
    assert.ok(bottom.height - bottom.top - bottom.client <= 40, 'Jump to latest did not go to the bottom');

    await messages.click({ position: { x: 20, y: 20 } });
    await workbench.page.keyboard.press('Escape');
    assert.equal(await settled(3), 'cancelled');
    const partial = normalise(await lastAnswer().innerText());
    assert.ok(partial.length > 0 && partial.length < normalise(lines).length, 'Escape did not keep a partial answer');
  });

  it('stops the stream from the status-bar item', async () => {
    server.enqueue({ text: 'Slow words. '.repeat(200), delayMs: 20, tokenChars: 4 });
    await send('Another long answer');
    await chat.locator('[data-role="assistant"][data-state="streaming"]').waitFor({ timeout: 10_000 });
    const item = workbench.page.locator('.statusbar-item', { hasText: /Claude/ }).first();
    await workbench.page.locator('.statusbar-item [class*="loading"]').first().waitFor({ timeout: 10_000 });
    await item.locator('a, .statusbar-item-label').first().click();
    assert.equal(await settled(4), 'cancelled');
  });

  it('regenerates the last answer and resends an edited question', async () => {
    server.enqueue({ text: 'A regenerated answer.' });
    await lastAnswer().hover();
    await chat.locator('.turn-assistant').last().locator('[data-testid="message-regenerate"]').click();
    await chat.locator('[data-role="assistant"]').filter({ hasText: 'A regenerated answer.' }).waitFor({ timeout: 15_000 });
    assert.equal(await settled(4), 'done');

    server.enqueue({ text: 'An answer to the edited question.' });
    const lastUser = chat.locator('.turn-user').last();
    await lastUser.hover();
    await lastUser.locator('[data-testid="message-edit"]').click();
    const editor = chat.locator('[data-testid="edit-input"]');
    await editor.fill('An edited question');
    await editor.press('Enter');
    await chat.locator('[data-role="assistant"]').filter({ hasText: 'An answer to the edited question.' }).waitFor({ timeout: 15_000 });
    assert.equal(await settled(4), 'done');
    assert.equal(normalise(await chat.locator('[data-role="user"]').last().innerText()), 'An edited question');
    assert.equal(await chat.locator('[data-role="user"]').count(), 4);
  });

  it('runs nothing from hostile model output: no script, handler, iframe, javascript: link or request', async () => {
    await startNewChat(chat);
    assert.equal(await chat.locator('[data-role]').count(), 0, 'New Chat did not clear the transcript');
    server.enqueue({ text: hostileAnswer(catcher.url), delayMs: 2, tokenChars: [5, 12] });
    await send('Show me some HTML');
    assert.equal(await settled(1), 'done');
    const answer = lastAnswer();
    for (const tag of ['script', 'iframe', 'img', 'svg', 'object', 'embed', 'form', 'style']) {
      assert.equal(await answer.locator(tag).count(), 0, `a <${tag}> element was rendered`);
    }
    const handlers = await answer.evaluate((el) => [...el.querySelectorAll('*')].flatMap((n) => [...n.attributes].map((a) => a.name)).filter((name) => name.startsWith('on')));
    assert.deepEqual(handlers, [], 'event handler attributes survived');
    const hrefs = await answer.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    assert.ok(!hrefs.some((h) => /^\s*(javascript|data|vbscript):/i.test(h)), `dangerous hrefs: ${hrefs.join(', ')}`);
    // A user clicking the text where the javascript: link would be gets nothing either.
    await answer
      .getByText('click me', { exact: false })
      .first()
      .click()
      .catch(() => undefined);
    await workbench.page.waitForTimeout(1_000);
    assert.equal(await chat.locator('body').evaluate('typeof window.__pwned'), 'undefined', 'script ran in the webview');
    assert.equal(await workbench.page.evaluate('typeof window.__pwned'), 'undefined', 'script ran in the workbench');
    assert.deepEqual(dialogs, [], 'a dialog was opened');
    assert.deepEqual(catcher.hits, [], 'the catch server was contacted');
    assert.deepEqual(popups, [], 'a new window was opened');
    await workbench.screenshot('chat-flows-hostile');
  });

  it('shows the 401 key card, the 429 countdown, and a collapsed thinking section', async () => {
    server.enqueue({ status: 401, errorType: 'authentication_error', errorMessage: 'invalid x-api-key' });
    await send('Is my key fine?');
    assert.equal(await settled(2), 'error');
    const card = chat.locator('[data-testid="error-card"]').last();
    await card.waitFor({ timeout: 5_000 });
    const button = card.locator('[data-testid="error-action"]');
    assert.equal(normalise(await button.innerText()), 'Set API Key');
    await workbench.screenshot('chat-flows-error-card');
    await button.click();
    const quickInput = workbench.page.locator('.quick-input-widget');
    await quickInput.waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(normalise(await quickInput.innerText()), /key/i, 'Set API Key did not ask for a key');
    await workbench.page.keyboard.press('Escape');
    await quickInput.waitFor({ state: 'hidden', timeout: 5_000 });

    server.enqueue({ status: 429, errorType: 'rate_limit_error', retryAfterSec: 3 }, { text: 'Here after the rate limit.' });
    await chatFrame();
    await send('Try again under load');
    const retry = chat.locator('[data-testid="retry-card"]');
    await retry.waitFor({ timeout: 10_000 });
    assert.match(normalise(await retry.innerText()), /Retrying in [1-3] s \(attempt 1 of 3\)/);
    await workbench.screenshot('chat-flows-retry-countdown');
    assert.equal(await settled(3, 20_000), 'done');
    assert.equal(normalise(await lastAnswer().innerText()), 'Here after the rate limit.');
    assert.equal(await retry.count(), 0, 'the countdown stayed after the answer came');

    server.enqueue({ thinking: 'The user wants a short answer. I will weigh two options and pick the simpler one.', text: 'The simpler option.', delayMs: 5 });
    await send('Think first');
    assert.equal(await settled(4), 'done');
    const thinking = chat.locator('[data-testid="thinking"]').last();
    assert.equal(await thinking.evaluate((d) => (d as HTMLDetailsElement).open), false, 'thinking is not collapsed');
    assert.equal(normalise(await lastAnswer().innerText()), 'The simpler option.', 'thinking leaked into the answer');
    await thinking.locator('summary').click();
    assert.match(normalise(await thinking.innerText()), /weigh two options/);
    await workbench.screenshot('chat-flows-thinking');
  });

  it('New Chat starts empty and the history list reopens an earlier conversation', async () => {
    await startNewChat(chat);
    assert.equal(await chat.locator('[data-role]').count(), 0);
    await chat.locator('[data-testid="history"]').click();
    const list = chat.locator('[data-testid="history-list"]');
    await list.waitFor({ state: 'visible', timeout: 5_000 });
    await workbench.screenshot('chat-flows-history');
    const item = list.locator('.history-item', { hasText: firstConversationPrompt });
    assert.equal(await item.count(), 1, `the history list does not show "${firstConversationPrompt}": ${await list.innerText()}`);
    await item.click();
    await chat.locator('[data-role="user"]', { hasText: firstConversationPrompt }).waitFor({ timeout: 10_000 });
    assert.ok((await chat.locator('pre.code-block').count()) > 0, 'the reopened conversation lost its code blocks');
  });

  it('comes back after a window reload with the same conversation', async function () {
    this.timeout(120_000);
    const before = normalise(await chat.locator('[data-role="user"]').first().innerText());
    const count = await chat.locator('[data-role]').count();
    // The workbench batches storage writes to IndexedDB (about 100 ms, longer under load); a
    // reload within milliseconds of the last click, faster than any user, can lose the last one.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await workbench.page.reload();
    await workbench.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    chat = await workbench.webviewWith('[data-role="user"]', 60_000);
    assert.equal(normalise(await chat.locator('[data-role="user"]').first().innerText()), before);
    assert.equal(await chat.locator('[data-role]').count(), count, 'the restored panel shows a different number of messages');
    await workbench.screenshot('chat-flows-after-reload');
  });
});
