import * as assert from 'node:assert/strict';
import { shiftRange, type TextChange, type TextRange } from '../../../../src/core/inline/rangeTracking';

const range = (sl: number, sc: number, el: number, ec: number): TextRange => ({ start: { line: sl, character: sc }, end: { line: el, character: ec } });
const change = (sl: number, sc: number, el: number, ec: number, text: string): TextChange => ({ range: range(sl, sc, el, ec), text });

describe('Thread range tracking', () => {
  const selected = range(10, 4, 14, 1);

  it('moves down when lines are inserted above the code', () => {
    assert.deepEqual(shiftRange(selected, [change(2, 0, 2, 0, 'a\nb\nc\n')]), range(13, 4, 17, 1));
  });

  it('moves up when lines above the code are deleted', () => {
    assert.deepEqual(shiftRange(selected, [change(3, 0, 5, 0, '')]), range(8, 4, 12, 1));
  });

  it('stays put when the file is edited below the code', () => {
    assert.deepEqual(shiftRange(selected, [change(20, 0, 20, 0, 'more\n')]), selected);
    assert.deepEqual(shiftRange(selected, [change(14, 1, 14, 1, ' // trailing')]), selected, 'typing right after the end does not grow it');
  });

  it('shifts its start column when text is typed before it on the same line', () => {
    assert.deepEqual(shiftRange(selected, [change(10, 0, 10, 0, '  ')]), range(10, 6, 14, 1));
  });

  it('grows to include lines added inside the code', () => {
    assert.deepEqual(shiftRange(selected, [change(12, 0, 12, 0, 'x\ny\n')]), range(10, 4, 16, 1));
  });

  it('covers the new text after the whole range is replaced, as Apply does', () => {
    assert.deepEqual(shiftRange(selected, [change(10, 4, 14, 1, 'one\ntwo')]), range(10, 4, 11, 3));
  });

  it('applies several changes of one event in the order VS Code lists them (bottom first)', () => {
    assert.deepEqual(shiftRange(selected, [change(30, 0, 30, 0, 'z\n'), change(0, 0, 0, 0, 'a\n')]), range(11, 4, 15, 1));
  });

  it('collapses to a point, not an inverted range, when the code is deleted', () => {
    assert.deepEqual(shiftRange(selected, [change(9, 0, 15, 0, '')]), range(9, 0, 9, 0));
  });
});
