import * as assert from 'node:assert/strict';
import type { MessageParam } from '@anthropic-ai/sdk/resources/messages';
import type { ContinuationBehaviour } from '../../server/index';
import { fixture, type Fixture } from './helpers';

/** Continue-turns read as a model reads them, answered perfectly or the ways real models slip. */
describe('strict server: continue-turns', () => {
  let f: Fixture;
  beforeEach(async () => (f = await fixture()));
  afterEach(() => f.server.close());

  const ANSWER = 'The quick brown fox jumps over the lazy dog. Then it naps.';
  const CODE = 'Use this:\n\n```ts\nconst x = 1;\nconst y = 2;\n```\n\nDone.';
  const resume = async (partial: string, ask: string, continuation?: ContinuationBehaviour, text = ANSWER, overlap?: number): Promise<string> => {
    f.server.enqueue({ text, continuation, continuationOverlapChars: overlap });
    const messages: MessageParam[] = [
      { role: 'user', content: 'Tell me a story' },
      { role: 'assistant', content: partial },
      { role: 'user', content: ask },
    ];
    return f.client.messages.stream({ model: 'claude-sonnet-5-5', max_tokens: 2000, messages, thinking: { type: 'between_tools' } }).finalText();
  };

  it('continues exactly after a continue-turn in wording the server has never seen', async () => {
    assert.equal(await resume('The quick brown fox ', 'You got cut off there. Please keep going.'), 'jumps over the lazy dog. Then it naps.');
    assert.equal(await resume('The quick brown fox', 'resume where you left off'), ' jumps over the lazy dog. Then it naps.');
  });

  it('answers in full when the assistant turn is not a prefix of its answer, or the user asks something new', async () => {
    assert.equal(await resume('A different start', 'continue'), ANSWER);
    assert.equal(await resume('The quick brown fox ', 'What is a fox?'), ANSWER);
  });

  it('can restart, repeat the last phrase, reopen a code fence, or rewrite a broken word', async () => {
    assert.equal(await resume('The quick brown fox ', 'continue', 'restart'), ANSWER);
    assert.equal(await resume('The quick brown fox jumps over the lazy dog. Then', 'continue', 'repeat'), ' Then it naps.');
    assert.equal(await resume('The quick brown fox ', 'continue', 'repeat', ANSWER, 4), 'fox jumps over the lazy dog. Then it naps.');
    assert.equal(await resume('Use this:\n\n```ts\nconst x = 1;\nconst y', 'continue', 'reopen-fence', CODE), '```ts\nconst y = 2;\n```\n\nDone.');
    assert.equal(await resume('The quick bro', 'continue', 'midword'), 'brown fox jumps over the lazy dog. Then it naps.');
    assert.equal(await resume('The quick ', 'continue', 'midword'), 'brown fox jumps over the lazy dog. Then it naps.', 'no broken word: exact');
  });
});
