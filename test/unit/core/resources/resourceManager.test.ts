import * as assert from 'node:assert/strict';
import { ResourceManager, type PressureState } from '../../../../src/core/resources/resourceManager';
import type { Timers } from '../../../../src/core/timers';

/** Timers that fire only when the test advances them; `pending` says whether any is left. */
function fakeTimers() {
  const queue = new Map<number, { at: number; callback: () => void }>();
  let now = 0;
  let next = 1;
  const timers: Timers = {
    setTimeout: (callback, ms) => {
      const id = next++;
      queue.set(id, { at: now + ms, callback });
      return id;
    },
    clearTimeout: (handle) => void queue.delete(handle as number),
  };
  const advance = (ms: number) => {
    const until = now + ms;
    for (;;) {
      const due = [...queue].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      queue.delete(due[0]);
      now = due[1].at;
      due[1].callback();
    }
    now = until;
  };
  return { timers, advance, pending: () => queue.size };
}

const MB = 1024 * 1024;

function setup(limit = 100) {
  const clock = fakeTimers();
  let usedMB = 20;
  let samples = 0;
  const events: PressureState[] = [];
  const calls: string[] = [];
  const manager = new ResourceManager({
    limitMB: () => limit,
    readMemory: () => {
      samples += 1;
      return usedMB * MB;
    },
    timers: clock.timers,
    trimmables: [{ trim: () => void calls.push('trim') }],
    analysis: { pause: () => void calls.push('pause'), resume: () => void calls.push('resume') },
  });
  manager.onDidChangePressure((state) => events.push(state));
  return {
    manager,
    clock,
    events,
    calls,
    setUsed: (mb: number) => void (usedMB = mb),
    samples: () => samples,
    setLimit: (mb: number) => void (limit = mb),
  };
}

describe('resource manager', () => {
  it('samples memory once a second while streaming and leaves no timer when idle', () => {
    const t = setup();
    assert.equal(t.clock.pending(), 0, 'nothing is scheduled before any stream');
    t.manager.setStreaming('chat', true);
    assert.equal(t.samples(), 1, 'the first stream samples at once');
    t.clock.advance(3000);
    assert.equal(t.samples(), 4);
    t.manager.setStreaming('chat', false);
    assert.equal(t.clock.pending(), 0, 'no timer is left once nothing streams');
    assert.equal(t.manager.watching, false);
    const idleSamples = t.samples();
    t.clock.advance(10_000);
    assert.equal(t.samples(), idleSamples, 'an idle extension is not sampled');
  });

  it('keeps one timer while two surfaces stream and stops only when both have ended', () => {
    const t = setup();
    t.manager.setStreaming('chat', true);
    t.manager.setStreaming('inline', true);
    t.manager.setStreaming('chat', true);
    assert.equal(t.clock.pending(), 1);
    t.manager.setStreaming('chat', false);
    assert.equal(t.clock.pending(), 1, 'the inline answer still streams');
    t.manager.setStreaming('inline', false);
    assert.equal(t.clock.pending(), 0);
  });

  it('over the limit trims caches and pauses analysis once, and says so', () => {
    const t = setup(100);
    t.manager.setStreaming('chat', true);
    t.setUsed(130);
    t.clock.advance(1000);
    assert.deepEqual(t.calls, ['trim', 'pause']);
    assert.equal(t.manager.underPressure, true);
    assert.equal(t.events.length, 1);
    assert.equal(t.events[0].underPressure, true);
    assert.equal(Math.round(t.events[0].usedMB), 130);
    t.clock.advance(5000);
    assert.deepEqual(t.calls, ['trim', 'pause'], 'staying over the limit does not trim or pause again');
  });

  it('recovers only when memory falls below the hysteresis threshold', () => {
    const t = setup(100);
    t.manager.setStreaming('chat', true);
    t.setUsed(120);
    t.clock.advance(1000);
    t.setUsed(90);
    t.clock.advance(2000);
    assert.equal(t.manager.underPressure, true, '90 MB is under the limit but above 80% of it');
    t.setUsed(70);
    t.clock.advance(1000);
    assert.equal(t.manager.underPressure, false);
    assert.deepEqual(t.calls, ['trim', 'pause', 'resume']);
    assert.deepEqual(
      t.events.map((e) => e.underPressure),
      [true, false],
    );
  });

  it('applies a changed limit at the next sample', () => {
    const t = setup(200);
    t.manager.setStreaming('chat', true);
    t.setUsed(150);
    t.clock.advance(1000);
    assert.equal(t.manager.underPressure, false);
    t.setLimit(100);
    t.clock.advance(1000);
    assert.equal(t.manager.underPressure, true);
  });

  it('samples once more when the last stream ends, so memory freed by then resumes analysis', () => {
    const t = setup(100);
    t.manager.setStreaming('chat', true);
    t.setUsed(150);
    t.clock.advance(1000);
    t.setUsed(40);
    t.manager.setStreaming('chat', false);
    assert.equal(t.manager.underPressure, false);
    assert.equal(t.clock.pending(), 0);
  });

  it('a trim that throws or rejects does not stop analysis from pausing', async () => {
    const paused: boolean[] = [];
    const manager = new ResourceManager({
      limitMB: () => 10,
      readMemory: () => 50 * MB,
      timers: fakeTimers().timers,
      trimmables: [
        {
          trim: () => {
            throw new Error('boom');
          },
        },
        { trim: () => Promise.reject(new Error('later')) },
      ],
      analysis: { pause: () => void paused.push(true), resume: () => undefined },
    });
    manager.sample();
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(paused, [true]);
    manager.dispose();
  });

  it('dispose clears the timer and ignores later streams', () => {
    const t = setup();
    t.manager.setStreaming('chat', true);
    t.manager.dispose();
    assert.equal(t.clock.pending(), 0);
    t.manager.setStreaming('inline', true);
    assert.equal(t.clock.pending(), 0);
  });
});
