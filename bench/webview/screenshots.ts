/**
 * Screenshots of the chat harness in the light, dark and high-contrast themes, with a
 * representative conversation (streaming answer with code, analysis, metrics, an error).
 * Writes screenshots/chat-<theme>.png (git-ignored).   npx tsx bench/webview/screenshots.ts
 */
import { ModelCatalog, modelChoiceView } from '../../src/core/models/modelCatalog';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChatHostMessage, ChatState } from '../../src/shared/protocol';
import { ROOT, buildChatBundle, launchChromium, startHarnessServer } from './harnessServer';

const ANSWER = [
  'Here is a **debounce** helper and how to use it:',
  '',
  '```typescript',
  'export function debounce<T extends unknown[]>(fn: (...args: T) => void, ms = 200) {',
  '  let timer: ReturnType<typeof setTimeout> | undefined;',
  '  return (...args: T) => {',
  '    clearTimeout(timer); // restart the wait on every call',
  '    timer = setTimeout(() => fn(...args), ms);',
  '  };',
  '}',
  '```',
  '',
  '- Call it once, keep the returned function',
  '- See [MDN setTimeout](https://developer.mozilla.org/docs/Web/API/setTimeout) and `src/util/debounce.ts`',
  '',
  '> Tip: use `leading: true` when the first call must run at once.',
  '',
  'Then wire it in',
].join('\n');

const STATE: ChatState = {
  conversationId: 'c1',
  model: 'claude-sonnet-5-5',
  models: modelChoiceView(new ModelCatalog(), 'claude-sonnet-5-5', undefined),
  history: [{ id: 'h1', title: 'Why is my build slow?', updatedAt: Date.now() - 3_600_000, messageCount: 6 }],
  banner: 'Offline demo',
  streaming: true,
  messages: [
    { id: 'u0', role: 'user', text: 'Ping the server?', state: 'done' },
    {
      id: 'a0',
      role: 'assistant',
      text: 'Partial answer before the key was rejected.',
      state: 'error',
      error: { kind: 'auth', message: 'Your API key was rejected (401).', action: 'setApiKey' },
    },
    { id: 'u1', role: 'user', text: 'How do I debounce a handler in TypeScript?', state: 'done' },
    { id: 'a1', role: 'assistant', text: ANSWER, state: 'streaming', thinking: 'The user wants a generic helper…' },
  ],
};

const EXTRA: ChatHostMessage[] = [
  {
    type: 'analysis/snapshot',
    streamId: 'a1',
    analysis: {
      streamId: 'a1',
      sentiment: { value: 0.42, trend: 'rising', series: [0.1, 0.3, 0.42] },
      topics: [
        { term: 'debounce', weight: 4, count: 4 },
        { term: 'typescript', weight: 3, count: 3 },
        { term: 'timers', weight: 2, count: 2 },
      ],
      entities: [
        { text: 'src/util/debounce.ts', type: 'path', count: 1 },
        { text: 'setTimeout', type: 'call', count: 3 },
      ],
      tokensAnalyzed: 150,
      final: false,
      timing: { chunks: 3, lastChunkMs: 1.2, totalMs: 4 },
    },
  },
  {
    type: 'stream/metrics',
    streamId: 'a1',
    metrics: { timeToFirstTokenMs: 412, tokensPerSecond: 61.5, inputTokens: 1840, outputTokens: 212, costUsd: 0.0087 },
  },
];

async function main(): Promise<void> {
  await buildChatBundle();
  const server = await startHarnessServer();
  const browser = await launchChromium();
  const out = join(ROOT, 'screenshots');
  await mkdir(out, { recursive: true });
  try {
    for (const theme of ['light', 'dark', 'hc'] as const) {
      const page = await browser.newPage({ viewport: { width: 560, height: 900 } });
      await page.goto(`${server.url}/harness.html?theme=${theme}`);
      await page.waitForFunction(() => (globalThis as unknown as { __posted: unknown[] }).__posted.length > 0);
      for (const message of [{ type: 'chat/state', state: STATE } as ChatHostMessage, ...EXTRA]) {
        await page.evaluate((m) => (globalThis as unknown as { __host: { post(m: unknown): void } }).__host.post(m), message);
      }
      await page.getByTestId('chat-input').fill('Also add a cancel() method');
      await page.locator('#message-a1 pre').hover();
      await page.waitForTimeout(300);
      const file = join(out, `chat-${theme}.png`);
      await page.screenshot({ path: file });
      console.log(file);
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
