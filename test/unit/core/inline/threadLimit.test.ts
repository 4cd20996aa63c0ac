import * as assert from 'node:assert/strict';
import { MAX_INLINE_THREADS, threadsToRetire } from '../../../../src/core/inline/threadLimit';
import type { MessageState } from '../../../../src/core/vocabulary';

const threads = (states: MessageState[]) => states.map((state, i) => ({ id: `t${i}`, state }));

describe('inline thread limit', () => {
  it('closes nothing while there are at most the limit', () => {
    assert.deepEqual(threadsToRetire(threads(Array(MAX_INLINE_THREADS).fill('done'))), []);
  });

  it('closes the oldest finished threads beyond the limit, so asking all day does not grow memory', () => {
    assert.deepEqual(threadsToRetire(threads(['done', 'error', 'cancelled', 'done']), 2), ['t0', 't1']);
  });

  it('never closes a thread that is still streaming', () => {
    assert.deepEqual(threadsToRetire(threads(['streaming', 'done', 'streaming', 'done']), 2), ['t1', 't3']);
    assert.deepEqual(threadsToRetire(threads(['streaming', 'streaming', 'streaming']), 1), []);
  });
});
