/**
 * Cost and context as a user meets them in the VS Code workbench (code-server + Chromium),
 * against the strict local server, which models the prompt cache and a small test model:
 * cache hits from the second turn, a cost that matches the price table, a context meter that
 * rises turn by turn, and near the limit the offer to make room, both of whose actions work.
 * Screenshots go to `screenshots/cost-*.png`.
 */
import * as assert from 'node:assert/strict';
import type { FrameLocator, Locator } from 'playwright-core';
import { costOf } from '../../src/core/chat/pricing';
import { startMockAnthropicServer, type MockAnthropicServer } from '../server';
import { startNewChat } from './support/chat';
import { launchWorkbench, type Workbench } from './support/workbench';

async function chatInput(chat: FrameLocator): Promise<Locator> {
  const tagged = chat.locator('[data-testid="chat-input"]').first();
  const tag = await tagged.evaluate((el) => el.tagName.toLowerCase());
  return tag === 'textarea' ? tagged : tagged.locator('textarea').first();
}

/** The figures the header shows, read back from its text: what the user sees. */
function parseFigures(text: string): { input: number; read: number; write: number; output: number; cost?: string } {
  const n = (re: RegExp) => Number((re.exec(text)?.[1] ?? '0').replace(/,/g, ''));
  return {
    input: n(/([\d,]+) in\b/),
    read: n(/([\d,]+) cache read/),
    write: n(/([\d,]+) cache write/),
    output: n(/([\d,]+) out\b/),
    cost: /(\$[\d.]+|no price)/.exec(text)?.[1],
  };
}

describe('Cost and context in the VS Code workbench', function () {
  this.timeout(300_000);
  let server: MockAnthropicServer;
  let workbench: Workbench | undefined;
  let chat: FrameLocator;

  before(async () => {
    server = await startMockAnthropicServer();
    workbench = await launchWorkbench({ name: 'e2e-cost', baseUrl: server.url, apiKey: server.apiKey, theme: 'dark', settings: { 'claudeStream.model': 'claude-sonnet-5-5' } });
    await workbench.runCommand('Claude: Open Chat');
    chat = await workbench.webviewWith('[data-testid="chat-input"]');
  });

  after(async () => {
    await workbench?.close();
    await server?.close();
  });

  const answers = () => chat.locator('[data-role="assistant"][data-state="done"]');
  const ended = () => chat.locator('[data-role="assistant"]:not([data-state="streaming"])');
  /** Sends `text` and waits for its answer to end; fails with what the user saw if it is not done. */
  async function send(text: string, answer: string): Promise<void> {
    const before = await ended().count();
    server.enqueue({ text: answer });
    const input = await chatInput(chat);
    await input.fill(text);
    await input.press('Enter');
    await ended().nth(before).waitFor({ timeout: 60_000 });
    const last = ended().nth(before);
    assert.equal(await last.getAttribute('data-state'), 'done', `the answer to "${text.slice(0, 40)}" ended as: ${(await last.textContent())?.slice(0, 300)}`);
  }
  const meterOf = () => chat.locator('[data-testid="context-meter"]');
  const used = async () => Number(await meterOf().getAttribute('data-used'));

  it('shows cache hits from the second turn, a cost that matches the price table exactly, and a context meter rising turn by turn', async () => {
    assert.ok(workbench);
    const file = 'export const value = compute(input); // one line of the pasted module\n'.repeat(60);
    const prompts = [`Review this module:\n${file}`, 'What about negative input?', 'And how would you test it?'];
    const figures = chat.locator('[data-testid="metrics"]');
    const seen: Array<ReturnType<typeof parseFigures> & { exact: number; used: number; label: string }> = [];
    for (const [i, prompt] of prompts.entries()) {
      await send(prompt, `Answer ${i + 1}: ${'the value is checked before use, and the caller handles the bound. '.repeat(6)}`);
      // The meter is set from the API's figures once the answer has ended.
      await chat.locator(`[data-testid="context-meter"][data-source="usage"]`).waitFor({ timeout: 10_000 });
      await workbench.page.waitForTimeout(300);
      const text = (await figures.textContent()) ?? '';
      seen.push({ ...parseFigures(text), exact: Number(await figures.getAttribute('data-cost-usd')), used: await used(), label: (await meterOf().textContent()) ?? '' });
    }
    console.log(`      figures: ${JSON.stringify(seen)}`);
    assert.equal(seen[0].read, 0, 'turn 1 has nothing to read');
    assert.ok(seen[0].write > 500, 'turn 1 writes the cache');
    for (const turn of seen.slice(1)) assert.ok(turn.read >= seen[0].write, `a later turn reads the cache: ${JSON.stringify(turn)}`);
    for (const turn of seen) {
      const expected = costOf('claude-sonnet-5-5', { inputTokens: turn.input, cacheReadTokens: turn.read, cacheWrite5mTokens: turn.write, outputTokens: turn.output });
      assert.equal(turn.exact, expected?.total, `the cost is the table's price of the figures shown: ${JSON.stringify(turn)}`);
    }
    assert.ok(seen[0].used < seen[1].used && seen[1].used < seen[2].used, `the meter rises: ${seen.map((s) => s.used).join(' < ')}`);
    assert.match(seen[2].label, /Context [\d.]+% of 1,000,000/);
    await workbench.screenshot('cost-multi-turn');
  });

  it('warns before a model switch throws the cache away', async () => {
    assert.ok(workbench);
    await chat.locator('[data-testid="model-picker"]').click();
    await chat.locator('vscode-option', { hasText: 'Claude Test Tiny' }).click();
    const toast = workbench.page.locator('.notification-toast', { hasText: 'prompt cache' });
    await toast.waitFor({ timeout: 15_000 });
    await workbench.screenshot('cost-model-switch-warning');
    await toast.getByRole('button', { name: 'Switch' }).click();
    await chat.locator('[data-testid="model-picker"] vscode-option[value="claude-test-tiny"][selected]').waitFor({ state: 'attached', timeout: 15_000 });
  });

  it('near the limit offers to make room; a message that does not fit is held, and dropping the oldest turns sends it', async () => {
    assert.ok(workbench);
    await startNewChat(chat);
    const offer = chat.locator('[data-testid="context-offer"]');
    const chunk = (tag: string) => `${tag}: ${'a detail of the design that matters. '.repeat(17)}`; // ~160 tokens
    await send(chunk('first'), 'Noted the first part.');
    const first = await used();
    await send(chunk('second'), 'Noted the second part.');
    assert.ok((await used()) > first, 'the meter rose');
    for (let i = 3; i <= 12 && !(await offer.isVisible()); i++) await send(chunk(`part ${i}`), `Noted part ${i}.`);
    await offer.waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await meterOf().getAttribute('data-near-limit'), 'true');
    const figures = (await chat.locator('[data-testid="metrics"]').textContent()) ?? '';
    assert.match(figures, /no price/, 'the test model has no price, and says so rather than $0');
    await workbench.screenshot('cost-context-offer');

    // A message too large for what is left: held, not sent into "prompt is too long".
    const requests = server.requests.filter((r) => r.path === '/v1/messages').length;
    const input = await chatInput(chat);
    await input.fill(chunk('the big one').repeat(3));
    await input.press('Enter');
    await chat.getByText('would not fit', { exact: false }).first().waitFor({ timeout: 10_000 });
    assert.equal(server.requests.filter((r) => r.path === '/v1/messages').length, requests, 'nothing was sent');
    await workbench.screenshot('cost-held-message');

    const before = await ended().count();
    server.enqueue({ text: 'Answer to the big one.' });
    await chat.locator('[data-testid="context-offer-drop-oldest"]').click();
    await answers().filter({ hasText: 'Answer to the big one.' }).first().waitFor({ timeout: 60_000 });
    assert.ok((await ended().count()) <= before + 1);
    assert.match((await answers().last().textContent()) ?? '', /Answer to the big one\./);
    const last = server.requests.filter((r) => r.path === '/v1/messages').at(-1)!.body as { messages: unknown[] };
    assert.ok(!JSON.stringify(last.messages).includes('first:'), 'the oldest turns are no longer sent');
    assert.ok(server.requests.every((r) => !/prompt is too long/.test(JSON.stringify(r.body))));
    await workbench.screenshot('cost-after-drop-oldest');
  });

  it('summarises and continues in a new chat that starts with the summary', async () => {
    assert.ok(workbench);
    const offer = chat.locator('[data-testid="context-offer"]');
    const chunk = (tag: string) => `${tag}: ${'another detail worth keeping. '.repeat(20)}`;
    for (let i = 1; i <= 12 && !(await offer.isVisible()); i++) await send(chunk(`more ${i}`), `Noted more ${i}.`);
    await offer.waitFor({ state: 'visible', timeout: 10_000 });
    server.enqueue({ text: 'SUMMARY: the user is designing a parser; parts 1 to 12 were noted.' });
    await chat.locator('[data-testid="context-offer-summarize"]').click();
    const first = chat.locator('[data-role="user"]').first();
    await chat.getByText('SUMMARY: the user is designing a parser', { exact: false }).first().waitFor({ timeout: 60_000 });
    assert.match((await first.textContent()) ?? '', /Summary of the earlier conversation/);
    assert.equal(await chat.locator('[data-role="assistant"]').count(), 0, 'a new chat: only the summary so far');
    assert.equal(await offer.isVisible(), false, 'the new chat has room again');
    await send('Continue from there: what next?', 'Next, the tokenizer.');
    const body = server.requests.filter((r) => r.path === '/v1/messages').at(-1)!.body as { messages: Array<{ content: unknown }> };
    assert.match(JSON.stringify(body.messages[0]), /SUMMARY: the user is designing a parser/);
    await workbench.screenshot('cost-summarised-new-chat');
  });
});
