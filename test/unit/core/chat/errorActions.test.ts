/**
 * The chat's side of errors, over the real SDK and the local server: what the error card
 * gets (request id, context actions), the retry notice's wording, and the context action
 * "Drop oldest turns" that resends the last prompt without the oldest exchange.
 */
import * as assert from 'node:assert/strict';
import { readConfig, type ClaudeStreamConfig } from '../../../../src/core/config';
import { ChatController } from '../../../../src/core/chat/chatController';
import { exchangesToDrop } from '../../../../src/core/chat/contextBudget';
import { HistoryStore } from '../../../../src/core/chat/historyStore';
import { createAnthropicClient, StreamingService } from '../../../../src/core/streaming';
import { startMockAnthropicServer, type MockAnthropicServer } from '../../../server';
import { memoryState, RecordingView } from '../../support/chatDoubles';

const TOO_LONG = { status: 400, errorMessage: 'prompt is too long: 210345 tokens > 200000 maximum' };

describe('chat controller and error actions', () => {
  let server: MockAnthropicServer;
  let config: ClaudeStreamConfig;
  let view: RecordingView;
  let controller: ChatController;

  before(async () => {
    server = await startMockAnthropicServer();
  });
  after(() => server.close());

  beforeEach(() => {
    server.reset();
    config = readConfig((key) => ({ 'retry.backoffMs': 5, 'stream.idleTimeoutMs': 2000, model: 'claude-sonnet-5' })[key]);
    const service = new StreamingService({ client: createAnthropicClient({ apiKey: server.apiKey, baseUrl: server.url }) });
    view = new RecordingView();
    controller = new ChatController({
      runStream: (request, observer, signal) => service.stream(request, observer, signal),
      config: () => config,
      history: new HistoryStore(memoryState(), () => 10),
      batchIntervalMs: 20,
    });
    controller.attach(view);
  });
  afterEach(() => controller.dispose());

  const ask = async (text: string, ...scenarios: Array<Record<string, unknown>>) => {
    server.enqueue(...scenarios);
    controller.submit(text);
    await controller.idle();
  };
  const sentPrompts = (): string[][] =>
    server.requests
      .filter((r) => r.path === '/v1/messages')
      .map((r) => (r.body as { messages: Array<{ role: string; content: string }> }).messages.filter((m) => m.role === 'user').map((m) => m.content));

  it('gives the error card the request id and the context actions of a prompt that is too long', async () => {
    await ask('Hello', TOO_LONG);
    const error = view.of('stream/end').at(-1)?.error;
    assert.equal(error?.kind, 'context');
    assert.equal(error?.action, 'dropOldest');
    assert.deepEqual(error?.secondaryActions, ['newChat']);
    assert.match(error?.requestId ?? '', /^req_/);
  });

  it('drops the oldest exchange and asks the last prompt again', async () => {
    await ask('First question', { text: 'First answer.' });
    await ask('Second question', { text: 'Second answer.' });
    await ask('Third question', TOO_LONG);
    server.reset();
    server.enqueue({ text: 'Third answer.' });
    await controller.dropOldestAndRetry();
    await controller.idle();
    assert.deepEqual(sentPrompts(), [['Second question', 'Third question']], 'the oldest exchange is no longer sent');
    assert.deepEqual(
      controller.messages().map((m) => [m.role, m.text, m.state]),
      [
        ['user', 'Second question', 'done'],
        ['assistant', 'Second answer.', 'done'],
        ['user', 'Third question', 'done'],
        ['assistant', 'Third answer.', 'done'],
      ],
    );
    assert.equal(view.of('chat/state').at(-1)?.state.messages.length, 3, 'the webview was redrawn without the dropped exchange before the answer');
  });

  it('drops as many old exchanges as the API said the prompt was over the window', async () => {
    const long = 'x'.repeat(400);
    for (const n of [1, 2, 3]) await ask(`Question ${n}`, { text: long });
    await ask('Question 4', { status: 400, errorMessage: 'prompt is too long: 1000 tokens > 500 maximum' });
    assert.deepEqual(view.of('stream/end').at(-1)?.error?.contextTokens, { prompt: 1000, limit: 500 });
    server.reset();
    server.enqueue({ text: 'Fits now.' });
    await controller.dropOldestAndRetry();
    await controller.idle();
    assert.deepEqual(sentPrompts(), [['Question 3', 'Question 4']], 'two exchanges dropped at once, not one per click');
  });

  it('works the same after an answer that ended normally, as after a context-window stop', async () => {
    await ask('First question', { text: 'First answer.' });
    await ask('Second question', { text: 'Cut by the window', stopReason: 'max_tokens' });
    server.reset();
    server.enqueue({ text: 'Whole answer.' });
    await controller.dropOldestAndRetry();
    await controller.idle();
    assert.deepEqual(
      controller.messages().map((m) => m.text),
      ['Second question', 'Whole answer.'],
    );
  });

  it('says there is nothing older to drop in a one-exchange chat, and sends nothing', async () => {
    await ask('Only question', TOO_LONG);
    server.reset();
    await controller.dropOldestAndRetry();
    await controller.idle();
    assert.equal(server.requests.length, 0);
    assert.match(view.of('notice').at(-1)?.text ?? '', /no older turn to drop/i);
    assert.equal(controller.messages().length, 2, 'the conversation is unchanged');
  });

  it('tells the user the answer will continue only while a retry resumes streamed text', async () => {
    await ask('Hello', { text: 'A long enough answer to break in the middle of it.', malformedAfterTokens: 3 }, { text: 'A long enough answer to break in the middle of it.' });
    const retry = view.of('stream/retry');
    assert.equal(retry.length, 1);
    assert.match(retry[0].reason, /malformed event\. The answer will continue where it stopped\.$/);
    await ask('Again', { status: 529 }, { text: 'ok' });
    assert.doesNotMatch(view.of('stream/retry').at(-1)!.reason, /continue/, 'nothing had streamed, so nothing continues');
  });
});

describe('how many old exchanges to drop', () => {
  it('drops one without figures, and never the last prompt', () => {
    assert.equal(exchangesToDrop([100, 100, 10], undefined), 1);
    assert.equal(exchangesToDrop([10], undefined), 0);
    assert.equal(exchangesToDrop([10], { prompt: 900, limit: 100 }), 0);
  });

  it('drops enough to fit 80% of the limit, scaled from characters to tokens', () => {
    // 1,000 chars = 2,000 tokens; the limit 1,000 tokens wants at most 400 chars: drop 600 or more.
    assert.equal(exchangesToDrop([300, 300, 300, 100], { prompt: 2000, limit: 1000 }), 2);
    assert.equal(exchangesToDrop([300, 300, 300, 100], { prompt: 1100, limit: 1000 }), 1);
  });

  it('drops everything older when even that is not enough, leaving the last prompt', () => {
    assert.equal(exchangesToDrop([50, 50, 5000], { prompt: 100_000, limit: 1000 }), 2);
  });
});
