import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { summarize } from '../../../../src/core/learning/batchAnalysis';
import { cleanNarrative, narrativeRequest } from '../../../../src/core/learning/claudeNarrative';
import { readLearningState, setClaudeNarrative, toLearningView } from '../../../../src/core/learning/insights';
import { LearningStore } from '../../../../src/core/learning/store';
import { BASE_TIME, makeRecord, memoryState, removeDir, tempDir } from './helpers';

describe('Summarize with Claude', () => {
  let dir: string;
  let store: LearningStore;
  beforeEach(() => {
    dir = tempDir();
    store = new LearningStore({ root: path.join(dir, 'learning') });
  });
  afterEach(() => removeDir(dir));

  const seeded = async () => {
    await store.append(
      Array.from({ length: 25 }, (_, i) =>
        makeRecord({
          time: BASE_TIME + i * 60_000,
          topics: ['webpack'],
          prompt: `PRIVATE-PROMPT-${i} our staging password is hunter2`,
          answer: `PRIVATE-ANSWER-${i}\n\n\`\`\`ts\nconst secretToken = "sk-live-${i}";\n\`\`\`\n`,
          stopReason: i < 5 ? 'max_tokens' : 'end_turn',
        }),
      ),
    );
    return summarize(store, { bucketing: { tzOffsetMinutes: 0 }, clock: () => BASE_TIME + 3_600_000 });
  };

  it('sends counts, rates and topic keywords, and no prompt, answer or code of any record', async () => {
    const summary = await seeded();
    const request = narrativeRequest(summary);
    const sent = JSON.stringify(request);
    for (const secret of ['PRIVATE-PROMPT', 'PRIVATE-ANSWER', 'hunter2', 'sk-live', 'secretToken', 'staging']) {
      assert.ok(!sent.includes(secret), `the request must not contain "${secret}"`);
    }
    const stats = JSON.parse(request.messages[0].content.replace(/^[^\n]*\n/, '')) as {
      answers: number;
      stopReasons: Record<string, number>;
      topics: Array<{ keyword: string; answers: number }>;
    };
    assert.equal(stats.answers, 25);
    assert.equal(stats.stopReasons.max_tokens, 5);
    assert.deepEqual([stats.topics[0].keyword, stats.topics[0].answers], ['webpack', 25]);
    assert.ok(sent.length < 4000, `small request: ${sent.length} chars`);
  });

  it('shows the model’s narrative for the summary it describes, and the local one after a newer summary', async () => {
    const summary = await seeded();
    const state = memoryState();
    await setClaudeNarrative(state, 'You mostly work on webpack.', summary.id, BASE_TIME);
    assert.equal(toLearningView(summary, readLearningState(state)).narrative, 'You mostly work on webpack.');
    const newer = await summarize(store, { bucketing: { tzOffsetMinutes: 0 }, clock: () => BASE_TIME + 7_200_000 });
    assert.match(toLearningView(newer, readLearningState(state)).narrative ?? '', /^25 answers recorded/);
  });

  it('keeps the narrative plain and short', () => {
    assert.equal(cleanNarrative('You work on\n\nwebpack.\n```js\nx()\n```\nTry it.'), 'You work on webpack. Try it.');
    assert.equal(cleanNarrative('   \n'), undefined);
    assert.equal(cleanNarrative('a'.repeat(5000))?.length, 1200);
  });
});
