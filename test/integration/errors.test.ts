/**
 * Errors a user can act on, in the real extension host against the local server (real SDK,
 * real HTTP on loopback): the request id copied for support in chat and inline, the context
 * actions that get a too-long conversation going again, a base URL that cannot work named
 * with its setting and not retried, and the demo banner only while the demo server answers.
 */
import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import * as vscode from 'vscode';
import type { ChatHostMessage, ErrorView } from '../../src/shared/protocol';
import { askInChat, chatState, setSetting, useLocalServer, waitFor, type LocalServer } from './helpers';

type Posted = Array<{ delivered: boolean; message: ChatHostMessage }>;
const posted = async (): Promise<ChatHostMessage[]> => ((await vscode.commands.executeCommand<Posted>('claudeStream._test.chatPosted')) ?? []).map((p) => p.message);
/**
 * The error card the webview was last given: from the answer's `stream/end`, or, when the
 * answer ended before a new panel's webview was ready, from the state it got once ready.
 */
const lastError = async (): Promise<ErrorView | undefined> => {
  const last = (await posted()).filter((m) => m.type === 'stream/end' || m.type === 'chat/state').at(-1);
  if (last?.type === 'stream/end') return last.error;
  return last?.type === 'chat/state' ? last.state.messages.at(-1)?.error : undefined;
};
/** Feeds a message through the chat panel's own validation, as its webview would send it. */
const fromWebview = (message: unknown) => vscode.commands.executeCommand('claudeStream._test.chatReceive', message);
const TOO_LONG = { status: 400, errorMessage: 'prompt is too long: 210345 tokens > 200000 maximum' };

describe('Errors a user can act on', function () {
  this.timeout(60_000);
  let local: LocalServer;
  const restores: Array<() => Promise<void>> = [];

  before(async () => {
    await vscode.commands.executeCommand('claudeStream.newChat');
    local = await useLocalServer();
    restores.push(await setSetting('retry.backoffMs', 10));
  });
  after(async () => {
    for (const restore of restores.reverse()) await restore();
    await local.dispose();
  });
  beforeEach(async () => {
    local.server.reset();
    await vscode.commands.executeCommand('claudeStream.newChat');
    // A panel an earlier suite closed is created anew: let its webview load before answers end.
    await waitFor(async () => (await vscode.commands.executeCommand<{ visible: boolean }>('claudeStream._test.chatPanel'))?.visible === true, {
      what: 'the chat webview to be ready',
    });
  });

  it('shows the request id of a failed answer and copies it for support', async () => {
    local.server.enqueue({ status: 529 }, { status: 529 }, { status: 529 }, { status: 529 });
    const answer = await askInChat('Will this fail?', 20_000);
    assert.equal(answer.state, 'error');
    const error = await lastError();
    assert.match(error?.requestId ?? '', /^req_\w+$/, JSON.stringify(error));
    assert.match(error?.message ?? '', /failed after 3 retries\.$/);
    await vscode.env.clipboard.writeText('');
    await fromWebview({ type: 'error/copyRequestId', requestId: error!.requestId });
    await waitFor(async () => (await vscode.env.clipboard.readText()) === error!.requestId, { what: 'the request id on the clipboard' });
  });

  it('gets a conversation that grew too long going again with Drop oldest turns', async () => {
    local.server.enqueue({ text: 'First answer.' }, { text: 'Second answer.' }, TOO_LONG, { text: 'Third answer.' });
    await askInChat('First question');
    await askInChat('Second question');
    assert.equal((await askInChat('Third question')).state, 'error');
    const error = await lastError();
    assert.equal(error?.kind, 'context');
    assert.equal(error?.action, 'dropOldest');
    assert.deepEqual(error?.secondaryActions, ['newChat']);
    await fromWebview({ type: 'error/action', action: 'dropOldest' });
    const { messages } = await waitFor(
      async () => {
        const state = await chatState();
        return state.messages.at(-1)?.state === 'done' && state.messages.at(-1)?.text === 'Third answer.' ? state : undefined;
      },
      { what: 'the answer after dropping the oldest exchange' },
    );
    assert.deepEqual(
      messages.map((m) => m.text),
      ['Second question', 'Second answer.', 'Third question', 'Third answer.'],
    );
    const sent = local.server.requests.filter((r) => r.path === '/v1/messages').at(-1)?.body as { messages: Array<{ content: string }> };
    assert.ok(!JSON.stringify(sent.messages).includes('First question'), 'the oldest exchange is no longer sent');
  });

  it('starts a new chat from a too-long conversation with the prompt back in the input', async () => {
    local.server.enqueue(TOO_LONG);
    const before = (await chatState()).conversationId;
    await askInChat('A prompt that did not fit');
    await fromWebview({ type: 'error/action', action: 'newChat' });
    await waitFor(async () => (await chatState()).conversationId !== before, { what: 'a new conversation' });
    assert.equal((await chatState()).messages.length, 0);
    // An earlier test may have put its own prompt back, so wait for the latest one to be this prompt.
    const lastInput = async () => (await posted()).filter((m) => m.type === 'input/set').at(-1);
    await waitFor(
      async () => {
        const input = await lastInput();
        return input?.type === 'input/set' && input.text === 'A prompt that did not fit';
      },
      { what: 'the prompt put back in the input' },
    );
  });

  it('names the URL and claudeStream.baseUrl for a refused connection, tries once, and opens that setting', async () => {
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const { port } = probe.address() as net.AddressInfo;
    await new Promise<void>((r) => probe.close(() => r()));
    const undo = await setSetting('baseUrl', `http://127.0.0.1:${port}`);
    try {
      const retriesBefore = (await posted()).filter((m) => m.type === 'stream/retry').length;
      const answer = await askInChat('Anyone there?');
      assert.equal(answer.state, 'error');
      const error = await lastError();
      assert.equal(error?.kind, 'config');
      assert.match(error?.message ?? '', new RegExp(`http://127\\.0\\.0\\.1:${port}.*claudeStream\\.baseUrl`));
      assert.equal(error?.action, 'openSettings');
      assert.equal(error?.setting, 'claudeStream.baseUrl');
      assert.equal((await posted()).filter((m) => m.type === 'stream/retry').length, retriesBefore, 'a configuration error is not retried');
      await fromWebview({ type: 'error/action', action: 'openSettings', setting: 'claudeStream.baseUrl' });
      await waitFor(() => vscode.window.tabGroups.activeTabGroup.activeTab?.label === 'Settings', { what: 'the Settings editor' });
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    } finally {
      await undo();
    }
  });

  it('shows the offline-demo banner only while the demo server answers', async () => {
    const bannerNow = async (): Promise<string | undefined> => {
      const states = (await posted()).filter((m): m is Extract<ChatHostMessage, { type: 'chat/state' }> => m.type === 'chat/state');
      return states.at(-1)?.state.banner;
    };
    assert.equal((await askInChat('Plain local server?')).state, 'done');
    assert.equal(await bannerNow(), undefined, 'a local server that is not the demo gets no banner');
    const demo = await useLocalServer({ demo: true });
    try {
      assert.equal((await askInChat('Demo server?')).state, 'done');
      const banner = await waitFor(bannerNow, { what: 'the demo banner' });
      assert.match(banner, /Offline demo/);
    } finally {
      await demo.dispose();
    }
    assert.equal((await askInChat('Plain again?')).state, 'done');
    await waitFor(async () => (await bannerNow()) === undefined, { what: 'the banner gone once the demo server no longer answers' });
  });

  it('shows the request id in a failed inline answer and copies it with Copy Request ID', async () => {
    const restore = await setSetting('retry.maxRetries', 0);
    try {
      local.server.enqueue({ status: 400, errorMessage: 'max_tokens: must be positive' });
      const folder = vscode.workspace.workspaceFolders?.[0];
      assert.ok(folder, 'the sample workspace is open');
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'src/retry.ts')), { preview: false });
      editor.selection = new vscode.Selection(0, 0, 3, 0);
      const result = await vscode.commands.executeCommand<{ status: string; id: string }>('claudeStream.askAboutSelection', { question: 'Explain this' });
      assert.equal(result?.status, 'started');
      type View = { id: string; state: string; body: string; contextValue: string };
      const view = await waitFor(
        async () => {
          const all = (await vscode.commands.executeCommand<View[]>('claudeStream._test.inlineThreads')) ?? [];
          const mine = all.find((t) => t.id === result.id);
          return mine && mine.state !== 'streaming' ? mine : undefined;
        },
        { what: 'the inline answer to fail' },
      );
      assert.equal(view.state, 'error');
      const id = /Request ID: `(req_\w+)`/.exec(view.body)?.[1];
      assert.ok(id, view.body);
      assert.match(view.contextValue, /\bhasRequestId\b/);
      await vscode.env.clipboard.writeText('');
      await vscode.commands.executeCommand('claudeStream.inline.copyRequestId', { id: view.id });
      assert.equal(await vscode.env.clipboard.readText(), id);
      await vscode.commands.executeCommand('claudeStream.inline.dismiss', { id: view.id });
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    } finally {
      await restore();
    }
  });
});
