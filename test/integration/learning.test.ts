import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ClaudeStreamConfig } from '../../src/core/config';
import { createRecord, type LearningRecord } from '../../src/core/learning/records';
import { LearningStore } from '../../src/core/learning/store';
import type { LearningView } from '../../src/shared/protocol';
import { askInChat, ourExtension, setSetting, useLocalServer, waitFor, type LocalServer } from './helpers';

/** What `claudeStream._test.learning` returns: `LearningFeature.testState()`. */
interface LearningTestState {
  root: string;
  systemSuffix: string | undefined;
  warningsShown: string[];
  answersSeen: string[];
  summarizing: boolean;
}
interface InsightsState {
  learning: LearningView | undefined;
  enabled?: boolean;
  ready?: boolean;
}

const run = <T>(command: string, ...args: unknown[]) => vscode.commands.executeCommand<T>(command, ...args);
const learningState = () => run<LearningTestState>('claudeStream._test.learning');
const insightsState = () => run<InsightsState>('claudeStream._test.insightsState');
const config = () => run<ClaudeStreamConfig>('claudeStream._test.config');
/** Sends a message into the Insights view's handler exactly as its webview would post it. */
const fromInsightsView = (message: unknown) => run('claudeStream._test.insightsMessage', message);

/** Files of the store folder that hold data (segments and amends), not the summary. */
function dataFiles(root: string): string[] {
  return existsSync(root)
    ? readdirSync(root)
        .filter((f) => f.endsWith('.jsonl'))
        .sort()
    : [];
}
/** Every record line written to the store, parsed. */
function storedRecords(root: string): LearningRecord[] {
  return dataFiles(root)
    .filter((f) => f.startsWith('segment-'))
    .flatMap((f) => readFileSync(join(root, f), 'utf8').split('\n'))
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LearningRecord & { type?: string })
    .filter((r) => r.type !== 'header');
}
function summaryOnDisk(root: string): { id: string; createdAt: number; recordCount: number } | undefined {
  const file = join(root, 'summary.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { id: string; createdAt: number; recordCount: number }) : undefined;
}

/** Writes `n` past TypeScript answers straight into the store folder, the way an earlier session would have. */
async function seedHistory(root: string, n: number): Promise<void> {
  const store = new LearningStore({ root, writerId: 'seeded' });
  const now = Date.now() - n * 60_000;
  const records = Array.from({ length: n }, (_, i) => {
    const cutOff = i % 3 === 0;
    const text = 'Type the props first:\n\n```ts\ninterface Props { title: string }\n```\n\nThen use them in the React component.';
    return createRecord({
      id: `seed${i}`,
      time: now + i * 60_000,
      source: 'chat',
      prompt: `How do I type React props, case ${i}?`,
      storeContent: true,
      analysis: {
        streamId: `seed${i}`,
        sentiment: { value: 0.2, trend: 'steady', series: [0.2] },
        topics: [
          { term: 'react', weight: 1, count: 3 },
          { term: 'props', weight: 0.8, count: 2 },
        ],
        entities: [{ text: 'React', type: 'package', count: 1 }],
        tokensAnalyzed: 60,
        final: true,
        timing: { chunks: 1, lastChunkMs: 1, totalMs: 1 },
      },
      result: {
        outcome: 'done',
        text,
        thinking: '',
        stopReason: cutOff ? 'max_tokens' : 'end_turn',
        usage: { inputTokens: 40, outputTokens: cutOff ? 4096 : 120 },
        model: 'claude-sonnet-5',
        timeToFirstTokenMs: 400,
        totalMs: 2000,
        tokensPerSecond: 60,
        retries: 0,
        resumed: false,
      },
    });
  });
  assert.ok(await store.append(records), 'the seeded history was written');
  await store.settled();
}

/** Asks in the chat and waits until the learning feature has been handed the answer (it ends after the chat's analysis). */
async function ask(prompt: string): Promise<Awaited<ReturnType<typeof askInChat>>> {
  const answer = await askInChat(prompt);
  await waitFor(async () => (await learningState()).answersSeen.includes(answer.id), { what: `the learning feature to get answer ${answer.id}` });
  return answer;
}

async function summarize(): Promise<NonNullable<ReturnType<typeof summaryOnDisk>>> {
  assert.equal(await run<boolean>('claudeStream.summarizeLearning'), true, 'Summarize Learning Data finished');
  const summary = summaryOnDisk((await learningState()).root);
  assert.ok(summary, 'summary.json was written');
  return summary;
}
const lastSystemPrompt = (local: LocalServer): string => {
  const messages = local.server.requests.filter((r) => r.path.startsWith('/v1/messages'));
  const system = (messages.at(-1)?.body as { system?: unknown } | undefined)?.system;
  return typeof system === 'string' ? system : JSON.stringify(system ?? '');
};

describe('Learning in VS Code', function () {
  this.timeout(60_000);
  let local: LocalServer;
  let root: string;
  const restores: Array<() => Promise<void>> = [];
  const set = async (key: string, value: unknown) => restores.push(await setSetting(key, value));

  before(async () => {
    await ourExtension().activate();
    local = await useLocalServer();
    root = (await learningState()).root;
    await vscode.commands.executeCommand('claudeStream.insights.focus');
    await waitFor(async () => (await insightsState())?.ready, { what: 'the Insights view to be ready', timeoutMs: 20_000 });
  });
  beforeEach(async () => {
    assert.equal(await run('claudeStream.clearLearningData', { confirm: true }), true);
  });
  afterEach(async () => {
    for (const restore of restores.splice(0).reverse()) await restore();
  });
  after(async () => {
    await local.dispose();
  });

  it('keeps each chat answer as a record in this workspace’s storage, with its prompt, answer and metrics', async () => {
    assert.match(root, /workspaceStorage/, 'the store lives under context.storageUri');
    const first = await ask('How do I narrow a union type in TypeScript?');
    assert.equal(first.state, 'done', first.error);
    const second = await ask('And how do I write a type guard for it?');
    assert.equal(second.state, 'done', second.error);
    const summary = await summarize();
    assert.equal(summary.recordCount, 2);
    const records = storedRecords(root);
    const record = records.find((r) => r.id === first.id);
    assert.ok(record, `a record with the answer's id ${first.id}; found ${records.map((r) => r.id).join(', ')}`);
    assert.equal(record.prompt, 'How do I narrow a union type in TypeScript?');
    assert.equal(record.answer, first.text);
    assert.equal(record.source, 'chat');
    assert.equal(record.metrics.outcome, 'done');
    assert.ok(record.metrics.outputTokens > 0 && record.metrics.responseTimeMs > 0, JSON.stringify(record.metrics));
    assert.ok(records.some((r) => r.id === second.id));
  });

  it('shows the summary in the Insights view once Summarize Learning Data has run', async () => {
    await ask('What does the satisfies operator do?');
    const summary = await summarize();
    const view = await waitFor(
      async () => {
        const learning = (await insightsState()).learning;
        return learning?.lastSummaryAt === summary.createdAt ? learning : undefined;
      },
      { what: 'the Insights view to show the new summary' },
    );
    assert.equal(view.summaryRecordCount, 1);
    assert.match(view.narrative ?? '', /^1 answer recorded/);
  });

  it('exports the records as JSON and CSV, and Clear deletes them and the summary', async () => {
    const answer = await ask('Explain webpack code splitting, please.');
    const dir = mkdtempSync(join(tmpdir(), 'cs-export-'));
    try {
      const json = await run<string>('claudeStream.exportLearningData', { path: join(dir, 'learning.json') });
      const exported = JSON.parse(readFileSync(json, 'utf8')) as LearningRecord[];
      assert.deepEqual(
        exported.map((r) => [r.id, r.prompt]),
        [[answer.id, 'Explain webpack code splitting, please.']],
      );
      const csv = readFileSync(await run<string>('claudeStream.exportLearningData', { path: join(dir, 'learning.csv') }), 'utf8').split('\r\n');
      assert.match(csv[0], /^id,time,source,model,/);
      assert.ok(csv[1].startsWith(`${answer.id},`), csv[1]);
      await summarize();
      assert.equal(await run('claudeStream.clearLearningData', { confirm: true }), true);
      assert.deepEqual(dataFiles(root), []);
      assert.equal(summaryOnDisk(root), undefined);
      const view = await waitFor(async () => (await insightsState()).learning?.recordCount === 0 || undefined, { what: 'the view to show no records' });
      assert.ok(view);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes nothing at all while claudeStream.learning.enabled is false', async () => {
    await set('learning.enabled', false);
    await waitFor(async () => (await insightsState()).enabled === false || undefined, { what: 'the view to say learning is off' });
    await ask('Secret project question while learning is off');
    assert.equal(await run('claudeStream.summarizeLearning'), false);
    assert.deepEqual(dataFiles(root), []);
    assert.equal(summaryOnDisk(root), undefined);
    for (const restore of restores.splice(0)) await restore();
    // Turned back on, nothing from the disabled time is left to flush.
    const dir = mkdtempSync(join(tmpdir(), 'cs-export-'));
    const exported = readFileSync(await run<string>('claudeStream.exportLearningData', { path: join(dir, 'after.json') }), 'utf8');
    rmSync(dir, { recursive: true, force: true });
    assert.doesNotMatch(exported, /Secret project question/);
  });

  it('keeps lengths but no prompt or answer text when storeContent is off', async () => {
    await set('learning.storeContent', false);
    const prompt = 'Private: how do I rotate the staging database password?';
    const answer = await ask(prompt);
    await summarize();
    const record = storedRecords(root).find((r) => r.id === answer.id);
    assert.ok(record);
    assert.equal(record.prompt, undefined);
    assert.equal(record.answer, undefined);
    assert.equal(record.promptChars, prompt.length);
    assert.equal(record.answerChars, answer.text.length);
    for (const file of dataFiles(root)) assert.doesNotMatch(readFileSync(join(root, file), 'utf8'), /staging database/);
  });

  it('summarises by itself after each batch of batchSize answers, once the burst is over', async () => {
    await set('learning.batchSize', 3);
    await ask('Docker: how do I cache npm install layers?');
    await ask('Docker: multi-stage build for a Node app?');
    assert.equal(summaryOnDisk(root), undefined, 'no summary before the batch is complete');
    await ask('Docker: why is my image 1 GB?');
    const summary = await waitFor(() => summaryOnDisk(root), { what: 'the automatic summary', timeoutMs: 10_000 });
    assert.equal(summary.recordCount, 3);
    await waitFor(async () => (await insightsState()).learning?.lastSummaryAt === summary.createdAt || undefined, { what: 'the view to refresh by itself' });
  });

  it('offers suggested settings as Apply buttons and changes a setting only when Apply is clicked', async () => {
    await set('maxTokens', 4096);
    await seedHistory(root, 30);
    await summarize();
    const view = await waitFor(async () => ((await insightsState()).learning?.insights.length ? (await insightsState()).learning : undefined), { what: 'insights in the view' });
    const insight = view.insights.find((i) => i.id === 'max-tokens');
    assert.ok(insight?.setting, `a max_tokens suggestion with a setting; got ${view.insights.map((i) => i.id).join(', ')}`);
    assert.match(insight.text, /33% of answers hit max_tokens/);
    assert.equal((await config()).maxTokens, 4096, 'nothing is applied without a click');
    await fromInsightsView({ type: 'insight/apply', id: insight.id });
    assert.equal((await config()).maxTokens, insight.setting.value);
    const after = await waitFor(
      async () => {
        const learning = (await insightsState()).learning;
        return learning && !learning.insights.some((i) => i.id === 'max-tokens') ? learning : undefined;
      },
      { what: 'the applied suggestion to leave the view' },
    );
    assert.ok(after);
  });

  it('adds the learned preferences to the request’s system prompt only when applyToPrompts is on, as edited in the view', async () => {
    await seedHistory(root, 30);
    await summarize();
    const note = await waitFor(async () => (await insightsState()).learning?.learnedPreferences, { what: 'a learned note' });
    assert.match(note, /TypeScript/);
    await ask('How do I memoise a React callback?');
    assert.doesNotMatch(lastSystemPrompt(local), /What this user prefers/, 'off by default');

    await set('learning.applyToPrompts', true);
    await waitFor(async () => (await learningState()).systemSuffix, { what: 'the suffix to be in force' });
    await ask('How do I memoise a React value?');
    assert.match(lastSystemPrompt(local), /What this user prefers, learned from earlier conversations in this workspace: .*TypeScript/);

    await fromInsightsView({ type: 'preferences/edit', text: 'Prefers answers with a single short code block.' });
    await ask('How do I debounce an input in React?');
    assert.match(lastSystemPrompt(local), /Prefers answers with a single short code block\./);
    await fromInsightsView({ type: 'preferences/edit', text: '' });
    await ask('And how do I throttle it?');
    assert.doesNotMatch(lastSystemPrompt(local), /What this user prefers/, 'a removed note is not sent');
  });

  it('counts the recorded answers in the Insights view as each one ends, and not a failed request', async () => {
    const count = () => insightsState().then((s) => s.learning?.recordCount);
    await waitFor(async () => (await count()) === 0 || undefined, { what: 'the view to start from 0' });
    for (let i = 1; i <= 3; i++) {
      await ask(`Live count question ${i}?`);
      await waitFor(async () => (await count()) === i || undefined, { what: `the view to say ${i}, not ${await count()}` });
    }
    local.server.enqueue({ status: 400, errorType: 'invalid_request_error' });
    const failed = await ask('This one fails');
    assert.equal(failed.state, 'error');
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(await count(), 3, 'the failed request is not counted as an answer');
  });

  it('says the preferences note is not sent while applyToPrompts is off, and turns it on in one click', async () => {
    await set('learning.applyToPrompts', false);
    await waitFor(async () => (await insightsState()).learning?.applyToPrompts === false || undefined, { what: 'the view to know it is off' });
    await fromInsightsView({ type: 'preferences/applyToPrompts', enabled: true });
    assert.equal((await config()).learning.applyToPrompts, true, 'the click changed the setting');
    await waitFor(async () => (await insightsState()).learning?.applyToPrompts === true || undefined, { what: 'the view to say the note is sent' });
  });

  it('Summarize with Claude sends only aggregated statistics and shows the model’s narrative in the view', async () => {
    // The answers do not repeat the prompt, so no topic keyword comes from it (keywords are sent, by design).
    local.server.enqueue({ text: 'Take a heap snapshot and compare retained sizes.' }, { text: 'Use the inspector and record allocations.' });
    const first = await ask('PRIVATE: why does our payroll-service leak memory?');
    await ask('PRIVATE: and how do I profile payroll-service heap?');
    const narrative = 'You asked twice about memory; profile the heap before asking again.';
    local.server.enqueue({ text: narrative, delayMs: 2 });
    const before = local.server.requests.length;
    assert.equal(await run<string>('claudeStream.summarizeLearningWithClaude', { confirm: true }), narrative);
    const sent = local.server.requests.slice(before).filter((r) => r.path.startsWith('/v1/messages'));
    assert.equal(sent.length, 1, 'one request to the model');
    const body = JSON.stringify(sent[0].body);
    assert.match(body, /\\"answers\\":2/, 'the statistics are in the request');
    for (const secret of ['PRIVATE', 'payroll', first.text.slice(0, 40)]) assert.ok(!body.includes(secret), `the request carries "${secret}"`);
    const view = await waitFor(async () => ((await insightsState()).learning?.narrative === narrative ? (await insightsState()).learning : undefined), {
      what: 'the narrative in the view',
    });
    assert.equal(view.summaryRecordCount, 2);
  });

  it('sets a garbage segment aside with one warning and goes on recording', async () => {
    const stamp = Date.now() - 10_000;
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, `segment-${stamp}-garbage1.jsonl`), '\u0000\u0001 this is not JSON\n{"also": "bad"\n');
    writeFileSync(join(root, `segment-${stamp + 1}-garbage2.jsonl`), 'PK\u0003\u0004 a zip, not records\n');
    await ask('Python: how do I read a CSV with pandas?');
    const summary = await summarize();
    assert.equal(summary.recordCount, 1, 'the answer is counted, the garbage is not');
    assert.ok(existsSync(join(root, `segment-${stamp}-garbage1.jsonl.corrupt`)));
    assert.ok(existsSync(join(root, `segment-${stamp + 1}-garbage2.jsonl.corrupt`)));
    const shown = (await learningState()).warningsShown.filter((w) => /set aside/.test(w));
    assert.equal(shown.length, 1, `one warning for both files: ${shown.join(' | ')}`);
    await ask('Python: and how do I write it back?');
    assert.equal((await summarize()).recordCount, 2, 'recording went on');
    for (const f of readdirSync(root).filter((f) => f.endsWith('.corrupt'))) rmSync(join(root, f));
  });

  it('reports an export that cannot be written and leaves no file open, instead of hanging', async () => {
    await ask('Go: how do I read a file line by line?');
    const openFiles = () => readdirSync('/proc/self/fd').length;
    const before = openFiles();
    const missingFolder = join(mkdtempSync(join(tmpdir(), 'export-')), 'no', 'such', 'folder', 'learning.json');
    const outcome = await Promise.race([
      run<string | undefined>('claudeStream.exportLearningData', { path: missingFolder }),
      new Promise((r) => setTimeout(() => r('hung'), 8_000)),
    ]);
    assert.equal(outcome, undefined, 'the export says it wrote nothing');
    // /dev/full opens, then every write fails: the stream must be closed, not left open.
    for (let i = 0; i < 5; i++) assert.equal(await run('claudeStream.exportLearningData', { path: '/dev/full' }), undefined);
    await waitFor(() => openFiles() <= before + 1, { what: `open files back to ${before} (now ${openFiles()})` });
  });

  it('has every answer on disk once deactivate() resolves, when the window closes right after an answer', async () => {
    const answer = await ask('Rust: how do I borrow a slice of a Vec?');
    // Records are buffered for a moment before they are written; the window closes now.
    assert.ok(!storedRecords(root).some((r) => r.id === answer.id), 'the record is still buffered (the test would prove nothing otherwise)');
    await run('claudeStream._test.deactivate');
    assert.ok(
      storedRecords(root).some((r) => r.id === answer.id),
      'the buffered record was written before deactivate() resolved',
    );
    // Closing is not the end of the feature in this window: the next answer is recorded again.
    const next = await ask('Rust: and a mutable one?');
    await waitFor(() => storedRecords(root).some((r) => r.id === next.id), { what: 'the next answer on disk' });
  });
});
