import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { contributedCommands, ourExtension, setSetting, waitFor } from './helpers';

describe('Activation', () => {
  it('stays inactive until the user runs one of its commands', () => {
    assert.equal(ourExtension().isActive, false, 'the extension activated before any command ran');
  });

  it('activates when a Claude command runs, and registers every command the palette shows', async () => {
    // `newChat` is harmless without a key or a server: it only resets the chat.
    await vscode.commands.executeCommand('claudeStream.newChat');
    await waitFor(() => ourExtension().isActive, { what: 'activation' });
    const registered = new Set(await vscode.commands.getCommands(true));
    const contributed = contributedCommands();
    assert.ok(contributed.length >= 8, `package.json contributes ${contributed.length} commands`);
    const missing = contributed.filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });

  it('reads a changed setting without a reload', async () => {
    const restore = await setSetting('model', 'claude-haiku-4-5');
    try {
      assert.equal(vscode.workspace.getConfiguration('claudeStream').get('model'), 'claude-haiku-4-5');
    } finally {
      await restore();
    }
    assert.equal(vscode.workspace.getConfiguration('claudeStream').get('model'), 'claude-sonnet-5');
  });
});
