import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { ClaudeStreamConfig } from '../../src/core/config';
import { chatState, contributedCommands, askInChat, lastApiKey, ourExtension, readUserSettingsText, setSetting, useLocalServer, waitFor, type LocalServer } from './helpers';

const extensionConfig = async (): Promise<ClaudeStreamConfig> => (await vscode.commands.executeCommand('claudeStream._test.config')) as ClaudeStreamConfig;

const chatTabOpen = (): boolean => vscode.window.tabGroups.all.some((group) => group.tabs.some((tab) => tab.input instanceof vscode.TabInputWebview && /claude/i.test(tab.label)));

describe('Activation', () => {
  it('stays inactive until the user runs one of its commands', () => {
    assert.equal(ourExtension().isActive, false, 'the extension activated before any command ran');
  });

  it('activates when a Claude command runs, and registers every command the palette shows', async () => {
    // `newChat` needs neither a key nor a server.
    await vscode.commands.executeCommand('claudeStream.newChat');
    await waitFor(() => ourExtension().isActive, { what: 'activation' });
    const registered = new Set(await vscode.commands.getCommands(true));
    const contributed = contributedCommands();
    assert.ok(contributed.length >= 8, `package.json contributes ${contributed.length} commands`);
    const missing = contributed.filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });
});

describe('Settings', () => {
  // Also when --grep skipped the activation tests above.
  before(() => ourExtension().activate());

  it('are read at activation: the local server the runner configured is the base URL', async () => {
    const configured = process.env.CLAUDE_STREAM_LOCAL_SERVER_URL;
    assert.ok(configured, 'the runner did not say which local server it configured (CLAUDE_STREAM_LOCAL_SERVER_URL)');
    assert.equal((await extensionConfig()).baseUrl, configured);
  });

  it('are re-read when the user changes them, without a reload', async () => {
    assert.equal((await extensionConfig()).model, 'claude-sonnet-5-5', 'the model must start at its default for the change to show');
    const restore = await setSetting('model', 'claude-haiku-4-5');
    try {
      await waitFor(async () => (await extensionConfig()).model === 'claude-haiku-4-5', { what: 'the new model' });
    } finally {
      await restore();
    }
    await waitFor(async () => (await extensionConfig()).model === 'claude-sonnet-5-5', { what: 'the default model again' });
  });

  it('fall back to the default when a value is out of range', async () => {
    // From a valid non-default value first: waiting for 32000 straight away would pass even if
    // the extension never re-read the setting, since 32000 is where it started.
    const restore = await setSetting('maxTokens', 1234);
    try {
      await waitFor(async () => (await extensionConfig()).maxTokens === 1234, { what: 'maxTokens 1234 to be read' });
      await setSetting('maxTokens', -5);
      await waitFor(async () => (await extensionConfig()).maxTokens === 32_000, { what: 'maxTokens -5 to fall back to 32000' });
    } finally {
      await restore();
    }
  });
});

describe('API key', () => {
  const storedKey = `sk-ant-stored-${randomBytes(12).toString('hex')}`;
  let local: LocalServer;

  before(async () => {
    await ourExtension().activate();
    // This server accepts only the stored key, not the one in ANTHROPIC_API_KEY.
    local = await useLocalServer({ apiKey: storedKey });
  });

  after(async () => {
    await vscode.commands.executeCommand('claudeStream.removeApiKey');
    await local?.dispose();
  });

  it('set with "Set API Key" is the key sent to the API, and never lands in settings.json', async () => {
    await vscode.commands.executeCommand('claudeStream.setApiKey', { key: storedKey });
    local.server.enqueue({ text: 'Authorised with the stored key.' });
    const answer = await askInChat('Which key did you get?');
    assert.equal(answer.state, 'done', `the answer ended as ${answer.state}: ${answer.text}`);
    assert.equal(answer.text, 'Authorised with the stored key.');
    assert.equal(lastApiKey(local.server), storedKey, 'the request did not carry the stored key');
    assert.ok(!readUserSettingsText().includes(storedKey), 'the API key was written to the user settings.json');
  });

  it('removed with "Remove API Key" is no longer sent', async () => {
    await vscode.commands.executeCommand('claudeStream.removeApiKey');
    const answer = await askInChat('And now?');
    assert.notEqual(lastApiKey(local.server), storedKey);
    assert.equal(answer.state, 'error', 'the server only knows the removed key, so the request must be refused');
  });
});

describe('Open Chat with a prompt', () => {
  let local: LocalServer;

  before(async () => {
    await ourExtension().activate();
    local = await useLocalServer();
  });

  after(async () => {
    await local?.dispose();
  });

  it('opens the chat panel and streams the whole answer from the server', async () => {
    const text = 'Here is a streamed answer, delivered in small pieces by the local server.';
    local.server.enqueue({ text, delayMs: 5, tokenChars: [3, 6] });
    await vscode.commands.executeCommand('claudeStream.newChat');
    const answer = await askInChat('Stream something please');
    assert.ok(chatTabOpen(), 'no chat panel tab is open');
    assert.equal(answer.state, 'done');
    assert.equal(answer.text, text);
    const { messages } = await chatState();
    assert.deepEqual(
      messages.map((m) => [m.role, m.text]),
      [
        ['user', 'Stream something please'],
        ['assistant', text],
      ],
    );
    const request = local.server.requests.filter((r) => r.path.startsWith('/v1/messages')).pop();
    assert.ok(JSON.stringify(request?.body).includes('Stream something please'), 'the server never received the prompt');
  });
});
