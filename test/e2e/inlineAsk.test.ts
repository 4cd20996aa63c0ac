/**
 * Inline ask as a user meets it: select code in a real VS Code workbench (code-server +
 * headless Chromium), right-click, "Claude: Ask About Selection", pick "Explain", and watch
 * the answer stream into a comment thread under the code.
 */
import * as assert from 'node:assert/strict';
import { startMockAnthropicServer, type MockAnthropicServer } from '../server';
import { chooseFromContextMenu, openFile, selectLines } from './support/editor';
import { launchWorkbench, type Workbench } from './support/workbench';

const ANSWER = 'cartTotal adds up unit price times quantity for every line item, then applies the ' + 'percentage discount once to the whole cart and rounds to whole cents.';

const normalise = (text: string): string => text.replace(/\s+/g, ' ').trim();

describe('Inline ask in the VS Code workbench', function () {
  this.timeout(180_000);
  let server: MockAnthropicServer;
  let workbench: Workbench | undefined;

  before(async () => {
    server = await startMockAnthropicServer();
    workbench = await launchWorkbench({ name: 'e2e-inline', baseUrl: server.url, apiKey: server.apiKey, theme: 'light' });
  });

  after(async () => {
    await workbench?.close();
    await server?.close();
  });

  it('answers "Explain" from the editor context menu in a thread under the selected code', async () => {
    assert.ok(workbench);
    const { page } = workbench;
    server.enqueue({ text: ANSWER, delayMs: 60, tokenChars: [3, 7] });
    await openFile(page, 'cart.ts');
    await selectLines(page, 9, 12);

    // The selection highlight sits under the text layer; right-click the text over it.
    const highlight = page.locator('.monaco-editor .view-overlays .selected-text').first();
    // The highlight is drawn on the editor's next frame; a busy machine may not have drawn it yet.
    await highlight.waitFor({ timeout: 10_000 }).catch(() => undefined);
    const box = await highlight.boundingBox();
    assert.ok(box, 'the selection is visible');
    await chooseFromContextMenu(page, box.x + Math.min(40, box.width / 2), box.y + box.height / 2, 'Ask About Selection');

    const explain = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Explain' }).first();
    // The pick comes from the extension host, which a loaded CI machine can keep busy for more than 10 s.
    await explain.waitFor({ timeout: 30_000 });
    await explain.click();

    const thread = page.locator('.review-widget').first();
    await thread.waitFor({ timeout: 20_000 });
    const answer = thread.locator('.review-comment').nth(1).locator('.comment-body');
    const partials = new Set<string>();
    const deadline = Date.now() + 30_000;
    let text = '';
    while (Date.now() < deadline) {
      text = normalise(await answer.innerText().catch(() => ''));
      if (text && text !== 'Claude is thinking…') partials.add(text);
      if (text === normalise(ANSWER)) break;
      await page.waitForTimeout(50);
    }
    assert.equal(text, normalise(ANSWER), 'the thread does not end with the server text');
    assert.ok(partials.size >= 3, `saw ${partials.size} states of the answer while it streamed`);
    assert.match(normalise(await thread.locator('.review-comment').first().innerText()), /Explain what the selected code does/);

    const prompt = JSON.stringify(server.requests.filter((r) => r.path.startsWith('/v1/messages')).at(-1)?.body);
    assert.ok(prompt.includes('export function cartTotal'), 'the selection reached the server');
    const shot = await workbench.screenshot('inline-ask-light');
    console.log(`      screenshot: ${shot}`);
  });
});
