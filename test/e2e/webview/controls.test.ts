/**
 * The chat's controls in real Chromium: stop, errors and retries, thinking, code actions,
 * the analysis strip, per-message actions and the header buttons.
 */
import * as assert from 'node:assert/strict';
import type { AnalysisSnapshot } from '../../../src/shared/protocol';
import { chatState, inPage, streamingAnswer, useHarnessSuite } from './harness';

function analysis(final: boolean, value = 0.6): AnalysisSnapshot {
  return {
    streamId: 'a1',
    sentiment: { value, trend: 'rising', series: [0.2, value] },
    topics: [
      { term: 'streaming', weight: 3, count: 3 },
      { term: 'markdown', weight: 2, count: 2 },
    ],
    entities: [
      { text: 'src/extension.ts', type: 'path', count: 2 },
      { text: 'React', type: 'product', count: 1 },
    ],
    tokensAnalyzed: 120,
    final,
    timing: { chunks: 3, lastChunkMs: 2, totalMs: 6 },
  };
}

describe('chat webview controls', function () {
  this.timeout(60_000);
  const suite = useHarnessSuite();

  const last = async () => (await suite.h.posted()).at(-1);

  it('stops on Escape, keeps the partial answer marked cancelled, and announces it', async () => {
    await suite.h.post({ type: 'message/add', message: streamingAnswer('a1') });
    await suite.h.post({ type: 'stream/delta', streamId: 'a1', seq: 0, text: 'Partial **answer** so far' });
    await suite.h.page.getByTestId('chat-input').focus();
    await suite.h.page.keyboard.press('Escape');
    assert.deepEqual(await last(), { type: 'stream/stop' });
    await suite.h.post({ type: 'stream/end', streamId: 'a1', state: 'cancelled', text: 'Partial **answer** so far' });
    const body = suite.h.page.locator('#message-a1');
    await suite.h.page.locator('#message-a1[data-state=cancelled]').waitFor();
    assert.equal(await body.textContent(), 'Partial answer so far\n');
    await suite.h.page.getByTestId('announcer').getByText('Answer stopped.').waitFor();
    assert.equal(await suite.h.page.getByTestId('send').isVisible(), true);
  });

  it('shows an error card beside the failed answer whose button asks the host for the fix', async () => {
    await suite.h.post({ type: 'message/add', message: streamingAnswer('a1') });
    await suite.h.post({
      type: 'stream/end',
      streamId: 'a1',
      state: 'error',
      text: 'cut',
      error: { kind: 'auth', message: 'Your API key was rejected.', action: 'setApiKey' },
    });
    const card = suite.h.page.getByTestId('error-card');
    await card.getByText('Your API key was rejected.').waitFor();
    await card.getByRole('button', { name: 'Set API Key' }).click();
    assert.deepEqual(await last(), { type: 'error/action', action: 'setApiKey' });
    assert.equal(await suite.h.page.locator('#message-a1').getAttribute('data-state'), 'error');
    assert.equal(await suite.h.page.locator('#message-a1').textContent(), 'cut\n');
  });

  it('counts a retry down each second and cancels it with stream/stop', async () => {
    await suite.h.post({ type: 'message/add', message: streamingAnswer('a1') });
    await suite.h.post({ type: 'stream/retry', streamId: 'a1', attempt: 2, maxRetries: 3, delayMs: 1300, reason: 'Overloaded' });
    const card = suite.h.page.getByTestId('retry-card');
    await card.getByText('Retrying in 2 s (attempt 2 of 3)').waitFor();
    await card.getByText('Retrying in 1 s (attempt 2 of 3)').waitFor({ timeout: 1000 });
    await card.getByTestId('retry-cancel').click();
    assert.deepEqual(await last(), { type: 'stream/stop' });
    assert.equal(await card.count(), 0);
  });

  it('puts thinking in a collapsed Thinking section beside the answer, not in it', async () => {
    await suite.h.post({ type: 'message/add', message: streamingAnswer('a1') });
    await suite.h.post({ type: 'stream/delta', streamId: 'a1', seq: 0, text: '', thinking: 'Let me think. ' });
    await suite.h.post({ type: 'stream/delta', streamId: 'a1', seq: 1, text: 'The answer.', thinking: 'Done thinking.' });
    await suite.h.post({ type: 'stream/end', streamId: 'a1', state: 'done', text: 'The answer.' });
    const thinking = suite.h.page.getByTestId('thinking');
    assert.equal(await thinking.evaluate((d) => (d as HTMLDetailsElement).open), false);
    assert.equal(await thinking.locator('.thinking-text').textContent(), 'Let me think. Done thinking.');
    assert.equal(await suite.h.page.locator('#message-a1').textContent(), 'The answer.\n');
  });

  it('offers Copy, Insert, Apply and New file on a code block and posts the code', async () => {
    const text = 'Try:\n\n```python\nprint("hi")\n```\n';
    await suite.h.post({ type: 'message/add', message: { id: 'a1', role: 'assistant', text, state: 'done' } });
    await suite.h.page.locator('#message-a1 pre').hover();
    for (const action of ['copy', 'insert', 'apply', 'newFile'] as const) {
      await suite.h.page.locator('#message-a1 pre').hover();
      await suite.h.page.getByTestId(`code-${action}`).click();
      assert.deepEqual(await last(), { type: 'code/action', action, messageId: 'a1', code: 'print("hi")\n', language: 'python' });
    }
    // Keyboard: Tab on a focused code block moves into its toolbar.
    await suite.h.page.locator('#message-a1 pre').focus();
    await suite.h.page.keyboard.press('Tab');
    await suite.h.page.keyboard.press('Tab');
    await suite.h.page.keyboard.press('Enter');
    assert.deepEqual(await last(), { type: 'code/action', action: 'insert', messageId: 'a1', code: 'print("hi")\n', language: 'python' });
    assert.equal(await suite.h.page.locator('#message-a1').textContent(), 'Try:\nprint("hi")\n\n');
  });

  it('shows live analysis beside the answer, opens file entities, and freezes on completion', async () => {
    await suite.h.post({ type: 'message/add', message: streamingAnswer('a1') });
    await suite.h.post({ type: 'analysis/snapshot', streamId: 'a1', analysis: analysis(false, 0.6) });
    const strip = suite.h.page.getByTestId('analysis-strip');
    await strip.getByText('streaming').waitFor();
    assert.equal(await strip.getByRole('meter').getAttribute('aria-valuenow'), '0.60');
    await strip.getByRole('button', { name: 'Open src/extension.ts' }).click();
    assert.deepEqual(await last(), { type: 'file/open', path: 'src/extension.ts' });
    assert.equal(await strip.getByRole('button', { name: /React/ }).count(), 0, 'only path/file entities are clickable');
    await suite.h.post({ type: 'stream/end', streamId: 'a1', state: 'done', text: '' });
    await suite.h.post({ type: 'analysis/snapshot', streamId: 'a1', analysis: analysis(false, 0.1) });
    await inPage(suite.h.page, 'frames', 2);
    assert.equal(await strip.getByRole('meter').getAttribute('aria-valuenow'), '0.60', 'a live snapshot after the end is ignored');
    await suite.h.post({ type: 'analysis/snapshot', streamId: 'a1', analysis: analysis(true, -0.4) });
    await suite.h.post({ type: 'analysis/snapshot', streamId: 'a1', analysis: analysis(false, 0.9) });
    await inPage(suite.h.page, 'frames', 2);
    assert.equal(await strip.getByRole('meter').getAttribute('aria-valuenow'), '-0.40');
    assert.equal(await suite.h.page.locator('#message-a1').textContent(), '');
  });

  it('says sentiment is not scored for a German answer, shows no number, and names both languages of a mixed one', async () => {
    await suite.h.post({ type: 'message/add', message: streamingAnswer('a1') });
    const german: AnalysisSnapshot = {
      ...analysis(false, 0),
      sentiment: { value: 0, trend: 'steady', series: [0], scoredSentences: 0, notScored: ['de'] },
      language: { primary: 'de', shares: [{ language: 'de', words: 40 }] },
    };
    await suite.h.post({ type: 'analysis/snapshot', streamId: 'a1', analysis: german });
    const strip = suite.h.page.getByTestId('analysis-strip');
    await strip.getByText('sentiment: not scored for German').waitFor();
    assert.equal(await strip.getByRole('meter').count(), 0, 'no gauge, so no number from the English lexicon');
    assert.equal(await strip.getByTestId('analysis-language').innerText(), 'German');
    const mixed: AnalysisSnapshot = {
      ...analysis(false, 0.5),
      sentiment: { value: 0.5, trend: 'steady', series: [0.5], scoredSentences: 2, notScored: ['de'] },
      language: {
        primary: 'en',
        shares: [
          { language: 'en', words: 30 },
          { language: 'de', words: 20 },
        ],
      },
    };
    await suite.h.post({ type: 'analysis/snapshot', streamId: 'a1', analysis: mixed });
    await strip.getByText('English only; not scored for German').waitFor();
    assert.equal(await strip.getByRole('meter').getAttribute('aria-valuenow'), '0.50');
    assert.equal(await strip.getByTestId('analysis-language').innerText(), 'English + German');
  });

  it('copies, rates and regenerates answers and edits user messages from buttons beside them', async () => {
    await suite.h.post({
      type: 'chat/state',
      state: chatState([
        { id: 'u1', role: 'user', text: 'What is **2+2**?', state: 'done' },
        { id: 'a1', role: 'assistant', text: 'It is 4.', state: 'done' },
      ]),
    });
    assert.equal(await suite.h.page.locator('#message-u1').textContent(), 'What is **2+2**?');
    const turn = suite.h.page.locator('.turn[data-message-id=a1]');
    await turn.getByTestId('message-copy').click();
    assert.deepEqual(await last(), { type: 'message/copy', messageId: 'a1' });
    await turn.getByTestId('feedback-down').click();
    assert.deepEqual(await last(), { type: 'message/feedback', messageId: 'a1', value: 'down' });
    assert.equal(await turn.getByTestId('feedback-down').getAttribute('aria-pressed'), 'true');
    await turn.getByTestId('message-regenerate').click();
    assert.deepEqual(await last(), { type: 'message/regenerate' });
    await suite.h.page.locator('.turn[data-message-id=u1]').getByTestId('message-edit').click();
    await suite.h.page.getByTestId('edit-input').fill('What is 3+3?');
    await suite.h.page.getByTestId('edit-input').press('Enter');
    assert.deepEqual(await last(), { type: 'message/edit', messageId: 'u1', text: 'What is 3+3?' });
  });

  it('sends the header actions and shows live figures', async () => {
    await suite.h.page.getByTestId('new-chat').click();
    assert.deepEqual(await last(), { type: 'chat/new' });
    await suite.h.page.getByTestId('add-selection').click();
    assert.deepEqual(await last(), { type: 'context/addSelection' });
    const selection = 'Explain this:\n```ts\nlet x = 1;\n```';
    await suite.h.post({ type: 'input/set', text: selection, focus: true });
    // The webview handles a posted message on a later task, so wait for the input to take it.
    await suite.h.page
      .waitForFunction((text) => document.querySelector<HTMLTextAreaElement>('[data-testid="chat-input"]')?.value === text, selection, { timeout: 5_000 })
      .catch(() => undefined);
    assert.equal(await suite.h.page.getByTestId('chat-input').inputValue(), selection);
    await suite.h.page.getByTestId('model-picker').click();
    await suite.h.page.locator('vscode-option', { hasText: 'Claude Haiku 4.5' }).click();
    assert.deepEqual(await last(), { type: 'model/select', model: 'claude-haiku-4-5' });
    await suite.h.post({ type: 'message/add', message: streamingAnswer('a1') });
    await suite.h.post({
      type: 'stream/metrics',
      streamId: 'a1',
      metrics: { timeToFirstTokenMs: 420, tokensPerSecond: 38.4, inputTokens: 1234, outputTokens: 567, costUsd: 0.0123 },
    });
    await suite.h.page.getByTestId('metrics').getByText('TTFT 420 ms · 38 tok/s · 1,234 in · 567 out · $0.0123').waitFor();
  });

  it('keeps the draft in the webview state so a reload restores it', async () => {
    await suite.h.page.getByTestId('chat-input').fill('half-written question');
    const saved = await suite.h.page.evaluate(() => (globalThis as unknown as { __state: unknown }).__state);
    const page = await suite.browser.newPage();
    try {
      await page.goto(`${suite.server.url}/harness.html?state=${encodeURIComponent(JSON.stringify(saved))}`);
      assert.equal(await page.getByTestId('chat-input').inputValue(), 'half-written question');
    } finally {
      await page.close();
    }
  });
});
