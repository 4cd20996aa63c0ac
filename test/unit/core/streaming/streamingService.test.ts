import * as assert from 'node:assert/strict';
import { ANSWER, FAST, startHarness, type Harness } from './harness';

describe('StreamingService over the real SDK', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  it('assembles the streamed text exactly as the server sent it', async () => {
    h.server.enqueue({ text: ANSWER });
    const { result, seen } = await h.ask('Explain streaming');
    assert.equal(result.outcome, 'done');
    assert.equal(result.text, ANSWER);
    assert.equal(seen.text, ANSWER);
    assert.ok(seen.deltas.length > 20, `expected token-sized deltas, got ${seen.deltas.length}`);
    assert.equal(result.stopReason, 'end_turn');
    assert.equal(result.retries, 0);
    assert.equal(result.resumed, false);
  });

  it('streams a 100k-token answer completely and quickly', async function () {
    this.timeout(30_000);
    const text = Array.from({ length: 40_000 }, (_, i) => `word${i % 97} `).join('');
    h.server.enqueue({ text, tokenChars: [1, 3] });
    const started = Date.now();
    const { result, seen } = await h.ask('Write a lot', { model: 'claude-test-bulk', maxTokens: 200_000 });
    const ms = Date.now() - started;
    assert.equal(result.outcome, 'done');
    assert.equal(result.text.length, text.length);
    assert.equal(result.text, text);
    assert.ok(seen.deltas.length >= 100_000, `deltas ${seen.deltas.length}`);
    assert.equal(result.usage.outputTokens, seen.deltas.length);
    assert.ok(ms < 20_000, `took ${ms} ms`);
  });

  it('keeps thinking apart from the answer text', async () => {
    h.server.enqueue({ thinking: 'First I consider the user. Then I answer.', text: 'The answer is 42.' });
    const { result, seen } = await h.ask('What is the answer?');
    assert.equal(result.text, 'The answer is 42.');
    assert.equal(result.thinking, 'First I consider the user. Then I answer.');
    assert.equal(seen.thinking, result.thinking);
    assert.ok(!seen.text.includes('consider'));
  });

  it('reports input tokens, cumulative output tokens, time to first token and tokens per second', async () => {
    h.server.enqueue({ text: 'one two three four five six seven eight', inputTokens: 321, delayMs: 3 });
    const { result, seen } = await h.ask('count');
    assert.equal(result.usage.inputTokens, 321);
    assert.equal(result.usage.outputTokens, seen.deltas.length);
    assert.ok(result.timeToFirstTokenMs !== undefined && result.timeToFirstTokenMs >= 0);
    assert.ok(result.totalMs >= result.timeToFirstTokenMs);
    assert.ok(result.tokensPerSecond > 0);
    // Live figures arrive during the stream, but not per token: at most one per 50 ms.
    assert.ok(seen.metricsCalls >= 1);
    assert.ok(seen.metricsCalls <= Math.ceil(result.totalMs / 50) + 1, `${seen.metricsCalls} reports in ${result.totalMs} ms`);
  });

  it('ignores unknown event and delta types and pings', async () => {
    h.server.enqueue({ text: ANSWER, unknownEvents: true, pingEvery: 2 });
    const { result } = await h.ask('hi');
    assert.equal(result.outcome, 'done');
    assert.equal(result.text, ANSWER);
  });

  it('treats pings as signs of life: a long pause with pings is not a stall', async () => {
    h.server.enqueue({ text: ANSWER, pauseAfterTokens: 5, pauseMs: 450, pausePingMs: 40 });
    const { result, seen } = await h.ask('slow', { idleTimeoutMs: 150 });
    assert.equal(result.outcome, 'done');
    assert.equal(result.text, ANSWER);
    assert.equal(seen.retries.length, 0);
    assert.equal(h.server.requests.length, 1);
  });

  it('counts the same pause without pings as a stall and resumes after it', async () => {
    h.server.enqueue({ text: ANSWER, pauseAfterTokens: 5, pauseMs: 450 }, { text: ANSWER });
    const { result, seen } = await h.ask('slow', { idleTimeoutMs: 150 });
    assert.equal(result.text, ANSWER);
    assert.equal(seen.retries[0].reason.kind, 'stalled');
    assert.equal(result.resumed, true);
  });

  it('decodes multi-byte characters split across TCP writes', async () => {
    const text = 'Ünïcödé — 日本語のテキスト 🎉🚀 ok';
    h.server.enqueue({ text, splitUtf8: true, tokenChars: 2 });
    const { result } = await h.ask('unicode');
    assert.equal(result.text, text);
    assert.ok(!result.text.includes('\uFFFD'));
  });

  it('sends no temperature, top_p or top_k under API version 2026-10-21, even when the deprecated settings are set', async () => {
    const { result } = await h.ask('a', { temperature: 0.3, topP: 0.9 });
    assert.equal(result.outcome, 'done', result.error?.message);
    const body = h.server.requests[0].body as Record<string, unknown>;
    assert.equal(h.server.requests[0].headers['anthropic-version'], '2026-10-21');
    for (const field of ['temperature', 'top_p', 'top_k']) assert.equal(field in body, false, field);
  });

  it('under API version 2023-06-01 sends the deprecated sampling settings to a 4.x model, top_p alone, and none to a generation-5 model', async () => {
    const legacy = await startHarness({}, { apiVersion: '2023-06-01' });
    try {
      const apiVersion = '2023-06-01';
      await legacy.ask('a', { apiVersion, temperature: 0.3 });
      await legacy.ask('b', { apiVersion, temperature: 0.3, topP: 0.9 });
      await legacy.ask('c', { apiVersion, temperature: 0.3, model: 'claude-sonnet-5-5' });
      const [first, second, third] = legacy.server.requests.map((r) => r.body as Record<string, unknown>);
      assert.equal(legacy.server.requests[0].headers['anthropic-version'], '2023-06-01');
      assert.equal(first.temperature, 0.3);
      assert.equal(second.top_p, 0.9);
      assert.equal('temperature' in second, false, 'newer models reject both together');
      assert.equal('temperature' in third, false, 'generation-5 models reject a non-default temperature');
    } finally {
      await legacy.close();
    }
  });

  it('sends the whole conversation, the model, max_tokens and the system prompt with its suffix', async () => {
    await h.service.stream(
      {
        messages: [
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: 'Hello!' },
          { role: 'user', content: 'And now?' },
        ],
        settings: { model: 'claude-sonnet-5', maxTokens: 77, temperature: 1, maxRetries: 0, backoffMs: 1, idleTimeoutMs: 2000, systemPrompt: 'Be brief.' },
        systemSuffix: 'The user prefers TypeScript.',
      },
      {},
    );
    const body = h.server.requests[0].body as Record<string, unknown>;
    assert.equal(body.model, 'claude-sonnet-5');
    assert.equal(body.max_tokens, 77);
    assert.equal(body.stream, true);
    assert.equal(body.system, 'Be brief.\n\nThe user prefers TypeScript.');
    assert.deepEqual(body.messages, [
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello!' },
      { role: 'user', content: 'And now?' },
    ]);
  });

  it('reports max_tokens as the stop reason when the answer was cut by the limit', async () => {
    h.server.enqueue({ text: 'Partial because of the', stopReason: 'max_tokens' });
    const { result } = await h.ask('long');
    assert.equal(result.outcome, 'done');
    assert.equal(result.stopReason, 'max_tokens');
  });
});

describe('StreamingService: thinking blocks signed elsewhere', () => {
  it('sends the conversation as text when another server (key, gateway) rejects an earlier answer’s thinking signature', async () => {
    const first = await startHarness();
    const second = await startHarness();
    try {
      first.server.enqueue({ thinking: 'Plan the answer.', text: 'A1' });
      const { result } = await first.ask('Q1', { model: 'claude-sonnet-5-5' });
      assert.equal(result.thinkingBlocks?.length, 1);
      second.server.enqueue({ text: 'A2' });
      const answer = await second.service.stream(
        {
          messages: [
            { role: 'user', content: 'Q1' },
            { role: 'assistant', content: 'A1', thinkingBlocks: result.thinkingBlocks },
            { role: 'user', content: 'Q2' },
          ],
          settings: { ...FAST, model: 'claude-sonnet-5-5' },
        },
        {},
      );
      assert.equal(answer.outcome, 'done', answer.error?.message);
      assert.equal(answer.text, 'A2');
      assert.equal(answer.thinkingBlocksRejected, true);
      const sent = second.sentMessages() as Array<Array<{ content: unknown }>>;
      assert.equal(sent.length, 2, 'one rejected request, one retry without waiting');
      assert.ok(Array.isArray(sent[0][1].content), 'the first try sent the signed block');
      assert.equal(sent[1][1].content, 'A1', 'the retry sent the answer as text');
    } finally {
      await first.close();
      await second.close();
    }
  });
});
