/**
 * Inline asks in a real extension host: the answer streams from the local
 * Anthropic-compatible server (real SDK, real HTTP on loopback) into a comment thread on
 * the selected code, and the thread's actions act on the user's file.
 */
import * as assert from 'node:assert/strict';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { startMockAnthropicServer, type MockAnthropicServer } from '../server';
import { setSetting, waitFor } from './helpers';

interface ThreadView {
  id: string;
  uri: string;
  range: [number, number, number, number];
  state: 'streaming' | 'done' | 'cancelled' | 'error';
  question: string;
  answer: string;
  body: string;
  contextValue: string;
  timing: { firstTextMs?: number; firstRenderMs?: number; streamTtftMs?: number };
}
type AskResult = { status: 'started'; id: string } | { status: 'refused'; reason: string; message: string };

const threads = async (): Promise<ThreadView[]> => (await vscode.commands.executeCommand<ThreadView[]>('claudeStream._test.inlineThreads')) ?? [];
const thread = async (id: string): Promise<ThreadView | undefined> => (await threads()).find((t) => t.id === id);
const ask = (args: Record<string, unknown>) => vscode.commands.executeCommand<AskResult>('claudeStream.askAboutSelection', args);

async function finished(id: string, timeoutMs = 15_000): Promise<ThreadView> {
  return waitFor(
    async () => {
      const view = await thread(id);
      return view && view.state !== 'streaming' ? view : undefined;
    },
    { timeoutMs, what: `inline ask ${id} to finish` },
  );
}

function started(result: AskResult | undefined): string {
  assert.ok(result && result.status === 'started', `the ask was not sent: ${JSON.stringify(result)}`);
  return result.id;
}

async function openSample(relative: string): Promise<vscode.TextEditor> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the sample workspace is open');
  const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, relative));
  return vscode.window.showTextDocument(document, { preview: false });
}

/**
 * An unsaved copy of a sample, for tests that edit: nothing they do can reach the disk, and
 * closing it never asks to save.
 */
async function openScratchCopy(relative: string): Promise<vscode.TextEditor> {
  const sample = await openSample(relative);
  const document = await vscode.workspace.openTextDocument({ language: sample.document.languageId, content: sample.document.getText() });
  await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  return vscode.window.showTextDocument(document, { preview: false });
}

function select(editor: vscode.TextEditor, fromLine: number, toLine: number): vscode.Selection {
  editor.selection = new vscode.Selection(fromLine, 0, toLine, editor.document.lineAt(toLine).text.length);
  return editor.selection;
}

/** The user turn of the last request the server received. */
function lastPrompt(server: MockAnthropicServer): string {
  const body = server.requests.filter((r) => r.path.endsWith('/messages')).at(-1)?.body as { messages?: Array<{ content: unknown }> } | undefined;
  const content = body?.messages?.at(-1)?.content;
  return typeof content === 'string' ? content : JSON.stringify(content);
}

describe('Inline ask about a selection', function () {
  this.timeout(60_000);
  let server: MockAnthropicServer;
  const restores: Array<() => Promise<void>> = [];

  before(async () => {
    await vscode.commands.executeCommand('claudeStream.newChat'); // activates the extension
    server = await startMockAnthropicServer({ apiKey: process.env.ANTHROPIC_API_KEY });
    restores.push(await setSetting('baseUrl', server.url), await setSetting('retry.maxRetries', 0));
  });

  afterEach(async () => {
    server.reset();
    await vscode.commands.executeCommand('claudeStream.stop');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  after(async () => {
    for (const restore of restores.reverse()) await restore();
    await server?.close();
  });

  it('streams the answer into a thread on the selected lines, ending with exactly the server text', async () => {
    const answer = 'cartTotal multiplies each unit price by its quantity, sums them, then applies the discount once and rounds.';
    server.enqueue({ text: answer, delayMs: 5 });
    const editor = await openSample('src/cart.ts');
    const selection = select(editor, 8, 11);
    const id = started(await ask({ question: 'What does cartTotal do?' }));

    const view = await finished(id);
    assert.equal(view.state, 'done');
    assert.equal(view.body, answer);
    assert.equal(view.uri, editor.document.uri.toString());
    assert.deepEqual(view.range, [selection.start.line, selection.start.character, selection.end.line, selection.end.character]);
    assert.match(view.contextValue, /\bdone\b/);

    const prompt = lastPrompt(server);
    assert.ok(prompt.startsWith('What does cartTotal do?'), prompt.slice(0, 80));
    assert.ok(prompt.includes(editor.document.getText(selection)), 'the selection is sent');
    assert.match(prompt, /`src\/cart\.ts` \(typescript, lines 9–12\)/);
    assert.match(prompt, /Context only, not part of the selection — the lines 1–8 before it/);
  });

  it('continues in the chat with the question in the bubble and the code as a chip, while the request keeps the context', async () => {
    server.enqueue({ text: 'It totals the cart.' }, { text: 'Yes, use reduce.' });
    const editor = await openSample('src/cart.ts');
    const selection = select(editor, 8, 11);
    const id = started(await ask({ question: 'What does cartTotal do?' }));
    await finished(id);
    await vscode.commands.executeCommand('claudeStream.inline.continueInChat', { id });
    type Posted = {
      message: {
        type: string;
        state?: { messages: Array<{ role: string; text: string; attachments?: Array<{ kind?: string; label: string; code: string; language?: string; path?: string }> }> };
      };
    };
    const state = await waitFor(
      async () => {
        const posted = (await vscode.commands.executeCommand<Posted[]>('claudeStream._test.chatPosted')) ?? [];
        const last = posted
          .map((p) => p.message)
          .filter((m) => m.type === 'chat/state')
          .at(-1)?.state;
        return last?.messages[0]?.text === 'What does cartTotal do?' ? last : undefined;
      },
      { what: 'the chat to show the continued exchange' },
    );
    const [question, answer] = state.messages;
    assert.equal(question.role, 'user');
    // The chip: what it says, the code it carries and its language (ids and token counts are the context host's).
    assert.deepEqual(
      question.attachments?.map(({ kind, label, code, language, path }) => ({ kind, label, code, language, path })),
      [{ kind: 'selection', label: 'src/cart.ts · lines 9–12', code: editor.document.getText(selection), language: 'typescript', path: 'src/cart.ts' }],
    );
    assert.equal(answer.text, 'It totals the cart.');
    await vscode.commands.executeCommand('claudeStream.openChat', { prompt: 'Could it use reduce?' });
    await waitFor(async () => server.requests.filter((r) => r.path.endsWith('/messages')).length >= 2 || undefined, { what: 'the follow-up request' });
    const body = server.requests.filter((r) => r.path.endsWith('/messages')).at(-1)!.body as { messages: Array<{ content: string }> };
    assert.match(body.messages[0].content, /^What does cartTotal do\?/);
    assert.match(body.messages[0].content, /`src\/cart\.ts` \(typescript, lines 9–12\)/, 'the request still carries the inline context');
    assert.equal(body.messages[2].content, 'Could it use reduce?');
  });

  it('keeps the thread on the same code when lines are added above it', async () => {
    server.enqueue({ text: 'It sorts the prices.' });
    const editor = await openScratchCopy('src/cart.ts');
    select(editor, 14, 19);
    const id = started(await ask({ question: 'Is the sort right?' }));
    await finished(id);
    assert.ok(await editor.edit((b) => b.insert(new vscode.Position(0, 0), '// one\n// two\n// three\n')));
    const moved = await waitFor(async () => ((await thread(id))?.range[0] === 17 ? thread(id) : undefined), { what: 'the thread to move down 3 lines' });
    assert.deepEqual(moved?.range.slice(0, 3), [17, 0, 22]);
    assert.match(editor.document.lineAt(17).text, /export function medianUnitPrice/);
    await vscode.commands.executeCommand('undo');
  });

  it('applies the code block of the answer over the selection as one edit that undo reverts', async () => {
    const fixed = 'export function medianUnitPrice(items: LineItem[]): number {\n  return 0; // fixed\n}';
    server.enqueue({ text: `The sort compares strings. Use this:\n\n\`\`\`ts\n${fixed}\n\`\`\`\n` });
    const editor = await openScratchCopy('src/cart.ts');
    const original = editor.document.getText();
    select(editor, 14, 19);
    const id = started(await ask({ question: 'Find bugs' }));
    const view = await finished(id);
    assert.match(view.contextValue, /\bhasCode\b/, 'Apply is offered');

    await vscode.commands.executeCommand('claudeStream._test.autoConfirm', true);
    assert.equal(await vscode.commands.executeCommand('claudeStream.inline.apply', { id }), true);
    const document = editor.document;
    assert.ok(document.getText().includes(fixed), 'the file holds the new code');
    assert.ok(!document.getText().includes('.sort()'), 'the old code is gone');
    assert.equal(document.getText().replace(fixed, ''), original.replace(original.split('\n').slice(14, 20).join('\n'), ''), 'nothing else changed');

    const diffOpen = vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputTextDiff));
    assert.equal(diffOpen, false, 'the diff closes once the change is accepted');
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('undo');
    await waitFor(() => document.getText() === original, { what: 'undo to restore the file in one step' });
  });

  it('stops the answer when its file is closed, keeping what had arrived', async () => {
    server.enqueue({ text: 'word '.repeat(400), delayMs: 20, tokenChars: 5 });
    const editor = await openSample('src/retry.ts');
    select(editor, 0, 5);
    const id = started(await ask({ question: 'Explain' }));
    await waitFor(async () => ((await thread(id))?.answer.length ?? 0) > 0, { what: 'the first words' });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const view = await finished(id, 5_000);
    assert.equal(view.state, 'cancelled');
    assert.ok(view.answer.length > 0 && view.answer.length < 2_000, `${view.answer.length} chars kept`);
    assert.match(view.body, /_Stopped\._$/);
  });

  it('runs asks in two files at once, each answer in its own thread', async () => {
    server.enqueue({ text: 'Answer for the cart.', delayMs: 10 }, { text: 'Answer for the retry.', delayMs: 10 });
    const cart = await openSample('src/cart.ts');
    select(cart, 8, 11);
    const first = started(await ask({ question: 'First' }));
    const retry = await openSample('src/retry.ts');
    select(retry, 0, 3);
    const second = started(await ask({ question: 'Second' }));
    const [a, b] = [await finished(first), await finished(second)];
    assert.deepEqual([a.state, b.state], ['done', 'done']);
    assert.equal(a.body, 'Answer for the cart.');
    assert.equal(b.body, 'Answer for the retry.');
    assert.notEqual(a.uri, b.uri);
  });

  it('refuses an oversized scripted selection with a message and sends nothing', async () => {
    const restore = await setSetting('inline.maxSelectionTokens', 20);
    try {
      const editor = await openSample('src/cart.ts');
      select(editor, 0, 20);
      const before = server.requests.length;
      const count = (await threads()).length;
      const result = await ask({ question: 'Explain' });
      assert.equal(result?.status, 'refused');
      assert.ok(result?.status === 'refused' && result.reason === 'too_large');
      assert.match(result.message, /about \d+ tokens .* over the 20-token limit/);
      assert.equal(server.requests.length, before, 'no request reached the server');
      assert.equal((await threads()).length, count, 'no thread was created');
    } finally {
      await restore();
    }
  });

  it('refuses to send a scripted selection that holds a private key', async () => {
    const pem = ['-----BEGIN', 'RSA PRIVATE KEY-----'].join(' ');
    const document = await vscode.workspace.openTextDocument({ language: 'plaintext', content: `${pem}\nMIIEowIBAAKCAQEA\n` });
    const editor = await vscode.window.showTextDocument(document);
    select(editor, 0, 1);
    const before = server.requests.length;
    const result = await ask({ question: 'What is this?' });
    assert.ok(result?.status === 'refused' && result.reason === 'secret', JSON.stringify(result));
    assert.match(result.message, /a private key \(line 1\)/);
    assert.equal(server.requests.length, before);
  });

  it('shows an invalid key in the thread with a Set API Key action', async () => {
    server.enqueue({ status: 401, errorType: 'authentication_error', errorMessage: 'invalid x-api-key' });
    const editor = await openSample('src/cart.ts');
    select(editor, 8, 11);
    const view = await finished(started(await ask({ question: 'Explain' })));
    assert.equal(view.state, 'error');
    assert.match(view.contextValue, /\baction-setApiKey\b/);
    assert.match(view.body, /\*\*Error:\*\* /);
  });

  it('is stopped by Claude: Stop Generating', async () => {
    server.enqueue({ text: 'slow '.repeat(300), delayMs: 20, tokenChars: 5 });
    const editor = await openSample('src/cart.ts');
    select(editor, 8, 11);
    const id = started(await ask({ question: 'Explain slowly' }));
    await waitFor(async () => ((await thread(id))?.answer.length ?? 0) > 0, { what: 'the first words' });
    await vscode.commands.executeCommand('claudeStream.stop');
    assert.equal((await finished(id, 5_000)).state, 'cancelled');
  });

  it('shows the first words in the thread soon after the server sends them (measured)', async () => {
    const rows: string[] = [];
    for (let i = 0; i < 5; i++) {
      server.enqueue({ text: 'First token timing sample answer with a few words.', headersDelayMs: 150, delayMs: 10 });
      const editor = await openSample('src/cart.ts');
      select(editor, 8, 11);
      const view = await finished(started(await ask({ question: `Timing ${i}` })));
      const { firstTextMs, firstRenderMs, streamTtftMs } = view.timing;
      assert.ok(firstTextMs !== undefined && firstRenderMs !== undefined && streamTtftMs !== undefined, JSON.stringify(view.timing));
      assert.ok(streamTtftMs >= 150, `the server's 150 ms delay is really there (${streamTtftMs} ms)`);
      // What the thread adds on top of the stream: painting the first delta into the comment.
      assert.ok(firstRenderMs - firstTextMs < 50, `first text at ${firstTextMs} ms, in the thread at ${firstRenderMs} ms`);
      rows.push(`stream TTFT ${streamTtftMs} ms, first text ${firstTextMs} ms, in thread ${firstRenderMs} ms`);
    }
    // Through the reporter's log, so the line lands in the runner's report, not only the host console.
    Mocha.reporters.Base.consoleLog(`      inline first token (server delay 150 ms; ms from the start of the request):\n        ${rows.join('\n        ')}`);
  });
});
