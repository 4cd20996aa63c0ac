/**
 * Context from the workspace, in the chat webview in real Chromium: the `#` completion and its
 * keyboard, chips with token counts that expand to show what is sent, removing a chip, the
 * host's refusal with its offers, files dropped from the Explorer, a pasted image, and the
 * active-file toggle. The host is the harness: it answers the webview's `context/*` messages
 * the way the extension does. Screenshots go to `screenshots/`.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AttachmentView, ChatWebviewMessage, MessageView } from '../../../src/shared/protocol';
import { ROOT } from '../../../scripts/lib/paths.mjs';
import { chatState, openHarness, useHarnessSuite, type Harness } from './harness';

const SCREENS = join(ROOT, 'screenshots');

async function screenshot(h: Harness, name: string): Promise<void> {
  mkdirSync(SCREENS, { recursive: true });
  await h.page.screenshot({ path: join(SCREENS, `${name}.png`) });
}

type Posted<T extends ChatWebviewMessage['type']> = Extract<ChatWebviewMessage, { type: T }>;

const CART = 'export function cartTotal(items: LineItem[]): number {\n  return items.reduce((s, i) => s + i.unitCents * i.quantity, 0);\n}\n';

const fileAttachment = (id: string, path: string, code: string, tokens: number): AttachmentView => ({
  id,
  kind: 'file',
  label: path,
  path,
  code,
  language: 'typescript',
  tokens,
});

describe('chat webview: context from the workspace', function () {
  this.timeout(60_000);
  const suite = useHarnessSuite({ openEach: false });

  const input = () => suite.h.page.getByTestId('chat-input');
  const popup = () => suite.h.page.getByTestId('mention-popup');
  const rows = () => popup().getByTestId('mention-item');
  const selectedRow = () => popup().locator('[aria-selected="true"]');

  async function lastOf<T extends ChatWebviewMessage['type']>(type: T, timeoutMs = 5_000): Promise<Posted<T>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = (await suite.h.posted()).filter((m): m is Posted<T> => m.type === type).at(-1);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`the webview did not post ${type}`);
      await suite.h.page.waitForTimeout(20);
    }
  }

  async function countOf(type: ChatWebviewMessage['type']): Promise<number> {
    return (await suite.h.posted()).filter((m) => m.type === type).length;
  }

  /**
   * Waits for the webview's file query for `query` and answers it with `paths`. `since` skips
   * the messages posted before it: typing "#file:zzz" also asked for "" on the way, and an
   * answer to that stale query would be ignored.
   */
  async function answerQuery(query: string, paths: string[], since = 0): Promise<void> {
    const deadline = Date.now() + 5_000;
    let asked: Posted<'context/query'> | undefined;
    while (!asked) {
      asked = (await suite.h.posted())
        .slice(since)
        .filter((m): m is Posted<'context/query'> => m.type === 'context/query' && m.query === query)
        .at(-1);
      if (Date.now() > deadline) throw new Error(`no context/query for "${query}"`);
      if (!asked) await suite.h.page.waitForTimeout(20);
    }
    await suite.h.post({
      type: 'context/suggestions',
      requestId: asked.requestId,
      items: paths.map((p) => ({ kind: 'file', value: p, label: p.slice(p.lastIndexOf('/') + 1), ...(p.includes('/') ? { detail: p.slice(0, p.lastIndexOf('/')) } : {}) })),
    });
  }

  it("completes #fi to #file:, lists the host's files as the user types, and attaches the one picked with the keyboard", async () => {
    suite.h = await openHarness(suite.browser, suite.server.url);
    await input().click();
    await suite.h.page.keyboard.type('Why does #fi');
    await popup().waitFor();
    assert.match(await rows().first().innerText(), /^#file\s*A file from the workspace$/);
    assert.deepEqual(await rows().evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.kind)), ['file']);
    assert.equal(await input().getAttribute('aria-controls'), await popup().getAttribute('id'));
    assert.equal(await popup().getAttribute('role'), 'listbox');
    await suite.h.page.keyboard.press('Enter');
    assert.equal(await input().inputValue(), 'Why does #file:', 'Enter picked the kind instead of sending');
    assert.equal(await countOf('prompt/submit'), 0);
    assert.equal(await rows().count(), 0, 'the kinds make way for the files');
    assert.equal(await popup().getByTestId('mention-note').textContent(), 'Searching…');
    await answerQuery('', ['src/cart.ts', 'src/retry.ts']);
    await suite.h.page.keyboard.type('r');
    await answerQuery('r', ['src/retry.ts', 'src/cart.ts', 'README.md']);
    await rows().nth(2).waitFor();
    assert.deepEqual(await rows().evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.value)), ['src/retry.ts', 'src/cart.ts', 'README.md']);
    await suite.h.page.keyboard.press('ArrowDown');
    assert.equal(await selectedRow().getAttribute('data-value'), 'src/cart.ts');
    assert.equal(await input().getAttribute('aria-activedescendant'), await selectedRow().getAttribute('id'));
    await screenshot(suite.h, 'context-completion');
    await suite.h.page.keyboard.press('Enter');
    assert.equal(await input().inputValue(), 'Why does #file:src/cart.ts ');
    assert.equal(await popup().isVisible(), false);
    const add = await lastOf('context/add');
    assert.deepEqual({ kind: add.kind, value: add.value }, { kind: 'file', value: 'src/cart.ts' });
    await suite.h.page.getByTestId('context-pending').waitFor();

    await suite.h.post({ type: 'input/attach', requestId: add.requestId, attachment: fileAttachment('att-1', 'src/cart.ts', CART, 1234) });
    const chip = suite.h.page.getByTestId('composer-attachment');
    await chip.waitFor();
    assert.equal(await suite.h.page.getByTestId('context-pending').count(), 0);
    assert.equal(await chip.getByTestId('chip-label').textContent(), 'src/cart.ts');
    assert.equal(await chip.getByTestId('chip-tokens').textContent(), '1.2K tokens');
    await suite.h.page.getByTestId('announcer').getByText('Attached src/cart.ts, 1.2K tokens.').waitFor();

    await suite.h.page.keyboard.type('fail #pro');
    assert.deepEqual(await rows().evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.kind)), ['problems']);
    await suite.h.page.keyboard.press('Tab');
    assert.equal(await input().inputValue(), 'Why does #file:src/cart.ts fail #problems ');
    const problems = await lastOf('context/add');
    assert.equal(problems.kind, 'problems');
    assert.equal(problems.value, undefined);
    await suite.h.post({
      type: 'input/attach',
      requestId: problems.requestId,
      attachment: {
        id: 'att-2',
        kind: 'problems',
        label: 'Problems · 1 error',
        code: "src/cart.ts:30:14 error TS2322: Type 'number' is not assignable to type 'string'.",
        tokens: 31,
      },
    });
    await chip.nth(1).waitFor();
    assert.equal(await suite.h.page.getByTestId('context-total').textContent(), '1.3K tokens in all');
    await screenshot(suite.h, 'context-chips');

    await suite.h.page.keyboard.type('?');
    await suite.h.page.keyboard.press('Enter');
    const submit = await lastOf('prompt/submit');
    assert.equal(submit.text, 'Why does #file:src/cart.ts fail #problems ?');
    assert.deepEqual(
      submit.attachments?.map((a) => a.id),
      ['att-1', 'att-2'],
    );
    assert.equal(await chip.count(), 0, 'the chips went with the message');
  });

  it('closes the list on Escape without stopping the answer, and Enter then sends', async () => {
    suite.h = await openHarness(suite.browser, suite.server.url, {}, chatState([{ id: 'a1', role: 'assistant', text: 'Streaming…', state: 'streaming' }]));
    await input().click();
    await suite.h.page.keyboard.type('Look at #');
    await rows().first().waitFor();
    assert.equal(await rows().count(), 7, 'a bare # lists every kind');
    await suite.h.page.keyboard.press('ArrowUp');
    assert.equal(await selectedRow().getAttribute('data-kind'), 'terminal', 'ArrowUp from the first row wraps to the last');
    await suite.h.page.keyboard.press('Escape');
    assert.equal(await popup().isVisible(), false);
    assert.equal(await input().getAttribute('aria-activedescendant'), null);
    assert.equal(await countOf('stream/stop'), 0, 'Escape in the list does not stop the answer');
    await suite.h.page.keyboard.type('s');
    assert.equal(await popup().isVisible(), false, 'the dismissed mention stays closed as the user types on');
    await suite.h.page.keyboard.press('Enter');
    const submit = await lastOf('prompt/submit');
    assert.equal(submit.text, 'Look at #s');
    await suite.h.page.keyboard.press('Escape');
    assert.equal(await countOf('stream/stop'), 1, 'with the list closed Escape stops the answer as before');
  });

  it('says so when no file matches, and picks a row with the mouse', async () => {
    suite.h = await openHarness(suite.browser, suite.server.url);
    await input().click();
    await suite.h.page.keyboard.type('#file:zzz');
    await answerQuery('zzz', []);
    await popup().getByTestId('mention-note').getByText('No files match “zzz”').waitFor();
    const postedBefore = (await suite.h.posted()).length;
    await suite.h.page.keyboard.press('Backspace');
    await suite.h.page.keyboard.press('Backspace');
    await suite.h.page.keyboard.press('Backspace');
    await answerQuery('', ['src/cart.ts'], postedBefore);
    await rows().first().click();
    assert.equal(await input().inputValue(), '#file:src/cart.ts ');
    assert.equal((await lastOf('context/add')).value, 'src/cart.ts');
    assert.equal(await suite.h.page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'chat-input', 'the input keeps the focus');
  });

  it('does not carry a mention answered after its message was sent over to the next message', async () => {
    suite.h = await openHarness(suite.browser, suite.server.url);
    await input().click();
    await suite.h.page.keyboard.type('#file:ca');
    await answerQuery('ca', ['src/cart.ts']);
    // Enter picks the row the user sees; before the list shows, Enter would send the message.
    await rows().filter({ hasText: 'cart.ts' }).first().waitFor();
    await suite.h.page.keyboard.press('Enter');
    const add = await lastOf('context/add');
    await suite.h.page.keyboard.type('now');
    await suite.h.page.keyboard.press('Enter');
    const submit = await lastOf('prompt/submit');
    assert.equal(submit.text, '#file:src/cart.ts now', 'the mention went in the text, for the host to resolve');
    assert.equal(await suite.h.page.getByTestId('context-pending').count(), 0);
    await suite.h.post({ type: 'input/attach', requestId: add.requestId, attachment: fileAttachment('late-1', 'src/cart.ts', CART, 40) });
    assert.deepEqual(await lastOf('context/remove'), { type: 'context/remove', id: 'late-1' });
    assert.equal(await suite.h.page.getByTestId('composer-attachment').count(), 0, 'the late chip does not wait for the next message');
  });

  it('expands a chip to show exactly what is sent, and removes it with ×', async () => {
    suite.h = await openHarness(suite.browser, suite.server.url);
    await suite.h.post({ type: 'input/attach', attachment: fileAttachment('att-9', 'src/cart.ts', CART, 40) });
    const chip = suite.h.page.getByTestId('composer-attachment');
    const toggle = chip.getByTestId('chip-toggle');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    assert.equal(await chip.getByTestId('chip-preview').isVisible(), false);
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    assert.equal(await chip.getByTestId('chip-preview').locator('pre').textContent(), CART);
    await screenshot(suite.h, 'context-chip-expanded');
    await chip.getByRole('button', { name: 'Remove src/cart.ts' }).click();
    assert.equal(await chip.count(), 0);
    assert.deepEqual(await lastOf('context/remove'), { type: 'context/remove', id: 'att-9' });
    await input().fill('Now without it');
    await input().press('Enter');
    assert.equal((await lastOf('prompt/submit')).attachments, undefined);
  });

  it("shows the host's refusal with its offers, and an offer taken asks the host for that part", async () => {
    suite.h = await openHarness(suite.browser, suite.server.url);
    await input().click();
    await suite.h.page.keyboard.type('#file:big');
    await answerQuery('big', ['data/big.log']);
    // Enter picks the row the user sees; before the list shows, Enter would send the message.
    await rows().filter({ hasText: 'big.log' }).first().waitFor();
    await suite.h.page.keyboard.press('Enter');
    const add = await lastOf('context/add');
    await suite.h.post({
      type: 'context/refused',
      requestId: add.requestId,
      reason: 'data/big.log is 5.2 MB; files over 5 MB are not sent whole.',
      offers: [
        { id: 'lines', label: 'Send lines 1–400' },
        { id: 'symbol', label: 'Send symbol parse' },
      ],
    });
    const note = suite.h.page.getByTestId('context-refused');
    await note.waitFor();
    assert.equal(await note.getAttribute('role'), 'alert');
    assert.match(await note.innerText(), /data\/big\.log is 5\.2 MB/);
    assert.deepEqual(await note.getByTestId('context-offer').allInnerTexts(), ['Send lines 1–400', 'Send symbol parse']);
    assert.equal(await suite.h.page.getByTestId('context-pending').count(), 0, 'no chip waits for what was refused');
    await screenshot(suite.h, 'context-refused');
    await note.getByRole('button', { name: 'Send lines 1–400' }).click();
    assert.deepEqual(await lastOf('context/acceptOffer'), { type: 'context/acceptOffer', requestId: add.requestId, offerId: 'lines' });
    assert.equal(await note.count(), 0);
    await suite.h.post({
      type: 'input/attach',
      requestId: add.requestId,
      attachment: { ...fileAttachment('att-3', 'data/big.log', 'line 1\n', 3), label: 'data/big.log · lines 1–400', range: { startLine: 1, endLine: 400 } },
    });
    await suite.h.page.getByTestId('composer-attachment').getByText('data/big.log · lines 1–400').waitFor();
  });

  it('asks the host for files dropped from the Explorer and sends a pasted image as base64', async () => {
    suite.h = await openHarness(suite.browser, suite.server.url);
    await suite.h.page.evaluate(() => {
      const data = new DataTransfer();
      data.setData('application/vnd.code.uri-list', 'file:///work/samples/src/cart.ts\r\nfile:///work/samples/src/retry.ts');
      const composer = document.querySelector('.composer')!;
      composer.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      composer.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    });
    const drop = await lastOf('context/dropUris');
    assert.deepEqual(drop.uris, ['file:///work/samples/src/cart.ts', 'file:///work/samples/src/retry.ts']);
    await suite.h.page.getByTestId('context-pending').getByText('2 files…').waitFor();

    // A 1×1 PNG, as a screenshot of an error would be pasted.
    const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
    await input().click();
    await suite.h.page.evaluate((b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], 'error.png', { type: 'image/png' }));
      document.querySelector('textarea')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, png);
    const image = await lastOf('context/image');
    assert.deepEqual({ name: image.name, mediaType: image.mediaType, data: image.data }, { name: 'error.png', mediaType: 'image/png', data: png });
    assert.equal(await input().inputValue(), '', 'the paste put no text in the input');
    await suite.h.post({
      type: 'input/attach',
      requestId: image.requestId,
      attachment: { id: 'img-1', kind: 'image', label: 'error.png', code: '', tokens: 54, image: { mediaType: 'image/png', bytes: 70 } },
    });
    const chip = suite.h.page.locator('[data-testid="composer-attachment"][data-kind="image"]');
    await chip.getByTestId('chip-toggle').click();
    const img = chip.locator('img');
    assert.equal(await img.getAttribute('alt'), 'error.png');
    assert.match((await img.getAttribute('src')) ?? '', /^data:image\/png;base64,/);
    assert.equal(await img.evaluate((i) => (i as HTMLImageElement).naturalWidth), 1, 'the thumbnail is the pasted image');
  });

  it('shows the note when the model takes no images', async () => {
    suite.h = await openHarness(suite.browser, suite.server.url);
    await input().click();
    await suite.h.page.evaluate(() => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array([137, 80, 78, 71])], 'shot.png', { type: 'image/png' }));
      document.querySelector('textarea')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    const image = await lastOf('context/image');
    await suite.h.post({ type: 'context/refused', requestId: image.requestId, reason: 'Claude Haiku 3 takes no images; pick a model that does to send one.' });
    await suite.h.page.getByTestId('context-refused').getByText('shot.png: Claude Haiku 3 takes no images; pick a model that does to send one.').waitFor();
  });

  it('turns the active-file toggle on and off, shows the file as a chip and sends it along', async () => {
    suite.h = await openHarness(suite.browser, suite.server.url);
    const toggle = suite.h.page.getByTestId('active-file-toggle');
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false', 'off by default');
    await toggle.click();
    assert.deepEqual(await lastOf('context/activeFile'), { type: 'context/activeFile', enabled: true });
    const active = {
      id: 'act-1',
      kind: 'activeFile',
      label: 'src/retry.ts',
      path: 'src/retry.ts',
      code: 'export const retry = 1;\n',
      language: 'typescript',
      tokens: 9,
    } satisfies AttachmentView;
    await suite.h.post({ type: 'context/activeFile', enabled: true, attachment: active });
    const chip = suite.h.page.getByTestId('active-file-chip');
    await chip.waitFor();
    assert.equal(await chip.getByTestId('chip-tokens').textContent(), '9 tokens');
    await input().fill('Explain');
    await input().press('Enter');
    assert.deepEqual(
      (await lastOf('prompt/submit')).attachments?.map((a) => a.id),
      ['act-1'],
    );
    assert.equal(await chip.count(), 1, 'the toggle stays on for the next message');
    await chip.getByRole('button', { name: 'Remove src/retry.ts' }).click();
    assert.deepEqual(await lastOf('context/activeFile'), { type: 'context/activeFile', enabled: false });
    await suite.h.post({ type: 'context/activeFile', enabled: false });
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
  });

  it("shows the sent message's chips with their tokens, not the raw blocks, and they expand", async () => {
    const sent: MessageView = {
      id: 'u1',
      role: 'user',
      text: 'Why does #file:src/cart.ts fail?',
      state: 'done',
      attachments: [fileAttachment('att-1', 'src/cart.ts', CART, 120)],
    };
    suite.h = await openHarness(suite.browser, suite.server.url, {}, chatState([sent, { id: 'a1', role: 'assistant', text: 'Because…', state: 'done' }]));
    assert.equal(await suite.h.page.locator('#message-u1').textContent(), 'Why does #file:src/cart.ts fail?');
    const chip = suite.h.page.locator('.turn[data-message-id=u1]').getByTestId('attachment');
    assert.equal(await chip.getByTestId('chip-tokens').textContent(), '120 tokens');
    assert.equal(await chip.getByTestId('chip-remove').count(), 0, 'a sent chip cannot be removed');
    await chip.getByTestId('chip-toggle').click();
    assert.equal(await chip.locator('pre').textContent(), CART);
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`keeps the chips and the completion inside a narrow ${theme} panel`, async () => {
      suite.h = await openHarness(suite.browser, suite.server.url, { theme, width: 260, height: 520 });
      await suite.h.post({ type: 'input/attach', attachment: fileAttachment('att-1', 'src/features/checkout/cartTotals.ts', CART, 1234) });
      await suite.h.post({ type: 'input/attach', attachment: { id: 'att-2', kind: 'problems', label: 'Problems · 1 error', code: 'x', tokens: 31 } });
      await input().click();
      await suite.h.page.keyboard.type('#f');
      await rows().nth(1).waitFor();
      const width = await suite.h.page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 260, `the panel scrolls sideways (${width} px)`);
      for (const box of [await popup().boundingBox(), ...(await Promise.all((await suite.h.page.getByTestId('composer-attachment').all()).map((c) => c.boundingBox())))]) {
        assert.ok(box && box.x >= 0 && box.x + box.width <= 260.5, `something sticks out: ${JSON.stringify(box)}`);
      }
      await screenshot(suite.h, `context-narrow-${theme}`);
    });
  }
});
