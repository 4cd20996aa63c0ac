import * as assert from 'node:assert/strict';
import { readConfig, type ClaudeStreamConfig } from '../../../../src/core/config';
import { ChatController } from '../../../../src/core/chat/chatController';
import type { AnswerSignal } from '../../../../src/core/chat/chatTypes';
import { HistoryStore } from '../../../../src/core/chat/historyStore';
import { createAnthropicClient, StreamingService } from '../../../../src/core/streaming';
import { startMockAnthropicServer, type MockAnthropicServer } from '../../../server';
import type { ChatHostMessage } from '../../../../src/shared/protocol';
import { memoryState, RecordingView } from '../../support/chatDoubles';
import { contentText } from '../../../server/conversation';

const answerOf = (sentences: number) => Array.from({ length: sentences }, (_, i) => `Sentence ${i} explains a detail.`).join(' ');
const LONG_ANSWER = answerOf(300);
/** Long enough to be seen streaming at 1–2 ms per token, short enough to keep the suite quick. */
const PACED_ANSWER = answerOf(60);

describe('chat controller, streaming from the local server through the real SDK', () => {
  let server: MockAnthropicServer;
  let config: ClaudeStreamConfig;
  let view: RecordingView;
  let history: HistoryStore;
  let controller: ChatController;

  before(async () => {
    server = await startMockAnthropicServer();
  });
  after(async () => {
    await server.close();
  });

  beforeEach(() => {
    server.reset();
    config = readConfig((key) => ({ 'retry.backoffMs': 5, 'stream.idleTimeoutMs': 2000, model: 'claude-sonnet-5' })[key]);
    const service = new StreamingService({ client: createAnthropicClient({ apiKey: server.apiKey, baseUrl: server.url }) });
    history = new HistoryStore(memoryState(), () => 10);
    view = new RecordingView();
    controller = new ChatController({
      runStream: (request, observer, signal) => service.stream(request, observer, signal),
      config: () => config,
      history,
      batchIntervalMs: 20,
    });
    controller.attach(view);
  });
  afterEach(() => controller.dispose());

  const answerId = () => view.answerId() ?? assert.fail('no answer was added');

  it('streams a prompt into a done answer whose text equals what the server sent', async () => {
    server.enqueue({ text: LONG_ANSWER, delayMs: 0 });
    controller.submit('Explain it');
    await controller.idle();
    const id = answerId();
    const end = view.of('stream/end').at(-1)!;
    assert.equal(end.state, 'done');
    assert.equal(end.text, LONG_ANSWER);
    assert.equal(view.assembled(id), LONG_ANSWER, 'the deltas alone rebuild the answer exactly');
    assert.deepEqual(
      controller.messages().map((m) => [m.role, m.state]),
      [
        ['user', 'done'],
        ['assistant', 'done'],
      ],
    );
  });

  it('sends the webview batches, not one message per token', async () => {
    server.enqueue({ text: PACED_ANSWER, delayMs: 1 });
    controller.submit('Explain it');
    await controller.idle();
    const deltas = view.of('stream/delta');
    const tokens = PACED_ANSWER.length / 4;
    assert.ok(deltas.length > 1, 'progressive');
    assert.ok(deltas.length < tokens / 3, `${deltas.length} deltas for ~${tokens} tokens`);
    assert.deepEqual(
      deltas.map((d) => d.seq),
      deltas.map((_, i) => i + 1),
      'seq increases by one',
    );
  });

  it('keeps the partial text of a stopped answer and marks it cancelled', async () => {
    server.enqueue({ text: LONG_ANSWER, delayMs: 5 });
    controller.submit('Explain it');
    // Sonnet 5 thinks first: stop once answer text has streamed.
    while (view.of('stream/delta').filter((d) => d.text !== '').length < 2) await new Promise((r) => setTimeout(r, 5));
    controller.stop();
    await controller.idle();
    const end = view.of('stream/end').at(-1)!;
    assert.equal(end.state, 'cancelled');
    assert.ok(end.text.length > 0 && LONG_ANSWER.startsWith(end.text), 'partial text kept, and it is a prefix of the answer');
    assert.ok(end.text.length < LONG_ANSWER.length);
    assert.equal(controller.messages().at(-1)!.state, 'cancelled');
  });

  it('shows the retry countdown for a 429 and then the answer', async () => {
    server.enqueue({ status: 429, errorType: 'rate_limit_error', retryAfterSec: 0.05 }, { text: 'Recovered answer.' });
    controller.submit('Hello');
    await controller.idle();
    const retry = view.of('stream/retry');
    assert.equal(retry.length, 1);
    assert.equal(retry[0].attempt, 1);
    assert.equal(retry[0].maxRetries, 3);
    assert.equal(retry[0].delayMs, 50);
    assert.equal(view.of('stream/end').at(-1)!.text, 'Recovered answer.');
  });

  it('ends a 401 with an error card that offers Set API Key', async () => {
    const service = new StreamingService({ client: createAnthropicClient({ apiKey: 'sk-ant-wrong-key-123456', baseUrl: server.url }) });
    const badKey = new ChatController({ runStream: (r, o, s) => service.stream(r, o, s), config: () => config, history });
    const badView = new RecordingView();
    badKey.attach(badView);
    badKey.submit('Hello');
    await badKey.idle();
    const end = badView.of('stream/end').at(-1)!;
    assert.equal(end.state, 'error');
    assert.equal(end.error?.action, 'setApiKey');
    assert.ok(!JSON.stringify(badView.posted).includes('sk-ant-wrong-key-123456'), 'the key never reaches the webview');
    assert.equal(server.requests.length, 1, 'a 401 is not retried');
    badKey.dispose();
  });

  it('regenerates the last answer, sending the same conversation again', async () => {
    server.enqueue({ text: 'First try.' }, { text: 'Second try.' });
    const signals: AnswerSignal[] = [];
    controller.onDidSignal((s) => signals.push(s.signal));
    controller.submit('Question');
    await controller.idle();
    controller.regenerate();
    await controller.idle();
    assert.deepEqual(
      controller.messages().map((m) => m.text),
      ['Question', 'Second try.'],
    );
    assert.deepEqual(signals, ['regenerated']);
    const bodies = server.requests.map((r) => (r.body as { messages: unknown[] }).messages);
    assert.deepEqual(bodies[0], bodies[1]);
  });

  it('does not lose a Regenerate clicked right after the answer ends, while the host still saves it', async () => {
    server.enqueue({ text: 'First try.' }, { text: 'Second try.' });
    const service = new StreamingService({ client: createAnthropicClient({ apiKey: server.apiKey, baseUrl: server.url }) });
    const pendingAnalysis: Array<() => void> = [];
    const slowView = new RecordingView();
    const slow = new ChatController({
      runStream: (r, o, s) => service.stream(r, o, s),
      config: () => config,
      history,
      // The final analysis pass takes a while, as it can in the worker.
      analysis: { begin: () => undefined, push: () => undefined, end: () => new Promise((r) => pendingAnalysis.push(() => r(undefined))) },
    });
    slow.attach(slowView);
    slow.submit('Question');
    while (slowView.of('stream/end').length < 1 || pendingAnalysis.length < 1) await new Promise((r) => setTimeout(r, 5));
    const regenerated = slow.regenerate();
    pendingAnalysis.shift()?.();
    await regenerated;
    while (slowView.of('stream/end').length < 2 || pendingAnalysis.length < 1) await new Promise((r) => setTimeout(r, 5));
    pendingAnalysis.shift()?.();
    await slow.idle();
    assert.deepEqual(
      slow.messages().map((m) => m.text),
      ['Question', 'Second try.'],
    );
    assert.equal(slowView.of('notice').length, 0, 'no notice for a click on a finished answer');
    slow.dispose();
  });

  it('keeps the whole thinking text when the webview was still busy as the answer ended', async () => {
    const thinking = 'The user wants a short answer. I will weigh two options and pick the simpler one.';
    server.enqueue({ thinking, text: 'The simpler option.', delayMs: 1, tokenChars: 3 });
    // A webview that takes each message only after a while, as a busy one does.
    class BusyView extends RecordingView {
      override post(message: ChatHostMessage): Promise<void> {
        super.post(message);
        return new Promise((r) => setTimeout(r, 60));
      }
    }
    const busy = new BusyView();
    controller.attach(busy);
    controller.submit('Think first');
    await controller.idle();
    let shown = '';
    for (const m of busy.posted) {
      if (m.type === 'stream/delta') shown += m.thinking ?? '';
      if (m.type === 'stream/snapshot') shown = m.thinking ?? '';
      if (m.type === 'chat/state') shown = m.state.messages.at(-1)?.thinking ?? '';
    }
    assert.equal(shown, thinking, 'the webview was left with part of the thinking');
  });

  it('edits a user message into a new branch, sends only that branch, and keeps the old one a click away', async () => {
    server.enqueue({ text: 'A1' }, { text: 'A2' }, { text: 'A3' });
    controller.submit('Q1');
    await controller.idle();
    controller.submit('Q2');
    await controller.idle();
    const q2 = controller.messages()[2].id;
    controller.edit(q2, 'Q2 edited');
    await controller.idle();
    assert.deepEqual(
      controller.messages().map((m) => m.text),
      ['Q1', 'A1', 'Q2 edited', 'A3'],
    );
    const last = server.requests.at(-1)!.body as { messages: Array<{ role: string; content: string | Array<{ type: string; text?: string }> }> };
    assert.deepEqual(
      last.messages.map((m) => contentText(m.content)),
      ['Q1', 'A1', 'Q2 edited'],
    );
    const edited = view.of('chat/state').at(-1)!.state.messages[2];
    assert.deepEqual(edited.branch, { index: 1, count: 2 });
    controller.selectBranch(controller.messages()[2].id, 0);
    assert.deepEqual(
      controller.messages().map((m) => m.text),
      ['Q1', 'A1', 'Q2', 'A2'],
      'the original branch is back, answer and all',
    );
    assert.deepEqual(view.of('chat/state').at(-1)!.state.messages[2].branch, { index: 0, count: 2 });
    controller.selectBranch(controller.messages()[2].id, 1);
    assert.deepEqual(
      controller.messages().map((m) => m.text),
      ['Q1', 'A1', 'Q2 edited', 'A3'],
    );
  });

  it('keeps every branch of an edited conversation across a reload from history', async () => {
    server.enqueue({ text: 'A1' }, { text: 'A2' }, { text: 'A2b' }, { text: 'A2c' });
    controller.submit('Q1');
    await controller.idle();
    controller.submit('Q2');
    await controller.idle();
    controller.edit(controller.messages()[2].id, 'Q2b');
    await controller.idle();
    controller.edit(controller.messages()[2].id, 'Q2c');
    await controller.idle();
    const reopened = new ChatController({ runStream: () => Promise.reject(new Error('unused')), config: () => config, history });
    const texts = () => reopened.messages().map((m) => m.text);
    assert.deepEqual(texts(), ['Q1', 'A1', 'Q2c', 'A2c']);
    reopened.selectBranch(reopened.messages()[2].id, 0);
    assert.deepEqual(texts(), ['Q1', 'A1', 'Q2', 'A2']);
    reopened.selectBranch(reopened.messages()[2].id, 1);
    assert.deepEqual(texts(), ['Q1', 'A1', 'Q2b', 'A2b']);
    reopened.dispose();
  });

  it('queues a prompt sent while an answer streams, and sends it afterwards', async () => {
    server.enqueue({ text: PACED_ANSWER, delayMs: 1 }, { text: 'Second answer.' });
    controller.submit('First');
    controller.submit('Second');
    await controller.idle();
    await new Promise((r) => setTimeout(r, 0));
    await controller.idle();
    assert.deepEqual(
      controller.messages().map((m) => m.text),
      ['First', PACED_ANSWER, 'Second', 'Second answer.'],
    );
  });

  const settle = async () => {
    for (let i = 0; i < 20; i++) {
      await controller.idle();
      await new Promise((r) => setTimeout(r, 5));
    }
  };

  it('queues any number of prompts while an answer streams and sends them all, in order', async () => {
    server.enqueue({ text: PACED_ANSWER, delayMs: 1 }, { text: 'R2' }, { text: 'R3' }, { text: 'R4' });
    controller.submit('First');
    controller.submit('Second');
    controller.submit('Third');
    controller.submit('Fourth');
    assert.deepEqual(
      view
        .of('queue/update')
        .at(-1)!
        .queue.map((q) => q.text),
      ['Second', 'Third', 'Fourth'],
    );
    await settle();
    assert.deepEqual(
      controller.messages().map((m) => m.text),
      ['First', PACED_ANSWER, 'Second', 'R2', 'Third', 'R3', 'Fourth', 'R4'],
    );
    assert.deepEqual(view.of('queue/update').at(-1)!.queue, [], 'the pending list empties as they are sent');
  });

  it('sends a queued prompt as edited, and never one that was removed', async () => {
    server.enqueue({ text: PACED_ANSWER, delayMs: 1 }, { text: 'R2' }, { text: 'R3' });
    controller.submit('First');
    controller.submit('Second');
    controller.submit('Third');
    const [second, third] = controller.queued().map((q) => q.id);
    controller.editQueued(third, 'Third, edited');
    controller.removeQueued(second);
    await settle();
    assert.deepEqual(
      controller.messages().map((m) => m.text),
      ['First', PACED_ANSWER, 'Third, edited', 'R2'],
    );
  });

  it('holds the queue after Stop, shows it held, and sends it on Send queued', async () => {
    server.enqueue({ text: LONG_ANSWER, delayMs: 5 }, { text: 'R2' });
    controller.submit('First');
    controller.submit('Second');
    while (view.of('stream/delta').length < 1) await new Promise((r) => setTimeout(r, 5));
    controller.stop();
    await settle();
    assert.equal(controller.messages().length, 2, 'nothing was sent after Stop');
    assert.deepEqual(view.of('queue/update').at(-1), { type: 'queue/update', queue: [{ id: controller.queued()[0].id, text: 'Second' }], held: true });
    controller.resumeQueue();
    await settle();
    assert.deepEqual(
      controller
        .messages()
        .map((m) => m.text)
        .slice(2),
      ['Second', 'R2'],
    );
  });

  it('shows attached code as a chip but sends it in the request', async () => {
    server.enqueue({ text: 'Looks fine.' });
    controller.submit('Is this right?', [{ id: 'a1', kind: 'selection', label: 'src/a.ts · lines 1–2', code: 'let a = 1;\nlet b = 2;', language: 'typescript', tokens: 6 }]);
    await controller.idle();
    const added = view.of('message/add').find((m) => m.message.role === 'user')!.message;
    assert.equal(added.text, 'Is this right?');
    assert.equal(added.attachments?.[0].label, 'src/a.ts · lines 1–2');
    const sent = server.requests.at(-1)!.body as { messages: Array<{ content: string }> };
    assert.equal(
      sent.messages[0].content,
      'Is this right?\n\n<attachment kind="selection" label="src/a.ts · lines 1–2" language="typescript">\nlet a = 1;\nlet b = 2;\n</attachment>',
    );
  });

  it('tells the learning record which kinds of context the question carried, each once', async () => {
    const kinds: Array<string[] | undefined> = [];
    const sub = controller.onDidCompleteAnswer((answer) => kinds.push(answer.contextKinds));
    server.enqueue({ text: 'Both fine.' });
    server.enqueue({ text: 'Plain.' });
    const file = { id: 'f1', kind: 'file' as const, label: 'src/cart.ts', code: 'x', path: 'src/cart.ts', tokens: 1 };
    controller.submit('Check these', [file, { ...file, id: 'f2', path: 'src/retry.ts' }, { id: 'p1', kind: 'problems', label: 'Problems', code: 'a.ts:1:1 error: x', tokens: 5 }]);
    await controller.idle();
    controller.submit('And nothing attached');
    await controller.idle();
    sub.dispose();
    assert.deepEqual(kinds, [['file', 'problems'], []]);
  });

  it('sends a hidden webview no deltas, then one snapshot when it is shown again', async () => {
    server.enqueue({ text: PACED_ANSWER, delayMs: 2 });
    controller.submit('Explain it');
    while (view.of('stream/delta').length < 1) await new Promise((r) => setTimeout(r, 5));
    view.visible = false;
    const before = view.posted.length;
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(view.posted.slice(before).filter((m) => m.type === 'stream/delta').length, 0);
    view.visible = true;
    controller.sendState();
    await controller.idle();
    assert.equal(view.assembled(answerId()), PACED_ANSWER);
    assert.ok(view.of('stream/snapshot').length >= 1);
  });

  it('keeps conversations in history and reopens them', async () => {
    server.enqueue({ text: 'Remember me.' });
    controller.submit('Keep this');
    await controller.idle();
    const first = controller.conversationId;
    await controller.newChat();
    assert.notEqual(controller.conversationId, first);
    assert.deepEqual(
      history.list().map((s) => s.title),
      ['Keep this'],
    );
    assert.equal(await controller.openConversation(first), true);
    assert.deepEqual(
      controller.messages().map((m) => m.text),
      ['Keep this', 'Remember me.'],
    );
    const restored = new ChatController({ runStream: async () => assert.fail('no stream'), config: () => config, history });
    assert.equal(restored.conversationId, first, 'a reload restores the last open conversation');
    restored.dispose();
  });
});
