import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HistoryStore } from '../../../../src/core/chat/historyStore';
import { toMessageView } from '../../../../src/core/chat/storedConversation';
import { migrate } from '../../../../src/core/learning/records';
import { memoryState } from '../../support/chatDoubles';

const FIXTURES = join(__dirname, '../../../fixtures/storage');
const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');
/** What the code before the storage schemas read back from the same files (written by that code). */
const today = JSON.parse(fixture('readBack.today.json')) as { records: unknown[]; conversation: unknown; list: unknown[]; lastOpen: string };
/** Compares as storage does: through JSON, where an undefined field is no field. */
const json = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

describe('storage written by the previous version', () => {
  it('reads its learning records back exactly as it did', () => {
    const lines = fixture('learningRecords.v1.jsonl').trim().split('\n');
    const records = lines.map((line) => migrate(JSON.parse(line)));
    assert.ok(
      records.every((r) => r !== undefined),
      'every record is readable',
    );
    assert.deepEqual(json(records), today.records);
  });

  it('reads its chat history back exactly as it did, branches, attachments, thinking blocks and errors included', () => {
    const state = memoryState();
    for (const [key, value] of Object.entries(JSON.parse(fixture('workspaceState.history.json')) as Record<string, unknown>)) state.data.set(key, value);
    const history = new HistoryStore(state, () => 50);
    assert.equal(history.lastOpen(), today.lastOpen);
    assert.deepEqual(json(history.list()), today.list);
    const conversation = history.load('c1');
    assert.ok(conversation, 'the conversation is readable');
    assert.deepEqual(json(conversation), today.conversation);
  });

  it('writes a schema version and keeps nothing the schema does not know, and reads that back unchanged', async () => {
    const state = memoryState();
    for (const [key, value] of Object.entries(JSON.parse(fixture('workspaceState.history.json')) as Record<string, unknown>)) state.data.set(key, value);
    const history = new HistoryStore(state, () => 50);
    const loaded = history.load('c1')!;
    const withWireExtras = { ...loaded, messages: loaded.messages.map((m) => ({ ...m, branch: { index: 0, count: 1 }, futureWireField: 'x' })) };
    await history.save(withWireExtras);
    const written = state.data.get('claudeStream.history.conversation.c1') as Record<string, unknown>;
    assert.equal(written.schemaVersion, 1);
    assert.ok(!JSON.stringify(written).includes('futureWireField'), 'a wire-only field is not stored');
    assert.ok(!JSON.stringify(written).includes('"branch"'), 'the view-only branch position is not stored');
    assert.deepEqual(json(history.load('c1')), today.conversation);
  });

  it('refuses a conversation from a newer schema instead of misreading it', () => {
    const state = memoryState();
    const stored = (JSON.parse(fixture('workspaceState.history.json')) as Record<string, Record<string, unknown>>)['claudeStream.history.conversation.c1'];
    state.data.set('claudeStream.history.conversation.c1', { ...stored, schemaVersion: 2 });
    assert.equal(new HistoryStore(state, () => 50).load('c1'), undefined);
  });

  it('maps a stored message to the webview without the host-only fields', () => {
    const state = memoryState();
    for (const [key, value] of Object.entries(JSON.parse(fixture('workspaceState.history.json')) as Record<string, unknown>)) state.data.set(key, value);
    const [first] = new HistoryStore(state, () => 50).load('c1')!.messages;
    const view = toMessageView(first);
    assert.deepEqual(view.branch, { index: 1, count: 2 });
    for (const hostOnly of ['prompt', 'otherBranches', 'branchIndex', 'createdAt', 'thinkingBlocks']) assert.ok(!(hostOnly in view), `${hostOnly} stays on the host`);
  });
});
