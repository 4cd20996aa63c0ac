import * as assert from 'node:assert/strict';
import { kindsFor, mentionAt, replaceMention } from '../../../webview/chat/mentions';

describe('# mentions in the chat input', () => {
  it('finds the mention the caret is in, with or without a kind', () => {
    assert.deepEqual(mentionAt('why does #fi', 12), { start: 9, end: 12, query: 'fi' });
    assert.deepEqual(mentionAt('#', 1), { start: 0, end: 1, query: '' });
    assert.deepEqual(mentionAt('see #file:src/ca', 16), { start: 4, end: 16, kind: 'file', query: 'src/ca' });
    assert.deepEqual(mentionAt('(#symbol:Cart', 13), { start: 1, end: 13, kind: 'symbol', query: 'Cart' });
  });

  it('does not take C#, issue#4, a finished word or a kind that takes no value for a mention', () => {
    assert.equal(mentionAt('I write C#', 10), undefined);
    assert.equal(mentionAt('see issue#4', 11), undefined);
    assert.equal(mentionAt('#file:src/cart.ts and', 21), undefined);
    assert.equal(mentionAt('#problems:x', 11), undefined);
    assert.equal(mentionAt('#fi le', 6), undefined);
  });

  it('lists the kinds a partial mention can become, prefix matches first', () => {
    assert.deepEqual(
      kindsFor('fi').map((k) => k.kind),
      ['file'],
    );
    assert.deepEqual(
      kindsFor('f').map((k) => k.kind),
      ['file', 'folder'],
    );
    assert.deepEqual(kindsFor('').length, 7);
    assert.deepEqual(
      kindsFor('e').map((k) => k.kind),
      ['file', 'folder', 'selection', 'problems', 'changes', 'terminal'],
    );
    assert.deepEqual(kindsFor('xyz'), []);
  });

  it('replaces the mention and puts the caret after it, with one space after a finished mention', () => {
    const text = 'why does #fi fail?';
    const mention = mentionAt(text, 12)!;
    assert.deepEqual(replaceMention(text, mention, '#file:'), { text: 'why does #file: fail?', caret: 15 });
    assert.deepEqual(replaceMention('why #pro', mentionAt('why #pro', 8)!, '#problems'), { text: 'why #problems ', caret: 14 });
  });
});
