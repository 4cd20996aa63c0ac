/**
 * The Insights sidebar view in real Chromium. First standalone: the production bundle in the
 * production HTML (`renderWebviewHtml`, same CSP) with a stand-in `acquireVsCodeApi`, fed host
 * messages. Then in the real workbench: a chat answer streams and the sidebar follows it.
 * Screenshots go to `screenshots/` (ignored by git). Page code is passed as source text:
 * tsx's name-keeping helpers do not exist in the page.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Browser, FrameLocator, Locator, Page } from 'playwright-core';
import { launchChromium } from '../../bench/webview/harnessServer';
import type { AnalysisSnapshot, InsightsHostMessage, InsightsWebviewMessage, LearningView } from '../../src/shared/protocol';
import { renderWebviewHtml, webviewStyles } from '../../src/vscode/webviewHtml';
import { startMockAnthropicServer } from '../server';
import { launchWorkbench } from './support/workbench';

const ROOT = join(__dirname, '..', '..');
const SHOTS = join(ROOT, 'screenshots');
type Theme = 'dark' | 'light' | 'hc';

// VS Code sets the chart colours itself; the bench themes predate the charts, so add them.
const CHART_COLOURS: Record<Theme, string> = {
  dark: '--vscode-charts-foreground:#ccc;--vscode-charts-lines:rgba(204,204,204,.5);--vscode-charts-red:#f14c4c;--vscode-charts-blue:#3794ff;--vscode-charts-yellow:#cca700;--vscode-charts-orange:#d18616;--vscode-charts-green:#89d185;--vscode-charts-purple:#b180d7;--vscode-textCodeBlock-background:#2b2b2b;--vscode-textLink-foreground:#4daafc;',
  light:
    '--vscode-charts-foreground:#616161;--vscode-charts-lines:rgba(97,97,97,.5);--vscode-charts-red:#e51400;--vscode-charts-blue:#1a85ff;--vscode-charts-yellow:#bf8803;--vscode-charts-orange:#d18616;--vscode-charts-green:#388a34;--vscode-charts-purple:#652d90;--vscode-textCodeBlock-background:#f2f2f2;--vscode-textLink-foreground:#005fb8;',
  hc: '--vscode-charts-foreground:#fff;--vscode-charts-lines:rgba(255,255,255,.5);--vscode-charts-blue:#3794ff;--vscode-charts-yellow:#ffd700;--vscode-charts-orange:#f38518;--vscode-charts-purple:#b180d7;--vscode-textCodeBlock-background:#000;',
};

/** The stylesheets the real view links, served from media/. */
const STYLES = webviewStyles('insights.css');

const SHIM = `window.__posted = []; window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => window.__csp.push({ directive: e.violatedDirective, blocked: e.blockedURI }));
window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(JSON.parse(JSON.stringify(m))), getState: () => undefined, setState: () => undefined });`;

/** Serves the production page shell around dist/webview/insights.js on loopback. */
async function startPageServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const send = (type: string, body: string | Buffer) => res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
    const theme = (url.searchParams.get('theme') ?? 'dark') as Theme;
    if (url.pathname === '/insights.html') {
      const origin = `http://${req.headers.host}`;
      const html = renderWebviewHtml({
        title: 'Insights',
        cspSource: origin,
        nonce: 'n0nce',
        scriptUri: '/dist/webview/insights.js',
        styleUris: [`/theme.css?theme=${theme}`, ...STYLES.map((name) => `/media/${name}`)],
      });
      return send('text/html', html.replace('<script nonce="n0nce"', '<script nonce="n0nce" src="/shim.js"></script>\n    <script nonce="n0nce"'));
    }
    if (url.pathname === '/shim.js') return send('text/javascript', SHIM);
    if (url.pathname === '/theme.css') return send('text/css', `${readFileSync(join(ROOT, 'bench/webview/themes', `${theme}.css`), 'utf8')}\nhtml{${CHART_COLOURS[theme]}}`);
    if (url.pathname === '/dist/webview/insights.js') return send('text/javascript', readFileSync(join(ROOT, 'dist/webview/insights.js')));
    const style = STYLES.find((name) => url.pathname === `/media/${name}`);
    if (style) return send('text/css', readFileSync(join(ROOT, 'media', style)));
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((done) => (server.closeAllConnections(), server.close(() => done()))) };
}

function snapshot(over: Partial<AnalysisSnapshot> = {}): AnalysisSnapshot {
  return {
    streamId: 's1',
    sentiment: { value: 0.42, trend: 'rising', series: [0, 0.12, 0.25, -0.1, 0.3, 0.42] },
    topics: [
      { term: 'streaming', weight: 0.9, count: 6 },
      { term: 'typescript', weight: 0.45, count: 3 },
      { term: 'backpressure', weight: 0.3, count: 2 },
    ],
    entities: [
      { text: 'src/extension.ts', type: 'path', count: 2 },
      { text: '@anthropic-ai/sdk', type: 'package', count: 1 },
      { text: 'ANTHROPIC_API_KEY', type: 'env', count: 1 },
      { text: '<img src=x onerror=alert(1)>', type: 'identifier', count: 1 },
    ],
    tokensAnalyzed: 150,
    final: false,
    timing: { chunks: 3, lastChunkMs: 2, totalMs: 6 },
    ...over,
  };
}

const RESPONSE_MS = [800, 950, 1200, 1300, 1500, 1700, 2100, 2400, 2600, 3100, 3900, 4200, 5200, 6100, 7900, 1100, 1250, 1800, 2250, 9800];
const TTFT_MS = [210, 240, 260, 300, 320, 350, 420, 480, 510, 900, 1300, 280];

function learningView(over: Partial<LearningView> = {}): LearningView {
  return {
    recordCount: 137,
    lastSummaryAt: Date.now() - 2 * 3600_000,
    summaryRecordCount: 120,
    topicsOverTime: [
      {
        period: '2025-W44',
        topics: [
          { term: 'typescript', count: 9 },
          { term: 'testing', count: 4 },
          { term: 'docker', count: 2 },
        ],
      },
      {
        period: '2025-W45',
        topics: [
          { term: 'typescript', count: 6 },
          { term: 'streaming', count: 7 },
        ],
      },
      {
        period: '2025-W46',
        topics: [
          { term: 'streaming', count: 11 },
          { term: 'testing', count: 5 },
          { term: 'css', count: 1 },
        ],
      },
      {
        period: '2025-W47',
        topics: [
          { term: 'streaming', count: 4 },
          { term: 'webview', count: 8 },
          { term: 'typescript', count: 3 },
        ],
      },
    ],
    sentimentTrend: [
      { period: '2025-W44', value: 0.12 },
      { period: '2025-W45', value: -0.05 },
      { period: '2025-W46', value: 0.2 },
      { period: '2025-W47', value: 0.31 },
    ],
    responseTimesMs: RESPONSE_MS,
    timeToFirstTokenMs: TTFT_MS,
    qualityByTopic: [
      { topic: 'typescript', quality: 0.82, count: 18 },
      { topic: 'streaming', quality: 0.64, count: 22 },
      { topic: 'docker', quality: 0.31, count: 2 },
    ],
    byLanguage: [
      { language: 'en', quality: 0.7, count: 100 },
      { language: 'de', quality: 0.6, count: 30 },
      { language: 'ja', quality: 0.5, count: 7 },
    ],
    insights: [
      {
        id: 'ttft-haiku',
        kind: 'optimization',
        text: 'Short questions wait 1.3 s for the first token; claude-haiku-4-5 answers them faster.',
        setting: { key: 'claudeStream.model', value: 'claude-haiku-4-5' },
      },
      { id: 'low-quality-topic-docker', kind: 'improvement', text: 'Answers about docker score 0.31 against 0.70 overall: paste the exact error.' },
    ],
    learnedPreferences: 'Prefers short answers with TypeScript examples.',
    narrative: '137 answers recorded; answer quality 0.70.',
    ...over,
  };
}

interface Standalone {
  page: Page;
  post(message: InsightsHostMessage): Promise<void>;
  posted(): Promise<InsightsWebviewMessage[]>;
}

async function openStandalone(browser: Browser, baseUrl: string, theme: Theme = 'dark'): Promise<Standalone> {
  const page = await browser.newPage({ viewport: { width: 340, height: 1100 } });
  await page.goto(`${baseUrl}/insights.html?theme=${theme}`);
  await page.waitForFunction('window.__posted.some((m) => m.type === "ready")');
  return {
    page,
    post: (message) => page.evaluate(`window.postMessage(${JSON.stringify(message)}, '*')`),
    posted: () => page.evaluate('window.__posted') as Promise<InsightsWebviewMessage[]>,
  };
}

async function shoot(target: Page, name: string): Promise<string> {
  mkdirSync(SHOTS, { recursive: true });
  const file = join(SHOTS, `${name}.png`);
  await target.screenshot({ path: file, fullPage: true });
  return file;
}

/** Sums the "n answers" of every bar in a histogram figure. */
async function histogramTotal(figure: Locator): Promise<number> {
  const titles = await figure.locator('rect.bar > title').allTextContents();
  return titles.reduce((sum, t) => sum + Number(/: (\d+) answers$/.exec(t)?.[1] ?? NaN), 0);
}

describe('Insights view, standalone under the production CSP', function () {
  this.timeout(60_000);
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startPageServer>>;
  let view: Standalone;

  before(async () => {
    await build({
      entryPoints: { insights: join(ROOT, 'webview/insights/main.ts') },
      bundle: true,
      platform: 'browser',
      format: 'iife',
      target: 'es2022',
      outdir: join(ROOT, 'dist/webview'),
      logLevel: 'warning',
    });
    server = await startPageServer();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    view = await openStandalone(browser, server.url);
  });
  afterEach(async () => view?.page.close());

  const live = () => view.page.getByTestId('live');

  it('says ready, then shows that no answer has streamed yet', async () => {
    await view.post({ type: 'live/empty' });
    await view.post({ type: 'learning/summary', learning: undefined, enabled: true });
    await view.page.getByTestId('live-empty').waitFor();
    assert.match(await view.page.getByTestId('live-empty').innerText(), /No answer yet/);
    assert.equal(await view.page.getByTestId('learning').getAttribute('data-state'), 'empty');
    assert.deepEqual(await view.posted(), [{ type: 'ready' }]);
  });

  it('draws the live sentiment, topics, entities, rate and source of a stream, newest snapshot winning', async () => {
    await view.post({ type: 'live/snapshot', source: 'inline', analysis: snapshot({ tokensAnalyzed: 50 }), tokensPerSecond: 12 });
    await view.post({ type: 'live/snapshot', source: 'chat', analysis: snapshot(), tokensPerSecond: 42.46 });
    await view.page.getByTestId('live-rate').getByText('42.5 tok/s').waitFor();
    assert.equal(await view.page.getByTestId('live-source').innerText(), 'Chat');
    assert.equal(await view.page.getByTestId('live-tokens').innerText(), '150 tokens analysed');
    assert.equal(await view.page.getByTestId('live-sentiment-value').innerText(), '+0.42');
    assert.match(await view.page.getByTestId('live-sentiment-trend').innerText(), /rising/);
    const spark = live().locator('svg.sparkline');
    assert.equal((await spark.locator('polyline').getAttribute('points'))?.split(' ').length, 6);
    assert.match((await spark.getAttribute('aria-label')) ?? '', /6 points from -0\.10 to \+0\.42, now \+0\.42/);
    assert.deepEqual(await live().getByTestId('live-topic').locator('.bar-label').allInnerTexts(), ['streaming', 'typescript', 'backpressure']);
    const groups = await live().locator('[data-entity-type]').all();
    assert.deepEqual(await Promise.all(groups.map((g) => g.getAttribute('data-entity-type'))), ['path', 'package', 'env', 'identifier']);
    // Data is text, never markup.
    assert.equal(await live().getByText('<img src=x onerror=alert(1)>').count(), 1);
    assert.equal(await view.page.locator('img').count(), 0);
    assert.equal(await live().getByTestId('live-paused').count(), 0);
    await view.post({ type: 'live/snapshot', source: 'chat', analysis: snapshot({ paused: true, final: true }) });
    await live().getByTestId('live-paused').waitFor();
    assert.equal(await live().getAttribute('data-state'), 'final');
  });

  it('says the sentiment of a Japanese answer is not scored instead of showing a number, and names its language', async () => {
    await view.post({
      type: 'live/snapshot',
      source: 'chat',
      analysis: snapshot({
        sentiment: { value: 0, trend: 'steady', series: [0], scoredSentences: 0, notScored: ['ja'] },
        language: { primary: 'ja', shares: [{ language: 'ja', words: 54 }] },
      }),
    });
    await view.page.getByTestId('live-sentiment-not-scored').waitFor();
    assert.equal(await view.page.getByTestId('live-sentiment-not-scored').innerText(), 'sentiment: not scored for Japanese');
    assert.equal(await view.page.getByTestId('live-sentiment-value').count(), 0);
    assert.equal(await view.page.getByTestId('live-language').innerText(), 'Language: Japanese');
  });

  it('opens a file when its entity chip is clicked or activated from the keyboard', async () => {
    await view.post({ type: 'live/snapshot', source: 'chat', analysis: snapshot() });
    const chip = view.page.getByTestId('entity-open');
    await chip.click();
    assert.deepEqual((await view.posted()).at(-1), { type: 'file/open', path: 'src/extension.ts' });
    await chip.focus();
    await view.page.keyboard.press('Enter');
    assert.equal((await view.posted()).filter((m) => m.type === 'file/open').length, 2);
    // A newer snapshot redraws the section without taking the focus away from the chip.
    await view.post({ type: 'live/snapshot', source: 'chat', analysis: snapshot({ tokensAnalyzed: 200 }) });
    await view.page.getByTestId('live-tokens').getByText('200 tokens analysed').waitFor();
    await view.page.keyboard.press('Enter');
    assert.equal((await view.posted()).filter((m) => m.type === 'file/open').length, 3);
    assert.equal(await view.page.getByTestId('entities-package').locator('button').count(), 0, 'a package is not a file');
  });

  it('charts what learning found, with the numbers in each chart’s accessible label', async () => {
    await view.post({ type: 'learning/summary', learning: learningView(), enabled: true });
    await view.page.getByTestId('summary-info').waitFor();
    assert.equal(await view.page.getByTestId('summary-info').innerText(), 'Last summary 2 hours ago, covering 120 records. 137 records in all.');
    const topics = view.page.getByTestId('chart-topics');
    assert.equal(await topics.locator('g.column').count(), 4);
    assert.deepEqual(await topics.locator('.legend li').allInnerTexts(), ['streaming', 'typescript', 'testing', 'webview', 'docker', 'other']);
    assert.match((await view.page.getByTestId('chart-sentiment').locator('svg').getAttribute('aria-label')) ?? '', /2025-W45 -0\.05/);
    assert.equal(await histogramTotal(view.page.getByTestId('chart-response')), RESPONSE_MS.length);
    assert.equal(await histogramTotal(view.page.getByTestId('chart-ttft')), TTFT_MS.length);
    assert.match((await view.page.getByTestId('chart-response').locator('svg').getAttribute('aria-label')) ?? '', /20 answers, median 2\.1 s/);
    assert.deepEqual(await view.page.getByTestId('quality-row').locator('.bar-value').allInnerTexts(), ['0.82', '0.64', '0.31']);
    assert.deepEqual(await view.page.getByTestId('language-row').locator('.bar-label').allInnerTexts(), ['English', 'German', 'Japanese']);
    assert.deepEqual(await view.page.getByTestId('language-row').locator('.bar-value').allInnerTexts(), ['100 answers', '30 answers', '7 answers']);
    const violations = (await view.page.evaluate('window.__csp')) as Array<{ directive: string; blocked: string }>;
    // FAST's one `:focus-visible` probe is its own inline <style>; nothing of ours is blocked.
    assert.deepEqual(
      violations.filter((v) => !(v.directive === 'style-src-elem' && v.blocked === 'inline')),
      [],
    );
    await shoot(view.page, 'insights-standalone-dark');
  });

  it('applies only suggestions that carry a setting, and dismisses any', async () => {
    await view.post({ type: 'learning/summary', learning: learningView(), enabled: true });
    const items = view.page.getByTestId('insight');
    await items.first().waitFor();
    assert.equal(await items.nth(0).getByTestId('insight-apply').count(), 1);
    assert.equal(await items.nth(1).getByTestId('insight-apply').count(), 0);
    await items.nth(0).getByTestId('insight-apply').click();
    await items.nth(1).getByTestId('insight-dismiss').click();
    await view.page.getByTestId('summarize').click();
    assert.deepEqual((await view.posted()).slice(1), [
      { type: 'insight/apply', id: 'ttft-haiku' },
      { type: 'insight/dismiss', id: 'low-quality-topic-docker' },
      { type: 'learning/summarize' },
    ]);
  });

  it('saves an edited preferences note, keeps a draft across a new summary, and removes the note', async () => {
    await view.post({ type: 'learning/summary', learning: learningView(), enabled: true });
    const input = view.page.getByTestId('preferences-input');
    assert.equal(await input.inputValue(), 'Prefers short answers with TypeScript examples.');
    await input.fill('Prefers Python examples.');
    await view.post({ type: 'learning/summary', learning: learningView({ recordCount: 140 }), enabled: true });
    await view.page.getByText('140 records in all', { exact: false }).waitFor();
    assert.equal(await view.page.getByTestId('preferences-input').inputValue(), 'Prefers Python examples.');
    await view.page.getByTestId('preferences-save').click();
    await view.page.getByTestId('preferences-remove').click();
    assert.deepEqual((await view.posted()).slice(1), [
      { type: 'preferences/edit', text: 'Prefers Python examples.' },
      { type: 'preferences/edit', text: '' },
    ]);
  });

  it('says the preferences note is not sent while applyToPrompts is off, and switches it on in one click', async () => {
    await view.post({ type: 'learning/summary', learning: learningView({ applyToPrompts: false }), enabled: true });
    const status = view.page.getByTestId('preferences-status');
    assert.match(await status.innerText(), /^Not sent: .*claudeStream\.learning\.applyToPrompts is off/);
    assert.doesNotMatch(await view.page.getByTestId('preferences').innerText(), /Sent with every request/);
    await view.page.getByTestId('preferences-apply').click();
    assert.deepEqual((await view.posted()).at(-1), { type: 'preferences/applyToPrompts', enabled: true });
    await view.post({ type: 'learning/summary', learning: learningView({ applyToPrompts: true }), enabled: true });
    assert.equal(await status.innerText(), 'Sent with every chat and inline request, added to the system prompt.');
    assert.equal(await view.page.getByTestId('preferences-apply').innerText(), 'Stop sending');
  });

  it('counts the answers recorded so far before the first summary', async () => {
    await view.post({ type: 'learning/summary', learning: learningView({ recordCount: 6, lastSummaryAt: undefined, summaryRecordCount: undefined }), enabled: true });
    assert.equal(await view.page.getByTestId('summary-info').innerText(), 'No summary yet; 6 answers recorded.');
  });

  it('says how to turn learning on when it is off', async () => {
    await view.post({ type: 'learning/summary', learning: learningView(), enabled: false });
    await view.page.getByTestId('learning-disabled').waitFor();
    assert.equal(await view.page.getByTestId('learning-disabled').innerText(), 'Learning is off — turn on claudeStream.learning.enabled');
    assert.equal(await view.page.getByTestId('insight').count(), 0);
  });

  it('reads in the light and high-contrast themes too', async () => {
    for (const theme of ['light', 'hc'] as const) {
      const themed = await openStandalone(browser, server.url, theme);
      try {
        await themed.post({ type: 'live/snapshot', source: 'chat', analysis: snapshot(), tokensPerSecond: 38 });
        await themed.post({ type: 'learning/summary', learning: learningView(), enabled: true });
        await themed.page.getByTestId('chart-quality').waitFor();
        const colour = await themed.page.locator('svg.sparkline polyline').evaluate('(e) => getComputedStyle(e).stroke');
        assert.notEqual(colour, 'none', `${theme}: the sparkline has no colour`);
        await shoot(themed.page, `insights-standalone-${theme}`);
      } finally {
        await themed.page.close();
      }
    }
  });
});

// ───────────────────────────── In the workbench ─────────────────────────────

const ANSWER =
  'Streaming keeps you in the loop, and that is great. Open src/extension.ts to see where the ' +
  'provider is registered, then read webview/insights/main.ts for the view. The @anthropic-ai/sdk ' +
  'package streams each token as it arrives, so the sidebar updates while the answer is written. ' +
  'Set ANTHROPIC_API_KEY first. Streaming with TypeScript is pleasant and the results are excellent.';

async function chatInput(chat: FrameLocator): Promise<Locator> {
  const tagged = chat.locator('[data-testid="chat-input"]').first();
  const nested = tagged.locator('textarea').first();
  return (await nested.count()) > 0 ? nested : tagged;
}

describe('Insights view in the VS Code workbench', function () {
  this.timeout(240_000);

  it('follows a streamed chat answer in the sidebar, mid-stream and at the end', async function () {
    const server = await startMockAnthropicServer();
    const workbench = await launchWorkbench({ name: 'e2e-insights', baseUrl: server.url, apiKey: server.apiKey, theme: 'dark' });
    try {
      const { page } = workbench;
      await page.locator('.activitybar [aria-label^="Claude"]').first().click();
      const insights = await workbench.webviewWith('[data-testid="insights-root"]', 60_000);
      await insights.getByTestId('live-empty').waitFor();

      server.enqueue({ text: ANSWER, delayMs: 60, tokenChars: [3, 6] });
      await workbench.runCommand('Claude: Open Chat');
      const chat = await workbench.webviewWith('[data-testid="chat-input"]');
      const input = await chatInput(chat);
      await input.fill('How does the sidebar follow a stream?');
      await input.press('Enter');

      await insights.locator('[data-testid="live"][data-state="streaming"]').waitFor({ timeout: 30_000 });
      await insights.getByTestId('live-topic').first().waitFor({ timeout: 30_000 });
      await workbench.screenshot('insights-workbench-mid-stream');
      await insights.locator('[data-testid="live"][data-state="final"]').waitFor({ timeout: 60_000 });
      assert.equal(await insights.getByTestId('live-source').innerText(), 'Chat');
      assert.ok((await insights.getByTestId('live-topic').count()) > 0, 'the finished answer shows its topics');
      assert.ok((await insights.getByText('src/extension.ts').count()) > 0, 'the path the answer named is an entity');
      await workbench.screenshot('insights-workbench-end');
    } finally {
      await workbench.close();
      await server.close();
    }
  });
});
