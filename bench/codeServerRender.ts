/**
 * The chat webview's render figures inside code-server's real workbench (the standalone harness
 * is bench/webview/render.ts). The local server streams a 20,000-token markdown answer with 40
 * code blocks into the real panel, at 200 tokens/s and at maximum rate; instrumentation runs in
 * the webview's own frame. Prints one JSON line per scenario with --json.
 *
 *   npx tsx bench/codeServerRender.ts [--json] [--tokens 20000]
 *
 * Scripting time is not reported here: the webview frame shares a renderer with the workbench,
 * so CDP's ScriptDuration would count the workbench too.
 */
import type { Frame } from 'playwright-core';
import { launchWorkbench } from '../test/e2e/support/workbench';
import { startMockAnthropicServer } from '../test/server';
import { makeAnswer } from './webview/markdownFixture';

const json = process.argv.includes('--json');
const tokensArg = process.argv.indexOf('--tokens');
const TOKENS = tokensArg >= 0 ? Number(process.argv[tokensArg + 1]) : 20_000;

/** Figures of one streamed answer, measured inside the webview frame. */
export interface CodeServerRenderFigures {
  label: string;
  wallMs: number;
  /** Tokens (4 characters) per second actually achieved. */
  tokensPerSecond: number;
  longestTaskMs: number;
  longestFrameMs: number;
  peakUpdatesPerSecond: number;
  meanUpdatesPerSecond: number;
  codeBlocks: number;
}

/** Installed in the webview frame before streaming (plain JS: the host tsconfig has no DOM types). */
const INSTRUMENT = `(() => {
  const longtasks = [];
  try { new PerformanceObserver((list) => { for (const e of list.getEntries()) longtasks.push(e.duration); }).observe({ type: 'longtask', buffered: false }); } catch {}
  let lastFrame = performance.now(), longestFrame = 0, running = true;
  const frame = (t) => { longestFrame = Math.max(longestFrame, t - lastFrame); lastFrame = t; if (running) requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
  const buckets = new Map();
  const t0 = performance.now();
  new MutationObserver(() => {
    const s = Math.floor((performance.now() - t0) / 1000);
    buckets.set(s, (buckets.get(s) || 0) + 1);
  }).observe(document.getElementById('app') || document.body, { subtree: true, childList: true, characterData: true });
  window.__benchStats = () => {
    running = false;
    const seconds = Math.max(1, (performance.now() - t0) / 1000);
    const counts = [...buckets.values()];
    return {
      longestTaskMs: longtasks.length ? Math.max(...longtasks) : 0,
      longestFrameMs: longestFrame,
      peakUpdatesPerSecond: counts.length ? Math.max(...counts) : 0,
      meanUpdatesPerSecond: counts.reduce((a, b) => a + b, 0) / seconds,
      codeBlocks: document.querySelectorAll('[data-role="assistant"]:last-of-type pre > code, [data-role="assistant"] pre code').length,
    };
  };
})()`;

async function chatFrame(frames: () => Frame[]): Promise<Frame> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    for (const frame of frames()) {
      if (await frame.$('[data-testid="chat-input"]').catch(() => null)) return frame;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the chat webview frame did not appear');
}

async function main(): Promise<void> {
  const server = await startMockAnthropicServer();
  const workbench = await launchWorkbench({ name: 'bench-render', baseUrl: server.url, apiKey: server.apiKey, theme: 'dark' });
  try {
    await workbench.runCommand('Claude: Open Chat');
    const chat = await workbench.webviewWith('[data-testid="chat-input"]');
    const text = makeAnswer(TOKENS, 40);
    const scenarios = [
      // Two 4-character tokens per event every 10 ms: 200 tokens/s nominal (timers stretch under load).
      { label: `${TOKENS.toLocaleString('en')} tokens, 40 code blocks, 200 tok/s`, tokenChars: 8, delayMs: 10 },
      { label: `${TOKENS.toLocaleString('en')} tokens, 40 code blocks, max rate`, tokenChars: 4, delayMs: 0 },
    ];
    for (const [i, scenario] of scenarios.entries()) {
      if (i > 0) {
        await workbench.runCommand('Claude: New Chat');
        await new Promise((r) => setTimeout(r, 500));
      }
      const frame = await chatFrame(() => workbench.page.frames());
      await frame.evaluate(INSTRUMENT);
      server.enqueue({ text, tokenChars: scenario.tokenChars, delayMs: scenario.delayMs });
      const input = chat.locator('textarea').first();
      await input.fill(`Stream ${i}`);
      const started = Date.now();
      await input.press('Enter');
      await chat.locator(`[data-role="assistant"][data-state="done"]`).nth(0).waitFor({ timeout: 300_000 });
      const wallMs = Date.now() - started;
      const stats = (await frame.evaluate('window.__benchStats()')) as Omit<CodeServerRenderFigures, 'label' | 'wallMs' | 'tokensPerSecond'>;
      const figures: CodeServerRenderFigures = { label: scenario.label, wallMs, tokensPerSecond: text.length / 4 / (wallMs / 1000), ...stats };
      if (json) console.log(JSON.stringify(figures));
      else
        console.log(
          `${figures.label} (code-server): wall ${(wallMs / 1000).toFixed(1)} s, ${figures.tokensPerSecond.toFixed(0)} tok/s achieved | longest task ${figures.longestTaskMs > 0 ? figures.longestTaskMs.toFixed(0) : '<50'} ms | ` +
            `longest frame ${figures.longestFrameMs.toFixed(0)} ms | DOM updates/s peak ${figures.peakUpdatesPerSecond} mean ${figures.meanUpdatesPerSecond.toFixed(1)} | code blocks ${figures.codeBlocks}`,
        );
    }
  } finally {
    await workbench.close();
    await server.close();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
