/**
 * Test helpers around the chat webview harness page: open it in Chromium, inject host
 * messages, read what the webview posted.
 */
import type { Browser, Page } from 'playwright-core';
import { buildChatBundle, launchChromium, startHarnessServer, type LocalServer } from '../../../bench/webview/harnessServer';
import { ModelCatalog, modelChoiceView } from '../../../src/core/models/modelCatalog';
import type { ChatHostMessage, ChatState, ChatWebviewMessage, MessageView } from '../../../src/shared/protocol';

/** An open harness page. */
export interface Harness {
  page: Page;
  /** Sends a host message to the webview (through window.postMessage, as VS Code does); resolves once the webview has handled it. */
  post(message: ChatHostMessage): Promise<void>;
  /** Everything the webview posted so far. */
  posted(): Promise<ChatWebviewMessage[]>;
  /** Streams tokens as deltas; resolves after `stream/end` has been rendered. */
  stream(streamId: string, tokens: string[], tokensPerSecond?: number): Promise<void>;
  close(): Promise<void>;
}

/** Options for `openHarness`. */
export interface HarnessOptions {
  theme?: 'dark' | 'light' | 'hc';
  csp?: boolean;
  /** Adds `'nonce-…'` to style-src and the `csp-nonce` meta FAST reads (recommended to the host). */
  styleNonce?: boolean;
  width?: number;
  height?: number;
}

/** A conversation state with sensible defaults. */
export function chatState(messages: MessageView[] = [], extra: Partial<ChatState> = {}): ChatState {
  return {
    conversationId: 'c1',
    messages,
    model: 'claude-sonnet-5-5',
    // The bundled table, as a user without a key or network sees it.
    models: modelChoiceView(new ModelCatalog(), 'claude-sonnet-5-5', undefined),
    history: [],
    streaming: messages.some((m) => m.state === 'streaming'),
    ...extra,
  };
}

/** Opens the harness, waits for `ready`, and sends `state` (an empty chat by default). */
export async function openHarness(browser: Browser, baseUrl: string, options: HarnessOptions = {}, state: ChatState = chatState()): Promise<Harness> {
  const page = await browser.newPage({ viewport: { width: options.width ?? 520, height: options.height ?? 700 } });
  const query = new URLSearchParams({ theme: options.theme ?? 'dark' });
  if (options.csp === false) query.set('nocsp', '1');
  if (options.styleNonce) query.set('stylenonce', '1');
  await page.goto(`${baseUrl}/harness.html?${query.toString()}`);
  await waitInPage(page, 'hasPosted', 'ready');
  const harness: Harness = {
    page,
    post: async (message) => {
      await page.evaluate((m) => (globalThis as unknown as HarnessWindow).__host.deliver(m), message);
    },
    posted: () => inPage<ChatWebviewMessage[]>(page, 'posted'),
    stream: (streamId, tokens, tokensPerSecond) =>
      page.evaluate(([id, t, tps]) => (globalThis as unknown as HarnessWindow).__stream(id, t, tps ? { tokensPerSecond: tps } : {}), [streamId, tokens, tokensPerSecond] as const),
    close: () => page.close(),
  };
  await harness.post({ type: 'chat/state', state });
  return harness;
}

/** What a suite of harness tests shares: one Chromium, one page server, a fresh page per test. */
export interface HarnessSuite {
  /** The page of the running test (a suite with `openEach: false` sets it in each test). */
  h: Harness;
  readonly browser: Browser;
  readonly server: LocalServer;
}

/**
 * Registers the mocha hooks every harness suite needs: the chat bundle built and Chromium
 * launched once, and (unless `openEach` is false) a fresh page with an empty chat per test.
 */
export function useHarnessSuite(options: { openEach?: boolean } = {}): HarnessSuite {
  let browser: Browser | undefined;
  let server: LocalServer | undefined;
  let current: Harness | undefined;
  before(async () => {
    await buildChatBundle();
    server = await startHarnessServer();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  if (options.openEach !== false) {
    beforeEach(async () => {
      current = await openHarness(browser!, server!.url);
    });
  }
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return {
    get h() {
      if (!current) throw new Error('no harness page is open');
      return current;
    },
    set h(value: Harness) {
      current = value;
    },
    get browser() {
      return browser!;
    },
    get server() {
      return server!;
    },
  };
}

type TestHooks = Record<string, (...args: unknown[]) => unknown>;

/** Calls a page-side helper from bench/webview/testHooks.js and returns its (awaited) result. */
export function inPage<T>(page: Page, name: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(([n, a]) => (globalThis as unknown as { __test: TestHooks }).__test[n](...a) as T, [name, args] as const);
}

/** Waits until a page-side helper returns something truthy. */
export async function waitInPage(page: Page, name: string, ...args: unknown[]): Promise<void> {
  await page.waitForFunction(([n, a]) => (globalThis as unknown as { __test: TestHooks }).__test[n](...a), [name, args] as const);
}

/** Globals the harness shim defines. */
export interface HarnessWindow {
  __posted: ChatWebviewMessage[];
  __cspViolations: Array<{ directive: string; blocked: string }>;
  __host: { post(message: ChatHostMessage): void; deliver(message: ChatHostMessage): Promise<void> };
  __stream(streamId: string, tokens: readonly string[], options: { tokensPerSecond?: number }): Promise<void>;
  __state?: unknown;
}

/** A streaming assistant message to start a stream with. */
export function streamingAnswer(id: string): MessageView {
  return { id, role: 'assistant', text: '', state: 'streaming' };
}
