import * as vscode from 'vscode';

/**
 * Runs `task` under a cancellable progress notification; Cancel aborts the signal it gets.
 * The one place the notification's token becomes an AbortSignal, which the core understands.
 */
export function withCancellableProgress<T>(
  title: string,
  task: (progress: vscode.Progress<{ message?: string; increment?: number }>, signal: AbortSignal) => Promise<T>,
): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    const abort = new AbortController();
    const cancel = token.onCancellationRequested(() => abort.abort());
    try {
      return await task(progress, abort.signal);
    } finally {
      cancel.dispose();
    }
  });
}
