import { Emitter } from '../events';
import type { Logger } from '../ports';
import { silentLogger } from '../ports';
import { realTimers, type Timers } from '../timers';

/** Something holding memory it can give back (a cache, a transcript that is also in storage). */
export interface Trimmable {
  trim(): unknown;
}

/** Live analysis, which stops posting work while memory is short. */
export interface Pausable {
  pause(): void;
  resume(): void;
}

/** Reads how many bytes the extension is using now. */
export type MemoryReader = () => number;

/** Options of {@link ResourceManager}. */
export interface ResourceManagerOptions {
  /** The limit in MB (`claudeStream.resources.memoryLimitMB`), read on every sample so changes apply at once. */
  limitMB(): number;
  /** Bytes in use; by default heap and array buffers of this process above `baselineBytes`. */
  readMemory?: MemoryReader;
  /** What the process used before the extension did anything; subtracted by the default reader. */
  baselineBytes?: number;
  /** Sampling period while streaming. */
  intervalMs?: number;
  /** Pressure ends when memory falls below this fraction of the limit (hysteresis). */
  recoverRatio?: number;
  trimmables?: readonly Trimmable[];
  analysis?: Pausable;
  timers?: Timers;
  logger?: Logger;
}

/** Whether memory is over the limit, and the figures that decided it. */
export interface PressureState {
  underPressure: boolean;
  usedMB: number;
  limitMB: number;
}

const MB = 1024 * 1024;

/** Heap plus array buffers: what the extension's own objects and streamed text occupy. */
export function processMemoryReader(baselineBytes = 0): MemoryReader {
  return () => {
    const m = process.memoryUsage();
    return Math.max(0, m.heapUsed + m.arrayBuffers - baselineBytes);
  };
}

/**
 * Watches memory once a second while any answer streams, and only then: with nothing
 * streaming there is no timer. Over the limit it trims what can be re-read from storage and
 * pauses live analysis (snapshots then say so); below `recoverRatio` of the limit it resumes.
 */
export class ResourceManager {
  private readonly streaming = new Set<string>();
  private readonly timers: Timers;
  private readonly logger: Logger;
  private readonly readMemory: MemoryReader;
  private readonly emitter = new Emitter<PressureState>();
  private timer: unknown;
  private pressure = false;
  private disposed = false;

  /** Fires when pressure starts or ends. */
  readonly onDidChangePressure = this.emitter.event;

  constructor(private readonly options: ResourceManagerOptions) {
    this.timers = options.timers ?? realTimers;
    this.logger = options.logger ?? silentLogger;
    this.readMemory = options.readMemory ?? processMemoryReader(options.baselineBytes);
  }

  /** True while over the limit and not yet recovered. */
  get underPressure(): boolean {
    return this.pressure;
  }

  /** True while a sampling timer is scheduled (only while something streams). */
  get watching(): boolean {
    return this.timer !== undefined;
  }

  /**
   * Tells the manager that a source (chat, inline) started or stopped streaming. Idempotent per
   * source. The first start samples at once and starts the timer; the last stop samples once
   * more and clears it.
   */
  setStreaming(source: string, streaming: boolean): void {
    if (this.disposed) return;
    const was = this.streaming.size > 0;
    if (streaming) this.streaming.add(source);
    else this.streaming.delete(source);
    const now = this.streaming.size > 0;
    if (now === was) return;
    this.sample();
    if (now) this.schedule();
    else this.stopTimer();
  }

  /** Takes one sample now and acts on it; returns the state it decided. */
  sample(): PressureState {
    const limitMB = Math.max(1, this.options.limitMB());
    const usedMB = this.readMemory() / MB;
    const state = { underPressure: this.pressure, usedMB, limitMB };
    if (!this.pressure && usedMB > limitMB) this.enter(state);
    else if (this.pressure && usedMB < limitMB * (this.options.recoverRatio ?? 0.8)) this.leave(state);
    return { ...state, underPressure: this.pressure };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.stopTimer();
    this.streaming.clear();
    this.emitter.dispose();
  }

  private enter(state: PressureState): void {
    this.pressure = true;
    this.logger.warn(`Memory ${state.usedMB.toFixed(0)} MB is over the ${state.limitMB} MB limit: trimming caches and pausing live analysis.`);
    for (const trimmable of this.options.trimmables ?? []) {
      try {
        void Promise.resolve(trimmable.trim()).catch((error: unknown) => this.logger.warn(`Trim failed: ${String(error)}`));
      } catch (error) {
        this.logger.warn(`Trim failed: ${String(error)}`);
      }
    }
    this.options.analysis?.pause();
    this.emitter.fire({ ...state, underPressure: true });
  }

  private leave(state: PressureState): void {
    this.pressure = false;
    this.logger.info(`Memory ${state.usedMB.toFixed(0)} MB is back under the limit: live analysis resumes.`);
    this.options.analysis?.resume();
    this.emitter.fire({ ...state, underPressure: false });
  }

  private schedule(): void {
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      if (this.disposed || this.streaming.size === 0) return;
      this.sample();
      this.schedule();
    }, this.options.intervalMs ?? 1000);
  }

  private stopTimer(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
