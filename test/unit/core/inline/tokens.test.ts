import * as assert from 'node:assert/strict';
import { estimateTokens, trimToTokens } from '../../../../src/core/inline/tokens';

describe('Token estimate and trim', () => {
  it('estimates about four characters per token, rounding up', () => {
    assert.equal(estimateTokens(''), 0);
    assert.equal(estimateTokens('abcd'), 1);
    assert.equal(estimateTokens('abcde'), 2);
    assert.equal(estimateTokens('x'.repeat(1_000_000)), 250_000);
  });

  it('leaves a selection within the limit untouched', () => {
    const text = 'a\nb\nc';
    assert.deepEqual(trimToTokens(text, 100), { text, keptLines: 3, droppedLines: 0, trimmed: false });
  });

  it('trims an oversized selection to whole lines within the limit', () => {
    const lines = Array.from({ length: 1000 }, (_, i) => `const value${i} = ${i};`);
    const result = trimToTokens(lines.join('\n'), 500);
    assert.ok(result.trimmed);
    assert.ok(estimateTokens(result.text) <= 500, `${estimateTokens(result.text)} tokens kept`);
    assert.equal(result.text, lines.slice(0, result.keptLines).join('\n'), 'keeps whole lines from the start');
    assert.equal(result.keptLines + result.droppedLines, 1000);
    assert.ok(result.keptLines > 50, 'uses most of the budget');
  });

  it('cuts a single huge line rather than sending nothing', () => {
    const result = trimToTokens('y'.repeat(10_000), 100);
    assert.equal(result.text.length, 400);
    assert.ok(result.trimmed);
  });
});
