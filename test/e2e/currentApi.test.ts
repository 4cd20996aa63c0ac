/**
 * The chat with default settings, in a real VS Code workbench (code-server + Chromium),
 * against the strict local server that rejects what the API of 2026-10-21 rejects: a
 * multi-turn chat on Claude Sonnet 5.5 whose thinking streams visibly, and the effort picker
 * changing what the next request asks for. Screenshots under `screenshots/`.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { FrameLocator } from 'playwright-core';
import { startMockAnthropicServer, type MockAnthropicServer } from '../server';
import { launchWorkbench, type Workbench } from './support/workbench';

type Body = { model: string; thinking?: unknown; output_config?: { effort?: string }; messages: Array<{ role: string; content: unknown }> } & Record<string, unknown>;

describe('Current API in the VS Code workbench', function () {
  this.timeout(180_000);
  let server: MockAnthropicServer;
  let workbench: Workbench;
  let chat: FrameLocator;
  const answers = () => chat.locator('[data-role="assistant"]');
  const bodies = () => server.requests.filter((r) => r.path === '/v1/messages').map((r) => r.body as Body);

  async function settled(count: number): Promise<string> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const n = await answers().count();
      const state = n >= count ? await answers().last().getAttribute('data-state') : 'missing';
      if (n >= count && state && state !== 'streaming') return state;
      if (Date.now() > deadline) throw new Error(`answer ${count} did not finish (have ${n}, last ${state})`);
      await workbench.page.waitForTimeout(50);
    }
  }

  before(async function () {
    this.timeout(150_000);
    server = await startMockAnthropicServer();
    workbench = await launchWorkbench({ name: 'e2e-current-api', baseUrl: server.url, apiKey: server.apiKey, theme: 'dark' });
    await workbench.runCommand('Claude: Open Chat');
    chat = await workbench.webviewWith('[data-testid="chat-input"]', 30_000);
  });
  after(async () => {
    await workbench?.close();
    await server?.close();
  });

  it('chats on Claude Sonnet 5.5 by default, with its thinking streaming live beside the answer', async () => {
    server.enqueue({
      thinking: 'The user wants to limit how often a handler runs. A debounce fits; I will show a short TypeScript version.',
      text: 'Use a **debounce**: it waits until the calls stop for a moment, then runs once.',
      delayMs: 40,
    });
    const input = chat.locator('[data-testid="chat-input"]');
    await input.fill('How do I stop a resize handler from running on every event?');
    await input.press('Enter');
    const thinking = chat.locator('[data-part="thinking"]').last();
    // Live: the thinking text shows while the answer is still streaming.
    await thinking.getByText('A debounce fits').waitFor({ timeout: 20_000 });
    assert.equal(await answers().last().getAttribute('data-state'), 'streaming');
    await workbench.screenshot('current-api-thinking-live');
    assert.equal(await settled(1), 'done');
    assert.equal(await answers().last().getAttribute('data-stop'), 'end_turn');
    assert.match(await thinking.locator('summary').innerText(), /^Thought for \d+ s$/);
    assert.ok(!(await answers().last().innerText()).includes('A debounce fits'), 'thinking stays out of the answer');
    const first = bodies()[0];
    assert.equal(first.model, 'claude-sonnet-5-5');
    assert.deepEqual(first.thinking, { type: 'adaptive', display: 'summarized' });
    for (const field of ['temperature', 'top_p', 'top_k']) assert.equal(field in first, false, `${field} was sent`);
    assert.ok(first.max_tokens === 32_000, `max_tokens ${String(first.max_tokens)}`);
  });

  it('offers the model’s effort levels, and the next turn asks for the chosen one with the earlier thinking sent back signed', async () => {
    const picker = chat.locator('[data-testid="effort-picker"]');
    const labels = (await picker.locator('vscode-option').allTextContents()).map((t) => t.trim());
    assert.deepEqual(labels, ['Effort: default (high)', 'Effort: low', 'Effort: medium', 'Effort: high', 'Effort: xhigh', 'Effort: max']);
    await picker.click();
    await picker.locator('vscode-option', { hasText: 'Effort: low' }).click();
    // The pick is written to the user's settings, as Settings would show it.
    const deadline = Date.now() + 15_000;
    const effortSetting = () => {
      try {
        return (JSON.parse(readFileSync(workbench.profile.settingsFile, 'utf8')) as Record<string, unknown>)['claudeStream.effort'];
      } catch {
        return undefined;
      }
    };
    while (effortSetting() !== 'low' && Date.now() < deadline) await workbench.page.waitForTimeout(100);
    assert.equal(effortSetting(), 'low', 'claudeStream.effort in settings.json');
    // The extension hears of the change just after the file is written.
    await workbench.page.waitForTimeout(500);
    server.enqueue({ text: 'With `lodash.debounce` it is one line.', delayMs: 5 });
    const input = chat.locator('[data-testid="chat-input"]');
    await input.fill('And with a library?');
    await input.press('Enter');
    assert.equal(await settled(2), 'done');
    const second = bodies().at(-1)!;
    assert.deepEqual(second.output_config, { effort: 'low' });
    const earlier = second.messages[1].content as Array<{ type: string; signature?: string }>;
    assert.ok(Array.isArray(earlier) && earlier[0].type === 'thinking' && earlier[0].signature, 'the first answer’s thinking went back signed');
    await workbench.screenshot('current-api-two-turns');
  });
});
