/**
 * Messages between {@link AnalysisClient} and the analysis worker (or its in-process
 * stand-in). Pure data, structured-clone safe.
 */
import type { AnalysisSnapshot } from '../../shared/protocol';
import { AnalysisEngine } from './engine';
import type { AnalysisEngineOptions } from './engine';

export type ToWorker =
  /** Sent on the first chunk of a stream: creates its engine. */
  | { type: 'begin'; streamId: string }
  /** Sent every `threshold` tokens (or coalesced, when the worker is behind). */
  | { type: 'chunk'; streamId: string; text: string; tokens: number }
  /** Sent once when the stream ends: the remaining text, then the final pass. */
  | { type: 'end'; streamId: string; text: string; tokens: number };

export type FromWorker =
  /** Sent after each chunk and after the final pass. */
  | { type: 'snapshot'; snapshot: AnalysisSnapshot }
  /** Sent when a message could not be handled. */
  | { type: 'failed'; streamId: string; message: string };

/** Hosts one engine per stream; the worker and the in-process fallback both use it. */
export class EngineHost {
  private readonly engines = new Map<string, AnalysisEngine>();

  constructor(private readonly options: AnalysisEngineOptions = {}) {}

  /** Handles one message; returns the reply to post, if any. */
  handle(message: ToWorker): FromWorker | undefined {
    try {
      switch (message.type) {
        case 'begin':
          this.engines.set(message.streamId, new AnalysisEngine(this.options));
          return undefined;
        case 'chunk': {
          const engine = this.engine(message.streamId);
          engine.push(message.text, message.tokens);
          return { type: 'snapshot', snapshot: engine.snapshot(message.streamId) };
        }
        case 'end': {
          const engine = this.engine(message.streamId);
          if (message.text.length > 0 || message.tokens > 0) engine.push(message.text, message.tokens);
          engine.finish();
          this.engines.delete(message.streamId);
          return { type: 'snapshot', snapshot: engine.snapshot(message.streamId) };
        }
        default: {
          const never: never = message;
          return never;
        }
      }
    } catch (err) {
      return { type: 'failed', streamId: message.streamId, message: err instanceof Error ? err.message : String(err) };
    }
  }

  private engine(streamId: string): AnalysisEngine {
    let engine = this.engines.get(streamId);
    if (!engine) {
      engine = new AnalysisEngine(this.options);
      this.engines.set(streamId, engine);
    }
    return engine;
  }
}
