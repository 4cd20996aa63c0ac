import { strict as assert } from 'node:assert';
import { MarkdownSegmenter } from '../../../../src/core/analysis/segmenter';
import type { Segment } from '../../../../src/core/analysis/segmenter';

function whole(text: string): Segment[] {
  const s = new MarkdownSegmenter();
  return [...s.push(text), ...s.finish()];
}

function inChunks(text: string, sizes: number[]): Segment[] {
  const s = new MarkdownSegmenter();
  const out: Segment[] = [];
  let at = 0;
  let i = 0;
  while (at < text.length) {
    const n = sizes[i++ % sizes.length];
    out.push(...s.push(text.slice(at, at + n)));
    at += n;
  }
  return [...out, ...s.finish()];
}

const prose = (s: Segment[]) => s.filter((x) => x.kind === 'prose').map((x) => x.text);

describe('MarkdownSegmenter', () => {
  it('emits a sentence once the next one has begun, even when a word is split across chunks', () => {
    const s = new MarkdownSegmenter();
    assert.deepEqual(s.push('The build is fa'), []);
    assert.deepEqual(s.push('st. It pas'), [{ kind: 'prose', text: 'The build is fast.' }]);
    assert.deepEqual(s.push('ses.'), []);
    assert.deepEqual(s.finish(), [{ kind: 'prose', text: 'It passes.' }]);
  });

  it('does not end a sentence after an initial, a title or e.g., however the text is chunked', () => {
    const text = 'Read what Donald E. Knuth and E. F. Codd wrote. Ask Dr. Ruth about it, e.g. React hooks. Done.';
    const expected = ['Read what Donald E. Knuth and E. F. Codd wrote.', 'Ask Dr. Ruth about it, e.g. React hooks.', 'Done.'];
    assert.deepEqual(prose(whole(text)), expected);
    assert.deepEqual(prose(inChunks(text, [1, 2, 3, 5])), expected);
  });

  it('joins a sentence wrapped over two lines and splits at line-ending punctuation', () => {
    assert.deepEqual(prose(whole('A wrapped line\ncontinues here. Next one\nends.\n\nNew paragraph')), ['A wrapped line continues here.', 'Next one ends.', 'New paragraph']);
  });

  it('does not split after abbreviations followed by lower case, or inside inline code', () => {
    assert.deepEqual(prose(whole('Use e.g. a map. Call `a. B` here. Done')), ['Use e.g. a map.', 'Call `a. B` here.', 'Done']);
  });

  it('tags fenced lines as code with their language, for ``` and ~~~ fences', () => {
    const out = whole('Intro.\n```ts\nconst a = 1. B = 2;\n```\n~~~python\nprint("x")\n~~~\nAfter.');
    assert.deepEqual(out, [
      { kind: 'prose', text: 'Intro.' },
      { kind: 'code', text: 'const a = 1. B = 2;', language: 'ts', fence: 0 },
      { kind: 'code', text: 'print("x")', language: 'python', fence: 1 },
      { kind: 'prose', text: 'After.' },
    ]);
  });

  it('recognises a fence split across chunks', () => {
    const out = inChunks('Text.\n```js\nlet x;\n```\nMore.', [7, 1, 1, 3, 2]);
    assert.deepEqual(
      out.map((s) => s.kind),
      ['prose', 'code', 'prose'],
    );
    assert.equal(out[1].kind === 'code' && out[1].language, 'js');
  });

  it('treats ``` inside inline code on a line as text, not as a fence', () => {
    const out = whole('Type ``` ``` ``` to open a block.\n```js`x` is not a fence either.\nStill prose.');
    assert.ok(out.every((s) => s.kind === 'prose'));
  });

  it('a tilde fence is not closed by backticks', () => {
    const out = whole('~~~\n```\ncode\n~~~\nProse.');
    assert.deepEqual(
      out.map((s) => s.kind),
      ['code', 'code', 'prose'],
    );
  });

  it('strips heading and list markers and ends a sentence at each list item', () => {
    assert.deepEqual(prose(whole('# Setup\n- install it\n- run it\n1. then test')), ['Setup', 'install it', 'run it', 'then test']);
  });

  it('gives the same segments for any chunking of the same text', () => {
    const text =
      '# Title\nThis is a test. It works well! Does it?\nA wrapped line\ncontinues here. Next `a. B` one.\n\n' +
      '- item one is here. Item two\n- item three\n\n```ts\nconst x = 1; // hi. There\n```\n' +
      'After the fence ``` inline ``` here. e.g. lower case. Done\n~~~\ncode\n~~~\nLast';
    const expected = whole(text);
    let seed = 7;
    for (let trial = 0; trial < 200; trial += 1) {
      const sizes = Array.from({ length: 9 }, () => 1 + ((seed = (seed * 48271) % 2147483647) % 23));
      assert.deepEqual(inChunks(text, sizes), expected, `chunk sizes ${sizes.join(',')}`);
    }
  });

  it('ends Chinese and Japanese sentences at 。！？ with no space after them, however the text is chunked', () => {
    const text = 'データベースは注文を保存します。キャッシュを消去しないと、メモリが増えます！数据库保存订单。Done.';
    const expected = ['データベースは注文を保存します。', 'キャッシュを消去しないと、メモリが増えます！', '数据库保存订单。', 'Done.'];
    for (const size of [1, 2, 3, 5, 8, 100]) {
      const seg = new MarkdownSegmenter();
      const out: Segment[] = [];
      for (let i = 0; i < text.length; i += size) out.push(...seg.push(text.slice(i, i + size)));
      out.push(...seg.finish());
      assert.deepEqual(
        out.map((s) => s.text),
        expected,
        `chunks of ${size}`,
      );
    }
  });
});
