// Kept free of `vscode` imports so the pages and their CSP are unit-tested in plain mocha: the
// shell (webviewPage.ts) only turns paths into webview URLs.
import { randomBytes } from 'node:crypto';

/** A fresh, unguessable nonce for one render of one webview. */
export function makeNonce(): string {
  return randomBytes(18)
    .toString('base64')
    .replace(/[+/=]/g, (c) => ({ '+': '-', '/': '_', '=': '' })[c] ?? '');
}

/** What `renderWebviewHtml` puts in the page. */
export interface WebviewHtmlOptions {
  title: string;
  /** `webview.cspSource`. */
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUris: string[];
}

/** The stylesheets under `media` a webview links, in order: the shared base, then the view's own. */
export function webviewStyles(own: string): string[] {
  return ['base.css', own];
}

/** The Content-Security-Policy for our webviews: nothing by default, scripts by nonce only. */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    // The toolkit (FAST) probes `:focus-visible` with a <style> element; it may carry the nonce.
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    "connect-src 'none'",
    "frame-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
}

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The page shell: one stylesheet link per style, one nonce'd script, no inline code. */
export function renderWebviewHtml(options: WebviewHtmlOptions): string {
  const styles = options.styleUris.map((href) => `<link rel="stylesheet" href="${escapeAttribute(href)}">`).join('\n    ');
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(options.cspSource, options.nonce)}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    <meta property="csp-nonce" content="${options.nonce}">
    <title>${escapeAttribute(options.title)}</title>
    ${styles}
  </head>
  <body>
    <div id="app"></div>
    <script nonce="${options.nonce}" src="${escapeAttribute(options.scriptUri)}"></script>
  </body>
</html>`;
}

/** Our two webviews: their title, script bundle (in dist/webview) and stylesheet (in media). */
export const WEBVIEW_PAGES = {
  chat: { title: 'Claude Chat', script: 'chat.js', style: 'chat.css' },
  insights: { title: 'Claude Insights', script: 'insights.js', style: 'insights.css' },
} as const;

/** One of {@link WEBVIEW_PAGES}. */
export type WebviewPage = keyof typeof WEBVIEW_PAGES;

/** The only folders, relative to the extension, a webview may load files from. */
export const WEBVIEW_ROOTS = { dist: ['dist', 'webview'], media: ['media'] } as const;

/** Webview options besides the roots: scripts for our bundle, and no `command:` links. */
export const WEBVIEW_OPTIONS = { enableScripts: true, enableCommandUris: false } as const;

/** What the shell supplies, as strings: the webview's CSP source and how a file becomes its URL. */
export interface WebviewAssets {
  /** `webview.cspSource`. */
  cspSource: string;
  /** The webview URL of a file in one of {@link WEBVIEW_ROOTS} (`webview.asWebviewUri`). */
  url(root: keyof typeof WEBVIEW_ROOTS, file: string): string;
}

/** The whole HTML of one of our webviews with a fresh nonce: exactly what the shell sets as `webview.html`. */
export function webviewPageHtml(page: WebviewPage, assets: WebviewAssets): string {
  const { title, script, style } = WEBVIEW_PAGES[page];
  return renderWebviewHtml({
    title,
    cspSource: assets.cspSource,
    nonce: makeNonce(),
    scriptUri: assets.url('dist', script),
    styleUris: webviewStyles(style).map((file) => assets.url('media', file)),
  });
}
