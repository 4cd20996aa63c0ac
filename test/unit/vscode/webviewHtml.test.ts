import * as assert from 'node:assert/strict';
import { contentSecurityPolicy, makeNonce, renderWebviewHtml } from '../../../src/vscode/webviewHtml';

describe('webview HTML', () => {
  const render = () =>
    renderWebviewHtml({ title: 'Claude Chat', cspSource: 'vscode-resource:', nonce: makeNonce(), scriptUri: 'https://x/chat.js', styleUris: ['https://x/chat.css'] });

  it('uses a fresh nonce on every render', () => {
    const nonces = new Set(Array.from({ length: 50 }, makeNonce));
    assert.equal(nonces.size, 50);
    for (const nonce of nonces) assert.match(nonce, /^[A-Za-z0-9_-]{20,}$/);
    const first = /nonce-([^']+)'/.exec(render())?.[1];
    const second = /nonce-([^']+)'/.exec(render())?.[1];
    assert.ok(first && second && first !== second);
  });

  it('allows scripts only by nonce, with no unsafe-eval or unsafe-inline', () => {
    const csp = contentSecurityPolicy('vscode-resource:', 'abc');
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-abc'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-eval|unsafe-inline/);
  });

  it('has no inline script: every script tag carries the nonce and a src', () => {
    const html = render();
    const nonce = /nonce-([^']+)'/.exec(html)?.[1];
    const scripts = html.match(/<script[^>]*>/g) ?? [];
    assert.equal(scripts.length, 1);
    for (const tag of scripts) {
      assert.ok(tag.includes(`nonce="${nonce}"`), tag);
      assert.match(tag, /src="/);
    }
    assert.doesNotMatch(html, /<script[^>]*>[^<]+<\/script>/);
    assert.doesNotMatch(html, /<style/);
  });
});
