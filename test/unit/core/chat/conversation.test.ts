import * as assert from 'node:assert/strict';
import { Conversation } from '../../../../src/core/chat/conversation';
import { parseStoredConversation, toMessageView } from '../../../../src/core/chat/storedConversation';
import { HistoryStore } from '../../../../src/core/chat/historyStore';
import { memoryState } from '../../support/chatDoubles';

describe('conversation', () => {
  let t = 0;
  const now = () => ++t;

  it('is titled by its first question', () => {
    const c = Conversation.create('c1', now);
    c.add({ id: 'u1', role: 'user', text: 'How do I debounce a function in TypeScript?', state: 'done' });
    assert.equal(c.summary().title, 'How do I debounce a function in TypeScript?');
  });

  it('sends only completed exchanges, merging user turns around a failed answer', () => {
    const c = Conversation.create('c1', now);
    c.add({ id: 'u1', role: 'user', text: 'first', state: 'done' });
    c.add({ id: 'a1', role: 'assistant', text: '', state: 'error' });
    c.add({ id: 'u2', role: 'user', text: 'second', state: 'done' });
    c.add({ id: 'a2', role: 'assistant', text: 'partial', state: 'cancelled' });
    c.add({ id: 'u3', role: 'user', text: 'third', state: 'done' });
    c.add({ id: 'a3', role: 'assistant', text: '', state: 'streaming' });
    assert.deepEqual(c.toTurns(), [
      { role: 'user', content: 'first\n\nsecond' },
      { role: 'assistant', content: 'partial' },
      { role: 'user', content: 'third' },
    ]);
  });

  it('cuts the conversation at an edited message', () => {
    const c = Conversation.create('c1', now);
    c.add({ id: 'u1', role: 'user', text: 'a', state: 'done' });
    c.add({ id: 'a1', role: 'assistant', text: 'b', state: 'done' });
    c.add({ id: 'u2', role: 'user', text: 'c', state: 'done' });
    assert.equal(c.truncateFrom('a1'), true);
    assert.deepEqual(
      c.messages.map((m) => m.id),
      ['u1'],
    );
  });

  it('stores a still-streaming answer as cancelled, since no stream survives a reload', () => {
    const c = Conversation.create('c1', now);
    c.add({ id: 'a1', role: 'assistant', text: 'half', state: 'streaming' });
    assert.equal(c.toStored().messages[0].state, 'cancelled');
    assert.equal(c.messages[0].state, 'streaming');
  });

  it('reads back only well-formed conversations from storage', () => {
    assert.equal(parseStoredConversation('garbage'), undefined);
    assert.equal(parseStoredConversation({ id: 1 }), undefined);
    const parsed = parseStoredConversation({
      id: 'c',
      title: 't',
      messages: [
        { id: 'x', role: 'system', text: 'evil' },
        { id: 'y', role: 'user', text: 'ok', state: 'bogus' },
      ],
    });
    assert.deepEqual(
      parsed?.messages.map((m) => [m.id, m.state]),
      [['y', 'done']],
    );
  });

  it('reads back stored branches, dropping malformed ones and clamping the index', () => {
    const parsed = parseStoredConversation({
      id: 'c',
      title: 't',
      messages: [
        {
          id: 'u2',
          role: 'user',
          text: 'new',
          state: 'done',
          branchIndex: 99,
          otherBranches: [
            [
              { id: 'u1', role: 'user', text: 'old' },
              { id: 'a1', role: 'assistant', text: 'A' },
            ],
            'junk',
            [],
            [{ id: 'a9', role: 'assistant', text: 'no user head' }],
          ],
          attachments: [{ label: 'a.ts', code: 'x' }, { label: 5 }],
        },
      ],
    });
    const head = parsed!.messages[0];
    assert.deepEqual(
      head.otherBranches?.map((t) => t.map((m) => m.id)),
      [['u1', 'a1']],
    );
    assert.equal(head.branchIndex, 1);
    assert.deepEqual(head.attachments, [{ label: 'a.ts', code: 'x' }]);
    // Stored before context kinds existed: the chip is a selection with an id and an estimate.
    assert.deepEqual(toMessageView(head).attachments, [{ id: 'att-stored-0', kind: 'selection', label: 'a.ts', code: 'x', tokens: 1 }]);
    const c = new Conversation(parsed!, now);
    assert.equal(c.selectBranch('u2', 0), true);
    assert.deepEqual(
      c.messages.map((m) => m.text),
      ['old', 'A'],
    );
  });

  it('sends the full prompt of a message with attached code, and shows only its text', () => {
    const c = Conversation.create('c1', now);
    c.add({
      id: 'u1',
      role: 'user',
      text: 'Why?',
      prompt: 'Why?\n\n```ts\nx\n```',
      attachments: [{ id: 'a1', kind: 'selection', label: 'a.ts', code: 'x', tokens: 1 }],
      state: 'done',
    });
    assert.deepEqual(c.toTurns(), [{ role: 'user', content: 'Why?\n\n```ts\nx\n```' }]);
    assert.deepEqual(toMessageView(c.messages[0]), {
      id: 'u1',
      role: 'user',
      text: 'Why?',
      attachments: [{ id: 'a1', kind: 'selection', label: 'a.ts', code: 'x', tokens: 1 }],
      state: 'done',
    });
  });
});

describe('history store', () => {
  it('keeps the newest conversations up to the limit and drops the oldest', async () => {
    const state = memoryState();
    const history = new HistoryStore(state, () => 3);
    let t = 0;
    for (let i = 0; i < 5; i++) {
      const c = Conversation.create(`c${i}`, () => ++t);
      c.add({ id: `u${i}`, role: 'user', text: `question ${i}`, state: 'done' });
      await history.save(c.toStored());
    }
    assert.deepEqual(
      history.list().map((s) => s.id),
      ['c4', 'c3', 'c2'],
    );
    assert.equal(history.load('c0'), undefined);
    assert.equal(state.data.has('claudeStream.history.conversation.c0'), false, 'dropped conversations leave storage');
    assert.equal(history.load('c4')?.messages[0].text, 'question 4');
  });

  it('does not save an empty conversation', async () => {
    const history = new HistoryStore(memoryState(), () => 10);
    await history.save(Conversation.create('empty', Date.now).toStored());
    assert.deepEqual(history.list(), []);
  });

  it('survives a corrupt index', () => {
    const state = memoryState();
    state.data.set('claudeStream.history.index', [{ id: 'ok', title: 't', updatedAt: 1, messageCount: 1 }, 'junk', { id: 3 }]);
    assert.deepEqual(
      new HistoryStore(state, () => 10).list().map((s) => s.id),
      ['ok'],
    );
  });
});
