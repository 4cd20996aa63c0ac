import type { ChatHostMessage, ChatState } from '../../shared/protocol';
import type { ChatView } from './chatTypes';
import { DeltaBatcher, type Timers } from './deltaBatcher';

/** What a stream has produced so far; a snapshot re-sends it whole. */
export interface StreamSource {
  text(): string;
  thinking(): string;
}

export interface StreamSinkOptions {
  timers: Timers;
  /** How long deltas are coalesced into one webview message. */
  batchIntervalMs: number;
}

type StreamEnd = Extract<ChatHostMessage, { type: 'stream/end' }>;

/** The connection both the sink and its streams post through. */
interface Link {
  view: ChatView | undefined;
  /** Set while a hidden webview missed deltas: the next stream post is then one whole snapshot. */
  needsSnapshot: boolean;
}

/**
 * Flow control toward the chat webview, free of the conversation: batches an answer's deltas,
 * numbers them (`seq`), keeps at most one delta in flight to a slow webview (merging the rest),
 * and sends one snapshot instead of a backlog to a webview that was hidden or reloaded.
 */
export class StreamSink {
  private readonly link: Link = { view: undefined, needsSnapshot: false };

  constructor(private readonly options: StreamSinkOptions) {}

  /** Connects a webview, or disconnects with undefined (messages are then dropped). */
  attach(view: ChatView | undefined): void {
    this.link.view = view;
  }

  get attached(): boolean {
    return this.link.view !== undefined;
  }

  /** Posts a message outside any stream's flow control (state, notices, queue, meter, …). */
  post(message: ChatHostMessage): void {
    void this.link.view?.post(message);
  }

  /**
   * Sends the whole chat state, then catches `streaming` (the answer still on its way, if any)
   * up in one snapshot, since the state carries that answer as it was when it started.
   */
  resync(state: ChatState, streaming: SinkStream | undefined): void {
    this.link.needsSnapshot = false;
    this.post({ type: 'chat/state', state });
    if (streaming && this.link.view) streaming.catchUp();
  }

  /** Opens the flow of one answer's deltas; `source` is what it has produced so far. */
  open(streamId: string, source: StreamSource): SinkStream {
    return new SinkStream(streamId, source, this.link, this.options);
  }
}

/** One answer's deltas on their way to the webview. */
export class SinkStream {
  private seq = 0;
  /** A delta post the webview has not taken yet; deltas meanwhile wait in `held*`, merged. */
  private inFlight = false;
  private heldText = '';
  private heldThinking = '';
  private endPosted = false;
  private readonly batcher: DeltaBatcher;

  constructor(
    readonly streamId: string,
    private readonly source: StreamSource,
    private readonly link: Link,
    options: StreamSinkOptions,
  ) {
    this.batcher = new DeltaBatcher({
      intervalMs: options.batchIntervalMs,
      flushThreshold: 768,
      maxPieces: 1024,
      flushFirst: true,
      timers: options.timers,
      flush: (batch) => this.postDelta(batch.text, batch.thinking),
    });
  }

  /** True once `stream/end` is posted: the user sees the answer as finished. */
  get ended(): boolean {
    return this.endPosted;
  }

  push(delta: string, kind: 'text' | 'thinking'): void {
    this.batcher.push(delta, kind);
  }

  /** Posts what is batched now, e.g. before a retry notice, so the notice follows the text. */
  flush(): void {
    this.batcher.flush();
  }

  /** The answer stopped streaming: posts what is batched and stops the batch timer. */
  drain(): void {
    this.batcher.flush();
    this.batcher.dispose();
  }

  /** Re-sends the answer so far as one snapshot, dropping the batch the snapshot already contains. */
  catchUp(): void {
    this.batcher.discard();
    this.heldText = '';
    this.heldThinking = '';
    this.seq += 1;
    void this.link.view?.post(this.snapshot(this.source.text(), this.source.thinking()));
  }

  /**
   * Posts the answer's end. `stream/end` carries the final text but no thinking: thinking still
   * held for a busy webview would be lost, so it goes in one last snapshot first.
   */
  end(message: StreamEnd, thinking: string): void {
    const view = this.link.view;
    if (this.heldThinking !== '' && view?.visible) {
      this.seq += 1;
      void view.post(this.snapshot(message.text, thinking));
    }
    this.endPosted = true;
    this.heldText = '';
    this.heldThinking = '';
    void view?.post(message);
  }

  private snapshot(text: string, thinking: string): ChatHostMessage {
    return { type: 'stream/snapshot', streamId: this.streamId, seq: this.seq, text, thinking: thinking || undefined };
  }

  private postDelta(textDelta: string, thinkingDelta: string): void {
    const view = this.link.view;
    if (!view || this.endPosted) return;
    if (!view.visible) {
      // A hidden webview gets one snapshot when it is shown, not a backlog of deltas.
      this.link.needsSnapshot = true;
      this.heldText = '';
      this.heldThinking = '';
      return;
    }
    if (this.inFlight) {
      // A slow webview: merge into one pending delta instead of queueing posts.
      this.heldText += textDelta;
      this.heldThinking += thinkingDelta;
      return;
    }
    this.seq += 1;
    let posted: void | PromiseLike<unknown>;
    if (this.link.needsSnapshot) {
      this.link.needsSnapshot = false;
      posted = view.post(this.snapshot(this.source.text(), this.source.thinking()));
    } else {
      const thinking = this.heldThinking + thinkingDelta;
      posted = view.post({ type: 'stream/delta', streamId: this.streamId, seq: this.seq, text: this.heldText + textDelta, thinking: thinking || undefined });
    }
    this.heldText = '';
    this.heldThinking = '';
    if (posted && typeof posted.then === 'function') {
      this.inFlight = true;
      const taken = (): void => {
        this.inFlight = false;
        if (this.heldText !== '' || this.heldThinking !== '') this.postDelta('', '');
      };
      posted.then(taken, taken);
    }
  }
}
