import * as assert from 'node:assert/strict';
import { CONTINUE_PROMPT } from '../../../../src/core/streaming/resumeStrategy';
import type { StreamResult } from '../../../../src/core/streaming/types';
import type { Scenario } from '../../../server/index';
import { FAST, LONG_ANSWER, startHarness, type Harness } from './harness';

/** A model that rejects prefill, so every resume is a continue-turn. */
const MODEL = 'claude-opus-4-6';
type Sent = Array<Array<{ role: string; content: string }>>;

const FENCE_BODY = LONG_ANSWER.indexOf('```ts\n') + '```ts\n'.length;
const isWord = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}_]/u.test(c);

describe('StreamingService shows one answer however the model continues after a break', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  /**
   * Streams LONG_ANSWER one code point per delta, reset after `deltas` of them; the
   * continue-turn is answered by `continuation` (its `text` is what the model writes, streamed
   * as is unless it starts with the partial). Returns the chars the user saw before the break.
   */
  async function breakAfter(deltas: number, continuation: Scenario) {
    h.server.enqueue({ text: LONG_ANSWER, tokenChars: 1, resetAfterTokens: deltas }, continuation);
    const { result, seen } = await h.ask('Explain streaming', { model: MODEL });
    assert.equal(result.outcome, 'done', result.error?.message);
    assert.equal(seen.resumes[0]?.strategy, 'continue-turn');
    const kept = seen.resumes[0].keptChars;
    const partial = (h.sentMessages() as Sent)[1].at(-2)?.content;
    assert.equal(partial, LONG_ANSWER.slice(0, kept));
    return { result, seen, kept };
  }

  /** As breakAfter, for a cut in the answer's ASCII start, where a delta is one char. */
  async function breakAt(cut: number, continuation: Scenario) {
    assert.ok(/^[\x00-\x7f]*$/.test(LONG_ANSWER.slice(0, cut)), 'an ASCII prefix');
    const out = await breakAfter(cut, continuation);
    assert.equal(out.kept, cut);
    return out;
  }

  it('shows the answer once when the model starts over after 1,947 chars', async () => {
    const { result, seen, kept } = await breakAfter(1947, { text: LONG_ANSWER, continuation: 'restart' });
    assert.ok(kept >= 1947, `${kept}`);
    assert.equal(seen.text, LONG_ANSWER);
    assert.equal(result.text, LONG_ANSWER);
  });

  it('shows the answer once when the model starts over with a reworded opening', async () => {
    const reworded = LONG_ANSWER.replace('because every token is shown', 'since each token is shown');
    const { result, seen } = await breakAfter(1200, { text: reworded });
    assert.equal(seen.text, LONG_ANSWER);
    assert.equal(result.text, LONG_ANSWER);
  });

  it('drops the last phrase when the model writes it again', async () => {
    const cut = LONG_ANSWER.indexOf('nothing is re-rendered') + 10;
    const phrase = LONG_ANSWER.indexOf('Each text delta');
    assert.ok(cut - phrase > 20, 'the repeated run is a phrase, not a few letters');
    const { result, seen } = await breakAt(cut, { text: LONG_ANSWER.slice(phrase) });
    assert.equal(seen.text, LONG_ANSWER);
    assert.equal(result.text, LONG_ANSWER);
  });

  it('drops the code fence the model reopens, and the code line it writes again', async () => {
    const cut = LONG_ANSWER.indexOf('items.reduce') + 'items.re'.length;
    assert.ok(cut > FENCE_BODY);
    const line = LONG_ANSWER.lastIndexOf('\n', cut - 1) + 1;
    for (const rest of [LONG_ANSWER.slice(cut), LONG_ANSWER.slice(line), LONG_ANSWER.slice(FENCE_BODY)]) {
      h.server.reset();
      const { result, seen } = await breakAt(cut, { text: '```ts\n' + rest });
      assert.equal(seen.text, LONG_ANSWER);
      assert.equal(result.text, LONG_ANSWER);
      assert.equal((seen.text.match(/```ts\n/g) ?? []).length, 1, 'one fence opening');
    }
  });

  it('leaves no fragment when the break falls inside a word and the model rewrites the word', async () => {
    const cut = LONG_ANSWER.indexOf('responsive') + 3;
    assert.ok(isWord(LONG_ANSWER[cut - 1]) && isWord(LONG_ANSWER[cut]));
    const { result, seen } = await breakAt(cut, { text: LONG_ANSWER.slice(cut - 3) });
    assert.ok(seen.text.includes(' responsive '), 'not "resresponsive"');
    assert.equal(result.text, LONG_ANSWER);
  });

  it('keeps genuine repeats that straddle the break when the model continues exactly', async () => {
    for (const marker of ['token token', '| --- | --- |', 'long, long']) {
      const cut = LONG_ANSWER.indexOf(marker) + Math.ceil(marker.length / 2);
      h.server.reset();
      const { result } = await breakAt(cut, { text: LONG_ANSWER });
      assert.equal(result.text, LONG_ANSWER, `break inside "${marker}"`);
    }
  });
});

describe('StreamingService continues a finished answer (Continue after max_tokens)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ rejectPrefillModels: (m) => m === MODEL });
  });
  afterEach(() => h.close());

  const question = [{ role: 'user' as const, content: 'Explain streaming' }];

  /** Continues `shown` as the answer to `question`; returns the result and what the observer got. */
  async function continueFrom(shown: string, model = MODEL): Promise<{ result: StreamResult; deltas: string; resumes: number }> {
    let deltas = '';
    let resumes = 0;
    const result = await h.service.stream(
      { messages: question, settings: { ...FAST, model }, continueFrom: shown },
      { onText: (d) => void (deltas += d), onResume: () => void resumes++ },
    );
    return { result, deltas, resumes };
  }

  it('continues an answer cut at max_tokens into the whole answer, showing only the new text', async () => {
    h.server.enqueue({ text: LONG_ANSWER.slice(0, 1500), stopReason: 'max_tokens' });
    const first = await h.ask('Explain streaming', { model: MODEL });
    assert.equal(first.result.stopReason, 'max_tokens');
    h.server.enqueue({ text: LONG_ANSWER });
    const { result, deltas, resumes } = await continueFrom(first.result.text);
    assert.equal(result.outcome, 'done', result.error?.message);
    assert.equal(result.stopReason, 'end_turn');
    assert.equal(result.text, LONG_ANSWER, 'the result is the whole answer');
    assert.equal(deltas, LONG_ANSWER.slice(1500), 'the observer gets only the continuation');
    assert.equal(resumes, 0, 'a requested continuation is not a resume');
    assert.equal(result.resumed, false);
    const sent = (h.sentMessages() as Sent)[1];
    assert.deepEqual(sent, [...question, { role: 'assistant', content: LONG_ANSWER.slice(0, 1500) }, { role: 'user', content: CONTINUE_PROMPT }]);
  });

  it('joins the continuation exactly as a resume, when the model starts over', async () => {
    h.server.enqueue({ text: LONG_ANSWER, continuation: 'restart' });
    const { result, deltas } = await continueFrom(LONG_ANSWER.slice(0, 1947));
    assert.equal(result.text, LONG_ANSWER);
    assert.equal(deltas, LONG_ANSWER.slice(1947));
  });

  it('continues with a prefill on a model that takes one, trimming the trailing whitespace', async () => {
    const shown = LONG_ANSWER.slice(0, LONG_ANSWER.indexOf('## Overview'));
    assert.match(shown, /\s$/);
    h.server.enqueue({ text: LONG_ANSWER });
    const { result, deltas } = await continueFrom(shown, 'claude-haiku-4-5');
    assert.equal(result.text, LONG_ANSWER);
    assert.equal(deltas, LONG_ANSWER.slice(shown.length));
    const sent = (h.sentMessages() as Sent)[0];
    assert.deepEqual(sent.at(-1), { role: 'assistant', content: shown.trimEnd() });
  });

  it('resumes a continuation that breaks, still ending with the whole answer', async () => {
    h.server.enqueue({ text: LONG_ANSWER, resetAfterTokens: 30 }, { text: LONG_ANSWER, continuation: 'restart' });
    const { result, deltas, resumes } = await continueFrom(LONG_ANSWER.slice(0, 800));
    assert.equal(result.outcome, 'done', result.error?.message);
    assert.equal(result.text, LONG_ANSWER);
    assert.equal(deltas, LONG_ANSWER.slice(800));
    assert.equal(resumes, 1);
    assert.equal(result.retries, 1);
    const [, second] = h.sentMessages() as Sent;
    assert.ok(second.at(-2)!.content.length > 800, 'the resume continues from the continued text');
  });

  it('keeps the shown answer in the result when the continuation fails', async () => {
    h.server.enqueue({ status: 400, errorType: 'invalid_request_error', errorMessage: 'bad' });
    const { result, deltas } = await continueFrom(LONG_ANSWER.slice(0, 500));
    assert.equal(result.outcome, 'error');
    assert.equal(result.text, LONG_ANSWER.slice(0, 500));
    assert.equal(deltas, '');
  });
});
