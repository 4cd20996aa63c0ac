/**
 * The CSP of both webviews as their panels actually build it: the chat panel and the Insights
 * view load through `setUpWebview`, which renders through `renderWebviewHtml` with the options
 * read here from its source, so a panel that starts setting its own HTML, or a loader that passes
 * its own policy, an inline script or a fixed nonce, fails this test.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeNonce, renderWebviewHtml } from '../../../src/vscode/webviewHtml';

const ROOT = join(__dirname, '..', '..', '..');
const LOADER = 'src/vscode/webviewHost.ts';
const PANELS = [
  { name: 'chat', file: 'src/vscode/chatPanel.ts', script: 'chat.js', style: 'chat.css' },
  { name: 'insights', file: 'src/vscode/insightsView.ts', script: 'insights.js', style: 'insights.css' },
];

const policyOf = (html: string): string => /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
const directive = (policy: string, name: string): string | undefined =>
  policy.split(';').map((d) => d.trim()).find((d) => d.startsWith(`${name} `));

describe('security: each webview has a nonce CSP without unsafe-inline or unsafe-eval', () => {
  for (const panel of PANELS) {
    describe(`the ${panel.name} webview`, () => {
      const source = readFileSync(join(ROOT, panel.file), 'utf8');
      const loader = readFileSync(join(ROOT, LOADER), 'utf8');

      it('renders its HTML only through renderWebviewHtml, with a fresh makeNonce() per render, commands off and local roots only', () => {
        assert.doesNotMatch(source, /\.html\s*=/, 'the panel leaves its HTML to setUpWebview');
        assert.match(source, new RegExp(`setUpWebview\\([\\s\\S]*?script: '${panel.script}', style: '${panel.style}'`));
        const assignments = loader.match(/webview\.html\s*=/g) ?? [];
        assert.equal(assignments.length, 1, 'one place sets the HTML');
        assert.match(loader, /\.html = renderWebviewHtml\(\{[\s\S]*?nonce: makeNonce\(\),/);
        assert.match(loader, /enableCommandUris: false/);
        assert.match(loader, /localResourceRoots: \[distRoot, mediaRoot\]/);
        for (const text of [source, loader]) assert.doesNotMatch(text, /Content-Security-Policy|unsafe-inline|unsafe-eval|<script/);
      });

      it('gets a different nonce on every render, and scripts run only by that nonce', () => {
        const render = () =>
          renderWebviewHtml({
            title: panel.name,
            cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
            nonce: makeNonce(),
            scriptUri: `https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/${panel.script}`,
            styleUris: [`https://file+.vscode-resource.vscode-cdn.net/ext/media/${panel.style}`],
          });
        const pages = Array.from({ length: 20 }, render);
        const nonces = pages.map((html) => /script-src 'nonce-([^']+)'/.exec(policyOf(html))?.[1]);
        assert.equal(new Set(nonces).size, 20);
        for (const [i, html] of pages.entries()) {
          const policy = policyOf(html);
          assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval|\*/);
          assert.equal(directive(policy, 'default-src'), "default-src 'none'");
          assert.equal(directive(policy, 'script-src'), `script-src 'nonce-${nonces[i]}'`);
          assert.equal(directive(policy, 'connect-src'), "connect-src 'none'");
          const scripts = html.match(/<script\b[^>]*>/g) ?? [];
          assert.deepEqual(scripts.map((s) => s.includes(`nonce="${nonces[i]}"`) && /\ssrc="/.test(s)), [true]);
          assert.doesNotMatch(html, /<script\b[^>]*>\s*[^<\s]/, 'no inline script body');
          assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline handlers');
        }
      });
    });
  }
});
