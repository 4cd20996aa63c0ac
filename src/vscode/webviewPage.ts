import * as vscode from 'vscode';
import { WEBVIEW_OPTIONS, WEBVIEW_ROOTS, webviewPageHtml, type WebviewPage } from './webviewHtml';

/**
 * Loads one of our pages into a webview: options limited to our own folders, then the HTML.
 * The page itself (CSP, nonce, script and style tags) is built without `vscode` in webviewHtml.ts.
 */
export function showWebviewPage(webview: vscode.Webview, extensionUri: vscode.Uri, page: WebviewPage): void {
  const root = (name: keyof typeof WEBVIEW_ROOTS) => vscode.Uri.joinPath(extensionUri, ...WEBVIEW_ROOTS[name]);
  webview.options = { ...WEBVIEW_OPTIONS, localResourceRoots: [root('dist'), root('media')] };
  webview.html = webviewPageHtml(page, {
    cspSource: webview.cspSource,
    url: (name, file) => webview.asWebviewUri(vscode.Uri.joinPath(root(name), file)).toString(),
  });
}
