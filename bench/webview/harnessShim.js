// Stands in for VS Code around the chat webview: a fake acquireVsCodeApi that records what
// the webview posts, a way to inject host messages, the theme variables, and a stream driver.
(() => {
  const params = new URLSearchParams(location.search);
  const theme = params.get('theme') || 'dark';
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = `/bench/webview/themes/${theme}.css`;
  document.head.append(link);
  document.body.classList.add(theme === 'light' ? 'vscode-light' : theme === 'hc' ? 'vscode-high-contrast' : 'vscode-dark');

  window.__posted = [];
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push({ directive: e.violatedDirective, blocked: e.blockedURI });
  });
  let state = params.has('state') ? JSON.parse(params.get('state')) : undefined;
  let acquired = false;
  window.acquireVsCodeApi = () => {
    if (acquired) throw new Error('acquireVsCodeApi may only be called once');
    acquired = true;
    return {
      postMessage: (m) => window.__posted.push(JSON.parse(JSON.stringify(m))),
      getState: () => state,
      setState: (s) => {
        state = s;
        window.__state = s;
      },
    };
  };
  // Host messages arrive as real message events, one task each. `deliver` resolves once the
  // webview has handled `msg`: it posts a marker after it (without a `type`, which the webview
  // ignores) and waits for that, since window messages arrive in order. A test that presses a
  // key next would otherwise race the message: Chromium may run the input task first.
  let marks = 0;
  window.__host = {
    post: (msg) => window.postMessage(msg, '*'),
    deliver: (msg) =>
      new Promise((resolve) => {
        const mark = { harnessMark: ++marks };
        const onMark = (event) => {
          if (event.data?.harnessMark !== mark.harnessMark) return;
          window.removeEventListener('message', onMark);
          resolve();
        };
        window.addEventListener('message', onMark);
        window.postMessage(msg, '*');
        window.postMessage(mark, '*');
      }),
  };

  /**
   * Streams `tokens` as `stream/delta`s. With `tokensPerSecond`, one delta per `batchMs`
   * carries the tokens due by then (the host batches every ~40 ms); without it, every token
   * is its own message, posted back to back (maximum rate). Resolves after `stream/end`.
   */
  window.__stream = (streamId, tokens, options = {}) =>
    new Promise((resolve) => {
      const { tokensPerSecond, batchMs = 40 } = options;
      let seq = 0;
      let sent = 0;
      const end = () => {
        window.__host.post({ type: 'stream/end', streamId, state: 'done', text: tokens.join('') });
        // Two frames: the end message is handled, then the final render is painted.
        requestAnimationFrame(() => requestAnimationFrame(() => resolve()));
      };
      if (!tokensPerSecond) {
        // Maximum rate: one message per token, each posted from its own task (as IPC
        // messages arrive), back to back with no delay; a MessageChannel gives 0-ms tasks.
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          if (sent >= tokens.length) {
            channel.port1.close();
            end();
            return;
          }
          window.__host.post({ type: 'stream/delta', streamId, seq: seq++, text: tokens[sent++] });
          channel.port2.postMessage(0);
        };
        channel.port2.postMessage(0);
        return;
      }
      const start = performance.now();
      const tick = () => {
        const due = Math.min(tokens.length, Math.floor(((performance.now() - start) / 1000) * tokensPerSecond));
        if (due > sent) {
          window.__host.post({ type: 'stream/delta', streamId, seq: seq++, text: tokens.slice(sent, due).join('') });
          sent = due;
        }
        if (sent < tokens.length) setTimeout(tick, batchMs);
        else end();
      };
      setTimeout(tick, batchMs);
    });
})();
