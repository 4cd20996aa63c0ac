import * as assert from 'node:assert/strict';
import { DeltaBatcher, type DeltaBatch, type Timers } from '../../../src/core/chat/deltaBatcher';
import { TextAccumulator } from '../../../src/core/chat/textAccumulator';

/** Timers that never fire on their own: only the batcher's thresholds can flush. */
const frozenTimers = (): Timers & { scheduled: () => number } => {
  const live = new Set<number>();
  let next = 1;
  return {
    setTimeout: () => {
      live.add(next);
      return next++;
    },
    clearTimeout: (h) => void live.delete(h as number),
    scheduled: () => live.size,
  };
};

const token = (i: number) => ` t${i % 1000}`;

describe('buffers under a 1,000,000-token burst', () => {
  it('the delta batcher never holds more than its flush threshold and loses nothing', () => {
    const timers = frozenTimers();
    const batches: DeltaBatch[] = [];
    let deliveredChars = 0;
    let expectedChars = 0;
    let maxPending = 0;
    const batcher = new DeltaBatcher({
      intervalMs: 40,
      flushThreshold: 768,
      maxPieces: 1024,
      timers,
      flush: (b) => {
        batches.push(b);
        deliveredChars += b.text.length;
      },
    });
    for (let i = 0; i < 1_000_000; i += 1) {
      const t = token(i);
      expectedChars += t.length;
      batcher.push(t);
      maxPending = Math.max(maxPending, batcher.pending);
      if (batches.length > 64) batches.length = 0; // the consumer takes them; only counts matter
    }
    batcher.flush();
    assert.ok(maxPending < 768, `pending pieces peaked at ${maxPending}`);
    assert.equal(deliveredChars, expectedChars, 'every character of the burst was delivered');
    assert.equal(timers.scheduled(), 0, 'no timer is left after the final flush');
  });

  it('without a flush threshold the batcher still holds no more than maxPieces per kind', () => {
    const batcher = new DeltaBatcher({ intervalMs: 40, flushThreshold: Number.MAX_SAFE_INTEGER, maxPieces: 1024, timers: frozenTimers(), flush: () => undefined });
    let maxPending = 0;
    // 100,000 tokens: each cap merge copies what is pending, so a never-flushed burst is quadratic in bytes.
    for (let i = 0; i < 100_000; i += 1) {
      batcher.push(token(i), i % 10 === 0 ? 'thinking' : 'text');
      maxPending = Math.max(maxPending, batcher.pending);
    }
    assert.ok(maxPending <= 2 * 1024, `pending pieces peaked at ${maxPending}`);
    batcher.dispose();
  });

  it('the streamed-text accumulator returns exactly what was appended, in order', () => {
    const acc = new TextAccumulator();
    let expected = '';
    for (let i = 0; i < 5000; i += 1) {
      acc.append(token(i));
      expected += token(i);
      if (i === 2500) assert.equal(acc.toString(), expected, 'a snapshot mid-stream');
    }
    acc.append('');
    assert.equal(acc.length, expected.length);
    assert.equal(acc.toString(), expected);
  });
});

describe('first token', () => {
  it('with flushFirst the first delta is delivered at once and the rest still coalesce', () => {
    const timers = frozenTimers();
    const batches: DeltaBatch[] = [];
    const batcher = new DeltaBatcher({ intervalMs: 40, flushThreshold: 768, maxPieces: 1024, flushFirst: true, timers, flush: (b) => batches.push(b) });
    batcher.push('Hello');
    assert.deepEqual(
      batches.map((b) => b.text),
      ['Hello'],
      'no wait for the 40 ms timer',
    );
    for (let i = 0; i < 50; i += 1) batcher.push(' w');
    assert.equal(batches.length, 1, 'later tokens wait for the interval');
    batcher.flush();
    assert.equal(batches[1].text, ' w'.repeat(50));
  });
});
