/**
 * The chat never loses or buries what the user wrote, in real Chromium: prompts queued while
 * an answer streams, the versions of an edited message, long messages, attached code, copy
 * confirmation and the input's focus. Screenshots go to CLAUDE_STREAM_SCREENS (if set).
 */
import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ChatWebviewMessage, MessageView } from '../../../src/shared/protocol';
import { chatState, openHarness, streamingAnswer, useHarnessSuite } from './harness';
import type { Harness } from './harness';

const SCREENS = process.env.CLAUDE_STREAM_SCREENS;

async function screenshot(h: Harness, name: string): Promise<void> {
  if (!SCREENS) return;
  mkdirSync(SCREENS, { recursive: true });
  await h.page.screenshot({ path: join(SCREENS, `${name}.png`) });
}

const user = (id: string, text: string, extra: Partial<MessageView> = {}): MessageView => ({ id, role: 'user', text, state: 'done', ...extra });
const answer = (id: string, text: string): MessageView => ({ id, role: 'assistant', text, state: 'done' });

describe("chat webview: the user's work", function () {
  this.timeout(60_000);
  const suite = useHarnessSuite({ openEach: false });

  const submits = async (): Promise<Array<Extract<ChatWebviewMessage, { type: 'prompt/submit' }>>> =>
    (await suite.h.posted()).filter((m): m is Extract<ChatWebviewMessage, { type: 'prompt/submit' }> => m.type === 'prompt/submit');

  it('sends every prompt typed while an answer streams, and lists them as pending items between the transcript and the input', async () => {
    suite.h = await openHarness(suite.browser, suite.server.url, {}, chatState([user('u1', 'Explain streams'), streamingAnswer('a1')]));
    await suite.h.post({ type: 'stream/delta', streamId: 'a1', seq: 0, text: 'Streams are **sequences** of data that arrive over time, ' });
    const input = suite.h.page.getByTestId('chat-input');
    for (const text of ['Now show an example', 'And the error handling', 'Finally, the tests']) {
      await input.fill(text);
      await input.press('Enter');
    }
    assert.deepEqual(
      (await submits()).map((m) => m.text),
      ['Now show an example', 'And the error handling', 'Finally, the tests'],
      'no prompt replaced another',
    );
    await suite.h.post({
      type: 'queue/update',
      held: false,
      queue: [
        { id: 'q1', text: 'Now show an example' },
        { id: 'q2', text: 'And the error handling' },
        { id: 'q3', text: 'Finally, the tests' },
      ],
    });
    const items = suite.h.page.getByTestId('pending-item');
    await items.nth(2).waitFor();
    assert.deepEqual(await suite.h.page.getByTestId('pending-text').allTextContents(), ['Now show an example', 'And the error handling', 'Finally, the tests']);
    const box = async (testId: string) => (await suite.h.page.getByTestId(testId).boundingBox()) ?? assert.fail(`${testId} not drawn`);
    const [messages, pending, field] = [await box('messages'), await box('pending-queue'), await box('chat-input')];
    assert.ok(pending.y >= messages.y + messages.height - 1, 'the queue is under the transcript');
    assert.ok(pending.y + pending.height <= field.y + 1, 'and above the input');
    await screenshot(suite.h, 'pending-queue');

    await items.nth(1).getByTestId('pending-edit').click();
    await suite.h.page.getByTestId('pending-edit-input').fill('And the error handling, briefly');
    await suite.h.page.getByTestId('pending-edit-input').press('Enter');
    assert.deepEqual((await suite.h.posted()).at(-1), { type: 'queue/edit', id: 'q2', text: 'And the error handling, briefly' });
    await items.nth(0).getByTestId('pending-remove').click();
    assert.deepEqual((await suite.h.posted()).at(-1), { type: 'queue/remove', id: 'q1' });
  });

  it('keeps a queued prompt being edited while the list updates, and offers Send queued when the queue is held', async () => {
    suite.h = await openHarness(
      suite.browser,
      suite.server.url,
      {},
      chatState([user('u1', 'Q'), streamingAnswer('a1')], {
        queue: [
          { id: 'q1', text: 'one' },
          { id: 'q2', text: 'two' },
        ],
      }),
    );
    await suite.h.page.getByTestId('pending-item').nth(1).getByTestId('pending-edit').click();
    await suite.h.page.getByTestId('pending-edit-input').fill('two, half-edit');
    await suite.h.post({
      type: 'queue/update',
      held: true,
      queue: [
        { id: 'q1', text: 'one' },
        { id: 'q2', text: 'two' },
        { id: 'q3', text: 'three' },
      ],
    });
    assert.equal(await suite.h.page.getByTestId('pending-edit-input').inputValue(), 'two, half-edit');
    assert.equal(await suite.h.page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'pending-edit-input');
    assert.equal(await suite.h.page.getByTestId('pending-item').count(), 3);
    await suite.h.page.getByTestId('pending-edit-input').press('Escape');
    await suite.h.page.getByTestId('queue-resume').click();
    assert.deepEqual((await suite.h.posted()).at(-1), { type: 'queue/resume' });
  });

  it('shows ‹ 2/2 › on an edited message and asks the host for the other version', async () => {
    suite.h = await openHarness(
      suite.browser,
      suite.server.url,
      {},
      chatState([
        user('u1', 'How do I read a file in Node?'),
        answer('a1', 'Use `fs.readFile`.'),
        user('u2', 'And with streams, please', { branch: { index: 1, count: 2 } }),
        answer('a2', 'Use `fs.createReadStream(path)` and pipe it.'),
      ]),
    );
    const turn = suite.h.page.locator('.turn[data-message-id=u2]');
    assert.equal(await turn.getByTestId('branch-position').textContent(), '2/2');
    assert.equal(await turn.getByTestId('branch-next').isDisabled(), true);
    assert.equal(await suite.h.page.locator('#message-u2').textContent(), 'And with streams, please', 'the switcher sits beside the text, not in it');
    await screenshot(suite.h, 'edit-branch-switcher');
    await turn.getByTestId('branch-prev').click();
    assert.deepEqual((await suite.h.posted()).at(-1), { type: 'message/branch', messageId: 'u2', index: 0 });
    assert.equal(await suite.h.page.locator('.turn[data-message-id=u1]').getByTestId('branch-switcher').count(), 0, 'an unedited message has no switcher');
  });

  it('shows the first lines of a 50,000-character message with Show more, keeping the whole text in the message', async () => {
    const long = Array.from({ length: 1000 }, (_, i) => `Line ${i + 1} of a very long pasted log, with enough words to wrap.`)
      .join('\n')
      .slice(0, 50_000);
    suite.h = await openHarness(suite.browser, suite.server.url, {}, chatState([user('u1', long), answer('a1', 'That is a long log.')]));
    const body = suite.h.page.locator('#message-u1');
    const collapsed = (await body.boundingBox())!.height;
    assert.ok(collapsed < 400, `collapsed bubble is ${collapsed} px high`);
    assert.equal(await body.textContent(), long);
    const more = suite.h.page.locator('.turn[data-message-id=u1]').getByTestId('show-more');
    assert.equal(await more.textContent(), 'Show more');
    await more.click();
    const expanded = (await body.boundingBox())!.height;
    assert.ok(expanded > 5 * collapsed, `expanded to ${expanded} px`);
    assert.equal(await more.textContent(), 'Show less');
    assert.equal(await suite.h.page.locator('.turn[data-message-id=a1]').getByTestId('show-more').count(), 0);
  });

  it('shows what the user asked plus a chip for the attached code, which expands on click', async () => {
    const code = 'export function add(a: number, b: number) {\n  return a + b;\n}';
    suite.h = await openHarness(
      suite.browser,
      suite.server.url,
      {},
      chatState([
        user('u1', 'Why is this slow?', { attachments: [{ id: 'att1', kind: 'selection', label: 'src/math.ts · lines 3–5', code, language: 'typescript', tokens: 15 }] }),
        answer('a1', 'It is not.'),
      ]),
    );
    assert.equal(await suite.h.page.locator('#message-u1').textContent(), 'Why is this slow?');
    const chip = suite.h.page.locator('.turn[data-message-id=u1]').getByTestId('attachment');
    assert.equal(await chip.getByTestId('chip-label').textContent(), 'src/math.ts · lines 3–5');
    assert.equal(await chip.getAttribute('data-kind'), 'selection', 'an attachment stored before kinds existed is a selection');
    assert.equal(await chip.locator('pre').isVisible(), false);
    await chip.getByTestId('chip-toggle').click();
    assert.equal(await chip.locator('pre').textContent(), code);
    assert.equal(await chip.locator('pre').isVisible(), true);
  });

  it('puts Add selection beside the input as a chip and sends it with the next prompt, not in the text', async () => {
    suite.h = await openHarness(suite.browser, suite.server.url);
    const attachment = {
      id: 'att2',
      kind: 'selection' as const,
      tokens: 12,
      label: 'src/app.ts · lines 9–12',
      code: 'const x = 1;\nconst y = 2;\nconst z = 3;\nconst w = 4;',
      language: 'typescript',
    };
    await suite.h.post({ type: 'input/attach', attachment });
    assert.equal(await suite.h.page.getByTestId('composer-attachment').getByTestId('chip-label').textContent(), 'src/app.ts · lines 9–12');
    assert.equal(await suite.h.page.getByTestId('chat-input').inputValue(), '', 'the input keeps only what the user types');
    assert.equal(await suite.h.page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'chat-input');
    await suite.h.page.keyboard.type('Explain this');
    await suite.h.page.keyboard.press('Enter');
    assert.deepEqual((await submits()).at(-1), { type: 'prompt/submit', text: 'Explain this', attachments: [attachment] });
    assert.equal(await suite.h.page.getByTestId('composer-attachment').count(), 0);
  });

  it('confirms a message copy and a code-block copy with "Copied" for a moment', async () => {
    suite.h = await openHarness(suite.browser, suite.server.url, {}, chatState([user('u1', 'Code?'), answer('a1', 'Here:\n\n```js\nconsole.log(1);\n```')]));
    const copy = suite.h.page.locator('.turn[data-message-id=a1]').getByTestId('message-copy');
    await copy.click();
    assert.equal(await copy.textContent(), 'Copied');
    await suite.h.page.waitForFunction(() => document.querySelector('.turn[data-message-id=a1] [data-testid=message-copy]')?.textContent === 'Copy', undefined, { timeout: 4000 });
    await suite.h.page.locator('#message-a1 pre.code-block').hover();
    const codeCopy = suite.h.page.getByTestId('code-copy');
    await codeCopy.click();
    assert.equal(await codeCopy.textContent(), 'Copied');
    assert.equal((await suite.h.posted()).at(-1)?.type, 'code/action');
    await suite.h.page.waitForFunction(() => document.querySelector('[data-testid=code-copy]')?.textContent === 'Copy', undefined, { timeout: 4000 });
  });

  it('focuses the input when the host says a command revealed the chat', async () => {
    suite.h = await openHarness(suite.browser, suite.server.url, {}, chatState([user('u1', 'Q'), answer('a1', 'A')]));
    await suite.h.page.locator('.turn[data-message-id=a1]').getByTestId('message-copy').focus();
    await suite.h.post({ type: 'input/focus' });
    assert.equal(await suite.h.page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'chat-input');
  });
});
