import type { Clock, Logger } from '../ports';
import type { ClassifiedError, StreamMetrics, StreamObserver, StreamRequest, StreamResult, Usage } from '../streaming/types';
import type { ChatHostMessage, ErrorView, MetricsView } from '../../shared/protocol';
import type { ChatStatus, LiveAnalysisPort } from './chatTypes';
import { throttleLatest, type Timers } from './deltaBatcher';
import { costOf } from './pricing';
import type { SinkStream, StreamSink } from './streamSink';
import { TextAccumulator } from './textAccumulator';

const METRICS_INTERVAL_MS = 250;

/** What an answer needs while it streams. */
export interface AnswerStreamDeps {
  runStream(request: StreamRequest, observer: StreamObserver, signal: AbortSignal): Promise<StreamResult>;
  analysis?: LiveAnalysisPort;
  timers: Timers;
  now: Clock;
  logger: Logger;
  post(message: ChatHostMessage): void;
  status(status: ChatStatus): void;
}

/**
 * The answer that is streaming: what it produced so far, how to stop it, and its flow toward
 * the webview. `done` settles once the controller has finished its bookkeeping for it.
 */
export class ActiveAnswer {
  readonly abort = new AbortController();
  readonly done: Promise<void>;
  readonly stream: SinkStream;
  private readonly accumulated = new TextAccumulator();
  private thought = '';
  private settle!: () => void;

  /** `continuing` is the text of an answer that goes on (after `max_tokens`). */
  constructor(
    readonly messageId: string,
    sink: StreamSink,
    continuing?: string,
  ) {
    this.done = new Promise((resolve) => (this.settle = resolve));
    if (continuing) this.accumulated.append(continuing);
    this.stream = sink.open(messageId, { text: () => this.accumulated.toString(), thinking: () => this.thought });
  }

  /** The user sees the answer as finished (its `stream/end` is posted). */
  get ended(): boolean {
    return this.stream.ended;
  }

  /** Marks the bookkeeping done: whatever waits on `done` runs. */
  finish(): void {
    this.settle();
  }

  /**
   * Streams the answer into the webview and the live analysis; resolves with its result and never
   * rejects. `onFirstToken` runs once, when the first token is in.
   */
  async run(deps: AnswerStreamDeps, request: StreamRequest, model: string, onFirstToken: () => void): Promise<StreamResult> {
    const { messageId, stream } = this;
    const startedAt = deps.now();
    // Throttle the service's raw figures and build the view (with its cost) only when posting.
    const postMetrics = throttleLatest(
      (m: StreamMetrics) => {
        const metrics = metricsView(model, m, m.tokensPerSecond, m.timeToFirstTokenMs);
        deps.post({ type: 'stream/metrics', streamId: messageId, metrics });
        deps.status({ streaming: true, tokensPerSecond: metrics.tokensPerSecond });
      },
      METRICS_INTERVAL_MS,
      deps.timers,
    );
    deps.analysis?.begin(messageId);

    let started = false;
    const firstToken = (): void => {
      if (started) return;
      started = true;
      onFirstToken();
    };
    const observer: StreamObserver = {
      onText: (delta) => {
        firstToken();
        this.accumulated.append(delta);
        stream.push(delta, 'text');
        deps.analysis?.push(messageId, delta);
      },
      onThinking: (delta) => {
        firstToken();
        this.thought += delta;
        stream.push(delta, 'thinking');
      },
      onRetryWait: (notice) => {
        stream.flush();
        deps.post({
          type: 'stream/retry',
          streamId: messageId,
          attempt: notice.attempt,
          maxRetries: notice.maxRetries,
          delayMs: notice.delayMs,
          // Said here, where it is known to be true, not in the error: a final error never continues.
          reason: notice.willResume ? `${notice.reason.message} The answer will continue where it stopped.` : notice.reason.message,
        });
      },
      onMetrics: postMetrics,
    };

    let result: StreamResult;
    try {
      result = await deps.runStream(request, observer, this.abort.signal);
    } catch (error) {
      // runStream promises never to reject; if it does, the answer still ends visibly.
      deps.logger.error(error instanceof Error ? error : String(error));
      result = {
        outcome: 'error',
        text: this.accumulated.toString(),
        thinking: this.thought,
        usage: { inputTokens: 0, outputTokens: 0 },
        model,
        totalMs: deps.now() - startedAt,
        tokensPerSecond: 0,
        retries: 0,
        resumed: false,
        error: { kind: 'unknown', retryable: false, message: 'Something went wrong while streaming. See the "Claude Stream" output for details.', action: 'retry' },
      };
    }
    stream.drain();
    postMetrics.cancel();
    return result;
  }
}

/** An answer's figures as the webview shows them, with its cost. */
export function metricsView(model: string, usage: Usage, tokensPerSecond: number, ttft?: number): MetricsView {
  const cost = costOf(model, usage);
  return {
    timeToFirstTokenMs: ttft,
    tokensPerSecond,
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
    cacheReadTokens: usage.cacheReadTokens ?? 0,
    cacheWriteTokens: (usage.cacheWrite5mTokens ?? 0) + (usage.cacheWrite1hTokens ?? 0),
    costUsd: cost?.total,
    savedUsd: cost?.savedByCache,
  };
}

/** The part of a classified error the webview shows and the transcript keeps: what failed, its fixes, its request id. */
export function toErrorView(error: ClassifiedError): ErrorView {
  return {
    kind: error.kind,
    message: error.message,
    ...(error.action ? { action: error.action } : {}),
    ...(error.secondaryActions?.length ? { secondaryActions: [...error.secondaryActions] } : {}),
    ...(error.requestId ? { requestId: error.requestId } : {}),
    ...(error.setting ? { setting: error.setting } : {}),
    ...(error.contextTokens ? { contextTokens: { ...error.contextTokens } } : {}),
  };
}
