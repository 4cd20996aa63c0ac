/**
 * Live analysis in every language (issue 16), in the real workbench: answers in English,
 * German, Japanese and a mixed answer stream from the strict local server into the chat, and
 * the analysis strip beside each answer and the Insights view show what a reader would check:
 * the language, whole-word topics, the entities, and a sentiment number only for English
 * ("not scored for German" otherwise). Screenshots of the strip and of the Insights view for
 * each answer go to `screenshots/analysis-<answer>-{strip,insights,workbench}.png`.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Locator } from 'playwright-core';
import { startMockAnthropicServer } from '../server';
import type { MockAnthropicServer } from '../server';
import { launchWorkbench, SCREENSHOT_DIR } from './support/workbench';
import type { Workbench } from './support/workbench';

interface Case {
  name: string;
  prompt: string;
  answer: string;
  /** What the strip's language pill and the Insights "Language:" line say. */
  language: string;
  /** Undefined: a sentiment number shows; otherwise the note shown instead of (or beside) it. */
  sentimentNote?: string;
  /** True when no number may show at all. */
  noNumber: boolean;
  /** Topics that must be among the strip's topic chips (whole words as written). */
  topics: string[];
  /** Fragments of words that must never be a topic. */
  notTopics: string[];
  /** Entities (text) that must be among the strip's entity chips. */
  entities: string[];
  /** Words that must not be entities. */
  notEntities?: string[];
}

const CASES: Case[] = [
  {
    name: 'english',
    prompt: 'How do I read the config file?',
    answer:
      'To read a file in Node.js, call `fs.readFile()` with the path. If the file is missing, the promise rejects with ENOENT. ' +
      'Copy .env.example to .env first, then run pip install numpy and npm uninstall moment. The handler lives in src/server/routes.ts, and its helper classes keep the matches. ' +
      'The OWASP guidelines recommend hashing passwords, and Ryan Dahl explained the design in a great talk.',
    language: 'English',
    noNumber: false,
    topics: ['file'],
    // Clipped plurals, and an uninstall command's words (its package is an entity).
    notTopics: ['classe', 'matche', 'uninstall', 'moment'],
    entities: ['fs.readFile()', 'ENOENT', '.env.example', 'numpy', 'moment', 'src/server/routes.ts'],
  },
  {
    name: 'german',
    prompt: 'Wie starte ich die Anwendung?',
    answer:
      'Überprüfe die Änderungen in der Datei package.json, bevor du die Übergabe abschließt. ' +
      'Die Größe des Puffers hängt von der Konfiguration des Servers ab. Mit Docker kannst du die Anwendung in einem Container starten. ' +
      'Führe npm install express aus, um das Paket zu installieren. Das Ergebnis ist wirklich großartig.',
    language: 'German',
    sentimentNote: 'sentiment: not scored for German',
    noNumber: true,
    topics: ['Anwendung', 'Container'],
    notTopics: ['nderungen', 'bergabe', 'berpr', 'Gr'],
    entities: ['package.json', 'express', 'Docker'],
    // "Führe npm install express aus": the verb's particle is no package.
    notEntities: ['aus'],
  },
  {
    name: 'japanese',
    prompt: 'データベースについて教えてください。',
    answer:
      'データベースはすべての注文を別のテーブルに保存します。Docker を使うと、アプリケーションをコンテナの中で動かせます。' +
      'npm install express を実行して、パッケージをプロジェクトに追加します。キャッシュを消去しないと、メモリの使用量が増え続けます。',
    language: 'Japanese',
    sentimentNote: 'sentiment: not scored for Japanese',
    noNumber: true,
    topics: ['データベース', 'コンテナ'],
    notTopics: [],
    entities: ['Docker', 'express'],
  },
  {
    name: 'mixed',
    prompt: 'Summarise the cache plan in English, German and Japanese.',
    answer:
      'Here is the plan: the Redis cache is flushed on every commit, which keeps memory low, works great and leaves the dashboards fast for the whole team.\n\n' +
      'Zusammenfassung auf Deutsch: Der Cache wird bei jedem Commit geleert, damit der Speicherverbrauch niedrig bleibt. Führe dafür npm install ioredis aus.\n\n' +
      'キャッシュはコミットのたびに消去されるので、メモリの使用量は増えません。設定は config/cache.yml にあります。',
    language: 'English + Japanese + German',
    sentimentNote: 'English only; not scored for German, Japanese',
    noNumber: false,
    topics: ['cache', 'Speicherverbrauch', 'キャッシュ'],
    notTopics: [],
    // One entity from each paragraph's language.
    entities: ['Redis', 'ioredis', 'config/cache.yml'],
    notEntities: ['aus'],
  },
];

async function chatInput(chat: FrameLocator): Promise<Locator> {
  const tagged = chat.locator('[data-testid="chat-input"]').first();
  const nested = tagged.locator('textarea').first();
  return (await nested.count()) > 0 ? nested : tagged;
}

describe('Live analysis in English, German, Japanese and a mixed answer, in the workbench', function () {
  this.timeout(420_000);
  let server: MockAnthropicServer;
  let workbench: Workbench | undefined;
  let chat: FrameLocator;
  let insights: FrameLocator;

  before(async () => {
    server = await startMockAnthropicServer();
    workbench = await launchWorkbench({ name: 'e2e-analysis-languages', baseUrl: server.url, apiKey: server.apiKey, theme: 'dark' });
    await workbench.page.locator('.activitybar [aria-label^="Claude"]').first().click();
    insights = await workbench.webviewWith('[data-testid="insights-root"]', 60_000);
    await workbench.runCommand('Claude: Open Chat');
    chat = await workbench.webviewWith('[data-testid="chat-input"]');
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
  });

  after(async () => {
    await workbench?.close();
    await server?.close();
  });

  for (const c of CASES) {
    it(`${c.name}: the strip and the Insights view name the language, whole-word topics, the entities and honest sentiment`, async () => {
      assert.ok(workbench);
      server.enqueue({ text: c.answer, delayMs: 25, tokenChars: [3, 7] });
      const before = await chat.locator('[data-testid="analysis-strip"]').count();
      const input = await chatInput(chat);
      await input.fill(c.prompt);
      await input.press('Enter');
      await chat.locator('[data-role="assistant"][data-state="done"]').nth(before).waitFor({ timeout: 60_000 });

      // The strip of this answer, once its final snapshot has frozen it.
      const strip = chat.locator('[data-testid="analysis-strip"]').nth(before);
      await chat.locator('[data-testid="analysis-strip"][data-frozen="true"]').nth(before).waitFor({ timeout: 30_000 });
      await strip.locator('[data-testid="analysis-language"]').filter({ hasText: c.language }).waitFor({ timeout: 30_000 });
      assert.equal(await strip.getByTestId('analysis-language').innerText(), c.language);
      const topics = await strip.locator('.chip.topic').allInnerTexts();
      for (const t of c.topics) assert.ok(topics.includes(t), `${c.name}: topic ${t} not among ${topics.join(', ')}`);
      for (const t of c.notTopics) assert.ok(!topics.includes(t), `${c.name}: ${t} is a topic`);
      const entities = await strip.locator('.chip.entity').allInnerTexts();
      for (const e of c.entities) assert.ok(entities.includes(e), `${c.name}: entity ${e} not among ${entities.join(', ')}`);
      for (const e of c.notEntities ?? []) assert.ok(!entities.includes(e), `${c.name}: ${e} is an entity`);
      const meters = await strip.getByRole('meter').count();
      if (c.noNumber) {
        assert.equal(meters, 0, `${c.name}: a sentiment number shows for an unscored language`);
        assert.equal(await strip.getByTestId('analysis-sentiment-not-scored').locator('.analysis-note').innerText(), c.sentimentNote);
      } else {
        assert.equal(meters, 1, `${c.name}: no sentiment number for English prose`);
        if (c.sentimentNote) assert.equal(await strip.locator('.sentiment .analysis-note').innerText(), c.sentimentNote);
      }
      await strip.scrollIntoViewIfNeeded();
      await strip.screenshot({ path: join(SCREENSHOT_DIR, `analysis-${c.name}-strip.png`) });

      // The Insights view follows the same answer to its end.
      const live = insights.getByTestId('live');
      await insights.locator('[data-testid="live"][data-state="final"]').waitFor({ timeout: 30_000 });
      await insights
        .getByTestId('live-language')
        .filter({ hasText: `Language: ${c.language}` })
        .waitFor({ timeout: 30_000 });
      const liveTopics = await live.getByTestId('live-topic').locator('.bar-label').allInnerTexts();
      for (const t of c.topics) assert.ok(liveTopics.includes(t), `${c.name}: Insights topic ${t} not among ${liveTopics.join(', ')}`);
      for (const t of c.notTopics) assert.ok(!liveTopics.includes(t), `${c.name}: ${t} is an Insights topic`);
      const liveText = await live.innerText();
      for (const e of c.entities) assert.ok(liveText.includes(e), `${c.name}: Insights does not list the entity ${e}`);
      if (c.noNumber) {
        assert.equal(await insights.getByTestId('live-sentiment-value').count(), 0, `${c.name}: Insights shows a sentiment number`);
        assert.equal(await insights.getByTestId('live-sentiment-not-scored').innerText(), c.sentimentNote);
      } else {
        assert.match(await insights.getByTestId('live-sentiment-value').innerText(), /^[+-]\d\.\d\d$/);
        if (c.sentimentNote) assert.equal(await insights.getByTestId('live-sentiment-note').innerText(), c.sentimentNote);
      }
      await live.screenshot({ path: join(SCREENSHOT_DIR, `analysis-${c.name}-insights.png`) });
      await workbench.screenshot(`analysis-${c.name}-workbench`);
    });
  }
});
