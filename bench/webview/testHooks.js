// Page-side helpers the e2e tests call by name (the host-side TypeScript has no DOM types).
(() => {
  const scroller = () => document.querySelector('[data-testid=messages]');
  let frozenWatch;
  window.__test = {
    posted: () => window.__posted,
    cspViolations: () => window.__cspViolations,
    lastPosted: () => window.__posted[window.__posted.length - 1],
    hasPosted: (type, field, value) => window.__posted.some((m) => m.type === type && (field === undefined || m[field] === value)),
    frames: (n = 2) =>
      new Promise((resolve) => {
        const step = (left) => (left === 0 ? resolve(true) : requestAnimationFrame(() => step(left - 1)));
        step(n);
      }),
    toolkitStyled: () => {
      const b = document.querySelector('[data-testid=send]');
      return !!customElements.get('vscode-button') && (b?.shadowRoot?.adoptedStyleSheets.length ?? 0) > 0;
    },
    frozenCount: (id) => document.querySelectorAll(`#message-${id} .md-block[data-frozen]`).length,
    state: (id) => document.getElementById(`message-${id}`)?.dataset.state,
    /** Starts counting mutations inside the blocks that are frozen now, and elsewhere. */
    watchFrozen: (id) => {
      const root = document.getElementById(`message-${id}`);
      const frozen = [...root.querySelectorAll('.md-block[data-frozen]')];
      const before = frozen.map((f) => f.outerHTML);
      frozenWatch = { frozen, before, frozenHits: 0, otherHits: 0 };
      new MutationObserver((records) => {
        for (const r of records) {
          if (frozen.some((f) => f === r.target || f.contains(r.target))) frozenWatch.frozenHits++;
          else frozenWatch.otherHits++;
        }
      }).observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
      return frozen.length;
    },
    /** Replacing a frozen block would not mutate it, only its parent: identity is checked too. */
    frozenReport: () => ({
      frozenHits: frozenWatch.frozenHits,
      otherHits: frozenWatch.otherHits,
      intact: frozenWatch.frozen.every((f, i) => f.isConnected && f.outerHTML === frozenWatch.before[i]),
    }),
    scroll: () => {
      const s = scroller();
      return { top: s.scrollTop, height: s.scrollHeight, client: s.clientHeight, fromBottom: s.scrollHeight - s.scrollTop - s.clientHeight };
    },
    pwned: () => window.__pwned === true,
    /** Records the message's text length on every animation frame until `stopSampling`. */
    startSampling: (id) => {
      const samples = [];
      let on = true;
      const step = () => {
        if (!on) return;
        samples.push(document.getElementById(`message-${id}`)?.textContent.length ?? 0);
        requestAnimationFrame(step);
      };
      requestAnimationFrame(step);
      window.__stopSampling = () => {
        on = false;
        return samples;
      };
      return true;
    },
    stopSampling: () => window.__stopSampling(),
  };
})();
