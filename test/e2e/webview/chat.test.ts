/**
 * The chat webview in real Chromium, driven through the standalone harness page under the
 * host's CSP: typing, streaming, rendering long answers, frozen blocks, scrolling.
 */
import * as assert from 'node:assert/strict';
import { makeAnswer, tokenize } from '../../../bench/webview/markdownFixture';
import { chatState, inPage, openHarness, streamingAnswer, useHarnessSuite, waitInPage } from './harness';
import type { HarnessWindow } from './harness';

describe('chat webview', function () {
  this.timeout(60_000);
  const suite = useHarnessSuite();

  const body = (id: string) => suite.h.page.locator(`#message-${id}`);

  it('draws the models, banner and history the host sends, with the toolkit working under the CSP', async () => {
    await suite.h.post({
      type: 'chat/state',
      state: chatState([], {
        banner: 'Offline demo',
        history: [{ id: 'old1', title: 'Earlier question', updatedAt: Date.now() - 120_000, messageCount: 4 }],
      }),
    });
    await suite.h.page.getByTestId('banner').getByText('Offline demo').waitFor();
    const options = await suite.h.page.locator('[data-testid=model-picker] vscode-option').allTextContents();
    // Current models first, by display name; older ones after, marked; the deprecated one last with its date.
    const labels = options.map((o) => o.trim());
    assert.deepEqual(labels.slice(0, 4), ['Claude Fable 5.2', 'Claude Haiku 5.5', 'Claude Sonnet 5.5', 'Claude Opus 5.5']);
    assert.ok(labels.includes('Claude Sonnet 5 (legacy)'), labels.join(' | '));
    assert.equal(labels.at(-1), 'Claude Opus 4.5 (deprecated, retires 22 Jan 2027)');
    // FAST upgraded the elements and styled them via constructable stylesheets.
    assert.equal(await inPage(suite.h.page, 'toolkitStyled'), true);
    await suite.h.page.getByTestId('history').click();
    await suite.h.page.getByText('Earlier question').click();
    assert.deepEqual((await suite.h.posted()).at(-1), { type: 'history/open', conversationId: 'old1' });
    // Under the brief's CSP the only violation is FAST's own `:focus-visible` feature probe
    // (a <style> it appends and removes at once); nothing of ours is blocked.
    const violations = await inPage<HarnessWindow['__cspViolations']>(suite.h.page, 'cspViolations');
    assert.deepEqual(
      violations.filter((v) => !(v.directive === 'style-src-elem' && v.blocked === 'inline')),
      [],
    );
    assert.ok(violations.length <= 1);
  });

  it('raises no CSP violation at all when the host adds a style nonce and the csp-nonce meta', async () => {
    const strict = await openHarness(suite.browser, suite.server.url, { styleNonce: true });
    try {
      await strict.page.getByTestId('send').waitFor();
      assert.deepEqual(await inPage<HarnessWindow['__cspViolations']>(strict.page, 'cspViolations'), []);
    } finally {
      await strict.close();
    }
  });

  it('sends on Enter and adds a newline on Shift+Enter', async () => {
    const input = suite.h.page.getByTestId('chat-input');
    await input.click();
    await suite.h.page.keyboard.type('first line');
    await suite.h.page.keyboard.press('Shift+Enter');
    await suite.h.page.keyboard.type('second line');
    assert.equal(await input.inputValue(), 'first line\nsecond line');
    await suite.h.page.keyboard.press('Enter');
    assert.deepEqual((await suite.h.posted()).at(-1), { type: 'prompt/submit', text: 'first line\nsecond line' });
    assert.equal(await input.inputValue(), '');
  });

  it('hands a prompt sent while an answer streams to the host at once, which queues it, and clears the input', async () => {
    await suite.h.post({ type: 'message/add', message: streamingAnswer('a1') });
    await suite.h.page.getByTestId('stop').waitFor();
    await suite.h.page.getByTestId('chat-input').fill('next question');
    await suite.h.page.getByTestId('chat-input').press('Enter');
    await waitInPage(suite.h.page, 'hasPosted', 'prompt/submit', 'text', 'next question');
    assert.equal(await suite.h.page.getByTestId('chat-input').inputValue(), '');
    assert.equal(await suite.h.page.getByTestId('stop').isVisible(), true, 'the answer keeps streaming');
  });

  it('renders a stream progressively and ends with exactly what the same text renders to at once', async () => {
    const text = makeAnswer(600, 3);
    await suite.h.post({ type: 'message/add', message: streamingAnswer('s1') });
    await inPage(suite.h.page, 'startSampling', 's1');
    await suite.h.stream('s1', tokenize(text), 800);
    const lengths = await inPage<number[]>(suite.h.page, 'stopSampling');
    const growing = lengths.filter((n, i) => i > 0 && n > lengths[i - 1]).length;
    // ~0.8 s at 40 ms batches is ~20 deltas: the text must visibly grow in many steps.
    assert.ok(growing >= 10, `text grew only ${growing} times while streaming`);
    assert.equal(await body('s1').getAttribute('data-state'), 'done');
    // The same text, rendered in one go from a restored state, must give the same DOM.
    const streamedHtml = await body('s1').innerHTML();
    await suite.h.post({ type: 'chat/state', state: chatState([{ id: 's2', role: 'assistant', text, state: 'done' }]) });
    await body('s2').waitFor();
    assert.equal(normalise(streamedHtml), normalise(await body('s2').innerHTML()));
    assert.ok((await body('s2').innerText()).includes('Here is how to do it.'));
  });

  it('shows no seam when a snapshot replaces the text mid-stream and deltas continue', async () => {
    const text = makeAnswer(400, 2);
    const tokens = tokenize(text);
    const half = Math.floor(tokens.length / 2);
    await suite.h.post({ type: 'message/add', message: streamingAnswer('r1') });
    for (let i = 0; i < half; i += 20) {
      await suite.h.post({ type: 'stream/delta', streamId: 'r1', seq: i / 20, text: tokens.slice(i, Math.min(i + 20, half)).join('') });
    }
    // A resumed stream: the host re-sends the whole text so far, then continues.
    let seq = 1000;
    await suite.h.post({ type: 'stream/snapshot', streamId: 'r1', seq: seq++, text: tokens.slice(0, half).join('') });
    await suite.h.post({ type: 'stream/delta', streamId: 'r1', seq, text: tokens.slice(half).join('') });
    await inPage(suite.h.page, 'frames', 2);
    const live = await body('r1').innerHTML();
    await suite.h.post({ type: 'stream/end', streamId: 'r1', state: 'done', text });
    await suite.h.post({ type: 'message/add', message: { id: 'r2', role: 'assistant', text, state: 'done' } });
    await body('r2').waitFor();
    assert.equal(normalise(live), normalise(await body('r2').innerHTML()));
  });

  it('renders a 5,000-token answer with all 8 code blocks highlighted', async () => {
    const text = makeAnswer(5000, 8);
    await suite.h.post({ type: 'message/add', message: streamingAnswer('big') });
    await suite.h.stream('big', tokenize(text));
    const blocks = body('big').locator('pre.code-block > code');
    assert.equal(await blocks.count(), 8);
    for (let i = 0; i < 8; i++) {
      const cls = (await blocks.nth(i).getAttribute('class')) ?? '';
      assert.match(cls, /\bhljs\b/);
      assert.match(cls, /\blanguage-\w+/);
      assert.ok((await blocks.nth(i).locator('span[class^=hljs-]').count()) > 0, `block ${i} has no highlighted tokens`);
    }
    assert.equal(await body('big').locator('h2').count(), (text.match(/^## /gm) ?? []).length);
    // The message element holds only the message: no toolbar or button text inside it.
    assert.equal(await body('big').locator('button, vscode-button').count(), 0);
  });

  it('never touches a completed block again while the answer keeps streaming', async () => {
    const tokens = tokenize(makeAnswer(1500, 4));
    const third = Math.floor(tokens.length / 3);
    await suite.h.post({ type: 'message/add', message: streamingAnswer('f1') });
    await suite.h.post({ type: 'stream/delta', streamId: 'f1', seq: 0, text: tokens.slice(0, third).join('') });
    await waitInPage(suite.h.page, 'frozenCount', 'f1');
    assert.ok((await inPage<number>(suite.h.page, 'watchFrozen', 'f1')) >= 3);
    let seq = 1;
    for (let i = third; i < tokens.length; i += 15) {
      await suite.h.post({ type: 'stream/delta', streamId: 'f1', seq: seq++, text: tokens.slice(i, i + 15).join('') });
    }
    await suite.h.post({ type: 'stream/end', streamId: 'f1', state: 'done', text: tokens.join('') });
    await inPage(suite.h.page, 'frames', 2);
    assert.equal(await inPage(suite.h.page, 'state', 'f1'), 'done');
    const hits = await inPage<{ frozenHits: number; otherHits: number; intact: boolean }>(suite.h.page, 'frozenReport');
    assert.equal(hits.intact, true, 'a frozen block was replaced or changed');
    assert.equal(hits.frozenHits, 0);
    assert.ok(hits.otherHits > 10, `only ${hits.otherHits} mutations outside frozen blocks`);
  });

  it('stops following when the user scrolls up, never moves the view, and Jump to latest resumes', async () => {
    const tokens = tokenize(makeAnswer(3000, 4));
    await suite.h.post({ type: 'message/add', message: streamingAnswer('sc') });
    await suite.h.post({ type: 'stream/delta', streamId: 'sc', seq: 0, text: tokens.slice(0, 800).join('') });
    const scroller = suite.h.page.getByTestId('messages');
    await inPage(suite.h.page, 'frames', 3);
    const start = await inPage<Scroll>(suite.h.page, 'scroll');
    assert.ok(start.height > start.client * 2 && start.fromBottom < 10, 'the view follows the stream to the bottom');
    await scroller.hover();
    await suite.h.page.mouse.wheel(0, -600);
    await suite.h.page.getByTestId('jump-to-latest').waitFor({ state: 'visible' });
    const top = await scroller.evaluate((s) => s.scrollTop);
    for (let i = 800, seq = 1; i < tokens.length; i += 100) {
      await suite.h.post({ type: 'stream/delta', streamId: 'sc', seq: seq++, text: tokens.slice(i, i + 100).join('') });
    }
    await inPage(suite.h.page, 'frames', 2);
    assert.equal(await scroller.evaluate((s) => s.scrollTop), top);
    await suite.h.page.getByTestId('jump-to-latest').click();
    await inPage(suite.h.page, 'frames', 3);
    assert.ok((await inPage<Scroll>(suite.h.page, 'scroll')).fromBottom < 10);
    assert.equal(await suite.h.page.getByTestId('jump-to-latest').isVisible(), false);
  });
});

interface Scroll {
  top: number;
  height: number;
  client: number;
  fromBottom: number;
}

/** Renders compare equal regardless of how blocks were grouped into wrapper elements. */
function normalise(html: string): string {
  return html
    .replace(/<div class="md-block[^"]*"[^>]*>|<\/div>/g, '')
    .replace(/ data-frozen="true"| tabindex="0"| aria-label="[^"]*"/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
