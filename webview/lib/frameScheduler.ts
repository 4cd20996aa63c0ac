/**
 * Coalesces work to at most one run per animation frame, however fast messages arrive:
 * a burst of 500 deltas between two frames costs one render, not 500.
 */
export class FrameScheduler {
  private readonly pending = new Set<() => void>();
  private frame: number | undefined;
  private disposed = false;

  /** Runs `task` once in the next animation frame; scheduling it again before then is free. */
  schedule(task: () => void): void {
    if (this.disposed) return;
    this.pending.add(task);
    if (this.frame === undefined) this.frame = requestAnimationFrame(() => this.run());
  }

  /** Runs everything pending now (e.g. when a stream ends, so the final text shows at once). */
  flush(): void {
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    this.run();
  }

  /** Cancels the pending frame; later `schedule` calls are ignored. Idempotent. */
  dispose(): void {
    this.disposed = true;
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    this.frame = undefined;
    this.pending.clear();
  }

  private run(): void {
    this.frame = undefined;
    const tasks = [...this.pending];
    this.pending.clear();
    for (const task of tasks) task();
  }
}
