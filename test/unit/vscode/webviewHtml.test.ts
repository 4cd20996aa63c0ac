import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { contentSecurityPolicy, makeNonce, renderWebviewHtml, webviewStyles } from '../../../src/vscode/webviewHtml';

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

  it("links the shared base stylesheet before the view's own, and both exist under media/", () => {
    for (const own of ['chat.css', 'insights.css']) {
      const styles = webviewStyles(own);
      assert.deepEqual(styles, ['base.css', own]);
      for (const name of styles) assert.ok(existsSync(join(__dirname, '..', '..', '..', 'media', name)), name);
      const html = renderWebviewHtml({
        title: 't',
        cspSource: 'vscode-resource:',
        nonce: makeNonce(),
        scriptUri: 'https://x/a.js',
        styleUris: styles.map((n) => `https://x/${n}`),
      });
      const links = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)">/g)].map((m) => m[1]);
      assert.deepEqual(links, ['https://x/base.css', `https://x/${own}`]);
    }
  });
});
