/**
 * Child process of the backpressure test, run with --expose-gc so the heap it reports is the
 * host pipeline's alone (the local server runs in the parent). Streams one answer from the
 * server at argv[2] (key argv[3]) through StreamingService and ChatController into a webview
 * that takes each message only after argv[4] ms, and prints one JSON line of figures.
 */
import { ChatController } from '../../../../src/core/chat/chatController';
import type { ChatView } from '../../../../src/core/chat/chatTypes';
import { HistoryStore } from '../../../../src/core/chat/historyStore';
import { readConfig } from '../../../../src/core/config';
import type { KeyValueStore } from '../../../../src/core/ports';
import { createAnthropicClient, StreamingService } from '../../../../src/core/streaming';
import type { ChatHostMessage } from '../../../../src/shared/protocol';

/** Figures the child reports. */
export interface SlowWebviewFigures {
  seconds: number;
  outputTokens: number;
  state: string | undefined;
  answerLength: number;
  /** Text the webview assembled from the deltas it took, compared by the parent. */
  deltaTextLength: number;
  deltaTextIsPrefix: boolean;
  endLength: number;
  deltaPosts: number;
  maxTextInFlight: number;
  baseHeapMB: number;
  peakHeapGrowthMB: number;
  /** Heap left after the answer ended and a full GC. */
  retainedHeapMB: number;
}

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const [url, apiKey, delayArg] = process.argv.slice(2);
const MB = 1024 * 1024;

function memoryState(): KeyValueStore {
  const data = new Map<string, unknown>();
  return { get: <T>(k: string) => data.get(k) as T | undefined, update: async (k, v) => void data.set(k, v) };
}

/** A webview that takes each message only after a delay, as `webview.postMessage`'s promise settles. */
class SlowView implements ChatView {
  visible = true;
  inFlight = 0;
  textInFlight = 0;
  maxTextInFlight = 0;
  deltaPosts = 0;
  readonly pieces: string[] = [];
  ended: string | undefined;
  constructor(private readonly delayMs: number) {}
  post(message: ChatHostMessage): Promise<boolean> {
    const carriesText = message.type === 'stream/delta' || message.type === 'stream/snapshot';
    this.inFlight += 1;
    if (carriesText) this.textInFlight += 1;
    this.maxTextInFlight = Math.max(this.maxTextInFlight, this.textInFlight);
    return new Promise((resolve) =>
      setTimeout(() => {
        this.inFlight -= 1;
        if (carriesText) this.textInFlight -= 1;
        if (message.type === 'stream/delta') {
          this.deltaPosts += 1;
          this.pieces.push(message.text);
        }
        if (message.type === 'stream/end') this.ended = message.text;
        resolve(true);
      }, this.delayMs),
    );
  }
}

async function main(): Promise<void> {
  const config = readConfig((key) => ({ 'stream.idleTimeoutMs': 60_000, model: 'claude-test-bulk', maxTokens: 2_000_000 })[key]);
  const service = new StreamingService({ client: createAnthropicClient({ apiKey, baseUrl: url }) });
  const view = new SlowView(Number(delayArg ?? 20));
  const controller = new ChatController({ runStream: (r, o, s) => service.stream(r, o, s), config: () => config, history: new HistoryStore(memoryState(), () => 10) });
  controller.attach(view);
  let outputTokens = 0;
  controller.onDidCompleteAnswer((a) => void (outputTokens = a.result.usage.outputTokens));

  gc!();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  // A full GC once a second: the peak of live memory, not of garbage not yet collected.
  const sampler = setInterval(() => {
    gc!();
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 1000);
  const started = Date.now();
  controller.submit('Write a very long answer');
  await controller.idle();
  while (view.inFlight > 0) await new Promise((r) => setTimeout(r, 25));
  clearInterval(sampler);
  gc!();
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  const answer = controller.messages().at(-1)?.text ?? '';
  const deltaText = view.pieces.join('');
  const figures: SlowWebviewFigures = {
    seconds: (Date.now() - started) / 1000,
    outputTokens,
    state: controller.messages().at(-1)?.state,
    answerLength: answer.length,
    deltaTextLength: deltaText.length,
    deltaTextIsPrefix: answer.startsWith(deltaText),
    endLength: view.ended === answer ? answer.length : -1,
    deltaPosts: view.deltaPosts,
    maxTextInFlight: view.maxTextInFlight,
    baseHeapMB: base / MB,
    peakHeapGrowthMB: (peak - base) / MB,
    retainedHeapMB: 0,
  };
  view.pieces.length = 0;
  controller.dispose();
  gc!();
  figures.retainedHeapMB = (process.memoryUsage().heapUsed - base) / MB;
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

void main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
