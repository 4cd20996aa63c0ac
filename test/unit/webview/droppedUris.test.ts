import * as assert from 'node:assert/strict';
import { urisOf } from '../../../webview/chat/droppedUris';

/** A drop's data as the chat reads it: `getData` by type, case-insensitive like a DataTransfer, '' for a type it lacks. */
const drop = (data: Record<string, string>) => ({ getData: (type: string) => data[type.toLowerCase()] ?? '' });

const RETRY = 'vscode-remote://127.0.0.1:35389/work/samples/src/retry.ts';

describe('files dropped on the chat', () => {
  it('reads the Explorer drag as code-server makes it: the uri-list types first', () => {
    const explorer = drop({
      'text/plain': '/work/samples/src/retry.ts',
      'text/uri-list': RETRY,
      'application/vnd.code.uri-list': RETRY,
      codeeditors: JSON.stringify([{ resource: { scheme: 'vscode-remote', path: '/work/samples/src/retry.ts' }, options: {} }]),
      resourceurls: JSON.stringify([RETRY]),
    });
    assert.deepEqual(urisOf(explorer), [RETRY]);
  });

  it('splits a uri-list on CRLF, skips comments, blanks and repeats', () => {
    const list = '# dragged\r\nfile:///w/src/cart.ts\r\n\r\nfile:///w/src/retry.ts\r\nfile:///w/src/cart.ts\r\n';
    assert.deepEqual(urisOf(drop({ 'text/uri-list': list })), ['file:///w/src/cart.ts', 'file:///w/src/retry.ts']);
  });

  it('falls back to the JSON lists: ResourceURLs, then CodeFiles paths', () => {
    assert.deepEqual(urisOf(drop({ resourceurls: JSON.stringify(['file:///w/a.ts', 'file:///w/b.ts']) })), ['file:///w/a.ts', 'file:///w/b.ts']);
    assert.deepEqual(urisOf(drop({ codefiles: JSON.stringify(['/w/a.ts', 7, 'C:\\w\\b.ts']) })), ['/w/a.ts', 'C:\\w\\b.ts']);
    assert.deepEqual(urisOf(drop({ resourceurls: '{not json', codefiles: JSON.stringify(['/w/a.ts']) })), ['/w/a.ts']);
  });

  it('names nothing for a text drop, and at most 50 files for a huge one', () => {
    assert.deepEqual(urisOf(drop({ 'text/plain': 'hello' })), []);
    assert.deepEqual(urisOf(drop({ resourceurls: '"file:///w/a.ts"' })), []);
    const many = Array.from({ length: 60 }, (_, i) => `file:///w/f${i}.ts`);
    assert.deepEqual(urisOf(drop({ 'text/uri-list': many.join('\r\n') })), many.slice(0, 50));
  });
});
