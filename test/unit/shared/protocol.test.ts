import * as assert from 'node:assert/strict';
import { MAX_WEBVIEW_STRING, parseChatWebviewMessage, parseInsightsWebviewMessage } from '../../../src/shared/protocol';

describe('webview message validation', () => {
  it('accepts each well-formed chat message', () => {
    const good: unknown[] = [
      { type: 'ready' },
      { type: 'prompt/submit', text: 'hello' },
      { type: 'stream/stop' },
      { type: 'message/edit', messageId: 'm1', text: 'again' },
      { type: 'message/feedback', messageId: 'm1', value: 'down' },
      { type: 'code/action', action: 'apply', messageId: 'm1', code: 'x', language: 'ts' },
      { type: 'code/action', action: 'copy', messageId: 'm1', code: 'x' },
      { type: 'error/action', action: 'setApiKey' },
      { type: 'link/open', href: 'https://example.com' },
      { type: 'model/select', model: 'claude-sonnet-5' },
      { type: 'history/open', conversationId: 'c_1' },
    ];
    for (const message of good) assert.deepEqual(parseChatWebviewMessage(message), message, JSON.stringify(message));
  });

  it('rejects unknown types, wrong field types, extra fields and non-objects', () => {
    const bad: unknown[] = [
      null,
      'ready',
      [],
      { type: 'run/command', command: 'workbench.action.terminal.new' },
      { type: 'prompt/submit' },
      { type: 'prompt/submit', text: 42 },
      { type: 'prompt/submit', text: 'x', extra: true },
      { type: 'message/feedback', messageId: 'm1', value: 'meh' },
      { type: 'message/edit', messageId: '../../etc', text: 'x' },
      { type: 'error/action', action: 'runCommand' },
      { type: 'model/select', model: 'x; rm -rf /' },
      { type: 'code/action', action: 'exec', messageId: 'm1', code: 'x' },
    ];
    for (const message of bad) assert.equal(parseChatWebviewMessage(message), undefined, JSON.stringify(message));
  });

  it('accepts the context actions, a setting of ours with Open Settings, and a request id to copy', () => {
    const good: unknown[] = [
      { type: 'error/action', action: 'newChat' },
      { type: 'error/action', action: 'dropOldest' },
      { type: 'error/action', action: 'openSettings', setting: 'claudeStream.baseUrl' },
      { type: 'error/copyRequestId', requestId: 'req_011CSHoEeqs5C35K2UUqR7Fy' },
    ];
    for (const message of good) assert.deepEqual(parseChatWebviewMessage(message), message, JSON.stringify(message));
  });

  it('refuses a setting that is not ours and a request id that is not one', () => {
    const bad: unknown[] = [
      { type: 'error/action', action: 'openSettings', setting: 'terminal.integrated.shell.linux' },
      { type: 'error/action', action: 'openSettings', setting: 'claudeStream.baseUrl @ext:evil' },
      { type: 'error/action', action: 'openSettings', setting: 42 },
      { type: 'error/copyRequestId', requestId: 'req 1\nrm -rf /' },
      { type: 'error/copyRequestId', requestId: 'r'.repeat(201) },
      { type: 'error/copyRequestId' },
    ];
    for (const message of bad) assert.equal(parseChatWebviewMessage(message), undefined, JSON.stringify(message));
  });

  it('rejects prototype-pollution keys instead of copying them', () => {
    const polluted = JSON.parse('{"type":"prompt/submit","text":"x","__proto__":{"polluted":true}}');
    assert.equal(parseChatWebviewMessage(polluted), undefined);
    assert.equal(parseChatWebviewMessage({ type: 'constructor' }), undefined);
    assert.equal(parseChatWebviewMessage({ type: '__proto__' }), undefined);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('rejects a huge string rather than truncating it', () => {
    assert.equal(parseChatWebviewMessage({ type: 'prompt/submit', text: 'x'.repeat(MAX_WEBVIEW_STRING + 1) }), undefined);
  });

  it('validates insights messages separately from chat messages', () => {
    assert.deepEqual(parseInsightsWebviewMessage({ type: 'insight/apply', id: 'max-tokens' }), { type: 'insight/apply', id: 'max-tokens' });
    assert.equal(parseInsightsWebviewMessage({ type: 'prompt/submit', text: 'x' }), undefined);
  });

  it('accepts the workspace context requests of the # completion, drops, images and the active-file toggle', () => {
    const attachment = {
      id: 'att1',
      kind: 'file',
      label: 'src/cart.ts',
      code: 'export const x = 1;',
      language: 'typescript',
      path: 'src/cart.ts',
      range: { startLine: 1, endLine: 1 },
      tokens: 5,
    };
    const good: unknown[] = [
      { type: 'context/query', requestId: 'q1', kind: 'file', query: 'car' },
      { type: 'context/add', requestId: 'q2', kind: 'file', value: 'src/cart.ts' },
      { type: 'context/add', requestId: 'q3', kind: 'problems' },
      { type: 'context/acceptOffer', requestId: 'q2', offerId: 'part' },
      { type: 'context/dropUris', requestId: 'd1', uris: ['file:///work/app/src/cart.ts'] },
      { type: 'context/image', requestId: 'i1', name: 'error.png', mediaType: 'image/png', data: 'iVBORw0KGgo=' },
      { type: 'context/activeFile', enabled: true },
      { type: 'context/remove', id: 'att1' },
      { type: 'prompt/submit', text: 'why?', attachments: [attachment] },
      {
        type: 'prompt/submit',
        text: 'see',
        attachments: [
          { id: 'att2', kind: 'image', label: 'error.png', code: '', tokens: 1600, image: { mediaType: 'image/png', bytes: 8, thumbnail: 'data:image/png;base64,iVBORw0KGgo=' } },
        ],
      },
    ];
    for (const message of good) assert.deepEqual(parseChatWebviewMessage(message), message, JSON.stringify(message));
  });

  it('refuses context requests with an unknown kind, a bad image, a reversed range or an attachment without an id', () => {
    const bad: unknown[] = [
      { type: 'context/query', requestId: 'q1', kind: 'terminal', query: 'x' },
      { type: 'context/query', requestId: 'q1', kind: 'file', query: 'x'.repeat(501) },
      { type: 'context/add', requestId: 'q1', kind: 'image' },
      { type: 'context/add', requestId: '../x', kind: 'file', value: 'a' },
      { type: 'context/add', requestId: 'q1', kind: 'file', value: '' },
      { type: 'context/dropUris', requestId: 'd1', uris: [] },
      { type: 'context/dropUris', requestId: 'd1', uris: [42] },
      { type: 'context/image', requestId: 'i1', name: 'x.svg', mediaType: 'image/svg+xml', data: 'AAAA' },
      { type: 'context/image', requestId: 'i1', name: 'x.png', mediaType: 'image/png', data: 'data:image/png;base64,AAAA' },
      { type: 'context/image', requestId: 'i1', name: 'x.png', mediaType: 'image/png', data: '' },
      { type: 'context/activeFile', enabled: 'yes' },
      { type: 'context/remove', id: 'a b' },
      { type: 'prompt/submit', text: 'x', attachments: [{ label: 'a', code: 'b' }] },
      { type: 'prompt/submit', text: 'x', attachments: [{ id: 'a', kind: 'file', label: 'a', code: 'b', tokens: 1, range: { startLine: 5, endLine: 2 } }] },
      { type: 'prompt/submit', text: 'x', attachments: [{ id: 'a', kind: 'secret', label: 'a', code: 'b', tokens: 1 }] },
      {
        type: 'prompt/submit',
        text: 'x',
        attachments: [{ id: 'a', kind: 'image', label: 'a', code: '', tokens: 1, image: { mediaType: 'image/png', bytes: 1, thumbnail: 'javascript:alert(1)' } }],
      },
    ];
    for (const message of bad) assert.equal(parseChatWebviewMessage(message), undefined, JSON.stringify(message));
  });
});
