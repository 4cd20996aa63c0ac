import * as assert from 'node:assert/strict';
import { MAX_IMAGE_BASE64, parseChatWebviewMessage } from '../../../src/shared/protocol';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

describe('webview message validation: context from the workspace', () => {
  it('accepts each well-formed context message', () => {
    const good: unknown[] = [
      { type: 'context/query', requestId: 'ctx-1', kind: 'file', query: 'cart' },
      { type: 'context/query', requestId: 'ctx-1', kind: 'symbol', query: '' },
      { type: 'context/add', requestId: 'ctx-2', kind: 'file', value: 'src/cart.ts' },
      { type: 'context/add', requestId: 'ctx-2', kind: 'problems' },
      { type: 'context/acceptOffer', requestId: 'ctx-2', offerId: 'lines' },
      { type: 'context/dropUris', requestId: 'ctx-3', uris: ['file:///w/src/cart.ts', 'vscode-remote://x/w/a.ts'] },
      { type: 'context/image', requestId: 'ctx-4', name: 'error.png', mediaType: 'image/png', data: PNG },
      { type: 'context/activeFile', enabled: true },
      { type: 'context/remove', id: 'att-1' },
      {
        type: 'prompt/submit',
        text: 'why does #file:src/cart.ts fail #problems?',
        attachments: [
          { id: 'att-1', kind: 'file', label: 'src/cart.ts', path: 'src/cart.ts', code: 'x', language: 'typescript', tokens: 12, range: { startLine: 1, endLine: 30 } },
          { id: 'img-1', kind: 'image', label: 'error.png', code: '', tokens: 54, image: { mediaType: 'image/png', bytes: 70, thumbnail: `data:image/png;base64,${PNG}` } },
        ],
      },
    ];
    for (const message of good) assert.deepEqual(parseChatWebviewMessage(message), message, JSON.stringify(message));
  });

  it('rejects unknown kinds, bad ids, empty or oversized drops and images that are not base64 images', () => {
    const bad: unknown[] = [
      { type: 'context/query', requestId: 'ctx-1', kind: 'problems', query: 'x' },
      { type: 'context/query', requestId: '../x', kind: 'file', query: 'x' },
      { type: 'context/add', requestId: 'ctx-2', kind: 'shell', value: 'rm -rf /' },
      { type: 'context/add', requestId: 'ctx-2', kind: 'file', value: '' },
      { type: 'context/dropUris', requestId: 'ctx-3', uris: [] },
      { type: 'context/dropUris', requestId: 'ctx-3', uris: [42] },
      { type: 'context/dropUris', requestId: 'ctx-3', uris: Array.from({ length: 51 }, (_, i) => `file:///f${i}`) },
      { type: 'context/image', requestId: 'ctx-4', name: 'a.svg', mediaType: 'image/svg+xml', data: PNG },
      { type: 'context/image', requestId: 'ctx-4', name: 'a.png', mediaType: 'image/png', data: 'not base64!' },
      { type: 'context/image', requestId: 'ctx-4', name: 'a.png', mediaType: 'image/png', data: 'A'.repeat(MAX_IMAGE_BASE64 + 4) },
      { type: 'context/activeFile', enabled: 'yes' },
      { type: 'context/remove', id: 'a b' },
      { type: 'prompt/submit', text: 'x', attachments: [{ id: 'a1', label: 'a', code: 'b', kind: 'secret', tokens: 1 }] },
      { type: 'prompt/submit', text: 'x', attachments: [{ label: 'a', code: 'b' }] },
      { type: 'prompt/submit', text: 'x', attachments: [{ label: 'a', code: 'b', tokens: -1 }] },
      { type: 'prompt/submit', text: 'x', attachments: [{ label: 'a', code: 'b', image: { mediaType: 'image/png', bytes: 1, thumbnail: 'javascript:alert(1)' } }] },
      { type: 'prompt/submit', text: 'x', attachments: [{ label: 'a', code: 'b', range: { startLine: 1 } }] },
    ];
    for (const message of bad) assert.equal(parseChatWebviewMessage(message), undefined, JSON.stringify(message).slice(0, 200));
  });
});
