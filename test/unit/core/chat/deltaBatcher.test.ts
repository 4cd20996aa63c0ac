import * as assert from 'node:assert/strict';
import { DeltaBatcher, throttleLatest, type DeltaBatch, type Timers } from '../../../../src/core/chat/deltaBatcher';

/** Timers that fire only when the test says so. */
function manualTimers() {
  const pending = new Map<number, () => void>();
  let next = 1;
  const timers: Timers = {
    setTimeout: (callback) => {
      const id = next++;
      pending.set(id, callback);
      return id;
    },
    clearTimeout: (handle) => void pending.delete(handle as number),
  };
  const fireAll = () => {
    for (const [id, callback] of [...pending]) {
      pending.delete(id);
      callback();
    }
  };
  return { timers, fireAll, count: () => pending.size };
}

describe('delta batcher', () => {
  it('coalesces many tokens into one message per interval', () => {
    const clock = manualTimers();
    const batches: DeltaBatch[] = [];
    const batcher = new DeltaBatcher({ intervalMs: 40, flushThreshold: 768, maxPieces: 1024, flush: (b) => batches.push(b), timers: clock.timers });
    for (let i = 0; i < 100; i++) batcher.push(`t${i} `);
    batcher.push('hmm', 'thinking');
    assert.equal(batches.length, 0);
    assert.equal(clock.count(), 1, 'one timer for the whole burst');
    clock.fireAll();
    assert.equal(batches.length, 1);
    assert.equal(batches[0].text, Array.from({ length: 100 }, (_, i) => `t${i} `).join(''));
    assert.equal(batches[0].thinking, 'hmm');
  });

  it('flushes at the threshold without waiting, and never holds more than the cap', () => {
    const clock = manualTimers();
    const batches: DeltaBatch[] = [];
    const batcher = new DeltaBatcher({ intervalMs: 40, flushThreshold: 768, maxPieces: 1024, flush: (b) => batches.push(b), timers: clock.timers });
    let maxPending = 0;
    let sent = '';
    for (let i = 0; i < 5000; i++) {
      batcher.push('x');
      sent += 'x';
      maxPending = Math.max(maxPending, batcher.pending);
    }
    batcher.flush();
    assert.ok(maxPending < 768, `pending reached ${maxPending}`);
    assert.equal(batches.map((b) => b.text).join(''), sent, 'nothing lost or doubled');
  });

  it('discards pending pieces when a snapshot replaces them', () => {
    const clock = manualTimers();
    const batches: DeltaBatch[] = [];
    const batcher = new DeltaBatcher({ intervalMs: 40, flushThreshold: 768, maxPieces: 1024, flush: (b) => batches.push(b), timers: clock.timers });
    batcher.push('abc');
    batcher.discard();
    clock.fireAll();
    batcher.flush();
    assert.equal(batches.length, 0);
  });
});

describe('throttleLatest', () => {
  it('delivers the first value at once and only the latest of a burst afterwards', () => {
    const clock = manualTimers();
    const seen: number[] = [];
    const throttled = throttleLatest((v: number) => seen.push(v), 1000, clock.timers);
    throttled(1);
    throttled(2);
    throttled(3);
    assert.deepEqual(seen, [1]);
    clock.fireAll();
    assert.deepEqual(seen, [1, 3]);
  });
});
