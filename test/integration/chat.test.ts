/**
 * The command-palette chat inside code-server's real extension host, streaming from the local
 * Anthropic-compatible server through the real SDK. What the webview was sent is read through
 * the `_test.chatPosted` hook; webview clicks (Regenerate, Edit, History) go through
 * `_test.chatReceive`, which runs the panel's own validation and handling.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ChatHostMessage, ChatState } from '../../src/shared/protocol';
import { askInChat, chatState, ourExtension, setSetting, useLocalServer, waitFor, type LocalServer } from './helpers';

interface Posted {
  delivered: boolean;
  message: ChatHostMessage;
}

const posted = async (): Promise<Posted[]> => (await vscode.commands.executeCommand('claudeStream._test.chatPosted')) as Posted[];
const panel = async (): Promise<{ open: boolean; visible: boolean }> =>
  (await vscode.commands.executeCommand('claudeStream._test.chatPanel')) as { open: boolean; visible: boolean };
/** As if the webview had sent `raw`. */
const fromWebview = (raw: unknown) => vscode.commands.executeCommand('claudeStream._test.chatReceive', raw);

/** Messages the webview received after the first `from` were posted. */
async function deliveredSince(from: number): Promise<ChatHostMessage[]> {
  return (await posted())
    .slice(from)
    .filter((p) => p.delivered)
    .map((p) => p.message);
}

type Of<T extends ChatHostMessage['type']> = Extract<ChatHostMessage, { type: T }>;
const ofType = <T extends ChatHostMessage['type']>(messages: ChatHostMessage[], type: T): Array<Of<T>> => messages.filter((m): m is Of<T> => m.type === type);

/** A fresh conversation in a panel whose webview is ready. */
async function freshChat(): Promise<void> {
  await vscode.commands.executeCommand('claudeStream.newChat');
  await waitFor(async () => (await panel()).visible, { what: 'the chat webview to say ready', timeoutMs: 20_000 });
  await waitFor(async () => (await chatState()).messages.length === 0 && !(await chatState()).streaming, { what: 'an empty conversation' });
}

const lastRequestMessages = (server: LocalServer['server']): Array<{ role: string; content: unknown }> => {
  const request = server.requests.filter((r) => r.path.startsWith('/v1/messages')).pop();
  return ((request?.body as { messages?: Array<{ role: string; content: unknown }> }) ?? {}).messages ?? [];
};

const LONG = Array.from({ length: 60 }, (_, i) => `Sentence ${i + 1} of a slow answer that the user will stop.`).join(' ');

describe('Chat panel in code-server', function () {
  this.timeout(30_000);
  let local: LocalServer;

  before(async () => {
    await ourExtension().activate();
    local = await useLocalServer();
  });

  after(async () => {
    await local?.dispose();
  });

  beforeEach(() => local.server.reset());

  it('streams a prompt into the panel and keeps the conversation in the history list', async () => {
    await freshChat();
    const from = (await posted()).length;
    const text = 'A streamed answer that arrives in many small deltas and is then kept in history.';
    local.server.enqueue({ text, delayMs: 8, tokenChars: [2, 5] });
    const answer = await askInChat('Remember this conversation');
    assert.equal(answer.state, 'done');
    assert.equal(answer.text, text);

    const seen = await deliveredSince(from);
    const deltas = ofType(seen, 'stream/delta').filter((d) => d.streamId === answer.id);
    assert.ok(deltas.length >= 2, `the webview got ${deltas.length} deltas; the answer should arrive in pieces`);
    assert.deepEqual(
      deltas.map((d) => d.seq),
      deltas.map((_, i) => deltas[0].seq + i),
      'delta seq numbers are not consecutive',
    );
    const snapshots = ofType(seen, 'stream/snapshot').filter((s) => s.streamId === answer.id);
    // Deltas show the answer growing; the end carries the whole text, so the last batch may ride on it.
    const streamed = snapshots.length ? '' : deltas.map((d) => d.text).join('');
    assert.ok(text.startsWith(streamed) && streamed.length > 0, `the deltas are not the start of the answer: "${streamed}"`);
    const end = ofType(seen, 'stream/end').find((e) => e.streamId === answer.id);
    assert.equal(end?.state, 'done');
    assert.equal(end?.text, text);
    assert.ok((end?.metrics?.outputTokens ?? 0) > 0, 'the end carried no output token count');

    const conversationId = (await chatState()).conversationId;
    const before = (await posted()).length;
    await vscode.commands.executeCommand('claudeStream.newChat');
    const state = await waitFor(async () => ofType(await deliveredSince(before), 'chat/state').pop()?.state, { what: 'the new chat state' });
    assert.notEqual(state.conversationId, conversationId, 'New Chat kept the old conversation');
    assert.deepEqual(state.messages, []);
    const listed = state.history.find((h) => h.id === conversationId);
    assert.ok(listed, `the history list does not show the earlier conversation: ${JSON.stringify(state.history)}`);
    assert.equal(listed.messageCount, 2);
    assert.match(listed.title, /Remember this conversation/);

    // Clicking it in the history list reopens it.
    const beforeOpen = (await posted()).length;
    await fromWebview({ type: 'history/open', conversationId });
    const reopened = await waitFor(async () => ofType(await deliveredSince(beforeOpen), 'chat/state').pop()?.state, { what: 'the reopened conversation' });
    assert.equal(reopened.conversationId, conversationId);
    assert.deepEqual(
      reopened.messages.map((m) => [m.role, m.text, m.state]),
      [
        ['user', 'Remember this conversation', 'done'],
        ['assistant', text, 'done'],
      ],
    );
  });

  it('Stop mid-stream keeps the partial answer and marks it cancelled', async () => {
    await freshChat();
    const from = (await posted()).length;
    local.server.enqueue({ text: LONG, delayMs: 25, tokenChars: 6 });
    await vscode.commands.executeCommand('claudeStream.openChat', { prompt: 'Write a long answer' });
    // The default model thinks first: wait for answer text, not thinking.
    await waitFor(async () => ofType(await deliveredSince(from), 'stream/delta').filter((d) => d.text !== '').length >= 3, { what: 'a few deltas of answer text in the webview' });
    await vscode.commands.executeCommand('claudeStream.stop');
    const answer = await waitFor(
      async () => {
        const { messages, streaming } = await chatState();
        return !streaming && messages[1]?.state !== 'streaming' ? messages[1] : undefined;
      },
      { what: 'the stream to stop' },
    );
    assert.equal(answer.state, 'cancelled');
    assert.ok(answer.text.length > 0, 'the partial answer was thrown away');
    assert.ok(answer.text.length < LONG.length, 'the answer ran to the end despite Stop');
    assert.ok(LONG.startsWith(answer.text), 'the kept text is not what was streamed');
    const end = ofType(await deliveredSince(from), 'stream/end').pop();
    assert.equal(end?.state, 'cancelled');
    assert.equal(end?.text, answer.text, 'the webview was told a different final text');
  });

  it('Regenerate replaces the last answer with a new one for the same prompt', async () => {
    await freshChat();
    local.server.enqueue({ text: 'First attempt.' }, { text: 'Second, better attempt.' });
    const first = await askInChat('Explain closures');
    assert.equal(first.text, 'First attempt.');
    await fromWebview({ type: 'message/regenerate' });
    const second = await waitFor(
      async () => {
        const { messages, streaming } = await chatState();
        const last = messages[messages.length - 1];
        return !streaming && last.id !== first.id && last.state !== 'streaming' ? messages : undefined;
      },
      { what: 'the regenerated answer' },
    );
    assert.deepEqual(
      second.map((m) => [m.role, m.text]),
      [
        ['user', 'Explain closures'],
        ['assistant', 'Second, better attempt.'],
      ],
    );
    const sent = lastRequestMessages(local.server);
    assert.equal(sent.length, 1, 'the old answer was sent back with the regenerate request');
  });

  it('Edit and resend cuts the conversation at the edited message', async () => {
    await freshChat();
    local.server.enqueue({ text: 'About cats.' }, { text: 'About dogs.' });
    await askInChat('Tell me about cats');
    const user = (await chatState()).messages[0];
    await fromWebview({ type: 'message/edit', messageId: user.id, text: 'Tell me about dogs' });
    const messages = await waitFor(
      async () => {
        const s = await chatState();
        return !s.streaming && s.messages[1]?.text === 'About dogs.' ? s.messages : undefined;
      },
      { what: 'the answer to the edited prompt' },
    );
    assert.deepEqual(
      messages.map((m) => m.text),
      ['Tell me about dogs', 'About dogs.'],
    );
  });

  it('a 429 shows the retry countdown, then the answer', async () => {
    const restore = await setSetting('retry.backoffMs', 50);
    try {
      await freshChat();
      const from = (await posted()).length;
      local.server.enqueue({ status: 429, errorType: 'rate_limit_error', retryAfterSec: 0.4 }, { text: 'Worth the wait.' });
      const answer = await askInChat('Are you busy?');
      assert.equal(answer.state, 'done');
      assert.equal(answer.text, 'Worth the wait.');
      const seen = await deliveredSince(from);
      const retry = ofType(seen, 'stream/retry').find((r) => r.streamId === answer.id);
      assert.ok(retry, 'the webview was never told about the retry');
      assert.equal(retry.attempt, 1);
      assert.equal(retry.maxRetries, 3);
      assert.ok(retry.delayMs >= 300 && retry.delayMs <= 500, `the countdown ignored retry-after: ${retry.delayMs} ms`);
      const order = seen.filter((m) => 'streamId' in m && m.streamId === answer.id).map((m) => m.type);
      assert.ok(order.indexOf('stream/retry') < order.indexOf('stream/end'), `retry came after the end: ${order.join(', ')}`);
    } finally {
      await restore();
    }
  });

  it('a 401 ends in an error card whose fix is Set API Key', async () => {
    const refusing = await useLocalServer({ apiKey: 'sk-ant-some-other-key' });
    try {
      await freshChat();
      const from = (await posted()).length;
      const answer = await askInChat('Hello?');
      assert.equal(answer.state, 'error');
      const end = ofType(await deliveredSince(from), 'stream/end').find((e) => e.streamId === answer.id);
      assert.equal(end?.state, 'error');
      assert.equal(end?.error?.kind, 'auth');
      assert.equal(end?.error?.action, 'setApiKey');
      assert.match(end?.error?.message ?? '', /key/i);
    } finally {
      await refusing.dispose();
    }
  });

  it('closing and reopening the panel restores the conversation, and a reload can restore the panel', async () => {
    await freshChat();
    local.server.enqueue({ text: 'Still here after the panel closed.' });
    await askInChat('Survive a reload');
    const { conversationId } = await chatState();

    const tab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && /claude/i.test(t.label));
    assert.ok(tab, 'no chat tab to close');
    await vscode.window.tabGroups.close(tab);
    await waitFor(async () => !(await panel()).open, { what: 'the panel to close' });

    const from = (await posted()).length;
    await vscode.commands.executeCommand('claudeStream.openChat');
    const state: ChatState = await waitFor(async () => ofType(await deliveredSince(from), 'chat/state').pop()?.state, {
      what: 'the reopened panel to get its state',
      timeoutMs: 20_000,
    });
    assert.equal(state.conversationId, conversationId);
    assert.deepEqual(
      state.messages.map((m) => m.text),
      ['Survive a reload', 'Still here after the panel closed.'],
    );

    // After a real window reload VS Code recreates the panel through our serializer, which it
    // only calls if the extension activates for the panel's view type.
    const manifest = ourExtension().packageJSON as { activationEvents?: string[] };
    assert.ok(manifest.activationEvents?.includes('onWebviewPanel:claudeStream.chat'), 'no onWebviewPanel activation event for the chat');
  });

  it('ignores malformed messages from the webview', async () => {
    await freshChat();
    local.server.enqueue({ text: 'Only once.' });
    await askInChat('One answer');
    // Only answers count: the context meter may count tokens (count_tokens) after an answer.
    const answersAsked = () => local.server.requests.filter((r) => r.path === '/v1/messages').length;
    const before = answersAsked();
    await fromWebview({ type: 'message/regenerate', sneaky: true });
    await fromWebview({ type: 'prompt/submit', text: 42 });
    await fromWebview({ type: 'history/open', conversationId: '../../etc/passwd' });
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(answersAsked(), before, 'a malformed message reached the server');
    assert.deepEqual(
      (await chatState()).messages.map((m) => m.text),
      ['One answer', 'Only once.'],
    );
  });
});
