import { realTimers, type Timers } from '../timers';

/** Timer functions, injectable so tests and the shell control time. */
export { realTimers, type Timers };
/** Longest wait computed from the exponential formula; a server's retry-after is honoured as given. */
export const MAX_BACKOFF_MS = 60_000;

/**
 * Delay before retry number `attempt` (0-based). The server's `retryAfterMs` wins when given;
 * otherwise `backoffMs * 2^attempt`, scaled by a jitter factor in [0.75, 1.25) so that many
 * clients do not retry in step. `random` is injectable; `() => 0.5` gives the exact formula.
 */
export function backoffDelay(attempt: number, backoffMs: number, retryAfterMs?: number, random: () => number = Math.random): number {
  if (retryAfterMs !== undefined && Number.isFinite(retryAfterMs)) return Math.max(0, Math.round(retryAfterMs));
  const exponential = Math.min(MAX_BACKOFF_MS, backoffMs * 2 ** attempt);
  const jitter = 0.75 + 0.5 * Math.min(Math.max(random(), 0), 1);
  return Math.round(exponential * jitter);
}

/** Rejected by `wait` when its signal aborts. */
export class WaitAbortedError extends Error {
  constructor() {
    super('The wait was cancelled.');
    this.name = 'AbortError';
  }
}

/**
 * Resolves after `ms`, or rejects with WaitAbortedError as soon as `signal` aborts (at once
 * if it already has). The timer and listener are removed either way.
 */
export function wait(ms: number, signal?: AbortSignal, timers: Timers = realTimers): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(new WaitAbortedError());
      return;
    }
    const onAbort = (): void => {
      timers.clearTimeout(handle);
      reject(new WaitAbortedError());
    };
    const handle = timers.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
