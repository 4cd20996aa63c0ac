/**
 * Stream pipeline overhead and time to first token, against the raw SDK in the same run.
 *
 *   npx tsx bench/pipeline.ts [--json] [--reps 7] [--ttft 50]
 *
 * The local server runs in its own process (so its CPU is not counted) and streams 20,000
 * four-character tokens as fast as it can. Baseline: `client.messages.stream()` with a `text`
 * handler that only concatenates. Ours: StreamingService + ChatController (DeltaBatcher,
 * metrics throttle, history) with live analysis posted to the real worker bundle, into a view
 * that only collects posts. Repetitions alternate raw/ours; medians are reported.
 * CPU is process.cpuUsage(): every thread of the process, so it includes the analysis worker.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Anthropic } from '@anthropic-ai/sdk';
import { build } from 'esbuild';
import { AnalysisClient, ANALYSIS_MIN_INTERVAL_MS } from '../src/core/analysis/analysisClient';
import { ChatController } from '../src/core/chat/chatController';
import type { ChatView, LiveAnalysisPort } from '../src/core/chat/chatTypes';
import { HistoryStore } from '../src/core/chat/historyStore';
import { readConfig, toStreamSettings } from '../src/core/config';
import type { KeyValueStore } from '../src/core/ports';
import { createAnthropicClient, StreamingService } from '../src/core/streaming';
import type { AnalysisSnapshot, ChatHostMessage } from '../src/shared/protocol';

const json = process.argv.includes('--json');
const argNumber = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const REPS = argNumber('reps', 7);
const TTFT_REQUESTS = argNumber('ttft', 50);
const TOKENS = 20_000;
const MODEL = 'claude-sonnet-5';
const log = (line: string) => {
  if (!json) console.log(line);
};

interface Run {
  wallMs: number;
  cpuMs: number;
  chars: number;
}

/** Figures printed with --json (one line), read by bench/run.mjs. */
export interface PipelineFigures {
  tokens: number;
  reps: number;
  raw: Run;
  ours: Run;
  oursNoAnalysis: Run;
  /** StreamingService alone with an observer that only concatenates: the streaming core's share. */
  serviceOnly: Run;
  ttft: { requests: number; rawMs: number; serviceMs: number; webviewMs: number };
}

function memoryState(): KeyValueStore {
  const data = new Map<string, unknown>();
  return { get: <T>(k: string) => data.get(k) as T | undefined, update: async (k, v) => void data.set(k, v) };
}

async function startServer(): Promise<{ url: string; apiKey: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/server/cli.ts', '--port', '0', '--key', 'sk-bench-local'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    let buffered = '';
    child.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      const nl = buffered.indexOf('\n');
      if (nl >= 0) resolve(buffered.slice(0, nl));
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  const { url, apiKey } = JSON.parse(line) as { url: string; apiKey: string };
  return { url, apiKey, child };
}

async function setDefault(url: string, scenario: object): Promise<void> {
  const res = await fetch(`${url}/_control/default`, { method: 'POST', body: JSON.stringify(scenario), headers: { 'content-type': 'application/json' } });
  if (!res.ok) throw new Error(`control: ${res.status}`);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const medianRun = (runs: Run[]): Run => ({ wallMs: median(runs.map((r) => r.wallMs)), cpuMs: median(runs.map((r) => r.cpuMs)), chars: runs[0].chars });

async function timed(body: () => Promise<number | Run>): Promise<Run> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await body();
  if (typeof result !== 'number') return result; // timed itself, up to what the user sees
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000, chars: result };
}

/** What a user of the SDK alone would write. Resolves with the text length at the first and last text event. */
async function rawStream(client: Anthropic, onFirst?: () => void): Promise<number> {
  let text = '';
  const stream = client.messages.stream({ model: MODEL, max_tokens: 100_000, messages: [{ role: 'user', content: 'Go' }] });
  stream.on('text', (delta) => {
    if (text === '' && onFirst) onFirst();
    text += delta;
  });
  await stream.done();
  return text.length;
}

/** The host pipeline, as the extension composes it, minus the webview. */
class Pipeline {
  readonly posts: ChatHostMessage[] = [];
  readonly controller: ChatController;
  private ended: (() => void) | undefined;
  private firstDelta: (() => void) | undefined;
  private firstText: (() => void) | undefined;

  constructor(service: StreamingService, analysis: AnalysisClient | undefined, snapshotRoutes?: Map<string, (snapshot: AnalysisSnapshot) => void>) {
    const config = readConfig((key) => ({ model: MODEL, maxTokens: 100_000 })[key]);
    const view: ChatView = {
      visible: true,
      post: (m) => {
        this.posts.push(m);
        if (m.type === 'stream/delta' && this.firstDelta) {
          this.firstDelta();
          this.firstDelta = undefined;
        }
        if (m.type === 'stream/end') this.ended?.();
        if (this.posts.length > 256) this.posts.length = 0; // the webview would have taken them
      },
    };
    const routes = snapshotRoutes ?? new Map<string, (snapshot: AnalysisSnapshot) => void>();
    const port: LiveAnalysisPort | undefined = analysis && {
      begin: (id) => (routes.set(id, (s) => this.controller.acceptAnalysis(s)), analysis.begin(id)),
      push: (id, delta) => analysis.push(id, delta),
      end: (id) => analysis.end(id).finally(() => routes.delete(id)),
    };
    this.controller = new ChatController({
      runStream: (request, observer, signal) =>
        service.stream(
          request,
          {
            ...observer,
            onText: (delta) => {
              if (this.firstText) {
                this.firstText();
                this.firstText = undefined;
              }
              observer.onText?.(delta);
            },
          },
          signal,
        ),
      config: () => config,
      history: new HistoryStore(memoryState(), () => 5),
      analysis: port,
    });
    this.controller.attach(view);
  }

  /**
   * Runs one answer, timed from submit to the `stream/end` post (what the user sees as the end);
   * the final analysis pass and the save that follow are outside the timing.
   */
  async run(hooks: { onFirstText?: () => void; onFirstDelta?: () => void } = {}): Promise<Run> {
    this.firstText = hooks.onFirstText;
    this.firstDelta = hooks.onFirstDelta;
    let figures: { wallMs: number; cpuMs: number } | undefined;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const ended = new Promise<void>(
      (r) =>
        (this.ended = () => {
          const cpu = process.cpuUsage(cpu0);
          figures = { wallMs: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000 };
          r();
        }),
    );
    this.controller.submit('Go');
    await ended;
    const chars = this.controller.messages().at(-1)?.text.length ?? 0;
    await this.controller.idle();
    await this.controller.newChat();
    return { ...figures!, chars };
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pipeline-bench-'));
  const workerPath = join(dir, 'analysisWorker.js');
  await build({ entryPoints: ['src/core/analysis/worker.ts'], bundle: true, platform: 'node', format: 'cjs', outfile: workerPath, logLevel: 'silent' });
  const server = await startServer();
  // As the extension composes it (src/extension.ts): snapshots routed back to the controller.
  const routes = new Map<string, (snapshot: AnalysisSnapshot) => void>();
  const analysis = new AnalysisClient({ workerPath, threshold: 50, minChunkIntervalMs: ANALYSIS_MIN_INTERVAL_MS, onSnapshot: (s) => routes.get(s.streamId)?.(s) });
  try {
    const text = 'word '.repeat(TOKENS).slice(0, TOKENS * 4);
    await setDefault(server.url, { text, tokenChars: 4, delayMs: 0 });
    const raw = new Anthropic({ apiKey: server.apiKey, baseURL: server.url, maxRetries: 0, logLevel: 'off' });
    const service = new StreamingService({ client: createAnthropicClient({ apiKey: server.apiKey, baseUrl: server.url }) });
    const ours = new Pipeline(service, analysis, routes);
    const oursOff = new Pipeline(service, undefined);

    // Warm-up: JIT, keep-alive sockets, the worker and its model.
    for (let i = 0; i < 2; i += 1) {
      await rawStream(raw);
      await ours.run();
      await oursOff.run();
    }
    const serviceOnly = async (): Promise<number> => {
      let text = '';
      const request = { messages: [{ role: 'user' as const, content: 'Go' }], settings: toStreamSettings(readConfig((key) => ({ model: MODEL, maxTokens: 100_000 })[key])) };
      await service.stream(request, { onText: (delta) => void (text += delta) });
      return text.length;
    };
    await serviceOnly();
    const runs = { raw: [] as Run[], ours: [] as Run[], off: [] as Run[], service: [] as Run[] };
    for (let i = 0; i < REPS; i += 1) {
      runs.raw.push(await timed(() => rawStream(raw)));
      runs.ours.push(await timed(() => ours.run()));
      runs.off.push(await timed(() => oursOff.run()));
      runs.service.push(await timed(serviceOnly));
      log(`  rep ${i + 1}: raw ${runs.raw[i].wallMs.toFixed(0)} ms, ours ${runs.ours[i].wallMs.toFixed(0)} ms, ours without analysis ${runs.off[i].wallMs.toFixed(0)} ms`);
    }
    for (const [name, list] of Object.entries(runs)) {
      if (list.some((r) => r.chars !== TOKENS * 4)) throw new Error(`${name}: a run did not receive the whole answer`);
    }

    // Time to first token: a short answer, interleaved raw / ours.
    await setDefault(server.url, { text: 'Hello there, this is a short answer.', tokenChars: 4, delayMs: 0 });
    const ttft = { raw: [] as number[], service: [] as number[], webview: [] as number[] };
    for (let i = 0; i < TTFT_REQUESTS + 3; i += 1) {
      let t0 = performance.now();
      let first = 0;
      await rawStream(raw, () => (first = performance.now() - t0));
      let service = 0;
      let webview = 0;
      t0 = performance.now();
      await ours.run({ onFirstText: () => (service = performance.now() - t0), onFirstDelta: () => (webview = performance.now() - t0) });
      if (i < 3) continue; // warm-up
      ttft.raw.push(first);
      ttft.service.push(service);
      ttft.webview.push(webview);
    }
    const figures: PipelineFigures = {
      tokens: TOKENS,
      reps: REPS,
      raw: medianRun(runs.raw),
      ours: medianRun(runs.ours),
      oursNoAnalysis: medianRun(runs.off),
      serviceOnly: medianRun(runs.service),
      ttft: { requests: TTFT_REQUESTS, rawMs: median(ttft.raw), serviceMs: median(ttft.service), webviewMs: median(ttft.webview) },
    };
    ours.controller.dispose();
    oursOff.controller.dispose();
    if (json) {
      console.log(JSON.stringify(figures));
      return;
    }
    const row = (name: string, r: Run) => `  ${name.padEnd(28)} wall ${r.wallMs.toFixed(1).padStart(7)} ms   CPU ${r.cpuMs.toFixed(1).padStart(7)} ms`;
    console.log(`\nStream pipeline, ${TOKENS} tokens, median of ${REPS}`);
    console.log(row('raw SDK', figures.raw));
    console.log(row('ours (analysis on, worker)', figures.ours));
    console.log(row('ours (analysis off)', figures.oursNoAnalysis));
    console.log(row('StreamingService alone', figures.serviceOnly));
    console.log(`  ratio wall ${(figures.ours.wallMs / figures.raw.wallMs).toFixed(3)}, CPU ${(figures.ours.cpuMs / figures.raw.cpuMs).toFixed(3)} (goal <= 1.10)`);
    const t = figures.ttft;
    console.log(
      `\nTime to first token, median of ${t.requests}: raw ${t.rawMs.toFixed(2)} ms, onText ${t.serviceMs.toFixed(2)} ms (+${(t.serviceMs - t.rawMs).toFixed(2)}, goal <= +2), first webview delta ${t.webviewMs.toFixed(2)} ms`,
    );
  } finally {
    await analysis.dispose();
    server.child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
