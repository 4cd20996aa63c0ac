/**
 * The chat never loses the user's work, in a real VS Code workbench (code-server + headless
 * Chromium) streaming from the local server: Open Chat / New Chat put the keyboard in the
 * input, prompts typed during an answer are all sent in order, an edit keeps the old branch,
 * and Add selection shows a chip while the request carries the code. Screenshots of the
 * pending queue and of the version switcher go to CLAUDE_STREAM_SCREENS, if set.
 */
import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { startMockAnthropicServer, type MockAnthropicServer } from '../server';
import { waitForCursor } from './support/editor';
import { startNewChat } from './support/chat';
import { launchWorkbench, type Workbench } from './support/workbench';
import { contentText } from '../server/conversation';

const normalise = (text: string): string => text.replace(/[\s\u00a0]+/g, ' ').trim();
const LONG = Array.from({ length: 80 }, (_, i) => `Sentence ${i + 1} of a long answer that takes a while to stream.`).join(' ');
const CODE = ['function total(items) {', '  return items.reduce((sum, item) => sum + item.price, 0);', '}'];

describe("The user's work in the VS Code workbench chat", function () {
  this.timeout(90_000);
  let server: MockAnthropicServer;
  let workbench: Workbench;
  let chat: FrameLocator;

  const input = () => chat.locator('[data-testid="chat-input"]');
  const answers = () => chat.locator('[data-role="assistant"]');
  const userTexts = async () => (await chat.locator('[data-role="user"]').allInnerTexts()).map(normalise);

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

  const editor = () => workbench.page.locator('.editor-group-container').first().locator('.monaco-editor').first();
  const editorText = async () => normalise(await editor().locator('.view-lines').innerText());

  before(async function () {
    this.timeout(150_000);
    server = await startMockAnthropicServer();
    workbench = await launchWorkbench({
      name: 'e2e-chat-work',
      baseUrl: server.url,
      apiKey: server.apiKey,
      theme: 'dark',
      settings: { 'workbench.startupEditor': 'none', 'editor.autoClosingBrackets': 'never', 'editor.autoIndent': 'none' },
    });
    await workbench.runCommand('File: New Untitled Text File');
    await editor().locator('textarea').waitFor({ timeout: 15_000 });
    await workbench.page.keyboard.type(CODE.join('\n'));
  });

  after(async () => {
    await workbench?.close();
    await server?.close();
  });

  it('puts what the user types next into the chat input after Open Chat and New Chat, also when the panel is already open', async () => {
    await workbench.runCommand('Claude: Open Chat');
    chat = await workbench.webviewWith('[data-testid="chat-input"]', 30_000);
    const typeAndCheck = async (text: string, command: string) => {
      await editor().click();
      const before = await editorText();
      await workbench.runCommand(command);
      await chat.locator('[data-testid="chat-input"]:focus').waitFor({ timeout: 10_000 });
      await workbench.page.keyboard.type(text);
      assert.equal(await input().inputValue(), text, `after ${command}, typing went elsewhere`);
      assert.equal(await editorText(), before, 'nothing was typed into the editor');
      await input().fill('');
    };
    await typeAndCheck('typed after Open Chat', 'Claude: Open Chat');
    await typeAndCheck('typed after New Chat', 'Claude: New Chat');
  });

  it('sends every prompt typed while an answer streams, in order, showing them as pending meanwhile', async () => {
    server.enqueue({ text: LONG, delayMs: 30, tokenChars: [4, 8] }, { text: 'Answer two.' }, { text: 'Answer three.' }, { text: 'Answer four.' });
    await input().fill('Question one');
    await input().press('Enter');
    await answers().first().waitFor();
    for (const text of ['Question two', 'Question three', 'Question four']) {
      await input().fill(text);
      await input().press('Enter');
    }
    const pending = chat.locator('[data-testid="pending-text"]');
    await pending.nth(2).waitFor({ timeout: 10_000 });
    assert.deepEqual((await pending.allInnerTexts()).map(normalise), ['Question two', 'Question three', 'Question four']);
    assert.equal(await answers().first().getAttribute('data-state'), 'streaming', 'the queue was seen while the first answer streamed');
    await keep('pending-queue-workbench');
    await settled(4);
    assert.deepEqual(await userTexts(), ['Question one', 'Question two', 'Question three', 'Question four']);
    assert.deepEqual((await answers().allInnerTexts()).slice(1).map(normalise), ['Answer two.', 'Answer three.', 'Answer four.']);
    assert.equal(await chat.locator('[data-testid="pending-item"]').count(), 0);
  });

  it('edits turn 2 of 4 into a new branch and brings turns 2–4 back with ‹', async () => {
    server.enqueue({ text: 'An answer to the edited question.' });
    const second = chat.locator('.turn-user').nth(1);
    await second.hover();
    await second.locator('[data-testid="message-edit"]').click();
    await chat.locator('[data-testid="edit-input"]').fill('Question two, rephrased');
    await chat.locator('[data-testid="edit-input"]').press('Enter');
    await answers().filter({ hasText: 'An answer to the edited question.' }).waitFor({ timeout: 15_000 });
    await settled(2);
    assert.deepEqual(await userTexts(), ['Question one', 'Question two, rephrased']);
    const switcher = chat.locator('.turn-user').nth(1).locator('[data-testid="branch-switcher"]');
    assert.equal(normalise(await switcher.locator('[data-testid="branch-position"]').innerText()), '2/2');
    const sent = server.requests.at(-1)!.body as { messages: Array<{ content: string | Array<{ type: string; text?: string }> }> };
    // An answer goes back with its signed thinking first; its text is what the user saw.
    assert.deepEqual(
      sent.messages.map((m) => contentText(m.content)),
      ['Question one', LONG, 'Question two, rephrased'],
      'the request carries only the new branch',
    );
    await keep('edit-branch-workbench');
    await switcher.locator('[data-testid="branch-prev"]').click();
    await chat.locator('[data-role="user"]').nth(3).waitFor({ timeout: 10_000 });
    assert.deepEqual(await userTexts(), ['Question one', 'Question two', 'Question three', 'Question four']);
    assert.equal(normalise(await answers().last().innerText()), 'Answer four.');
    assert.equal(normalise(await chat.locator('.turn-user').nth(1).locator('[data-testid="branch-position"]').innerText()), '1/2');
  });

  it('shows Add selection as a chip beside the question while the request carries the code', async () => {
    server.enqueue({ text: 'It sums the prices.' });
    await startNewChat(chat);
    await editor().click();
    await workbench.page.keyboard.press('Control+A');
    await waitForCursor(workbench.page, /\(\d+ selected\)/);
    await chat.locator('[data-testid="add-selection"]').click();
    const chip = chat.locator('[data-testid="composer-attachment"]');
    await chip.waitFor({ timeout: 10_000 });
    assert.match(normalise(await chip.innerText()), /lines 1–3/);
    await input().fill('What does this do?');
    await input().press('Enter');
    await settled(1);
    assert.deepEqual(await userTexts(), ['What does this do?'], 'the bubble shows only what the user asked');
    const attached = chat.locator('.turn-user [data-testid="attachment"]');
    await attached.getByTestId('chip-toggle').click();
    assert.equal(await attached.locator('pre').innerText(), CODE.join('\n'));
    const sent = server.requests.at(-1)!.body as { messages: Array<{ content: string }> };
    assert.ok(sent.messages[0].content.startsWith('What does this do?'), sent.messages[0].content);
    assert.ok(sent.messages[0].content.includes(CODE.join('\n')), 'the request carries the selected code');
  });
});
