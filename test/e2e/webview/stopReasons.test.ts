/**
 * What a finished answer tells the user in the chat webview, in real Chromium: the stop
 * reason on the message element, thinking in its own section beside the text with how long it
 * took, a Continue after `max_tokens`, a clear refusal, the context actions, never a silent
 * blank answer; and the effort picker offering only the selected model's levels.
 */
import * as assert from 'node:assert/strict';
import { ModelCatalog, modelChoiceView } from '../../../src/core/models/modelCatalog';
import { chatState, streamingAnswer, useHarnessSuite } from './harness';

describe('chat webview: stop reasons, thinking and effort', function () {
  this.timeout(60_000);
  const suite = useHarnessSuite();

  const message = (id: string) => suite.h.page.locator(`#message-${id}`);
  const turnOf = (id: string) => suite.h.page.locator(`article[data-message-id="${id}"]`);

  it('streams thinking live in a section beside the answer, then folds it as "Thought for N s"', async () => {
    await suite.h.post({ type: 'message/add', message: streamingAnswer('t1') });
    await suite.h.post({ type: 'stream/delta', streamId: 't1', seq: 1, text: '', thinking: 'Weighing two approaches. ' });
    const thinking = turnOf('t1').locator('[data-part="thinking"]');
    await thinking.getByText('Weighing two approaches.').waitFor();
    assert.equal(await thinking.evaluate((d) => (d as HTMLDetailsElement).open), true, 'open while the model thinks');
    assert.equal(await thinking.locator('summary').textContent(), 'Thinking…');
    await suite.h.post({ type: 'stream/delta', streamId: 't1', seq: 2, text: 'Use a debounce.' });
    await suite.h.post({ type: 'stream/end', streamId: 't1', state: 'done', text: 'Use a debounce.', stop: 'end_turn', thinkingMs: 4200 });
    await message('t1').and(suite.h.page.locator('[data-state="done"]')).waitFor();
    assert.equal(await thinking.locator('summary').textContent(), 'Thought for 4 s');
    assert.equal(await thinking.evaluate((d) => (d as HTMLDetailsElement).open), false, 'folded once the answer came');
    assert.equal((await message('t1').textContent())?.trim(), 'Use a debounce.', 'the message text is the answer alone');
    assert.equal(await message('t1').getAttribute('data-stop'), 'end_turn');
    assert.equal(await turnOf('t1').getByTestId('stop-notice').count(), 0, 'a normal end needs no notice');
  });

  it('offers Continue after max_tokens, and a continued answer streams on in the same message', async () => {
    await suite.h.post({ type: 'message/add', message: streamingAnswer('m1') });
    await suite.h.post({ type: 'stream/end', streamId: 'm1', state: 'done', text: 'The first half of', stop: 'max_tokens' });
    assert.equal(await message('m1').getAttribute('data-stop'), 'max_tokens');
    await turnOf('m1').getByText('reached the output limit').waitFor();
    await turnOf('m1').getByTestId('continue-answer').click();
    assert.deepEqual((await suite.h.posted()).at(-1), { type: 'message/continue', messageId: 'm1' });
    await suite.h.post({ type: 'stream/reopen', streamId: 'm1' });
    await message('m1').and(suite.h.page.locator('[data-state="streaming"]')).waitFor();
    assert.equal(await message('m1').getAttribute('data-stop'), null);
    await suite.h.post({ type: 'stream/delta', streamId: 'm1', seq: 1, text: ' the answer.' });
    await suite.h.post({ type: 'stream/end', streamId: 'm1', state: 'done', text: 'The first half of the answer.', stop: 'end_turn' });
    await message('m1').and(suite.h.page.locator('[data-stop="end_turn"]')).waitFor();
    assert.equal((await message('m1').textContent())?.trim(), 'The first half of the answer.');
    assert.equal(await suite.h.page.locator('article').count(), 1, 'one answer, not two');
    assert.equal(await turnOf('m1').getByTestId('stop-notice').count(), 0);
  });

  it('never shows a blank answer as a silent "done"', async () => {
    await suite.h.post({ type: 'message/add', message: streamingAnswer('b1') });
    await suite.h.post({ type: 'stream/delta', streamId: 'b1', seq: 1, text: '', thinking: 'Long deliberation…' });
    await suite.h.post({ type: 'stream/end', streamId: 'b1', state: 'done', text: '', stop: 'max_tokens', thinkingMs: 9000 });
    await turnOf('b1').getByText('spent its whole output budget').waitFor();
    await turnOf('b1').getByTestId('continue-answer').waitFor();
    await suite.h.post({ type: 'message/add', message: streamingAnswer('b2') });
    await suite.h.post({ type: 'stream/end', streamId: 'b2', state: 'done', text: '', stop: 'end_turn' });
    await turnOf('b2').getByText('returned no text').waitFor();
  });

  it('says clearly when Claude declined, with the API’s explanation', async () => {
    await suite.h.post({ type: 'message/add', message: streamingAnswer('r1') });
    await suite.h.post({
      type: 'stream/end',
      streamId: 'r1',
      state: 'done',
      text: '',
      stop: 'refusal',
      stopDetails: { category: 'cyber', explanation: 'This request asks for working malware.' },
    });
    assert.equal(await message('r1').getAttribute('data-stop'), 'refusal');
    const notice = turnOf('r1').getByTestId('stop-notice');
    await notice.getByText('Claude declined to answer this request.').waitFor();
    await notice.getByText('This request asks for working malware.').waitFor();
    await notice.getByText('left out of what later messages send').waitFor();
  });

  it('offers to drop the oldest turns or start a new chat when the context window is full', async () => {
    await suite.h.post({ type: 'message/add', message: streamingAnswer('c1') });
    await suite.h.post({ type: 'stream/end', streamId: 'c1', state: 'done', text: 'Partial', stop: 'model_context_window_exceeded' });
    await turnOf('c1').getByTestId('context-drop-oldest').click();
    assert.deepEqual((await suite.h.posted()).at(-1), { type: 'error/action', action: 'dropOldest' });
    await turnOf('c1').getByTestId('context-new-chat').click();
    assert.deepEqual((await suite.h.posted()).at(-1), { type: 'error/action', action: 'newChat' });
  });

  it('offers only the selected model’s effort levels, and says when a model is not in the list', async () => {
    const catalog = new ModelCatalog();
    await suite.h.post({ type: 'models', models: modelChoiceView(catalog, 'claude-opus-4-6', 'high') });
    const options = async () => (await suite.h.page.locator('[data-testid=effort-picker] vscode-option').allTextContents()).map((o) => o.trim());
    assert.deepEqual(await options(), ['Effort: default (high)', 'Effort: low', 'Effort: medium', 'Effort: high', 'Effort: max']);
    await suite.h.page.getByTestId('effort-picker').click();
    await suite.h.page.locator('[data-testid=effort-picker] vscode-option', { hasText: 'Effort: max' }).click();
    assert.deepEqual((await suite.h.posted()).at(-1), { type: 'effort/select', effort: 'max' });
    await suite.h.post({ type: 'models', models: modelChoiceView(catalog, 'claude-haiku-4-5', undefined) });
    assert.equal(await suite.h.page.getByTestId('effort-picker').isHidden(), true, 'Haiku 4.5 takes no effort setting');
    await suite.h.post({ type: 'models', models: modelChoiceView(catalog, 'claude-sonnet-9-typo', undefined) });
    await suite.h.page.getByTestId('model-note').getByText('is not in your model list').waitFor();
    await suite.h.page.locator('[data-testid=model-picker] vscode-option', { hasText: 'claude-sonnet-9-typo (not in your model list)' }).waitFor({ state: 'attached' });
  });

  it('restores a finished answer with its stop reason and thinking time from the saved state', async () => {
    await suite.h.post({
      type: 'chat/state',
      state: chatState([
        { id: 'u1', role: 'user', text: 'Q', state: 'done' },
        { id: 'a1', role: 'assistant', text: 'Cut', state: 'done', stop: 'max_tokens', thinking: 'Plan.', thinkingMs: 2000 },
      ]),
    });
    assert.equal(await message('a1').getAttribute('data-stop'), 'max_tokens');
    await turnOf('a1').getByTestId('continue-answer').waitFor();
    assert.equal(await turnOf('a1').locator('[data-part="thinking"] summary').textContent(), 'Thought for 2 s');
  });
});
