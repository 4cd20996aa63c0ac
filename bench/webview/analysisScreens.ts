/**
 * Screenshots of the chat strip and the Insights live section for answers in English,
 * German, Japanese and a mixed answer, each analysed by the real engine. Writes PNGs to
 * /work/screens/analysis/ (or $SCREENS).   node esbuild.mjs && npx tsx bench/webview/analysisScreens.ts
 */
import { ModelCatalog, modelChoiceView } from '../../src/core/models/modelCatalog';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AnalysisSnapshot, ChatHostMessage, ChatState } from '../../src/shared/protocol';
import { AnalysisEngine } from '../../src/core/analysis/engine';
import { loadLanguageDetector } from '../../src/core/analysis/language';
import { renderWebviewHtml, webviewStyles } from '../../src/vscode/webviewHtml';
import { ROOT, buildChatBundle, launchChromium, startHarnessServer } from './harnessServer';

const OUT = process.env.SCREENS ?? '/work/screens/analysis';

const ANSWERS: Record<string, string> = {
  english:
    'To read a file in Node.js, call `fs.readFile()` with the path. If the file is missing, the promise rejects with ENOENT. ' +
    'Copy .env.example to .env first, then run pip install numpy. The handler lives in src/server/routes.ts. ' +
    'This works great with TypeScript, and Ryan Dahl explained the design in his talk.',
  german:
    'Überprüfe die Änderungen in der Datei package.json, bevor du die Übergabe abschließt. ' +
    'Die Größe des Puffers hängt von der Konfiguration des Servers ab. Mit Docker kannst du die Anwendung in einem Container starten. ' +
    'Führe npm install express aus, um das Paket zu installieren. Das Ergebnis ist wirklich großartig.',
  japanese:
    'データベースはすべての注文を別のテーブルに保存します。Docker を使うと、アプリケーションをコンテナの中で動かせます。' +
    'npm install express を実行して、パッケージをプロジェクトに追加します。キャッシュを消去しないと、メモリの使用量が増え続けます。',
  mixed:
    'Here is the plan: the cache is flushed on every commit, which keeps memory low and works great.\n\n' +
    'Zusammenfassung auf Deutsch: Der Cache wird bei jedem Commit geleert, damit der Speicherverbrauch niedrig bleibt.\n\n' +
    'キャッシュはコミットのたびに消去されるので、メモリの使用量は増えません。',
};

function analyse(id: string, text: string): AnalysisSnapshot {
  const engine = new AnalysisEngine();
  engine.push(text, Math.round(text.length / 4));
  engine.finish();
  return engine.snapshot(id);
}

/** The stylesheets the real view links, served from media/. */
const STYLES = webviewStyles('insights.css');

const SHIM = `window.__posted = [];
window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(JSON.parse(JSON.stringify(m))), getState: () => undefined, setState: () => undefined });`;

async function insightsServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const send = (type: string, body: string | Buffer) => res.writeHead(200, { 'content-type': type }).end(body);
    if (url.pathname === '/insights.html') {
      const html = renderWebviewHtml({
        title: 'Insights',
        cspSource: `http://${req.headers.host}`,
        nonce: 'n0nce',
        scriptUri: '/dist/webview/insights.js',
        styleUris: ['/theme.css', ...STYLES.map((name) => `/media/${name}`)],
      });
      return send('text/html', html.replace('<script nonce="n0nce"', '<script nonce="n0nce" src="/shim.js"></script>\n    <script nonce="n0nce"'));
    }
    if (url.pathname === '/shim.js') return send('text/javascript', SHIM);
    if (url.pathname === '/theme.css') return send('text/css', readFileSync(join(ROOT, 'bench/webview/themes/dark.css'), 'utf8'));
    if (url.pathname === '/dist/webview/insights.js') return send('text/javascript', readFileSync(join(ROOT, 'dist/webview/insights.js')));
    const style = STYLES.find((name) => url.pathname === `/media/${name}`);
    if (style) return send('text/css', readFileSync(join(ROOT, 'media', style)));
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((done) => (server.closeAllConnections(), server.close(() => done()))) };
}

async function main(): Promise<void> {
  await loadLanguageDetector();
  await buildChatBundle();
  await mkdir(OUT, { recursive: true });
  const chat = await startHarnessServer();
  const insights = await insightsServer();
  const browser = await launchChromium();
  try {
    for (const [name, text] of Object.entries(ANSWERS)) {
      const analysis = analyse('a1', text);
      console.log(
        name,
        JSON.stringify({
          language: analysis.language,
          sentiment: analysis.sentiment.value,
          notScored: analysis.sentiment.notScored,
          topics: analysis.topics.slice(0, 6).map((t) => t.term),
          entities: analysis.entities.slice(0, 8).map((e) => `${e.text}:${e.type}`),
        }),
      );
      const state: ChatState = {
        conversationId: 'c1',
        model: 'claude-sonnet-5-5',
        models: modelChoiceView(new ModelCatalog(), 'claude-sonnet-5-5', undefined),
        history: [],
        streaming: false,
        messages: [
          { id: 'u1', role: 'user', text: `Answer in ${name}`, state: 'done' },
          { id: 'a1', role: 'assistant', text, state: 'done', stop: 'end_turn' },
        ],
      };
      const page = await browser.newPage({ viewport: { width: 560, height: 520 } });
      await page.goto(`${chat.url}/harness.html?theme=dark`);
      await page.waitForFunction(() => (globalThis as unknown as { __posted: unknown[] }).__posted.length > 0);
      for (const m of [{ type: 'chat/state', state } as ChatHostMessage, { type: 'analysis/snapshot', streamId: 'a1', analysis } as ChatHostMessage]) {
        await page.evaluate((msg) => (globalThis as unknown as { __host: { post(m: unknown): void } }).__host.post(msg), m);
      }
      await page.waitForTimeout(200);
      await page.screenshot({ path: join(OUT, `chat-${name}.png`) });
      await page.close();

      const side = await browser.newPage({ viewport: { width: 380, height: 640 } });
      await side.goto(`${insights.url}/insights.html`);
      await side.waitForFunction(() => (globalThis as unknown as { __posted: unknown[] }).__posted.length > 0);
      await side.evaluate(
        (a) =>
          (globalThis as unknown as { postMessage(m: unknown, o: string): void }).postMessage({ type: 'live/snapshot', source: 'chat', analysis: a, tokensPerSecond: 40 }, '*'),
        analysis,
      );
      await side.waitForTimeout(200);
      await side.screenshot({ path: join(OUT, `insights-${name}.png`) });
      await side.close();
    }
  } finally {
    await browser.close();
    await chat.close();
    await insights.close();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
