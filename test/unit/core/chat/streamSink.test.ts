import * as assert from 'node:assert/strict';
import type { Timers } from '../../../../src/core/chat/deltaBatcher';
import { StreamSink, type SinkStream } from '../../../../src/core/chat/streamSink';
import type { ChatHostMessage, ChatState } from '../../../../src/shared/protocol';
import { RecordingView } from '../../support/chatDoubles';

/** Timers that fire only when the test says so, so batching is seen exactly. */
function manualTimers(): { timers: Timers; fire(): void } {
  const pending = new Map<number, () => void>();
  let next = 1;
  return {
    timers: {
      setTimeout: (callback) => {
        pending.set(next, callback);
        return next++;
      },
      clearTimeout: (handle) => void pending.delete(handle as number),
    },
    fire: () => {
      for (const [id, callback] of [...pending]) {
        pending.delete(id);
        callback();
      }
    },
  };
}

/** A webview that takes each post only when the test releases it, as a busy webview does. */
class SlowView extends RecordingView {
  private readonly waiting: Array<() => void> = [];
  override post(message: ChatHostMessage): Promise<void> {
    super.post(message);
    return new Promise((resolve) => this.waiting.push(resolve));
  }
  async takeAll(): Promise<void> {
    while (this.waiting.length > 0) this.waiting.shift()!();
    await new Promise((r) => setImmediate(r));
  }
}

const STATE = { conversationId: 'c', messages: [] } as unknown as ChatState;

describe('stream sink (flow control toward the chat webview)', () => {
  let clock: ReturnType<typeof manualTimers>;
  let sink: StreamSink;
  let produced: { text: string; thinking: string };
  let stream: SinkStream;

  beforeEach(() => {
    clock = manualTimers();
    sink = new StreamSink({ timers: clock.timers, batchIntervalMs: 40 });
    produced = { text: '', thinking: '' };
    stream = sink.open('a1', { text: () => produced.text, thinking: () => produced.thinking });
  });

  const push = (delta: string, kind: 'text' | 'thinking' = 'text') => {
    if (kind === 'text') produced.text += delta;
    else produced.thinking += delta;
    stream.push(delta, kind);
  };

  it('posts the first token at once and batches the rest per interval, numbering them', () => {
    const view = new RecordingView();
    sink.attach(view);
    push('Hello');
    for (const t of [' wide', ' world', '.']) push(t);
    assert.equal(view.of('stream/delta').length, 1, 'only the first token is out before the timer');
    clock.fire();
    const deltas = view.of('stream/delta');
    assert.deepEqual(
      deltas.map((d) => [d.seq, d.text]),
      [
        [1, 'Hello'],
        [2, ' wide world.'],
      ],
    );
    assert.equal(view.assembled('a1'), produced.text);
  });

  it('keeps one delta in flight to a slow webview and merges what comes meanwhile into the next', async () => {
    const view = new SlowView();
    sink.attach(view);
    push('one');
    push(' two', 'thinking');
    clock.fire();
    push(' three');
    clock.fire();
    assert.equal(view.of('stream/delta').length, 1, 'nothing more is posted until the webview took the first');
    await view.takeAll();
    const deltas = view.of('stream/delta');
    assert.equal(deltas.length, 2);
    assert.equal(deltas[1].text, ' three');
    assert.equal(deltas[1].thinking, ' two');
    assert.equal(view.assembled('a1'), 'one three');
  });

  it('sends a hidden webview one snapshot when it is next posted to, not a backlog', () => {
    const view = new RecordingView();
    sink.attach(view);
    push('first');
    view.visible = false;
    for (let i = 0; i < 20; i++) {
      push(` ${i}`);
      clock.fire();
    }
    assert.equal(view.of('stream/delta').length, 1, 'no deltas while hidden');
    view.visible = true;
    push(' back');
    clock.fire();
    const snapshots = view.of('stream/snapshot');
    assert.equal(snapshots.length, 1);
    assert.equal(snapshots[0].text, produced.text, 'the snapshot holds everything produced');
    assert.ok(snapshots[0].seq > view.of('stream/delta')[0].seq);
  });

  it('resyncs a reloaded webview with the state, then the streaming answer in one snapshot', () => {
    const view = new RecordingView();
    sink.attach(view);
    push('so far');
    push(' and a pending batch');
    sink.resync(STATE, stream);
    clock.fire();
    assert.deepEqual(
      view.posted.slice(1).map((m) => m.type),
      ['chat/state', 'stream/snapshot'],
      'the pending batch is dropped: the snapshot holds it',
    );
    assert.equal(view.assembled('a1'), produced.text);
  });

  it('puts thinking still held for a busy webview in a snapshot before the end, and posts nothing after the end', async () => {
    const view = new SlowView();
    sink.attach(view);
    push('text');
    push('deep thought', 'thinking');
    clock.fire();
    stream.drain();
    stream.end({ type: 'stream/end', streamId: 'a1', state: 'done', text: 'text' }, 'deep thought');
    assert.equal(stream.ended, true);
    const last = view.posted.slice(-2);
    assert.equal(last[0].type, 'stream/snapshot');
    assert.equal(last[0].type === 'stream/snapshot' && last[0].thinking, 'deep thought');
    assert.equal(last[1].type, 'stream/end');
    await view.takeAll();
    assert.equal(view.posted.at(-1)?.type, 'stream/end', 'held deltas are dropped once the end is posted');
  });

  it('drops everything while no webview is attached', () => {
    push('lost');
    clock.fire();
    sink.post({ type: 'notice', level: 'info', text: 'nobody hears' });
    const view = new RecordingView();
    sink.attach(view);
    assert.equal(view.posted.length, 0);
    assert.equal(sink.attached, true);
  });
});
