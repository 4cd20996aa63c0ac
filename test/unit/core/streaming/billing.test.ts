import * as assert from 'node:assert/strict';
import { ANSWER, startHarness, type Harness } from './harness';

describe('What an answer is billed', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  it('counts the input of every attempt: a resumed answer pays for its prompt twice', async () => {
    h.server.enqueue({ text: ANSWER, inputTokens: 400, resetAfterTokens: 12 }, { text: ANSWER, inputTokens: 450 });
    const { result } = await h.ask('Explain streaming');
    assert.equal(result.outcome, 'done');
    assert.equal(result.resumed, true);
    assert.equal(result.usage.inputTokens, 850);
    assert.equal(result.usage.promptTokens, 450, 'the context is as large as the last prompt');
  });

  it('counts the input of a retried attempt that failed before any text', async () => {
    h.server.enqueue({ text: ANSWER, inputTokens: 300, errorAfterTokens: 0 }, { text: ANSWER, inputTokens: 300 });
    const { result } = await h.ask('Explain streaming');
    assert.equal(result.outcome, 'done');
    assert.equal(result.retries, 1);
    assert.equal(result.usage.inputTokens, 600);
  });

  it('asks for the prompt cache with the configured lifetime, and for none when it is off', async () => {
    await h.ask('one', { cacheTtl: '5m' });
    await h.ask('two', { cacheTtl: '1h' });
    await h.ask('three', { cacheTtl: 'off' });
    const bodies = h.server.requests.filter((r) => r.path === '/v1/messages').map((r) => r.body as Record<string, unknown>);
    assert.deepEqual(
      bodies.map((b) => b.cache_control),
      [{ type: 'ephemeral', ttl: '5m' }, { type: 'ephemeral', ttl: '1h' }, undefined],
    );
  });
});
