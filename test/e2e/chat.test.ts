/**
 * The chat as a user meets it: in a real VS Code workbench (code-server + headless Chromium),
 * opened from the command palette, streaming from the local Anthropic-compatible server.
 */
import * as assert from 'node:assert/strict';
import type { FrameLocator, Locator } from 'playwright-core';
import { startMockAnthropicServer, type MockAnthropicServer } from '../server';
import { launchWorkbench, type Workbench } from './support/workbench';

/** Plain prose, so the rendered message text is exactly what the server sent. */
const ANSWER =
  'Streaming keeps you in the loop. Each word arrives as soon as the model writes it, ' +
  'so you can start reading the first sentence while the last one is still being written, ' +
  'and you can stop the answer the moment you have what you need.';

const PROMPT = 'Why does streaming matter?';

interface Seen {
  state: string;
  text: string;
}

const normalise = (text: string): string => text.replace(/\s+/g, ' ').trim();

/**
 * Records every distinct (state, text) of the newest assistant message, from inside the
 * webview. Passed as source text: tsx's name-keeping helpers do not exist in the page.
 */
const RECORDER = `(() => {
  const seen = [];
  window.__claudeStreamSeen = seen;
  const record = () => {
    const all = document.querySelectorAll('[data-role="assistant"]');
    const last = all[all.length - 1];
    if (!last) return;
    const entry = { state: last.getAttribute('data-state') || '', text: last.textContent || '' };
    const previous = seen[seen.length - 1];
    if (!previous || previous.text !== entry.text || previous.state !== entry.state) seen.push(entry);
  };
  new MutationObserver(record).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['data-state'] });
})()`;

async function recordAssistantStates(chat: FrameLocator): Promise<void> {
  await chat.locator('body').evaluate(RECORDER);
}

async function recordedStates(chat: FrameLocator): Promise<Seen[]> {
  return chat.locator('body').evaluate('window.__claudeStreamSeen || []') as Promise<Seen[]>;
}

/** The chat input: a textarea, or the one inside a `vscode-text-area`. */
async function chatInput(chat: FrameLocator): Promise<Locator> {
  const tagged = chat.locator('[data-testid="chat-input"]').first();
  const tag = await tagged.evaluate((el) => el.tagName.toLowerCase());
  return tag === 'textarea' ? tagged : tagged.locator('textarea').first();
}

describe('Chat in the VS Code workbench', function () {
  this.timeout(180_000);
  let server: MockAnthropicServer;
  let workbench: Workbench | undefined;
  let chat: FrameLocator;

  before(async () => {
    server = await startMockAnthropicServer();
    workbench = await launchWorkbench({ name: 'e2e-chat', baseUrl: server.url, apiKey: server.apiKey, theme: 'light' });
  });

  after(async () => {
    await workbench?.close();
    await server?.close();
  });

  it('opens from the command palette and streams the answer in as it is written', async () => {
    assert.ok(workbench);
    server.enqueue({ text: ANSWER, delayMs: 30, tokenChars: [4, 8] });
    await workbench.runCommand('Claude: Open Chat');
    chat = await workbench.webviewWith('[data-testid="chat-input"]');
    await recordAssistantStates(chat);

    const input = await chatInput(chat);
    await input.fill(PROMPT);
    await input.press('Enter');

    const question = chat.locator('[data-role="user"]').last();
    await question.waitFor({ timeout: 10_000 });
    assert.equal(normalise(await question.innerText()), PROMPT);

    const answer = chat.locator('[data-role="assistant"][data-state="done"]').last();
    await answer.waitFor({ timeout: 30_000 });
    assert.equal(normalise(await answer.innerText()), normalise(ANSWER), 'the final answer is not what the server sent');

    const states = await recordedStates(chat);
    const partials = [
      ...new Set(
        states
          .filter((s) => s.state === 'streaming')
          .map((s) => normalise(s.text))
          .filter(Boolean),
      ),
    ];
    assert.ok(partials.length >= 3, `saw ${partials.length} partial answers before "done": ${JSON.stringify(partials)}`);
    for (const partial of partials) {
      assert.ok(normalise(ANSWER).startsWith(partial), `a partial answer is not a prefix of the final one: "${partial}"`);
    }
    console.log(`      ${partials.length} partial answers seen before "done"`);
    const lengths = partials.map((p) => p.length);
    assert.deepEqual(
      lengths,
      [...lengths].sort((a, b) => a - b),
      'the answer shrank while streaming',
    );

    const sent = server.requests.filter((r) => r.path.startsWith('/v1/messages'));
    assert.ok(JSON.stringify(sent[sent.length - 1]?.body).includes(PROMPT), 'the server never received the question');
    await workbench.screenshot('chat-light');
  });

  it('follows the colour theme: light and dark screenshots', async () => {
    assert.ok(workbench && chat, 'the chat did not open in the previous test');
    // The body class is VS Code's; what the user sees is our sheet's text colour, so wait for that.
    const textLuminance = () =>
      chat.locator('body').evaluate((body) => {
        const [r, g, b] = (getComputedStyle(body).color.match(/[\d.]+/g) ?? ['0', '0', '0']).map(Number);
        return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
      });
    const waitForText = async (bright: boolean) => {
      const deadline = Date.now() + 10_000;
      for (let lum = await textLuminance(); bright ? lum < 0.6 : lum > 0.4; lum = await textLuminance()) {
        assert.ok(Date.now() < deadline, `the chat text stayed at luminance ${lum.toFixed(2)} in the ${bright ? 'dark' : 'light'} theme`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    };
    await workbench.setTheme('dark');
    await waitForText(true);
    const dark = await workbench.screenshot('chat-dark');
    await workbench.setTheme('light');
    await waitForText(false);
    const light = await workbench.screenshot('chat-light');
    console.log(`      screenshots: ${light}, ${dark}`);
  });
});
