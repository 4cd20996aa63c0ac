/** A disposable handle, structurally compatible with `vscode.Disposable`. */
interface DisposableLike {
  dispose(): void;
}

/** A listener subscription function, shaped like `vscode.Event` so the shell can pass it through. */
export type Listen<T> = (listener: (value: T) => void) => DisposableLike;

/**
 * A minimal typed event emitter for the pure core, which may not import `vscode.EventEmitter`.
 * A listener that throws does not stop the others.
 */
export class Emitter<T> {
  private listeners = new Set<(value: T) => void>();

  readonly event: Listen<T> = (listener) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch {
        // One broken subscriber must not break the stream for the others.
      }
    }
  }

  dispose(): void {
    this.listeners.clear();
  }
}
