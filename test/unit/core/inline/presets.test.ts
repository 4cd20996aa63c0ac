import * as assert from 'node:assert/strict';
import { findPreset, INLINE_PRESETS } from '../../../../src/core/inline/presets';

describe('Inline presets', () => {
  it('offers Explain, Find bugs, Write tests, Refactor and Add comments, in that order', () => {
    assert.deepEqual(
      INLINE_PRESETS.map((p) => p.label.replace(/^\$\([a-z-]+\) /, '')),
      ['Explain', 'Find bugs', 'Write tests', 'Refactor', 'Add comments'],
    );
  });

  it('asks every preset question about the selected code', () => {
    for (const preset of INLINE_PRESETS) assert.match(preset.question, /selected code/, preset.id);
  });

  it('asks for one fenced code block whenever the answer is code to apply', () => {
    for (const id of ['refactor', 'comments', 'tests'] as const) assert.match(findPreset(id)?.question ?? '', /one fenced code block/, id);
    assert.doesNotMatch(findPreset('explain')?.question ?? '', /code block/);
  });

  it('finds presets by id and nothing for an unknown id', () => {
    assert.equal(findPreset('bugs')?.id, 'bugs');
    assert.equal(findPreset('nope'), undefined);
  });
});
