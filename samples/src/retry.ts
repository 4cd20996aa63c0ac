/** Waits `ms` milliseconds. */
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Calls `task` until it succeeds or `attempts` run out. Attempt n waits
 * baseMs * 2^n, plus up to 50% random jitter so many clients do not retry in lockstep.
 */
export async function withRetry<T>(task: () => Promise<T>, attempts = 4, baseMs = 250): Promise<T> {
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      return await task();
    } catch (error) {
      lastError = error;
      const backoff = baseMs * 2 ** attempt;
      await sleep(backoff + Math.random() * backoff * 0.5);
    }
  }
  throw lastError;
}
