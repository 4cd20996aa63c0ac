import type * as vscode from 'vscode';

/**
 * Base class for everything that subscribes: `register()` what you create, and
 * `dispose()` (idempotent) releases it all in reverse order.
 */
export class Disposable implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;

  protected get isDisposed(): boolean {
    return this.disposed;
  }

  protected register<T extends { dispose(): unknown }>(disposable: T): T {
    if (this.disposed) disposable.dispose();
    else this.disposables.push(disposable);
    return disposable;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const disposable of this.disposables.splice(0).reverse()) {
      try {
        disposable.dispose();
      } catch {
        // Disposing must continue past one failure so nothing else leaks.
      }
    }
  }
}
