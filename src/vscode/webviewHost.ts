import type * as vscode from 'vscode';
import type { Logger } from '../core/ports';
import { describeRejectedMessage } from '../shared/protocol';
import type { WebviewPage } from './webviewHtml';
import { showWebviewPage } from './webviewPage';

/** How a webview's messages are checked and handled. */
export interface WebviewInbox<M> {
  /** Names the view in the log, e.g. "Chat". */
  label: string;
  /** The protocol guard: a message is `unknown` until it returns one. */
  parse(raw: unknown): M | undefined;
  handle(message: M): unknown;
  logger: Logger;
}

/** How one of our webviews is loaded and how it talks back. */
export interface WebviewSetup<M> extends WebviewInbox<M> {
  extensionUri: vscode.Uri;
  page: WebviewPage;
}

/**
 * Validates one raw message from a webview, then hands it to `handle`. A message the guard
 * rejects is logged and dropped; a handler that throws or rejects is logged. Resolves with the
 * handler's result once it has finished, so a test hook can drive the same path as a click. The
 * handler starts at once, not on a later tick, so what it sets synchronously (such as `ready`)
 * is set on return.
 */
export function receiveWebviewMessage<M>(raw: unknown, inbox: WebviewInbox<M>): Promise<unknown> {
  const message = inbox.parse(raw);
  if (!message) {
    inbox.logger.warn(`${inbox.label}: ignored a malformed message from the webview (type ${describeRejectedMessage(raw)}).`);
    return Promise.resolve(undefined);
  }
  // The executor runs at once, and a handler that throws rejects the promise rather than escaping.
  return new Promise<unknown>((resolve) => resolve(inbox.handle(message))).catch((error: unknown) => inbox.logger.error(error instanceof Error ? error : String(error)));
}

/**
 * Loads one of our pages into a webview (see showWebviewPage) and listens for its messages,
 * validating every one. Dispose the result to stop listening.
 */
export function setUpWebview<M>(webview: vscode.Webview, setup: WebviewSetup<M>): vscode.Disposable {
  showWebviewPage(webview, setup.extensionUri, setup.page);
  return webview.onDidReceiveMessage((raw: unknown) => void receiveWebviewMessage(raw, setup));
}
