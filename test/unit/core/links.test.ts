import * as assert from 'node:assert/strict';
import { isLoopbackUrl, parseFileReference, safeExternalUrl } from '../../../src/core/links';
import { redactSecrets } from '../../../src/core/redact';

describe('links from model output', () => {
  it('opens only http, https and mailto links', () => {
    assert.equal(safeExternalUrl('https://docs.anthropic.com/x'), 'https://docs.anthropic.com/x');
    assert.equal(safeExternalUrl('mailto:a@b.c'), 'mailto:a@b.c');
    for (const href of [
      'javascript:alert(1)',
      ' JaVaScRiPt:alert(1)',
      'data:text/html,<script>',
      'vbscript:x',
      'command:workbench.action.terminal.new',
      'file:///etc/passwd',
      'vscode://x',
      'not a url',
      'http://',
    ]) {
      assert.equal(safeExternalUrl(href), undefined, href);
    }
  });

  it('splits a path reference into a path and a line', () => {
    assert.deepEqual(parseFileReference('src/app.ts:12:3'), { path: 'src/app.ts', line: 12 });
    assert.deepEqual(parseFileReference('README.md'), { path: 'README.md', line: undefined });
  });

  it('recognises loopback base URLs as the offline demo', () => {
    assert.equal(isLoopbackUrl('http://127.0.0.1:4000'), true);
    assert.equal(isLoopbackUrl('http://localhost:4000'), true);
    assert.equal(isLoopbackUrl('https://api.anthropic.com'), false);
    assert.equal(isLoopbackUrl(undefined), false);
  });
});

describe('secret redaction', () => {
  it('removes a known key wherever it appears, and key-shaped strings', () => {
    const key = 'sk-ant-api03-abcdefghijklmnop';
    const text = `401 for ${key}; header x-api-key: ${key}; other sk-ant-zzzzzzzzzzzzzzzz; authorization: Bearer abcdefghijk`;
    const clean = redactSecrets(text, [key]);
    assert.ok(!clean.includes(key));
    assert.ok(!clean.includes('sk-ant-zzzz'));
    assert.ok(!clean.includes('abcdefghijk'));
    assert.match(clean, /^401 for \[redacted\]/);
  });

  it('leaves ordinary text alone', () => {
    assert.equal(redactSecrets('rate limited, retry in 4 s', ['sk-ant-secret-value']), 'rate limited, retry in 4 s');
  });
});
