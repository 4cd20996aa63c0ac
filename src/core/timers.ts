/** Timer functions, injectable so tests need not wait real time. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The platform timers. */
export const realTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Calls `fn` at most once per `intervalMs`, always delivering the latest value. */
export function throttleLatest<T>(fn: (value: T) => void, intervalMs: number, timers: Timers = realTimers): { (value: T): void; flush(): void; cancel(): void } {
  let last = -Infinity;
  let pending: { value: T } | undefined;
  let timer: unknown;
  const run = () => {
    timer = undefined;
    if (!pending) return;
    const { value } = pending;
    pending = undefined;
    last = performance.now();
    fn(value);
  };
  const throttled = (value: T) => {
    pending = { value };
    const wait = intervalMs - (performance.now() - last);
    if (wait <= 0) {
      if (timer !== undefined) timers.clearTimeout(timer);
      run();
    } else if (timer === undefined) {
      // Node's timers run on libuv's cached millisecond clock and can fire up to a
      // millisecond early by performance.now(); rounding up keeps every gap >= intervalMs.
      timer = timers.setTimeout(run, Math.ceil(wait) + 1);
    }
  };
  throttled.flush = () => {
    if (timer !== undefined) timers.clearTimeout(timer);
    run();
  };
  throttled.cancel = () => {
    if (timer !== undefined) timers.clearTimeout(timer);
    timer = undefined;
    pending = undefined;
  };
  return throttled;
}
