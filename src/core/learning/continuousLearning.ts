/**
 * The learning loop: buffer records in memory, flush them to the store (on size, on an
 * interval, on dispose, and as soon as a batch is complete), and every `batchSize` new
 * records run the batch summary in the background (`updateModel`), debounced so a burst of
 * answers gives one summary. Nothing is read at construction; nothing is written when
 * learning is disabled; nothing here throws into the chat flow.
 */
import type { Clock, KeyValueStore, Logger } from '../ports';
import { silentLogger } from '../ports';
import type { LearningView } from '../../shared/protocol';
import type { Bucketing } from './aggregates';
import type { LearningSummary } from './batchAnalysis';
import { parseSummary, summarize } from './batchAnalysis';
import type { AppliedInsights } from './insights';
import { applyInsights, readLearningState, toLearningView, updateLearningState } from './insights';
import type { AnswerAction } from './quality';
import type { QualitySignals } from './recordSchema';
import { mergeSignals, scoreFollowUp, signalsFor } from './quality';
import type { LearningRecord, RecordInput } from './records';
import { createRecord } from './records';
import type { LearningStore } from './store';

/** The learning settings, re-read whole on every configuration change. */
export interface LearningSettings {
  enabled: boolean;
  batchSize: number;
  /** False keeps lengths but never prompt or answer text. */
  storeContent: boolean;
  /** Opt-in: append the learned preferences to the system prompt. */
  applyToPrompts: boolean;
  /** Current values, for suggestions relative to them. */
  maxTokens: number;
  maxRetries: number;
}

export interface ContinuousLearningOptions {
  store: LearningStore;
  state: KeyValueStore;
  settings: LearningSettings;
  clock?: Clock;
  logger?: Logger;
  /** Flush once this many records are buffered. Default 10. */
  flushSize?: number;
  /** Flush buffered records after this long. Default 500 ms. */
  flushIntervalMs?: number;
  bucketing?: Partial<Bucketing>;
  /** Quiet time after a batch completes before the automatic summary starts. Default 1000 ms. */
  summaryDebounceMs?: number;
  /** Called after each completed summary. */
  onSummary?: (summary: LearningSummary) => void;
  /** Called with the fraction done while a summary runs. */
  onProgress?: (fraction: number) => void;
}

const MAX_BUFFER = 1000;

/** A request that failed: recorded for the error figures, not an answer. */
const isFailure = (record: LearningRecord): boolean => record.metrics.outcome === 'error';

/** Records answers and learns from them. `dispose()` flushes and cancels a running summary. */
export class ContinuousLearning {
  private settings: LearningSettings;
  private buffer: LearningRecord[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private summaryTimer: ReturnType<typeof setTimeout> | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private running: { promise: Promise<LearningSummary | undefined>; abort: AbortController } | undefined;
  private cached: LearningSummary | undefined | null = null;
  private disposed = false;
  private readonly log: Logger;
  private readonly flushSize: number;
  private readonly flushIntervalMs: number;

  constructor(private readonly options: ContinuousLearningOptions) {
    this.settings = options.settings;
    this.log = options.logger ?? silentLogger;
    this.flushSize = options.flushSize ?? 10;
    // Short: the extension host can be killed without `deactivate` (a closed tab, `npm start`
    // stopped with Ctrl+C) seconds after the last answer, and a buffered record would be lost.
    // Answers come one at a time, so this is still about one small append per answer.
    this.flushIntervalMs = options.flushIntervalMs ?? 500;
  }

  /** Replaces the settings; turning learning off drops what is buffered and unwritten. */
  updateSettings(settings: LearningSettings): void {
    this.settings = settings;
    if (!settings.enabled) {
      this.buffer = [];
      this.cancelScheduledSummary();
      this.running?.abort.abort();
    }
  }

  /** Records a finished answer; returns it (undefined when learning is off). */
  record(input: Omit<RecordInput, 'storeContent'>): LearningRecord | undefined {
    if (!this.settings.enabled || this.disposed) return undefined;
    const record = createRecord({ ...input, storeContent: this.settings.storeContent });
    this.buffer.push(record);
    if (this.buffer.length > MAX_BUFFER) this.buffer.splice(0, this.buffer.length - MAX_BUFFER);
    // A completed batch is written at once, so its summary does not wait for the flush interval.
    const batchDone = readLearningState(this.options.state).recordsSinceSummary + this.buffer.length >= this.settings.batchSize;
    if (this.buffer.length >= this.flushSize || batchDone) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.flushIntervalMs);
    return record;
  }

  /**
   * Records an answer as the chat controller reports it (`CompletedAnswer`): the record id
   * is the message id, so later actions on that message amend it.
   */
  recordAnswer(answer: {
    messageId: string;
    source: RecordInput['source'];
    prompt: string;
    result: RecordInput['result'];
    analysis?: RecordInput['analysis'];
    contextKinds?: RecordInput['contextKinds'];
  }): LearningRecord | undefined {
    const { messageId, ...rest } = answer;
    return this.record({ ...rest, id: messageId, time: (this.options.clock ?? Date.now)() });
  }

  /** Records what the user did with an answer (copy, insert, apply, regenerate, 👍/👎). */
  signal(id: string, action: AnswerAction): void {
    this.amend(id, signalsFor(action));
  }

  /** Adds later signals (👍, code applied, regenerated) to a record by id. */
  amend(id: string, signals: QualitySignals): void {
    if (!this.settings.enabled || this.disposed) return;
    const buffered = this.buffer.find((r) => r.id === id);
    if (buffered) buffered.signals = mergeSignals(buffered.signals, signals);
    else void this.options.store.amend(id, signals);
  }

  /** Scores the user's next message as a reaction to record `previousId` and amends it; returns the score. */
  followUp(previousId: string, text: string): number {
    const score = scoreFollowUp(text);
    if (score !== 0) this.amend(previousId, { followUp: score });
    return score;
  }

  /** Writes buffered records. Failed writes stay buffered (bounded) for the next flush. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.flushing = this.flushing
      .then(async () => {
        const batch = this.buffer;
        if (batch.length === 0 || !this.settings.enabled) return;
        this.buffer = [];
        if (!(await this.options.store.append(batch))) {
          this.buffer = [...batch, ...this.buffer].slice(-MAX_BUFFER);
          return;
        }
        const failed = batch.filter(isFailure).length;
        const state = await updateLearningState(this.options.state, (s) => ({
          ...s,
          recordsSinceSummary: s.recordsSinceSummary + batch.length,
          failedSinceSummary: s.failedSinceSummary + failed,
        }));
        if (state.recordsSinceSummary >= this.settings.batchSize) this.scheduleSummary();
      })
      .catch((e: unknown) => this.log.warn(`learning flush failed: ${String(e)}`));
    return this.flushing;
  }

  /** (Re)starts the debounce before the automatic summary; a running summary reschedules when it ends. */
  private scheduleSummary(): void {
    if (this.disposed || !this.settings.enabled) return;
    this.cancelScheduledSummary();
    this.summaryTimer = setTimeout(() => {
      this.summaryTimer = undefined;
      if (this.running) return;
      void this.updateModel().catch(() => undefined);
    }, this.options.summaryDebounceMs ?? 1000);
  }

  private cancelScheduledSummary(): void {
    if (this.summaryTimer) clearTimeout(this.summaryTimer);
    this.summaryTimer = undefined;
  }

  /**
   * Runs the batch summary now (or joins the one running). Resolves undefined when
   * cancelled, disabled or failed; failures are logged, never thrown.
   */
  updateModel(options: { signal?: AbortSignal; onProgress?: (fraction: number) => void } = {}): Promise<LearningSummary | undefined> {
    if (this.running) return this.running.promise;
    if (!this.settings.enabled || this.disposed) return Promise.resolve(undefined);
    const abort = new AbortController();
    const onAbort = () => abort.abort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    this.cancelScheduledSummary();
    const promise = (async () => {
      let covered = 0;
      let coveredFailed = 0;
      try {
        await this.flush();
        ({ recordsSinceSummary: covered, failedSinceSummary: coveredFailed } = readLearningState(this.options.state));
        const summary = await summarize(this.options.store, {
          signal: abort.signal,
          clock: this.options.clock,
          bucketing: this.options.bucketing,
          context: { maxTokens: this.settings.maxTokens, maxRetries: this.settings.maxRetries },
          onProgress: (f) => {
            options.onProgress?.(f);
            this.options.onProgress?.(f);
          },
        });
        this.cached = summary;
        // Records flushed while the summary ran still count towards the next batch.
        const state = await updateLearningState(this.options.state, (s) => ({
          ...s,
          recordsSinceSummary: Math.max(0, s.recordsSinceSummary - covered),
          failedSinceSummary: Math.max(0, s.failedSinceSummary - coveredFailed),
          lastSummaryId: summary.id,
          lastSummaryAt: summary.createdAt,
        }));
        this.options.onSummary?.(summary);
        if (state.recordsSinceSummary >= this.settings.batchSize) this.scheduleSummary();
        return summary;
      } catch (e) {
        if (!abort.signal.aborted) this.log.warn(`learning summary failed: ${String(e)}`);
        return undefined;
      } finally {
        options.signal?.removeEventListener('abort', onAbort);
        this.running = undefined;
      }
    })();
    this.running = { promise, abort };
    return promise;
  }

  /** True while a summary runs. */
  get summarizing(): boolean {
    return this.running !== undefined;
  }

  /** The last summary, read from disk on first use. */
  async summary(): Promise<LearningSummary | undefined> {
    if (this.cached === null) this.cached = parseSummary(await this.options.store.readSummaryJson());
    return this.cached;
  }

  /** The Insights view's data; undefined when learning is off. */
  async view(): Promise<LearningView | undefined> {
    if (!this.settings.enabled) return undefined;
    const state = readLearningState(this.options.state);
    const pending = state.recordsSinceSummary - state.failedSinceSummary + this.buffer.filter((r) => !isFailure(r)).length;
    return toLearningView(await this.summary(), state, Math.max(0, pending));
  }

  /** The prompt suffix (when opted in) and suggested settings from the last summary. */
  async applied(): Promise<AppliedInsights> {
    if (!this.settings.enabled) return { suggestedSettings: [] };
    return applyInsights(await this.summary(), readLearningState(this.options.state), { applyToPrompts: this.settings.applyToPrompts });
  }

  /** Deletes everything recorded and summarised (Clear Learning Data). */
  async clear(): Promise<void> {
    this.running?.abort.abort();
    this.cancelScheduledSummary();
    this.buffer = [];
    await this.flushing;
    await this.options.store.clear();
    this.cached = undefined;
    await updateLearningState(this.options.state, (s) => ({
      ...s,
      recordsSinceSummary: 0,
      failedSinceSummary: 0,
      lastSummaryId: undefined,
      lastSummaryAt: undefined,
      claudeNarrative: undefined,
    }));
  }

  /** Flushes what is buffered and cancels a running summary. Idempotent. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.cancelScheduledSummary();
    this.running?.abort.abort();
    await this.flush();
    await this.running?.promise;
    await this.options.store.settled();
  }
}
