import type * as Streaming from '../core/streaming';

let loaded: typeof Streaming | undefined;

/**
 * The streaming core with the SDK, loaded on the first request rather than at activation:
 * it is most of the extension's code, and activation should cost almost nothing. esbuild
 * bundles it separately as `dist/streaming.js` beside `dist/extension.js`.
 */
export function loadStreaming(): typeof Streaming {
  // A computed path keeps esbuild from inlining the module into the extension bundle.
  const file = ['.', 'streaming.js'].join('/');
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a runtime path, so `import` cannot name it
  loaded ??= require(file) as typeof Streaming;
  return loaded;
}
