import * as assert from 'node:assert/strict';
import { readConfig, type ClaudeStreamConfig } from '../../../../src/core/config';
import { ChatController } from '../../../../src/core/chat/chatController';
import { HistoryStore } from '../../../../src/core/chat/historyStore';
import { bundledProfile } from '../../../../src/core/models/bundledModels';
import { createAnthropicClient, StreamingService } from '../../../../src/core/streaming';
import { startMockAnthropicServer, type MockAnthropicServer } from '../../../server';
import { memoryState, RecordingView } from '../../support/chatDoubles';

type SentMessage = { role: string; content: string | Array<{ type: string; text?: string; thinking?: string; signature?: string }> };

/**
 * The chat against the strict server with the default model (Sonnet 5.5), resolved the way
 * the extension's runner resolves it: thinking streams and goes back signed, stop reasons
 * reach the message, a max_tokens answer continues in place, a refusal leaves the context.
 */
describe('chat controller: thinking and stop reasons against the strict server', () => {
  let server: MockAnthropicServer;
  let settings: Record<string, unknown>;
  let view: RecordingView;
  let controller: ChatController;

  before(async () => {
    server = await startMockAnthropicServer();
  });
  after(async () => {
    await server.close();
  });
  beforeEach(() => {
    server.reset();
    settings = { 'retry.backoffMs': 5, 'stream.idleTimeoutMs': 2000 };
    const config = (): ClaudeStreamConfig => readConfig((key) => settings[key]);
    const service = new StreamingService({ client: createAnthropicClient({ apiKey: server.apiKey, baseUrl: server.url }) });
    view = new RecordingView();
    controller = new ChatController({
      runStream: (request, observer, signal) =>
        service.stream({ ...request, settings: { ...request.settings, profile: bundledProfile(request.settings.model) } }, observer, signal),
      config,
      history: new HistoryStore(memoryState(), () => 10),
      batchIntervalMs: 20,
    });
    controller.attach(view);
  });
  afterEach(() => controller.dispose());

  const sent = (i: number) => (server.requests.filter((r) => r.path === '/v1/messages')[i].body as { messages: SentMessage[] }).messages;

  it('streams visible thinking before the answer with the default settings, and sends it back signed on the next turn', async () => {
    server.enqueue({ thinking: 'The user wants a debounce. A short example helps.', text: 'Use a debounce.' }, { text: 'Sure.' });
    controller.submit('How do I limit calls?');
    await controller.idle();
    const end = view.of('stream/end').at(-1)!;
    assert.equal(end.state, 'done', end.error?.message);
    assert.equal(end.stop, 'end_turn');
    assert.ok(end.thinkingMs !== undefined && end.thinkingMs >= 0);
    const thinkingDeltas = view
      .of('stream/delta')
      .map((d) => d.thinking ?? '')
      .join('');
    assert.equal(thinkingDeltas, 'The user wants a debounce. A short example helps.');
    assert.ok(view.of('stream/delta').length < 20, 'thinking is batched like text, not one post per delta');
    const first = server.requests[0].body as Record<string, unknown>;
    assert.deepEqual(first.thinking, { type: 'adaptive', display: 'summarized' });
    assert.equal(first.model, 'claude-sonnet-5-5');

    controller.submit('And in Python?');
    await controller.idle();
    assert.equal(view.of('stream/end').at(-1)!.state, 'done', 'the strict server accepted the signed block');
    const answer = sent(1)[1];
    assert.ok(Array.isArray(answer.content));
    assert.deepEqual(
      answer.content.map((b) => b.type),
      ['thinking', 'text'],
    );
    assert.equal(answer.content[0].thinking, 'The user wants a debounce. A short example helps.');
    assert.ok(answer.content[0].signature);
  });

  it('drops thinking blocks when the model changes: they are bound to the model that wrote them', async () => {
    server.enqueue({ thinking: 'Plan.', text: 'A1' }, { text: 'A2' });
    controller.submit('Q1');
    await controller.idle();
    settings.model = 'claude-opus-5-5';
    controller.submit('Q2');
    await controller.idle();
    assert.equal(view.of('stream/end').at(-1)!.state, 'done', view.of('stream/end').at(-1)!.error?.message);
    assert.deepEqual(sent(1)[1], { role: 'assistant', content: 'A1' });
  });

  it('continues an answer cut at max_tokens in the same message, joined exactly', async () => {
    settings.maxTokens = 60;
    const full = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ') + '.';
    server.setDefault({ text: full, thinking: 'Short plan.' });
    controller.submit('Count');
    await controller.idle();
    const cut = view.of('stream/end').at(-1)!;
    assert.equal(cut.stop, 'max_tokens');
    assert.ok(cut.text.length > 0 && cut.text.length < full.length && full.startsWith(cut.text), 'a prefix of the answer');
    settings.maxTokens = 4000;
    const id = cut.streamId;
    controller.continueAnswer(id);
    await controller.idle();
    assert.equal(view.of('stream/reopen').at(-1)?.streamId, id);
    const end = view.of('stream/end').at(-1)!;
    assert.equal(end.streamId, id);
    assert.equal(end.stop, 'end_turn');
    assert.equal(end.text, full, 'one answer: nothing lost, nothing doubled');
    assert.deepEqual(
      controller.messages().map((m) => m.role),
      ['user', 'assistant'],
    );
    const continued = sent(1);
    assert.equal(continued.at(-1)?.role, 'user', 'no prefill: a continue-turn');
  });

  it('keeps a refused exchange out of the context of later turns', async () => {
    server.enqueue({ stopReason: 'refusal', text: '', stopDetails: { category: 'cyber', explanation: 'Asks for malware.' } }, { text: 'Here is a sorting function.' });
    controller.submit('Write ransomware');
    await controller.idle();
    const refused = view.of('stream/end').at(-1)!;
    assert.equal(refused.stop, 'refusal');
    assert.equal(refused.stopDetails?.explanation, 'Asks for malware.');
    controller.submit('Write a sort function');
    await controller.idle();
    assert.deepEqual(sent(1), [{ role: 'user', content: 'Write a sort function' }]);
  });
});
