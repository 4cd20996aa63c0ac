/**
 * The extension-thread side of live analysis. It only counts deltas and, every `threshold`
 * tokens, posts the collected text to the analysis worker; snapshots come back through
 * `onSnapshot`. At most one chunk per stream is in flight: while the worker is behind, new
 * text coalesces into the next chunk instead of queueing without bound. Pure Node (no vscode).
 * Without a `workerPath` the engine runs in-process in a microtask (same protocol).
 */
import { Worker } from 'node:worker_threads';
import type { AnalysisSnapshot } from '../../shared/protocol';
import type { Logger } from '../ports';
import { silentLogger } from '../ports';
import { emptySnapshot } from './snapshots';
import type { FromWorker, ToWorker } from './workerProtocol';

/** The chunk interval the extension uses: at most 10 live analyses a second per stream. */
export const ANALYSIS_MIN_INTERVAL_MS = 100;

/** Options of {@link AnalysisClient}. */
export interface AnalysisClientOptions {
  /** The bundled worker (dist/analysisWorker.js); undefined runs the engine in-process. */
  workerPath: string | undefined;
  /**
   * Makes the in-process engine host (`() => new EngineHost()`) when there is no worker. Injected
   * rather than imported so the extension bundle, which always uses the worker, does not carry
   * the engine and the wink model.
   */
  inProcessHost?: () => { handle(message: ToWorker): FromWorker | undefined };
  /** Tokens (deltas) between chunks. */
  threshold: number;
  /**
   * Least time between two chunks of one stream (default 0). A stream arriving faster than
   * this is analysed in bigger chunks: the cost per chunk is flat, so fewer chunks cost less,
   * and the views show at most a few updates a second anyway.
   */
  minChunkIntervalMs?: number;
  /** Clock for `minChunkIntervalMs`; `performance.now` by default. */
  now?: () => number;
  /** Called with every snapshot, live and final. */
  onSnapshot: (snapshot: AnalysisSnapshot) => void;
  logger?: Logger;
}

interface StreamState {
  parts: string[];
  tokens: number;
  inFlight: number;
  /** When the last chunk was posted. */
  sentAt: number;
  /** The latest live snapshot, re-sent marked `paused` when analysis pauses, so the note shows at once. */
  last?: AnalysisSnapshot;
  final?: { resolve: (s: AnalysisSnapshot) => void; reject: (e: Error) => void; promise: Promise<AnalysisSnapshot> };
}

interface Backend {
  post(message: ToWorker): void;
  close(): Promise<void>;
}

/** Posts chunks of streamed text for analysis off the extension thread. */
export class AnalysisClient {
  private readonly streams = new Map<string, StreamState>();
  /** Streams whose worker died before they ended: their final (interrupted) snapshot, handed to `end()`. */
  private readonly interrupted = new Map<string, AnalysisSnapshot>();
  private readonly logger: Logger;
  private backend: Backend | undefined;
  private paused = false;
  private disposed = false;
  private threshold: number;

  constructor(private readonly options: AnalysisClientOptions) {
    this.logger = options.logger ?? silentLogger;
    this.threshold = options.threshold;
  }

  /** Applies a changed `analysis.threshold` to chunks sent from now on. */
  setThreshold(threshold: number): void {
    this.threshold = threshold;
  }

  /** Starts analysing a stream; the worker itself starts on the first call. */
  begin(streamId: string): void {
    if (this.disposed) return;
    this.streams.set(streamId, { parts: [], tokens: 0, inFlight: 0, sentAt: -Infinity });
    this.ensureBackend().post({ type: 'begin', streamId });
  }

  /** Records one delta (one token). Cheap: the text is only joined when a chunk is sent. */
  push(streamId: string, delta: string): void {
    const state = this.streams.get(streamId);
    if (!state || state.final) return;
    state.parts.push(delta);
    state.tokens += 1;
    if (state.tokens >= this.threshold) this.send(streamId, state);
  }

  /** Sends the rest and runs the final pass; resolves with the final snapshot. */
  end(streamId: string): Promise<AnalysisSnapshot> {
    const cut = this.interrupted.get(streamId);
    if (cut) {
      this.interrupted.delete(streamId);
      return Promise.resolve(cut);
    }
    const state = this.streams.get(streamId);
    if (!state) return Promise.reject(new Error(`analysis: unknown stream ${streamId}`));
    if (state.final) return state.final.promise;
    let resolve: (s: AnalysisSnapshot) => void = () => undefined;
    let reject: (e: Error) => void = () => undefined;
    const promise = new Promise<AnalysisSnapshot>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    state.final = { resolve, reject, promise };
    const text = state.parts.join('');
    this.ensureBackend().post({ type: 'end', streamId, text, tokens: state.tokens });
    state.parts = [];
    state.tokens = 0;
    return promise;
  }

  /** Stops sending chunks (text keeps collecting); snapshots are marked `paused`. Idempotent. */
  pause(): void {
    if (this.paused) return;
    this.paused = true;
    for (const state of this.streams.values()) if (state.last && !state.final) this.options.onSnapshot({ ...state.last, paused: true });
  }

  /** True while paused (e.g. under memory pressure). */
  get isPaused(): boolean {
    return this.paused;
  }

  /** Sends what collected while paused; a stream with nothing to send gets its note cleared. */
  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    for (const [id, state] of this.streams) {
      if (state.final) continue;
      if (state.tokens >= this.threshold && state.inFlight === 0) this.send(id, state);
      else if (state.last) this.options.onSnapshot(state.last);
    }
  }

  /** True once the worker thread has been started. */
  get started(): boolean {
    return this.backend !== undefined;
  }

  /** Terminates the worker; pending `end` promises reject. Idempotent. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.failAll(new Error('analysis client disposed'));
    const backend = this.backend;
    this.backend = undefined;
    await backend?.close();
  }

  private send(streamId: string, state: StreamState): void {
    if (this.paused || state.inFlight > 0 || state.final) return; // coalesce until the worker catches up
    const interval = this.options.minChunkIntervalMs ?? 0;
    if (interval > 0) {
      const now = (this.options.now ?? performance.now.bind(performance))();
      if (now - state.sentAt < interval) return; // the next push after the interval sends it
      state.sentAt = now;
    }
    const text = state.parts.join('');
    state.parts = [];
    state.inFlight += 1;
    this.ensureBackend().post({ type: 'chunk', streamId, text, tokens: state.tokens });
    state.tokens = 0;
  }

  private receive(message: FromWorker): void {
    if (message.type === 'failed') {
      this.logger.warn(`analysis failed for ${message.streamId}: ${message.message}`);
      const state = this.streams.get(message.streamId);
      if (state?.final) state.final.reject(new Error(message.message));
      else if (state) state.inFlight = Math.max(0, state.inFlight - 1);
      return;
    }
    const snapshot = this.paused ? { ...message.snapshot, paused: true } : message.snapshot;
    const state = this.streams.get(snapshot.streamId);
    if (snapshot.final) {
      this.streams.delete(snapshot.streamId);
      this.options.onSnapshot(snapshot);
      state?.final?.resolve(snapshot);
      return;
    }
    if (state) {
      state.inFlight = Math.max(0, state.inFlight - 1);
      state.last = message.snapshot;
    }
    this.options.onSnapshot(snapshot);
    if (state && state.tokens >= this.threshold) this.send(snapshot.streamId, state);
  }

  private failAll(error: Error): void {
    for (const state of this.streams.values()) state.final?.reject(error);
    this.streams.clear();
    this.interrupted.clear();
  }

  /**
   * The worker died with streams still open: each ends now with what was analysed so far, marked
   * `interrupted` (the views say so), so no `end()` waits forever and the chat's queue moves on.
   * The next stream starts a new worker.
   */
  private interruptAll(): void {
    for (const [id, state] of this.streams) {
      const snapshot: AnalysisSnapshot = { ...(state.last ?? emptySnapshot(id)), paused: undefined, final: true, interrupted: true };
      this.options.onSnapshot(snapshot);
      if (state.final) state.final.resolve(snapshot);
      else this.interrupted.set(id, snapshot);
    }
    this.streams.clear();
  }

  private ensureBackend(): Backend {
    if (!this.backend) {
      this.backend = this.options.workerPath ? this.startWorker(this.options.workerPath) : this.inProcess();
    }
    return this.backend;
  }

  private startWorker(path: string): Backend {
    const worker = new Worker(path);
    worker.on('message', (m: FromWorker) => this.receive(m));
    let closing = false;
    const died = (): void => {
      if (this.backend !== backend) return;
      this.backend = undefined;
      this.interruptAll();
    };
    worker.on('exit', (code) => {
      this.logger.info(`analysis worker exited with code ${code}`);
      if (!closing) {
        this.logger.warn('The analysis worker stopped unexpectedly; open answers end their analysis here, the next one starts a new worker.');
        died();
      }
    });
    worker.on('error', (err) => {
      this.logger.error(err);
      died();
    });
    const backend: Backend = {
      post: (m) => worker.postMessage(m),
      close: async () => {
        closing = true;
        await worker.terminate();
      },
    };
    return backend;
  }

  private inProcess(): Backend {
    if (!this.options.inProcessHost) throw new Error('analysis: no worker path and no in-process host');
    const host = this.options.inProcessHost();
    let open = true;
    return {
      post: (m) =>
        queueMicrotask(() => {
          if (!open) return;
          const reply = host.handle(m);
          if (reply) this.receive(reply);
        }),
      close: () => {
        open = false;
        return Promise.resolve();
      },
    };
  }
}
