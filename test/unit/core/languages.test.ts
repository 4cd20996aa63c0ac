import * as assert from 'node:assert/strict';
import { languageIdForFence } from '../../../src/core/languages';

const KNOWN = ['plaintext', 'typescript', 'typescriptreact', 'javascript', 'python', 'shellscript', 'cpp', 'rust', 'go', 'json', 'yaml'];

describe('languageIdForFence', () => {
  it('keeps a fence name that is already a VS Code language id', () => {
    assert.equal(languageIdForFence('typescript', KNOWN), 'typescript');
    assert.equal(languageIdForFence('Rust', KNOWN), 'rust');
  });

  it('maps the short names people write in fences to the language they mean', () => {
    assert.equal(languageIdForFence('ts', KNOWN), 'typescript');
    assert.equal(languageIdForFence('tsx', KNOWN), 'typescriptreact');
    assert.equal(languageIdForFence('py', KNOWN), 'python');
    assert.equal(languageIdForFence('bash', KNOWN), 'shellscript');
    assert.equal(languageIdForFence('c++', KNOWN), 'cpp');
    assert.equal(languageIdForFence('yml', KNOWN), 'yaml');
  });

  it('reads only the first word of an info string', () => {
    assert.equal(languageIdForFence('ts title="retry.ts"', KNOWN), 'typescript');
  });

  it('leaves an unknown or missing language to VS Code rather than inventing an id', () => {
    assert.equal(languageIdForFence('klingon', KNOWN), undefined);
    assert.equal(languageIdForFence('kotlin', KNOWN), undefined, 'an alias target VS Code does not know is not used');
    assert.equal(languageIdForFence('', KNOWN), undefined);
    assert.equal(languageIdForFence(undefined, KNOWN), undefined);
  });
});
