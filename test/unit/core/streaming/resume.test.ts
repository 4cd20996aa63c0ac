import * as assert from 'node:assert/strict';
import { CONTINUE_PROMPT } from '../../../../src/core/streaming/resumeStrategy';
import type { Scenario } from '../../../server/index';
import { ANSWER, startHarness, type Harness } from './harness';

type Break = [string, Scenario, string];
const BREAKS: Break[] = [
  ['a connection reset', { resetAfterTokens: 17 }, 'connection'],
  ['a mid-stream error event', { errorAfterTokens: 17 }, 'overloaded'],
  ['a stalled stream', { stallAfterTokens: 17, stallMs: 3000 }, 'stalled'],
  ['a malformed SSE line', { malformedAfterTokens: 17 }, 'stream_error'],
];

describe('StreamingService resumes a broken answer', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ rejectPrefillModels: (m) => m === 'claude-sonnet-5' });
  });
  afterEach(() => h.close());

  const models: Array<[string, 'prefill' | 'continue-turn']> = [
    ['claude-haiku-4-5', 'prefill'],
    ['claude-opus-4-6', 'continue-turn'],
  ];
  for (const [model, strategy] of models) {
    for (const [what, fault, kind] of BREAKS) {
      it(`continues after ${what} with ${strategy}, losing and doubling nothing`, async () => {
        h.server.enqueue({ text: ANSWER, ...fault }, { text: ANSWER });
        const { result, seen } = await h.ask('Explain', { model, idleTimeoutMs: 150 });
        assert.equal(result.outcome, 'done', result.error?.message);
        assert.equal(result.text, ANSWER);
        assert.equal(seen.text, ANSWER);
        assert.equal(result.resumed, true);
        assert.equal(seen.retries.length, 1);
        assert.equal(seen.retries[0].reason.kind, kind);
        assert.equal(seen.retries[0].willResume, true);
        assert.equal(seen.resumes[0].strategy, strategy);
        const kept = seen.resumes[0].keptChars;
        assert.ok(kept > 0 && kept < ANSWER.length);
        const [, second] = h.sentMessages() as Array<Array<{ role: string; content: string }>>;
        if (strategy === 'prefill') {
          assert.equal(second.length, 2);
          assert.equal(second[1].role, 'assistant');
          assert.equal(second[1].content, ANSWER.slice(0, kept).trimEnd());
        } else {
          assert.deepEqual(second.slice(1), [
            { role: 'assistant', content: ANSWER.slice(0, kept) },
            { role: 'user', content: CONTINUE_PROMPT },
          ]);
        }
      });
    }
  }

  it('drops the text the model repeats when continuing in a new turn', async () => {
    h.server.enqueue({ text: ANSWER, resetAfterTokens: 20 }, { text: ANSWER, continuationOverlapChars: 14 });
    const { result, seen } = await h.ask('Explain', { model: 'claude-opus-4-6' });
    assert.equal(seen.resumes[0].strategy, 'continue-turn');
    assert.equal(result.text, ANSWER);
    assert.equal(seen.text, ANSWER);
  });

  it('keeps an answer that genuinely repeats itself across the break when continuing a prefill', async () => {
    // The break falls between two identical runs; a prefill continues exactly, so the second
    // run is new text, not a repeat to drop.
    const repeating = 'Separator rows: | --- | --- | --- | --- | --- | and token token token token token end.';
    for (let cut = 20; cut < 60; cut += 7) {
      h.server.enqueue({ text: repeating, tokenChars: 2, resetAfterTokens: Math.floor(cut / 2) }, { text: repeating, tokenChars: 2 });
      const { result, seen } = await h.ask('Explain', { model: 'claude-haiku-4-5' });
      assert.equal(seen.resumes[0]?.strategy, 'prefill');
      assert.equal(result.text, repeating, `break after ${cut} chars`);
      assert.equal(seen.text, repeating);
    }
  });

  it('keeps trailing whitespace exact when a prefill had to trim it', async () => {
    const text = 'Line one ends with spaces   \n\nLine two follows after a blank line, and then more words come.';
    // One char per delta so the break lands inside the whitespace run.
    h.server.enqueue({ text, tokenChars: 1, resetAfterTokens: 27 }, { text, tokenChars: 1 });
    const { result, seen } = await h.ask('ws', { model: 'claude-haiku-4-5' });
    assert.equal(seen.resumes[0].keptChars, 27);
    const prefill = (h.sentMessages()[1] as Array<{ content: string }>)[1].content;
    assert.equal(prefill, 'Line one ends with spaces');
    assert.equal(result.text, text);
    assert.equal(seen.text, text);
  });

  it('falls back to a continue-turn when the model rejects the prefill', async () => {
    // claude-haiku-4-5 takes prefill; this server rejects it anyway, as a gateway might.
    const strict = await startHarness({ rejectPrefillModels: () => true });
    try {
      strict.server.enqueue({ text: ANSWER, resetAfterTokens: 12 }, { text: ANSWER });
      const { result, seen } = await strict.ask('Explain', { model: 'claude-haiku-4-5' });
      assert.equal(result.text, ANSWER);
      assert.deepEqual(
        seen.resumes.map((r) => r.strategy),
        ['prefill', 'continue-turn'],
      );
      assert.equal(seen.retries.length, 1, 'the rejected prefill is not a failure to back off from');
      const sent = strict.sentMessages() as Array<Array<{ role: string; content: string }>>;
      assert.equal(sent.length, 3);
      assert.equal(sent[2].at(-1)?.content, CONTINUE_PROMPT);
    } finally {
      await strict.close();
    }
  });

  it('resumes again when the continuation breaks too', async () => {
    h.server.enqueue({ text: ANSWER, resetAfterTokens: 8 }, { text: ANSWER, errorAfterTokens: 10 }, { text: ANSWER, continuationOverlapChars: 10 });
    const { result, seen } = await h.ask('Explain', { model: 'claude-opus-4-6' });
    assert.equal(result.text, ANSWER);
    assert.equal(seen.text, ANSWER);
    assert.equal(result.retries, 2);
    assert.ok(seen.resumes[1].keptChars > seen.resumes[0].keptChars);
  });

  it('does not resume thinking: a break during thinking restarts and keeps only the new thinking', async () => {
    h.server.enqueue({ thinking: 'old thoughts that were cut', text: 'unused', stallAfterTokens: 0, stallMs: 2000 }, { thinking: 'Fresh thinking.', text: 'Final answer.' });
    const { result, seen } = await h.ask('Think', { idleTimeoutMs: 150 });
    assert.equal(result.text, 'Final answer.');
    assert.equal(result.thinking, 'Fresh thinking.');
    assert.equal(seen.retries[0].willResume, false);
  });
});
