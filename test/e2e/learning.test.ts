/**
 * Continuous learning as a user meets it in the real workbench: about thirty scripted
 * conversations through the chat (varied topics; some regenerated, some rated, some stopped),
 * `Claude: Summarize Learning Data` from the palette, then the Insights view's Learning
 * section, screenshot in the light and dark themes, and a suggestion applied with its button.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Locator } from 'playwright-core';
import { startMockAnthropicServer, type MockAnthropicServer } from '../server';
import type { Scenario } from '../server/types';
import { SCREENSHOT_DIR, launchWorkbench, type Workbench } from './support/workbench';

type Topic = 'typescript' | 'react' | 'webpack' | 'python' | 'docker';

const ANSWERS: Record<Topic, string> = {
  typescript:
    '```ts\nfunction isUser(value: unknown): value is User {\n  return typeof value === "object" && value !== null && "id" in value;\n}\n```\n\n' +
    'A TypeScript type guard narrows the union, so the compiler knows the type inside the branch. Great for parsing JSON.',
  react:
    '```tsx\nexport function Counter() {\n  const [count, setCount] = useState(0);\n  return <button onClick={() => setCount(count + 1)}>{count}</button>;\n}\n```\n\n' +
    'React re-renders the component when state changes; keep hooks at the top level of the component.',
  webpack:
    'webpack splits bundles with splitChunks. In webpack.config.js:\n\n```js\nmodule.exports = {\n  optimization: { splitChunks: { chunks: "all" } },\n};\n```\n\n' +
    'Then webpack emits a vendor chunk that browsers can cache.',
  python:
    '```python\nimport pandas as pd\n\nframe = pd.read_csv("data.csv")\nprint(frame.describe())\n```\n\n' +
    'pandas reads the CSV into a DataFrame; Python then summarises every numeric column.',
  docker:
    'Use a multi-stage Dockerfile so the Docker image stays small:\n\n```dockerfile\nFROM node:20 AS build\nRUN npm ci && npm run build\nFROM node:20-slim\nCOPY --from=build /app/dist /app\n```\n\n' +
    'Docker caches each layer, so copy package.json before the sources.',
};

/** One scripted conversation turn: what the user asks and then does with the answer. */
interface Step {
  topic: Topic;
  prompt: string;
  then?: 'regenerate' | 'up' | 'down' | 'stop';
  cutOff?: boolean;
}

const PROMPTS: Record<Topic, string[]> = {
  typescript: [
    'How do I narrow a union type?',
    'Write a type guard for User',
    'What does satisfies do?',
    'Generic constraint for keys?',
    'Type a JSON parser result',
    'Readonly arrays in TypeScript?',
    'Discriminated unions with never?',
  ],
  react: ['A React counter component?', 'When does React re-render?', 'useMemo or useCallback?', 'React context for a theme?', 'Lift state up in React?', 'React list keys?'],
  webpack: [
    'Split vendor code with webpack',
    'webpack dev server proxy?',
    'Why is my webpack bundle large?',
    'webpack aliases for src?',
    'Tree shaking in webpack?',
    'webpack source maps in production?',
    'webpack and CSS modules?',
    'webpack cache busting?',
  ],
  python: ['Read a CSV with pandas', 'Python virtual environments?', 'Group by in pandas?', 'Python dataclass defaults?', 'Plot a pandas column?'],
  docker: ['Multi-stage Docker build for Node?', 'Why is my Docker image 1 GB?', 'Docker layer caching for npm?', 'Docker compose for Postgres?'],
};

/** Thirty turns across five topics; webpack answers are often regenerated, a few Python ones cut off. */
function script(): Step[] {
  const steps: Step[] = [];
  const actions: Partial<Record<Topic, Array<Step['then']>>> = {
    webpack: ['regenerate', undefined, 'regenerate', 'down', 'regenerate', undefined, 'regenerate', undefined],
    react: ['up', undefined, 'up', 'stop', 'up', undefined],
    docker: ['down', 'stop', undefined, 'up'],
    typescript: ['up', undefined, undefined, 'up', 'stop', undefined, undefined],
  };
  const order: Topic[] = ['typescript', 'react', 'webpack', 'python', 'docker'];
  for (let i = 0; steps.length < 30; i++) {
    const topic = order[i % order.length];
    const index = Math.floor(i / order.length);
    const prompt = PROMPTS[topic][index];
    if (prompt === undefined) continue;
    steps.push({ topic, prompt, then: actions[topic]?.[index], cutOff: topic === 'python' && index < 4 });
  }
  return steps;
}

function topicOf(body: unknown): Topic {
  const messages = (body as { messages?: Array<{ role: string; content: unknown }> }).messages ?? [];
  const last = [...messages].reverse().find((m) => m.role === 'user');
  const text = (typeof last?.content === 'string' ? last.content : JSON.stringify(last?.content ?? '')).toLowerCase();
  return (['webpack', 'react', 'python', 'docker'] as Topic[]).find((t) => text.includes(t) || (t === 'python' && text.includes('pandas'))) ?? 'typescript';
}

async function chatInput(chat: FrameLocator): Promise<Locator> {
  const tagged = chat.locator('[data-testid="chat-input"]').first();
  const nested = tagged.locator('textarea').first();
  return (await nested.count()) > 0 ? nested : tagged;
}

/** The id of the last answer once it has left `streaming`, different from `previous`. */
async function nextAnswer(chat: FrameLocator, previous: string | undefined, timeoutMs = 30_000): Promise<{ id: string; state: string }> {
  const last = chat.locator('article.turn-assistant').last();
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const id = (await last.getAttribute('data-message-id', { timeout: 1_000 }).catch(() => null)) ?? undefined;
    const state = (await last.getAttribute('data-state', { timeout: 1_000 }).catch(() => null)) ?? 'streaming';
    if (id && id !== previous && state !== 'streaming') return { id, state };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no new finished answer after ${previous ?? 'none'} within ${timeoutMs} ms`);
}

describe('Learning in the VS Code workbench', function () {
  this.timeout(600_000);
  let server: MockAnthropicServer;
  let workbench: Workbench;
  const counts = { asked: 0, regenerated: 0, up: 0, down: 0, stopped: 0 };

  before(async () => {
    server = await startMockAnthropicServer();
    server.setDefault((body) => ({ text: ANSWERS[topicOf(body)], delayMs: 4, tokenChars: [4, 8] }));
    workbench = await launchWorkbench({ name: 'e2e-learning', baseUrl: server.url, apiKey: server.apiKey, theme: 'light', settings: { 'claudeStream.maxTokens': 4096 } });
  });
  after(async () => {
    await workbench?.close();
    await server?.close();
  });

  it('records thirty scripted conversations with regenerations, ratings and stops', async () => {
    await workbench.runCommand('Claude: Open Chat');
    const chat = await workbench.webviewWith('[data-testid="chat-input"]', 60_000);
    let previous: string | undefined;
    for (const [i, step] of script().entries()) {
      if (i > 0 && i % 6 === 0) {
        await chat.getByTestId('new-chat').click();
        await chat.locator('article.turn').first().waitFor({ state: 'detached', timeout: 10_000 });
      }
      const scenario: Scenario =
        step.then === 'stop'
          ? { text: `${ANSWERS[step.topic]}\n\n${'More detail follows. '.repeat(60)}`, delayMs: 40, tokenChars: [3, 5] }
          : { text: ANSWERS[step.topic], delayMs: 4, tokenChars: [4, 8], ...(step.cutOff ? { stopReason: 'max_tokens' as const } : {}) };
      server.enqueue(scenario);
      const input = await chatInput(chat);
      await input.fill(`${step.prompt}`);
      await input.press('Enter');
      if (step.then === 'stop') {
        await chat.locator('article.turn-assistant[data-state="streaming"]').last().waitFor({ timeout: 20_000 });
        await chat.getByTestId('stop').click();
      }
      const answer = await nextAnswer(chat, previous);
      previous = answer.id;
      counts.asked++;
      const turn = chat.locator(`article.turn-assistant[data-message-id="${answer.id}"]`);
      if (step.then === 'stop') {
        assert.equal(answer.state, 'cancelled', `${step.prompt}: stopped`);
        counts.stopped++;
      } else if (step.then === 'up' || step.then === 'down') {
        await turn.getByTestId(step.then === 'up' ? 'feedback-up' : 'feedback-down').click();
        counts[step.then]++;
      } else if (step.then === 'regenerate') {
        await turn.getByTestId('message-regenerate').click();
        previous = (await nextAnswer(chat, previous)).id;
        counts.regenerated++;
      }
    }
    assert.equal(counts.asked, 30);
    const sent = server.requests.filter((r) => r.path.startsWith('/v1/messages')).length;
    assert.ok(sent >= 30 + counts.regenerated, `the server answered ${sent} requests`);
  });

  it('summarises from the palette and shows what it learned in the Insights view, in light and dark', async () => {
    await workbench.runCommand('Claude: Summarize Learning Data');
    await workbench.page.locator('.activitybar [aria-label^="Claude"]').first().click();
    const insights = await workbench.webviewWith('[data-testid="insights-root"]', 60_000);
    const section = insights.getByTestId('learning');
    await section.locator('[data-testid="learning-summary"]').waitFor({ timeout: 60_000 });
    const info = await section.getByTestId('summary-info').innerText();
    // 30 asked + 4 regenerated answers; each is one record.
    assert.match(info, /34/, `summary info: ${info}`);
    await section.getByTestId('chart-quality').waitFor();
    const texts = await section.getByTestId('insight').allInnerTexts();
    assert.ok(
      texts.some((t) => /webpack( \(also tagged [^)]*\))? are regenerated \d+%/.test(t)),
      `a webpack suggestion among: ${texts.join(' | ')}`,
    );
    assert.ok(
      texts.some((t) => /hit max_tokens/.test(t)),
      `a max_tokens suggestion among: ${texts.join(' | ')}`,
    );

    const quality = Object.fromEntries(
      (await section.getByTestId('quality-row').allInnerTexts()).map((row) => {
        const [topic, value] = row
          .split('\n')
          .map((s) => s.trim())
          .filter(Boolean);
        return [topic, Number(value)];
      }),
    );
    assert.ok(quality.webpack < quality.React, `regenerated webpack answers score below rated React ones: ${JSON.stringify(quality)}`);

    // Tall enough for the whole section, so its screenshot is not cut at the fold.
    await workbench.page.setViewportSize({ width: 1440, height: 2200 });
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await section.scrollIntoViewIfNeeded();
    await workbench.screenshot('learning-workbench-light');
    await section.screenshot({ path: join(SCREENSHOT_DIR, 'learning-section-light.png') });
    await workbench.setTheme('dark');
    await section.getByTestId('chart-quality').waitFor();
    await workbench.screenshot('learning-workbench-dark');
    await section.screenshot({ path: join(SCREENSHOT_DIR, 'learning-section-dark.png') });
  });

  it('applies a suggested setting only when its Apply button is clicked', async () => {
    const settings = () => JSON.parse(readFileSync(workbench.profile.settingsFile, 'utf8')) as Record<string, unknown>;
    assert.equal(settings()['claudeStream.maxTokens'], 4096, 'summarising changed no setting');
    const insights = await workbench.webviewWith('[data-testid="insights-root"]');
    const suggestion = insights.getByTestId('insight').filter({ hasText: 'hit max_tokens' });
    await suggestion.getByTestId('insight-apply').click();
    const deadline = Date.now() + 15_000;
    while (settings()['claudeStream.maxTokens'] === 4096 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    assert.equal(settings()['claudeStream.maxTokens'], 8192);
    await suggestion.waitFor({ state: 'detached', timeout: 15_000 });
  });
});
