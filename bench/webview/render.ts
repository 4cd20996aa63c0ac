/**
 * Render benchmark for the chat webview (prints figures; not a test). Streams long markdown
 * answers into the harness in headless Chromium and reports, per scenario:
 *   render         — longest and 95th-percentile animation-frame callback (the render work)
 *   longest task   — longest main-thread task (PerformanceObserver 'longtask', ≥ 50 ms only)
 *   longest frame  — longest gap between animation frames (what a user sees as a stall)
 *   DOM updates/s  — MutationObserver callbacks per second on the panel (peak 1-s window)
 *   script ms      — CDP Performance.getMetrics ScriptDuration over the stream
 * for the incremental renderer and a naive one that re-renders the whole markdown on every
 * message (per token at maximum rate, per 40 ms delta at 200 tokens/s), and their ratio.
 *
 *   npx tsx bench/webview/render.ts [--quick] [--no-naive] [--only "20,000"]
 *   (--quick skips the 20,000-token naive run; --only keeps scenarios whose label contains it)
 */
import type { Browser, Page } from 'playwright-core';
import { buildChatBundle, launchChromium, startHarnessServer } from './harnessServer';
import { makeAnswer, tokenize } from './markdownFixture';

interface Scenario {
  label: string;
  tokens: number;
  codeBlocks: number;
  tokensPerSecond?: number;
}

interface Figures {
  wallMs: number;
  /** Longest / 95th-percentile requestAnimationFrame callback (the incremental render). */
  longestRenderMs: number;
  p95RenderMs: number;
  longestTaskMs: number;
  longestFrameMs: number;
  peakUpdatesPerSecond: number;
  meanUpdatesPerSecond: number;
  scriptMs: number;
  codeBlocks: number;
}

const quick = process.argv.includes('--quick');
const skipNaive = process.argv.includes('--no-naive');
const onlyIndex = process.argv.indexOf('--only');
const only = onlyIndex >= 0 ? process.argv[onlyIndex + 1] : undefined;

const SCENARIOS: Scenario[] = [
  { label: '5,000 tokens, 8 code blocks, 200 tok/s', tokens: 5000, codeBlocks: 8, tokensPerSecond: 200 },
  { label: '5,000 tokens, 8 code blocks, max rate', tokens: 5000, codeBlocks: 8 },
  { label: '20,000 tokens, 40 code blocks, 200 tok/s', tokens: 20000, codeBlocks: 40, tokensPerSecond: 200 },
  { label: '20,000 tokens, 40 code blocks, max rate', tokens: 20000, codeBlocks: 40 },
];

async function measure(browser: Browser, baseUrl: string, scenario: Scenario, naive: boolean): Promise<Figures> {
  const page = await browser.newPage({ viewport: { width: 600, height: 800 } });
  try {
    await page.goto(`${baseUrl}/harness.html?theme=dark${naive ? '&naive=1' : ''}`);
    await page.waitForFunction(() => (globalThis as unknown as { __posted: Array<{ type: string }> }).__posted.length > 0);
    await post(page, { type: 'message/add', message: { id: 'bench', role: 'assistant', text: '', state: 'streaming' } });
    // Hand the tokens over first: deserialising a large evaluate argument is itself a long
    // task that belongs to the harness, not to the renderer.
    const text = makeAnswer(scenario.tokens, scenario.codeBlocks);
    await page.evaluate((t) => Object.assign(globalThis, { __benchTokens: t }), tokenize(text));
    await page.evaluate(() => new Promise((r) => setTimeout(r, 200)));
    await page.evaluate(INSTRUMENT);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const before = await scriptDuration(cdp);
    const started = Date.now();
    await page.evaluate(
      (tps) =>
        (globalThis as unknown as { __stream(id: string, t: unknown, o: object): Promise<void>; __benchTokens: unknown }).__stream(
          'bench',
          (globalThis as unknown as { __benchTokens: unknown }).__benchTokens,
          tps ? { tokensPerSecond: tps } : {},
        ),
      scenario.tokensPerSecond ?? 0,
    );
    const wallMs = Date.now() - started;
    const scriptMs = (await scriptDuration(cdp)) - before;
    const stats = await page.evaluate(() => (globalThis as unknown as { __benchStats(): Omit<Figures, 'wallMs' | 'scriptMs'> }).__benchStats());
    return { ...stats, wallMs, scriptMs };
  } finally {
    await page.close();
  }
}

/** Installed in the page before streaming; plain JS so the host tsconfig needs no DOM types. */
const INSTRUMENT = `(() => {
  const longtasks = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) longtasks.push(e.duration); })
    .observe({ type: 'longtask', buffered: false });
  // Time every animation-frame callback the renderer schedules (its whole render work).
  const raf = window.requestAnimationFrame.bind(window);
  const renders = [];
  window.requestAnimationFrame = (cb) => raf((t) => { const s = performance.now(); cb(t); renders.push(performance.now() - s); });
  let lastFrame = performance.now(), longestFrame = 0, running = true;
  const frame = (t) => { longestFrame = Math.max(longestFrame, t - lastFrame); lastFrame = t; if (running) raf(frame); };
  raf(frame);
  const buckets = new Map();
  const t0 = performance.now();
  new MutationObserver(() => {
    const s = Math.floor((performance.now() - t0) / 1000);
    buckets.set(s, (buckets.get(s) || 0) + 1);
  }).observe(document.getElementById('app'), { subtree: true, childList: true, characterData: true });
  window.__benchStats = () => {
    running = false;
    const seconds = Math.max(1, (performance.now() - t0) / 1000);
    const counts = [...buckets.values()];
    renders.sort((a, b) => a - b);
    return {
      longestRenderMs: renders.length ? renders[renders.length - 1] : 0,
      p95RenderMs: renders.length ? renders[Math.floor(renders.length * 0.95)] : 0,
      longestTaskMs: longtasks.length ? Math.max(...longtasks) : 0,
      longestFrameMs: longestFrame,
      peakUpdatesPerSecond: counts.length ? Math.max(...counts) : 0,
      meanUpdatesPerSecond: counts.reduce((a, b) => a + b, 0) / seconds,
      codeBlocks: document.querySelectorAll('pre > code').length,
    };
  };
})()`;

async function scriptDuration(cdp: { send(m: 'Performance.getMetrics'): Promise<{ metrics: Array<{ name: string; value: number }> }> }): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return (metrics.find((m) => m.name === 'ScriptDuration')?.value ?? 0) * 1000;
}

function post(page: Page, message: unknown): Promise<void> {
  return page.evaluate((m) => (globalThis as unknown as { __host: { post(m: unknown): void } }).__host.post(m), message);
}

const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));

function row(name: string, f: Figures): string {
  const task = f.longestTaskMs > 0 ? fmt(f.longestTaskMs) : '<50';
  const render = f.longestRenderMs > 0 ? `render max ${fmt(f.longestRenderMs).padStart(5)} p95 ${fmt(f.p95RenderMs).padStart(4)} ms | ` : '';
  return `  ${name.padEnd(12)} wall ${fmt(f.wallMs / 1000).padStart(6)} s | ${render}longest task ${task.padStart(6)} ms | longest frame ${fmt(f.longestFrameMs).padStart(6)} ms | DOM updates/s peak ${fmt(f.peakUpdatesPerSecond).padStart(5)} mean ${fmt(f.meanUpdatesPerSecond).padStart(5)} | script ${fmt(f.scriptMs).padStart(7)} ms | code blocks ${f.codeBlocks}`;
}

async function main(): Promise<void> {
  await buildChatBundle();
  const server = await startHarnessServer();
  const browser = await launchChromium();
  try {
    console.log(`Chat webview render benchmark (headless Chromium, ${new Date().toISOString()})`);
    for (const scenario of SCENARIOS.filter((s) => !only || s.label.includes(only))) {
      console.log(`\n${scenario.label}`);
      const incremental = await measure(browser, server.url, scenario, false);
      console.log(row('incremental', incremental));
      if (skipNaive) continue;
      if (quick && scenario.tokens > 5000) {
        console.log('  naive        skipped (--quick)');
        continue;
      }
      if (!scenario.tokensPerSecond && scenario.tokens > 5000) {
        // One full re-render per token of a 75 KB answer would take many minutes.
        console.log('  naive        skipped (per-token full re-render of 20,000 tokens is impractical)');
        continue;
      }
      const naive = await measure(browser, server.url, scenario, true);
      console.log(row('naive', naive));
      console.log(
        `  ratio        script time naive/incremental ${fmt(naive.scriptMs / Math.max(1, incremental.scriptMs))}× | wall ${fmt(naive.wallMs / incremental.wallMs)}× | longest frame ${fmt(naive.longestFrameMs / Math.max(1, incremental.longestFrameMs))}×`,
      );
    }
    console.log('\nGoals: longest task ≤ 50 ms, DOM updates ≤ 60 per second.');
  } finally {
    await browser.close();
    await server.close();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
