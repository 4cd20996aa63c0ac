/**
 * The pure block splitter behind the incremental renderer. It imports nothing from the DOM, so
 * it runs in plain node with the other unit tests.
 */
import * as assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { makeAnswer, tokenize } from '../../../bench/webview/markdownFixture';
import { BlockScanner } from '../../../webview/lib/blockScanner';

function boundariesStreamed(chunks: string[]): number[] {
  const scanner = new BlockScanner();
  const found: number[] = [];
  let text = '';
  for (const chunk of chunks) {
    text += chunk;
    found.push(...scanner.advance(text));
  }
  return found;
}

function blocks(text: string, boundaries: number[]): string[] {
  const cuts = [0, ...boundaries, text.length];
  return cuts.slice(1).map((end, i) => text.slice(cuts[i], end));
}

describe('block scanner', () => {
  const text = makeAnswer(3000, 6);

  it('finds the same blocks whether the answer arrives at once, token by token or character by character', () => {
    const whole = boundariesStreamed([text]);
    assert.ok(whole.length > 30);
    assert.deepEqual(boundariesStreamed(tokenize(text)), whole);
    assert.deepEqual(boundariesStreamed([...text]), whole);
  });

  it('renders block by block to the same HTML as the whole answer at once', () => {
    const md = new MarkdownIt({ html: false, linkify: true });
    const parts = blocks(text, boundariesStreamed(tokenize(text)));
    assert.equal(parts.join(''), text);
    assert.equal(parts.map((p) => md.render(p)).join(''), md.render(text));
  });

  it('keeps blank lines and column-0 text inside a code fence that is still open', () => {
    const scanner = new BlockScanner();
    const open = 'Intro.\n\n```python\nx = 1\n\nprint(x)\n\nNot prose\n';
    assert.deepEqual(scanner.advance(open), [8]);
    assert.equal(scanner.inFence, true);
    assert.deepEqual(scanner.advance(`${open}\`\`\`\nAfter.\n`), [open.length + 4]);
  });

  it('freezes nothing until the next block has visibly begun', () => {
    const scanner = new BlockScanner();
    assert.deepEqual(scanner.advance('First paragraph.\n\n'), []);
    assert.deepEqual(scanner.advance('First paragraph.\n\n  indented continuation'), []);
    assert.deepEqual(new BlockScanner().advance('First paragraph.\n\nS'), [18]);
  });

  it('closes a fence only with the same marker at least as long', () => {
    const scanner = new BlockScanner();
    const text2 = '````md\n```\ninner\n```\n\nstill code\n````\nafter\n';
    assert.deepEqual(scanner.advance(text2), [text2.indexOf('after')]);
    const tilde = '~~~\n```\n\nx\n~~~\n\ny\n';
    assert.deepEqual(new BlockScanner().advance(tilde), [tilde.indexOf('y')]);
  });

  it('starts over from a frozen boundary after reset', () => {
    const scanner = new BlockScanner();
    const found = scanner.advance('A.\n\nB.\n\nC.\n');
    assert.deepEqual(found, [4, 8]);
    scanner.reset(4);
    assert.equal(scanner.frozenEnd, 4);
    assert.deepEqual(scanner.advance('A.\n\nX.\n\nY.\n'), [8]);
  });
});
