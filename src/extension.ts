import type * as vscode from 'vscode';

/** Composes the services and registers what they contribute. Nothing else happens here. */
export function activate(_context: vscode.ExtensionContext): void {}

/** Cancels streams still in flight; everything else is disposed through the context. */
export function deactivate(): void {}
