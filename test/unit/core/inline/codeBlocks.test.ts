import * as assert from 'node:assert/strict';
import { codeBlockToApply, extractCodeBlocks } from '../../../../src/core/inline/codeBlocks';

describe('Code blocks in an answer', () => {
  it('finds fenced blocks with their language', () => {
    const answer = 'Here:\n```ts\nconst a = 1;\n```\nand\n~~~\nplain\n~~~\n';
    assert.deepEqual(extractCodeBlocks(answer), [
      { language: 'ts', code: 'const a = 1;' },
      { language: '', code: 'plain' },
    ]);
  });

  it('keeps a block containing a shorter fence whole', () => {
    assert.deepEqual(extractCodeBlocks('````md\n```js\nx\n```\n````'), [{ language: 'md', code: '```js\nx\n```' }]);
  });

  it('includes the unclosed block of a stopped answer', () => {
    assert.deepEqual(extractCodeBlocks('```py\ndef f():\n  return'), [{ language: 'py', code: 'def f():\n  return' }]);
  });

  it('applies the block in the document language first, whatever its alias', () => {
    const answer = '```bash\nnpm test\n```\n```ts\nlet fixed = true;\n```';
    assert.equal(codeBlockToApply(answer, 'typescript')?.code, 'let fixed = true;');
    assert.equal(codeBlockToApply(answer, 'rust')?.code, 'npm test', 'falls back to the first block');
    assert.equal(codeBlockToApply('No code here.', 'typescript'), undefined);
  });
});
