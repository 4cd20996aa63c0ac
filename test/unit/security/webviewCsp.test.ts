/**
 * The CSP of both webviews, read from the HTML they really get: `webviewPageHtml` is what the
 * shell (src/vscode/webviewPage.ts) sets as `webview.html`, so the page is rendered here with
 * webview-style URLs and its tags parsed, not its source text searched.
 */
import * as assert from 'node:assert/strict';
import { WEBVIEW_OPTIONS, WEBVIEW_PAGES, WEBVIEW_ROOTS, webviewPageHtml } from '../../../src/vscode/webviewHtml';
import type { WebviewAssets, WebviewPage } from '../../../src/vscode/webviewHtml';
import { parseTags } from './htmlTags';
import type { Tag } from './htmlTags';

const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';
const assets: WebviewAssets = {
  cspSource: CSP_SOURCE,
  url: (root, file) => `${CSP_SOURCE}/ext/${WEBVIEW_ROOTS[root].join('/')}/${file}`,
};

/** A page's CSP as directive name → its sources, from the one CSP meta tag. */
function policyOf(tags: readonly Tag[]): Map<string, string[]> {
  const metas = tags.filter((t) => t.name === 'meta' && t.attrs.get('http-equiv')?.toLowerCase() === 'content-security-policy');
  assert.equal(metas.length, 1, 'exactly one CSP meta tag');
  const directives = (metas[0].attrs.get('content') ?? '')
    .split(';')
    .map((d) => d.trim().split(/\s+/))
    .filter((d) => d[0]);
  const policy = new Map(directives.map(([name, ...sources]) => [name, sources]));
  assert.equal(policy.size, directives.length, 'no directive appears twice');
  return policy;
}

const nonceOf = (policy: Map<string, string[]>) => /^'nonce-([A-Za-z0-9_-]+)'$/.exec(policy.get('script-src')?.[0] ?? '')?.[1];

describe('security: each webview has a nonce CSP without unsafe-inline or unsafe-eval', () => {
  for (const page of Object.keys(WEBVIEW_PAGES) as WebviewPage[]) {
    describe(`the ${page} webview`, () => {
      const html = webviewPageHtml(page, assets);
      const tags = parseTags(html);
      const policy = policyOf(tags);
      const nonce = nonceOf(policy);

      it('sets the policy in <head>, before any script or stylesheet can load', () => {
        const at = (predicate: (t: Tag) => boolean) => tags.findIndex(predicate);
        const csp = at((t) => t.name === 'meta' && t.attrs.has('http-equiv'));
        assert.ok(csp > at((t) => t.name === 'head') && csp < at((t) => t.name === '/head'));
        assert.ok(csp < at((t) => t.name === 'script') && csp < at((t) => t.name === 'link'));
      });

      it("denies everything by default and allows scripts by the page's nonce only", () => {
        assert.deepEqual(policy.get('default-src'), ["'none'"]);
        assert.ok(nonce, `script-src is ${policy.get('script-src')?.join(' ')}`);
        assert.deepEqual(policy.get('script-src'), [`'nonce-${nonce}'`]);
        for (const name of ['connect-src', 'frame-src', 'form-action', 'base-uri']) assert.deepEqual(policy.get(name), ["'none'"], name);
      });

      it('allows no unsafe-inline, unsafe-eval, wildcard or remote origin in any directive', () => {
        for (const [name, sources] of policy) {
          for (const source of sources) {
            assert.doesNotMatch(source, /unsafe-|\*|^https?:$|^http:/, `${name} allows ${source}`);
            if (/^https?:/.test(source)) assert.equal(source, CSP_SOURCE, `${name} allows ${source}`);
          }
        }
        assert.deepEqual(policy.get('style-src'), [CSP_SOURCE, `'nonce-${nonce}'`]);
      });

      it('runs only its own bundle: every script carries the nonce, loads from dist/webview and has no inline body', () => {
        const scripts = tags.filter((t) => t.name === 'script');
        assert.deepEqual(
          scripts.map((s) => [s.attrs.get('nonce'), s.attrs.get('src'), s.body]),
          [[nonce, assets.url('dist', WEBVIEW_PAGES[page].script), '']],
        );
      });

      it('has no inline style element or event handler, and styles only from media/', () => {
        assert.deepEqual(
          tags.filter((t) => t.name === 'style'),
          [],
        );
        const handlers = tags.flatMap((t) => [...t.attrs.keys()].filter((a) => a.startsWith('on')).map((a) => `<${t.name} ${a}>`));
        assert.deepEqual(handlers, []);
        const sheets = tags.filter((t) => t.name === 'link').map((t) => [t.attrs.get('rel'), t.attrs.get('href')]);
        assert.deepEqual(sheets, [
          ['stylesheet', assets.url('media', 'base.css')],
          ['stylesheet', assets.url('media', WEBVIEW_PAGES[page].style)],
        ]);
      });

      it('tells the toolkit the same nonce for the style element it adds', () => {
        const meta = tags.find((t) => t.name === 'meta' && t.attrs.get('property') === 'csp-nonce');
        assert.equal(meta?.attrs.get('content'), nonce);
      });

      it('gets a different, unguessable nonce on every render', () => {
        const nonces = Array.from({ length: 20 }, () => nonceOf(policyOf(parseTags(webviewPageHtml(page, assets)))));
        assert.equal(new Set([nonce, ...nonces]).size, 21);
        for (const n of nonces) assert.ok(n && n.length >= 22, `nonce ${n} is too short`);
      });
    });
  }

  it('loads files only from dist/webview and media, with command links off', () => {
    assert.deepEqual(Object.values(WEBVIEW_ROOTS), [['dist', 'webview'], ['media']]);
    assert.deepEqual(WEBVIEW_OPTIONS, { enableScripts: true, enableCommandUris: false });
  });
});
