/**
 * Error cards in real Chromium, as a user meets them: the request id to give support, the
 * fixes that fit the error (context actions, the setting to open), and a failed answer that
 * offers nothing to rate.
 */
import * as assert from 'node:assert/strict';
import type { AnalysisSnapshot, ErrorView, MessageState } from '../../../src/shared/protocol';
import { chatState, streamingAnswer, useHarnessSuite } from './harness';

const snapshot: AnalysisSnapshot = {
  streamId: 'a1',
  sentiment: { value: 0.5, trend: 'rising', series: [0.1, 0.5] },
  topics: [{ term: 'streaming', weight: 3, count: 3 }],
  entities: [],
  tokensAnalyzed: 80,
  final: true,
  timing: { chunks: 2, lastChunkMs: 1, totalMs: 2 },
};

describe('chat webview error cards', function () {
  this.timeout(60_000);
  const suite = useHarnessSuite();

  const last = async () => (await suite.h.posted()).at(-1);
  const end = async (state: MessageState, error?: ErrorView, text = 'Some partial text.') => {
    await suite.h.post({ type: 'message/add', message: streamingAnswer('a1') });
    await suite.h.post({ type: 'stream/end', streamId: 'a1', state, text, error });
    await suite.h.page.locator(`#message-a1[data-state=${state}]`).waitFor({ state: 'attached' });
  };

  it('shows the request id with a Copy button that asks the host to copy it', async () => {
    await end('error', {
      kind: 'overloaded',
      message: 'The API is overloaded: Overloaded. The request failed after 3 retries.',
      action: 'retry',
      requestId: 'req_011CSHoEeqs5C35K2UUqR7Fy',
    });
    const card = suite.h.page.getByTestId('error-card');
    assert.equal(await card.getByTestId('error-request-id').textContent(), 'req_011CSHoEeqs5C35K2UUqR7Fy');
    await card.getByRole('button', { name: 'Copy the request ID' }).click();
    assert.deepEqual(await last(), { type: 'error/copyRequestId', requestId: 'req_011CSHoEeqs5C35K2UUqR7Fy' });
    await card.getByRole('button', { name: 'Copy the request ID' }).getByText('Copied').waitFor();
  });

  it('shows no request id row when the API gave none', async () => {
    await end('error', { kind: 'no_key', message: 'No API key is set.', action: 'setApiKey' });
    assert.equal(await suite.h.page.getByTestId('error-request-id').count(), 0);
  });

  it('offers Drop oldest turns and New chat for a prompt that is too long, and no Open Settings', async () => {
    await end('error', {
      kind: 'context',
      message: "The conversation no longer fits the model's context window (prompt is too long: 210345 tokens > 200000 maximum).",
      action: 'dropOldest',
      secondaryActions: ['newChat'],
      requestId: 'req_ctx',
    });
    const card = suite.h.page.getByTestId('error-card');
    const labels = await card.getByRole('button').allTextContents();
    assert.deepEqual(labels, ['Drop oldest turns', 'New chat', 'Copy']);
    await card.getByRole('button', { name: 'Drop oldest turns' }).click();
    assert.deepEqual(await last(), { type: 'error/action', action: 'dropOldest' });
    await card.getByRole('button', { name: 'New chat' }).click();
    assert.deepEqual(await last(), { type: 'error/action', action: 'newChat' });
  });

  it('opens the setting a configuration error names, and offers Retry beside it', async () => {
    await end(
      'error',
      {
        kind: 'config',
        message: 'Could not connect to http://127.0.0.1:9: the connection was refused (ECONNREFUSED); nothing is listening there. Check the setting claudeStream.baseUrl.',
        action: 'openSettings',
        secondaryActions: ['retry'],
        setting: 'claudeStream.baseUrl',
      },
      '',
    );
    const card = suite.h.page.getByTestId('error-card');
    await card.getByText(/http:\/\/127\.0\.0\.1:9.*claudeStream\.baseUrl/).waitFor();
    await card.getByRole('button', { name: 'Open Settings' }).click();
    assert.deepEqual(await last(), { type: 'error/action', action: 'openSettings', setting: 'claudeStream.baseUrl' });
    await card.getByRole('button', { name: 'Retry' }).click();
    assert.deepEqual(await last(), { type: 'error/action', action: 'retry' });
  });

  it('gives a failed answer no rating buttons and no sentiment strip, even when a late analysis arrives', async () => {
    await end('error', { kind: 'server', message: 'The API failed (500): boom.', action: 'retry' });
    await suite.h.post({ type: 'analysis/snapshot', streamId: 'a1', analysis: snapshot });
    const turn = suite.h.page.locator('article[data-message-id=a1]');
    await suite.h.page.waitForTimeout(100);
    assert.equal(await turn.getByTestId('feedback-up').isVisible(), false);
    assert.equal(await turn.getByTestId('feedback-down').isVisible(), false);
    assert.equal(await turn.getByTestId('analysis-strip').isVisible(), false);
    assert.equal(await turn.getByTestId('message-regenerate').isVisible(), true, 'Regenerate stays: it is how to try again');
  });

  it('still gives a finished answer its rating buttons and strip', async () => {
    await end('done', undefined, 'A complete answer.');
    await suite.h.post({ type: 'analysis/snapshot', streamId: 'a1', analysis: snapshot });
    const turn = suite.h.page.locator('article[data-message-id=a1]');
    await turn.getByTestId('analysis-strip').waitFor({ state: 'visible' });
    await turn.hover();
    assert.equal(await turn.getByTestId('feedback-up').isVisible(), true);
  });

  it('draws a failed answer restored from history the same way', async () => {
    await suite.h.post({
      type: 'chat/state',
      state: chatState([
        { id: 'u1', role: 'user', text: 'hi', state: 'done' },
        {
          id: 'a1',
          role: 'assistant',
          text: '',
          state: 'error',
          analysis: snapshot,
          error: { kind: 'context', message: 'Too long.', action: 'dropOldest', secondaryActions: ['newChat'], requestId: 'req_old' },
        },
      ]),
    });
    const turn = suite.h.page.locator('article[data-message-id=a1]');
    await turn.getByTestId('error-request-id').getByText('req_old').waitFor();
    assert.equal(await turn.getByTestId('feedback-up').isVisible(), false);
    assert.equal(await turn.getByTestId('analysis-strip').isVisible(), false);
  });
});
