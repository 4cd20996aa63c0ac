/**
 * Error cards in a real workbench (code-server + headless Chromium) against the local server,
 * as a user meets them: a failure after retries says how often it was retried and shows the
 * request id, whose Copy button puts it on the clipboard; a prompt that is too long offers the
 * context actions, and New chat starts over with the prompt back in the input.
 */
import * as assert from 'node:assert/strict';
import type { FrameLocator } from 'playwright-core';
import { startMockAnthropicServer, type MockAnthropicServer } from '../server';
import { launchWorkbench, type Workbench } from './support/workbench';

const normalise = (text: string): string => text.replace(/[\s\u00a0]+/g, ' ').trim();

describe('Error cards in the workbench', function () {
  this.timeout(120_000);
  let server: MockAnthropicServer;
  let workbench: Workbench;
  let chat: FrameLocator;

  const input = () => chat.locator('[data-testid="chat-input"]');
  const failedAnswers = () => chat.locator('[data-role="assistant"][data-state="error"]');
  /** Sends a prompt and returns the error card of the answer it gets, never an earlier answer's card. */
  const sendAndAwaitFailure = async (text: string) => {
    const failedBefore = await failedAnswers().count();
    await input().fill(text);
    await input().press('Enter');
    await failedAnswers().nth(failedBefore).waitFor({ state: 'attached', timeout: 30_000 });
    return chat.locator('[data-testid="error-card"]').nth(failedBefore);
  };

  before(async function () {
    this.timeout(120_000);
    server = await startMockAnthropicServer();
    workbench = await launchWorkbench({
      name: 'e2e-error-cards',
      baseUrl: server.url,
      apiKey: server.apiKey,
      settings: { 'claudeStream.retry.backoffMs': 20, 'workbench.startupEditor': 'none' },
    });
    await workbench.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: workbench.codeServer.url });
    await workbench.runCommand('Claude: Open Chat');
    chat = await workbench.webviewWith('[data-testid="chat-input"]', 30_000);
  });
  after(async () => {
    await workbench?.close();
    await server?.close();
  });

  it('says how often a failure was retried and copies its request id for support', async () => {
    server.enqueue({ status: 529 }, { status: 529 }, { status: 529 }, { status: 529 });
    const card = await sendAndAwaitFailure('Are you overloaded?');
    assert.match(normalise(await card.innerText()), /overloaded.*failed after 3 retries\./i);
    const id = normalise(await card.locator('[data-testid="error-request-id"]').innerText());
    assert.match(id, /^req_\w+$/);
    await workbench.screenshot('error-card-request-id');
    await card.locator('[data-testid="error-copy-request-id"]').click();
    await card.locator('[data-testid="error-copy-request-id"]', { hasText: 'Copied' }).waitFor({ timeout: 5_000 });
    const deadline = Date.now() + 5_000;
    let clipboard = '';
    while (Date.now() < deadline && clipboard !== id) {
      clipboard = await workbench.page.evaluate(() => navigator.clipboard.readText()).catch(() => '');
      if (clipboard !== id) await workbench.page.waitForTimeout(100);
    }
    assert.equal(clipboard, id);
    const turn = chat.locator('article.turn').last();
    assert.equal(await turn.locator('[data-testid="feedback-up"]').isVisible(), false, 'a failed answer has nothing to rate');
  });

  it('offers Drop oldest turns and New chat for a prompt that is too long, and New chat keeps the prompt', async () => {
    server.enqueue({ status: 400, errorMessage: 'prompt is too long: 210345 tokens > 200000 maximum' });
    const card = await sendAndAwaitFailure('Summarise everything above');
    const buttons = (await card.locator('button').allInnerTexts()).map(normalise);
    assert.deepEqual(buttons.slice(0, 2), ['Drop oldest turns', 'New chat']);
    assert.ok(!buttons.includes('Open Settings'), `buttons: ${buttons.join(', ')}`);
    await workbench.screenshot('error-card-context');
    await card.locator('button', { hasText: 'New chat' }).click();
    await chat.locator('[data-role]').first().waitFor({ state: 'detached', timeout: 10_000 });
    const deadline = Date.now() + 5_000;
    while (Date.now() < deadline && (await input().inputValue()) === '') await workbench.page.waitForTimeout(100);
    assert.equal(await input().inputValue(), 'Summarise everything above');
  });
});
