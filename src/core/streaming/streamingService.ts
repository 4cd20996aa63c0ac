// Over 350 lines: one answer's whole retry/resume/cancel loop; the attempt, errors, joiner and request builder already live in their own modules.
import type { Anthropic } from '@anthropic-ai/sdk';
import type { MessageParam } from '@anthropic-ai/sdk/resources/messages';
import type { Clock, Logger } from '../ports';
import { silentLogger } from '../ports';
import { runAttempt, type AttemptInputUsage } from './attempt';
import { backoffDelay, realTimers, wait, type Timers } from './backoff';
import { CONTINUE_TURN_MIN_OVERLAP, ContinuationJoiner } from './continuationJoiner';
import { classifyError, isPrefillRejection, isThinkingSignatureRejection } from './errors';
import { buildParams, toMessageParam, type AttemptParams } from './requestParams';
import { CONTINUE_PROMPT, supportsPrefill } from './resumeStrategy';
import type { ClassifiedError, ResumeStrategy, StreamMetrics, StreamObserver, StreamRequest, StreamResult, StopDetails, ThinkingBlockRecord } from './types';

/** What the service needs; everything but the client has a real default. */
export interface StreamingServiceDeps {
  /** The SDK client, or a factory called once per answer (e.g. to pick up a new key). */
  client: Anthropic | (() => Anthropic);
  clock?: Clock;
  random?: () => number;
  logger?: Logger;
  setTimeout?: Timers['setTimeout'];
  clearTimeout?: Timers['clearTimeout'];
  /** Removed from every error message, in addition to key-shaped strings. */
  secrets?: () => ReadonlyArray<string | undefined>;
}

/** Mutable state of one answer across its attempts. */
interface Run {
  text: string;
  thinking: string;
  /** Complete thinking blocks of the attempt that began the answer (a resumed attempt's are not valid context). */
  blocks: ThinkingBlockRecord[];
  /** The live attempt's blocks; an open thinking block is completed by its signature. */
  attemptBlocks: ThinkingBlockRecord[];
  openThinking?: { thinking: string };
  thinkingStartedAt?: number;
  thinkingMs?: number;
  stopReason?: string;
  stopDetails?: StopDetails;
  /** Input-side usage of finished attempts: every attempt is billed, retries and resumes too. */
  billed: AttemptInputUsage;
  /** The live attempt's input-side usage, added to `billed` when it ends. */
  attemptInput: AttemptInputUsage;
  /** Whole prompt size of the latest attempt that reported one. */
  promptTokens: number;
  /** Output tokens of finished attempts, plus the live attempt's count. */
  outputBefore: number;
  outputNow: number;
  firstTokenAt?: number;
  retries: number;
  resumed: boolean;
  prefillRejected: boolean;
  /** Earlier answers' thinking blocks were rejected: the rest of this request sends text only. */
  thinkingBlocksRejected: boolean;
  /** When live figures were last reported. */
  metricsAt: number;
}

/** Shortest gap between two live-figure reports. */
const METRICS_INTERVAL_MS = 50;

/**
 * Streams one answer over the real SDK with one retry policy: retryable failures are retried
 * with back-off, and an answer that broke after text had streamed is resumed from that text
 * (prefill, or a continue-turn for models that reject prefill), so the final text equals an
 * unbroken stream's. A request with `continueFrom` (Continue after `max_tokens`) starts the
 * same way, from its first attempt. `stream()` never rejects.
 *
 * Thinking is not resumed: a thinking block is only valid back to the API whole and signed, so
 * a cut one cannot be sent as context. A retry before any text restarts; its thinking
 * replaces the old in the result (the observer was told `willResume: false`). A resumed
 * attempt's thinking, if any, is appended.
 */
export class StreamingService {
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly logger: Logger;
  private readonly timers: Timers;

  constructor(private readonly deps: StreamingServiceDeps) {
    this.clock = deps.clock ?? Date.now;
    this.random = deps.random ?? Math.random;
    this.logger = deps.logger ?? silentLogger;
    this.timers = {
      setTimeout: deps.setTimeout ?? realTimers.setTimeout,
      clearTimeout: deps.clearTimeout ?? realTimers.clearTimeout,
    };
  }

  /** Streams `request`, reporting to `observer`; resolves with the outcome, never rejects. */
  async stream(request: StreamRequest, observer: StreamObserver, signal?: AbortSignal): Promise<StreamResult> {
    const startedAt = this.clock();
    const { settings } = request;
    const run: Run = {
      text: request.continueFrom ?? '',
      thinking: '',
      blocks: [],
      attemptBlocks: [],
      billed: noInput(),
      attemptInput: noInput(),
      promptTokens: 0,
      outputBefore: 0,
      outputNow: 0,
      retries: 0,
      resumed: false,
      prefillRejected: false,
      thinkingBlocksRejected: false,
      metricsAt: -Infinity,
    };
    const finish = (outcome: StreamResult['outcome'], error?: ClassifiedError): StreamResult => {
      const m = this.metrics(run, startedAt);
      return {
        outcome,
        text: run.text,
        thinking: run.thinking,
        thinkingBlocks: run.blocks,
        stopReason: run.stopReason,
        ...(run.stopDetails ? { stopDetails: run.stopDetails } : {}),
        ...(run.thinkingMs !== undefined || run.thinkingStartedAt !== undefined ? { thinkingMs: run.thinkingMs ?? this.clock() - (run.thinkingStartedAt ?? this.clock()) } : {}),
        usage: {
          inputTokens: m.inputTokens,
          outputTokens: m.outputTokens,
          cacheReadTokens: m.cacheReadTokens,
          cacheWrite5mTokens: m.cacheWrite5mTokens,
          cacheWrite1hTokens: m.cacheWrite1hTokens,
          promptTokens: run.promptTokens,
        },
        model: settings.model,
        timeToFirstTokenMs: m.timeToFirstTokenMs,
        totalMs: m.elapsedMs,
        tokensPerSecond: m.tokensPerSecond,
        retries: run.retries,
        resumed: run.resumed,
        ...(error ? { error } : {}),
        ...(run.thinkingBlocksRejected ? { thinkingBlocksRejected: true } : {}),
      };
    };
    let client: Anthropic;
    try {
      client = typeof this.deps.client === 'function' ? this.deps.client() : this.deps.client;
    } catch (err) {
      return finish('error', this.classify(err, [], undefined));
    }
    const secrets = [client.apiKey ?? undefined];
    const baseUrl = client.baseURL;

    for (;;) {
      if (signal?.aborted) return finish('cancelled');
      const plan = this.plan(request, run);
      // A `continueFrom` request continues shown text from its first attempt: only a retry is a resume.
      if (plan.strategy && run.retries > 0) {
        run.resumed = true;
        safe(() => observer.onResume?.({ attempt: run.retries, strategy: plan.strategy!, keptChars: run.text.length }));
      }
      run.attemptBlocks = [];
      run.openThinking = undefined;
      const end = await runAttempt(client, plan.params, this.hooks(run, plan.joiner, observer, startedAt, signal), {
        idleTimeoutMs: settings.idleTimeoutMs,
        signal,
        timers: this.timers,
      });
      run.outputBefore += run.outputNow;
      run.outputNow = 0;
      run.billed = addInput(run.billed, run.attemptInput);
      run.attemptInput = noInput();
      if (!plan.strategy) run.blocks = run.attemptBlocks;
      if (end.ok) {
        const rest = plan.joiner.flush();
        if (rest) this.emitText(run, rest, observer, startedAt);
        return finish('done');
      }
      const error = this.classify(end.error, secrets, baseUrl);
      if (error.kind === 'cancelled' || signal?.aborted) return finish('cancelled');
      if (plan.strategy === 'prefill' && isPrefillRejection(error)) {
        // Settled once per request: this model wants a continue-turn. Not a failure, so no back-off.
        this.logger.info('Prefill rejected by the model; continuing with a continue-turn.');
        run.prefillRejected = true;
        continue;
      }
      if (!run.thinkingBlocksRejected && isThinkingSignatureRejection(error) && request.messages.some((t) => t.thinkingBlocks?.length)) {
        // Thinking blocks are optional context: an answer signed elsewhere (another key or
        // gateway) goes back as text alone, which every model accepts. Not a failure, so no back-off.
        this.logger.info('Earlier thinking blocks were rejected; sending the conversation as text.');
        run.thinkingBlocksRejected = true;
        continue;
      }
      if (!error.retryable || run.retries >= settings.maxRetries) return finish('error', exhausted(error, run.retries));
      const delayMs = backoffDelay(run.retries, settings.backoffMs, error.retryAfterMs, this.random);
      const willResume = run.text.length > 0;
      this.logger.warn(`Attempt failed (${error.kind}); retry ${run.retries + 1}/${settings.maxRetries} in ${delayMs} ms.`);
      safe(() => observer.onRetryWait?.({ attempt: run.retries + 1, maxRetries: settings.maxRetries, delayMs, reason: error, willResume }));
      try {
        await wait(delayMs, signal, this.timers);
      } catch {
        return finish('cancelled');
      }
      run.retries++;
      if (!willResume) {
        run.thinking = '';
        run.thinkingStartedAt = undefined;
      }
    }
  }

  /**
   * Builds the next attempt's request: fresh, or continuing the text already shown (a broken
   * attempt's, or the request's `continueFrom`).
   */
  private plan(request: StreamRequest, run: Run): { params: AttemptParams; joiner: ContinuationJoiner; strategy?: ResumeStrategy } {
    const turns = run.thinkingBlocksRejected ? request.messages.map(({ thinkingBlocks: _dropped, ...turn }) => turn) : request.messages;
    const images = request.settings.profile?.imageInput !== false;
    const messages: MessageParam[] = turns.map((turn) => toMessageParam(turn, images));
    let joiner = new ContinuationJoiner('', '');
    let strategy: ResumeStrategy | undefined;
    if (run.text.length > 0) {
      const trimmed = run.text.replace(/\s+$/, '');
      if (supportsPrefill(request.settings.model) && !run.prefillRejected) {
        strategy = 'prefill';
        // The API rejects a final assistant turn that ends in whitespace; the joiner drops it
        // again when the model rewrites it. Whitespace-only text: a fresh start, aligned.
        // A prefill is continued exactly where it ends, so nothing is searched for as a repeat:
        // an answer that genuinely repeats itself across the break ("token token") stays whole.
        if (trimmed) messages.push({ role: 'assistant', content: trimmed });
        joiner = new ContinuationJoiner('', run.text.slice(trimmed.length));
      } else if (trimmed) {
        strategy = 'continue-turn';
        messages.push({ role: 'assistant', content: run.text }, { role: 'user', content: CONTINUE_PROMPT });
        joiner = new ContinuationJoiner(run.text, '', CONTINUE_TURN_MIN_OVERLAP);
      } else {
        joiner = new ContinuationJoiner('', run.text);
      }
    }
    return { params: buildParams(request, messages), joiner, strategy };
  }

  private hooks(run: Run, joiner: ContinuationJoiner, observer: StreamObserver, startedAt: number, signal?: AbortSignal) {
    const live = (): boolean => !signal?.aborted;
    return {
      onText: (delta: string) => {
        if (!live()) return;
        run.outputNow++;
        const shown = joiner.push(delta);
        if (shown) this.emitText(run, shown, observer, startedAt);
      },
      onThinking: (delta: string) => {
        if (!live()) return;
        run.outputNow++;
        run.thinkingStartedAt ??= this.clock();
        run.thinking += delta;
        if (run.openThinking) run.openThinking.thinking += delta;
        safe(() => observer.onThinking?.(delta));
        this.report(run, observer, startedAt);
      },
      onInputTokens: () => {
        // Counted with the cache figures in onInputUsage.
      },
      onInputUsage: (usage: AttemptInputUsage) => {
        // Cumulative within an attempt: the latest report replaces the earlier one.
        run.attemptInput = usage;
        run.promptTokens = usage.input + usage.cacheRead + usage.cacheWrite5m + usage.cacheWrite1h;
      },
      onOutputTokens: (tokens: number) => {
        run.outputNow = Math.max(run.outputNow, tokens);
        this.report(run, observer, startedAt);
      },
      onStopReason: (reason: string, details?: StopDetails) => {
        run.stopReason = reason;
        run.stopDetails = details;
      },
      onThinkingStart: () => {
        if (!live()) return;
        run.thinkingStartedAt ??= this.clock();
        run.openThinking = { thinking: '' };
      },
      onSignature: (signature: string) => {
        if (!live() || !run.openThinking) return;
        run.attemptBlocks.push({ type: 'thinking', thinking: run.openThinking.thinking, signature });
        run.openThinking = undefined;
      },
      onRedactedThinking: (data: string) => {
        if (live()) run.attemptBlocks.push({ type: 'redacted_thinking', data });
      },
    };
  }

  private emitText(run: Run, text: string, observer: StreamObserver, startedAt: number): void {
    if (run.firstTokenAt === undefined) {
      run.firstTokenAt = this.clock();
      if (run.thinkingStartedAt !== undefined) run.thinkingMs = run.firstTokenAt - run.thinkingStartedAt;
    }
    run.text += text;
    // Per token: a plain try/catch rather than `safe(() => …)`, which allocates a closure each time.
    try {
      observer.onText?.(text);
    } catch {
      // Observer callbacks are the caller's code: a throw there must not break the stream.
    }
    this.report(run, observer, startedAt);
  }

  /** Live figures at most every METRICS_INTERVAL_MS: the UI shows a few a second, and building them per token is most of the per-token cost. */
  private report(run: Run, observer: StreamObserver, startedAt: number): void {
    const onMetrics = observer.onMetrics;
    if (!onMetrics) return;
    const now = this.clock();
    if (now - run.metricsAt < METRICS_INTERVAL_MS) return;
    run.metricsAt = now;
    safe(() => onMetrics.call(observer, this.metrics(run, startedAt)));
  }

  private metrics(run: Run, startedAt: number): StreamMetrics {
    const now = this.clock();
    const outputTokens = run.outputBefore + run.outputNow;
    const input = addInput(run.billed, run.attemptInput);
    const streamingMs = run.firstTokenAt === undefined ? 0 : now - run.firstTokenAt;
    return {
      timeToFirstTokenMs: run.firstTokenAt === undefined ? undefined : run.firstTokenAt - startedAt,
      tokensPerSecond: streamingMs > 0 ? (outputTokens * 1000) / streamingMs : 0,
      outputTokens,
      inputTokens: input.input,
      cacheReadTokens: input.cacheRead,
      cacheWrite5mTokens: input.cacheWrite5m,
      cacheWrite1hTokens: input.cacheWrite1h,
      elapsedMs: now - startedAt,
    };
  }

  private classify(err: unknown, known: ReadonlyArray<string | undefined>, baseUrl: string | undefined): ClassifiedError {
    return classifyError(err, { secrets: [...known, ...(this.deps.secrets?.() ?? [])], now: this.clock(), baseUrl });
  }
}

function noInput(): AttemptInputUsage {
  return { input: 0, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0 };
}

function addInput(a: AttemptInputUsage, b: AttemptInputUsage): AttemptInputUsage {
  return { input: a.input + b.input, cacheRead: a.cacheRead + b.cacheRead, cacheWrite5m: a.cacheWrite5m + b.cacheWrite5m, cacheWrite1h: a.cacheWrite1h + b.cacheWrite1h };
}

/**
 * The final error of an answer that was retried: it says so ("… failed after 3 retries"), so
 * a card never reads as if the first attempt had failed, or as if the answer would go on.
 */
function exhausted(error: ClassifiedError, retries: number): ClassifiedError {
  if (retries === 0) return error;
  const times = `${retries} ${retries === 1 ? 'retry' : 'retries'}`;
  const message = `${error.message.replace(/[.\s]*$/, '')}. The request failed after ${times}.`;
  return { ...error, message, retries };
}

/** Observer callbacks are the caller's code: a throw there must not break the stream. */
function safe(call: () => void): void {
  try {
    call();
  } catch {
    // Deliberately ignored; the observer owns its errors.
  }
}
