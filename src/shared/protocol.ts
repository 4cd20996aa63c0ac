/**
 * The one typed protocol between the extension host and its webviews, one module per webview
 * (`protocol/chat.ts`, `protocol/insights.ts`) beside what both share. Imported by both sides;
 * it imports nothing from `vscode` or the DOM. Every message is a discriminated union on
 * `type`. Data arriving from a webview is `unknown` until `parseChatWebviewMessage` or
 * `parseInsightsWebviewMessage` has validated it.
 */
export * from './protocol/common';
export * from './protocol/context';
export * from './protocol/chatViews';
export * from './protocol/chat';
export * from './protocol/insights';
export { MAX_WEBVIEW_STRING, describeRejectedMessage } from './protocol/validate';
