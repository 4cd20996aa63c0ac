import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LearningSettings } from '../../../../src/core/learning/continuousLearning';
import { ContinuousLearning } from '../../../../src/core/learning/continuousLearning';
import type { LearningSummary } from '../../../../src/core/learning/batchAnalysis';
import { dismissInsight, editPreferences, readLearningState, resetPreferences } from '../../../../src/core/learning/insights';
import { LearningStore } from '../../../../src/core/learning/store';
import type { RecordSpec } from './helpers';
import { BASE_TIME, makeRecord, memoryState, removeDir, tempDir } from './helpers';

const SETTINGS: LearningSettings = { enabled: true, batchSize: 100, storeContent: true, applyToPrompts: false, maxTokens: 4096, maxRetries: 3 };
let seq = 0;

describe('continuous learning', () => {
  let dir: string;
  let root: string;
  let state: ReturnType<typeof memoryState>;
  let learning: ContinuousLearning;
  let summaries: LearningSummary[];
  beforeEach(() => {
    dir = tempDir();
    root = path.join(dir, 'learning');
    state = memoryState();
    summaries = [];
  });
  afterEach(async () => {
    await learning.dispose();
    removeDir(dir);
  });
  const start = (settings: Partial<LearningSettings> = {}, flushIntervalMs = 20) =>
    (learning = new ContinuousLearning({
      store: new LearningStore({ root }),
      state,
      settings: { ...SETTINGS, ...settings },
      flushSize: 10,
      flushIntervalMs,
      bucketing: { tzOffsetMinutes: 0 },
      onSummary: (s) => summaries.push(s),
    }));
  /** Records an answer the way the shell does when a stream ends. */
  const answer = (spec: RecordSpec = {}) => {
    const r = makeRecord(spec);
    return learning.record({
      id: spec.id ?? `a${++seq}`,
      time: r.time,
      source: 'chat',
      prompt: spec.prompt ?? 'q?',
      analysis: r.analysis,
      result: {
        outcome: r.metrics.outcome,
        text: spec.answer ?? r.answer ?? '',
        thinking: '',
        stopReason: r.metrics.stopReason,
        usage: { inputTokens: r.metrics.inputTokens, outputTokens: r.metrics.outputTokens },
        model: r.model,
        timeToFirstTokenMs: r.metrics.timeToFirstTokenMs,
        totalMs: r.metrics.responseTimeMs,
        tokensPerSecond: r.metrics.tokensPerSecond,
        retries: r.metrics.retries,
        resumed: false,
      },
    });
  };
  const stored = async () => {
    const ids: string[] = [];
    for await (const { record } of new LearningStore({ root }).records()) ids.push(record.id);
    return ids;
  };

  it('writes nothing at all when learning is disabled', async () => {
    start({ enabled: false });
    assert.equal(answer(), undefined);
    await learning.flush();
    assert.equal(await learning.updateModel(), undefined);
    assert.equal(fs.existsSync(root), false);
    assert.equal(await learning.view(), undefined);
  });

  it('flushes buffered records after the interval, and at once when the buffer fills', async () => {
    start({}, 30);
    answer({ id: 'one' });
    assert.deepEqual(await stored(), []);
    await new Promise((r) => setTimeout(r, 80));
    assert.deepEqual(await stored(), ['one']);
    for (let i = 0; i < 10; i++) answer({ id: `b${i}` });
    await learning.flush();
    assert.equal((await stored()).length, 11);
  });

  it('flushes what is buffered on dispose', async () => {
    start({}, 60_000);
    answer({ id: 'last' });
    await learning.dispose();
    assert.deepEqual(await stored(), ['last']);
  });

  it('summarises in the background every batchSize records and counts across restarts', async () => {
    start({ batchSize: 15 });
    for (let i = 0; i < 10; i++) answer();
    await learning.flush();
    assert.equal(readLearningState(state).recordsSinceSummary, 10);
    await learning.dispose();
    start({ batchSize: 15 });
    for (let i = 0; i < 10; i++) answer();
    await learning.flush();
    while (learning.summarizing || summaries.length === 0) await new Promise((r) => setTimeout(r, 5));
    assert.equal(summaries[0].recordCount, 20);
    assert.equal(readLearningState(state).recordsSinceSummary, 0);
    assert.equal(readLearningState(state).lastSummaryId, summaries[0].id);
  });

  it("lowers an answer's quality when the next message says it does not work", async () => {
    start();
    for (let i = 0; i < 10; i++) {
      const r = answer({ topics: ['docker'] })!;
      assert.ok(learning.followUp(r.id, "that doesn't work, same error") < 0);
    }
    await learning.flush();
    for (let i = 0; i < 10; i++) {
      const r = answer({ topics: ['react'] })!;
      await learning.flush();
      learning.followUp(r.id, 'thanks, that worked');
      learning.amend(r.id, { copied: true });
    }
    const s = (await learning.updateModel())!;
    const view = (await learning.view())!;
    const q = Object.fromEntries(view.qualityByTopic.map((t) => [t.topic, t.quality]));
    assert.equal(q.docker, 0.3);
    assert.equal(q.react, 0.85);
    assert.equal(s.recordCount, 20);
  });

  it('gets better at serving the user: learned preferences reach the system prompt only when opted in', async () => {
    const short = '```ts\nconst a = 1;\n```\nDone.';
    const long = 'Let me explain in depth. ' + 'More background. '.repeat(250) + '\n```ts\nconst a = 1;\n```';
    start();
    for (let i = 0; i < 15; i++) learning.amend(answer({ answer: short, topics: ['react'] })!.id, { applied: true });
    for (let i = 0; i < 15; i++) learning.amend(answer({ answer: long, topics: ['react'] })!.id, { regenerated: true });
    await learning.updateModel();
    assert.equal((await learning.applied()).systemSuffix, undefined);
    learning.updateSettings({ ...SETTINGS, applyToPrompts: true });
    const suffix = (await learning.applied()).systemSuffix;
    assert.ok(suffix?.includes('Works mainly in TypeScript, often on react. Prefers concise answers with code first.'), suffix);
  });

  it("keeps the user's edited note over later summaries, and drops it when they remove it", async () => {
    start({ applyToPrompts: true });
    for (let i = 0; i < 20; i++) answer({ answer: '```py\nx\n```', topics: ['django'] });
    await learning.updateModel();
    assert.match((await learning.view())!.learnedPreferences!, /Python/);
    await editPreferences(state, 'Answer in French.');
    for (let i = 0; i < 20; i++) answer({ answer: '```ts\nx\n```' });
    await learning.updateModel();
    assert.equal((await learning.view())!.learnedPreferences, 'Answer in French.');
    assert.match((await learning.applied()).systemSuffix!, /Answer in French\.$/);
    await editPreferences(state, '');
    assert.equal((await learning.applied()).systemSuffix, undefined);
    await resetPreferences(state);
    assert.match((await learning.view())!.learnedPreferences!, /TypeScript/);
  });

  it('returns suggested settings as data and hides dismissed insights', async () => {
    start();
    for (let i = 0; i < 30; i++) answer({ stopReason: i < 9 ? 'max_tokens' : 'end_turn', time: BASE_TIME + i });
    await learning.updateModel();
    assert.deepEqual((await learning.applied()).suggestedSettings, [{ insightId: 'max-tokens', key: 'claudeStream.maxTokens', value: 8192 }]);
    assert.ok((await learning.view())!.insights.some((i) => i.id === 'max-tokens'));
    await dismissInsight(state, 'max-tokens');
    assert.ok(!(await learning.view())!.insights.some((i) => i.id === 'max-tokens'));
    assert.deepEqual((await learning.applied()).suggestedSettings, []);
  });

  it('shows the records written since the last summary in the view', async () => {
    start();
    for (let i = 0; i < 4; i++) answer();
    await learning.updateModel();
    for (let i = 0; i < 3; i++) answer();
    const view = (await learning.view())!;
    assert.equal(view.summaryRecordCount, 4);
    assert.equal(view.recordCount, 7);
    assert.match(view.narrative!, /^4 answers recorded/);
  });

  it('joins a running summary instead of starting a second one, and cancels on dispose', async () => {
    start();
    for (let i = 0; i < 3000; i++) answer({ time: BASE_TIME + i });
    const a = learning.updateModel();
    const b = learning.updateModel();
    assert.equal(a, b);
    await learning.dispose();
    assert.equal(await a, undefined);
    assert.equal(summaries.length, 0);
  });

  it('records an answer as the chat reports it, even without analysis, and takes later actions on it', async () => {
    start();
    const result = {
      outcome: 'done' as const,
      text: 'ok',
      thinking: '',
      stopReason: 'end_turn',
      usage: { inputTokens: 1, outputTokens: 2 },
      model: 'claude-haiku-4-5',
      totalMs: 10,
      tokensPerSecond: 200,
      retries: 0,
      resumed: false,
    };
    learning.recordAnswer({ messageId: 'mabc123', source: 'inline', prompt: 'why', result });
    learning.signal('mabc123', 'thumbsDown');
    await learning.flush();
    learning.signal('mabc123', 'applied');
    const s = (await learning.updateModel())!;
    assert.equal(s.recordCount, 1);
    assert.equal(s.aggregate.sources.inline, 1);
    assert.equal(s.aggregate.quality.sum, 0.35, 'thumbs-down caps the applied answer below 0.4');
  });

  it('clears recorded data and the summary', async () => {
    start();
    answer();
    await learning.updateModel();
    await learning.clear();
    assert.deepEqual(await stored(), []);
    assert.equal((await learning.view())!.recordCount, 0);
  });
});
