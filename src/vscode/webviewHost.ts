import * as vscode from 'vscode';
import type { Logger } from '../core/ports';
import { describeRejectedMessage } from '../shared/protocol';
import { makeNonce, renderWebviewHtml, webviewStyles } from './webviewHtml';

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
  title: string;
  /** The bundle under `dist/webview`, e.g. `chat.js`. */
  script: string;
  /** The view's own stylesheet under `media`, linked after the shared base. */
  style: string;
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
 * Loads a webview: scripts on, command URIs off, resources only from the bundle and media
 * folders, the nonce'd page with the base and the view's stylesheets, and a listener that validates every
 * message. Dispose the result to stop listening.
 */
export function setUpWebview<M>(webview: vscode.Webview, setup: WebviewSetup<M>): vscode.Disposable {
  const distRoot = vscode.Uri.joinPath(setup.extensionUri, 'dist', 'webview');
  const mediaRoot = vscode.Uri.joinPath(setup.extensionUri, 'media');
  webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: [distRoot, mediaRoot] };
  webview.html = renderWebviewHtml({
    title: setup.title,
    cspSource: webview.cspSource,
    nonce: makeNonce(),
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(distRoot, setup.script)).toString(),
    styleUris: webviewStyles(setup.style).map((name) => webview.asWebviewUri(vscode.Uri.joinPath(mediaRoot, name)).toString()),
  });
  return webview.onDidReceiveMessage((raw: unknown) => void receiveWebviewMessage(raw, setup));
}
