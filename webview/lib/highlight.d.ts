// highlight.js types only cover the package root; its `exports` map hides `lib/core`'s types
// from bundler resolution. The core build has the same API as the root.
declare module 'highlight.js/lib/core' {
  import hljs from 'highlight.js';
  export default hljs;
}
