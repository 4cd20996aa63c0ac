import * as assert from 'node:assert/strict';
import { readConfig, type ClaudeStreamConfig } from '../../../../src/core/config';
import { ChatController } from '../../../../src/core/chat/chatController';
import { SUMMARY_PROMPT } from '../../../../src/core/chat/contextActions';
import type { BilledRequest } from '../../../../src/core/chat/chatTypes';
import { HistoryStore } from '../../../../src/core/chat/historyStore';
import { createAnthropicClient, StreamingService } from '../../../../src/core/streaming';
import { startMockAnthropicServer, type MockAnthropicServer } from '../../../server';
import { costOf } from '../../../../src/core/chat/pricing';
import { memoryState, RecordingView } from '../../support/chatDoubles';

type Body = { messages: Array<{ role: string; content: unknown }>; system?: unknown; cache_control?: unknown; model: string };

describe('chat: a stable cached prefix and a context meter', () => {
  let server: MockAnthropicServer;
  let config: ClaudeStreamConfig;
  let view: RecordingView;
  let controller: ChatController;
  let window: number | undefined;
  let note: string | undefined;
  let now: number;
  const billed: BilledRequest[] = [];

  let serverNow = Date.now();
  before(async () => {
    server = await startMockAnthropicServer({ now: () => serverNow });
  });
  after(() => server.close());

  const make = (settings: Record<string, unknown> = {}) => {
    config = readConfig((key) => ({ 'retry.backoffMs': 5, model: 'claude-sonnet-5-5', systemPrompt: 'You are terse.', ...settings })[key]);
    const client = createAnthropicClient({ apiKey: server.apiKey, baseUrl: server.url });
    const service = new StreamingService({ client });
    view = new RecordingView();
    controller?.dispose();
    controller = new ChatController({
      runStream: (request, observer, signal) => service.stream(request, observer, signal),
      config: () => config,
      history: new HistoryStore(memoryState(), () => 10),
      systemSuffix: () => note,
      contextWindow: () => window,
      clock: () => now,
      batchIntervalMs: 5,
    });
    controller.onDidBill((b) => billed.push(b));
    controller.attach(view);
  };

  beforeEach(() => {
    server.reset();
    window = undefined;
    note = undefined;
    now = 1_000_000;
    billed.length = 0;
    make();
  });
  afterEach(() => controller.dispose());

  const bodies = (): Body[] => server.requests.filter((r) => r.path === '/v1/messages').map((r) => r.body as Body);
  const turn = async (text: string, answer?: string) => {
    if (answer) server.enqueue({ text: answer });
    controller.submit(text);
    await controller.idle();
  };
  const meters = () => view.of('context/meter').map((m) => m.meter);

  it('sends the history byte-identical from turn to turn, system prompt included, and asks for the cache each time', async () => {
    await turn('First question about streams', 'First answer. It has two sentences.');
    await turn('Second question', 'Second answer, with `code` and a trailing space ');
    await turn('Third question', 'Third answer.');
    const sent = bodies();
    assert.equal(sent.length, 3);
    for (let i = 1; i < sent.length; i++) {
      const before = sent[i - 1].messages;
      const prefix = sent[i].messages.slice(0, before.length);
      assert.equal(JSON.stringify(prefix), JSON.stringify(before), `turn ${i + 1} re-sends turn ${i}'s messages unchanged`);
      assert.equal(JSON.stringify(sent[i].system), JSON.stringify(sent[0].system));
    }
    assert.deepEqual(
      sent.map((b) => b.cache_control),
      Array(3).fill({ type: 'ephemeral', ttl: '5m' }),
    );
  });

  it('keeps the learned-preferences note fixed when a background summary changes it, and sends the new one once the user applies it', async () => {
    note = 'Prefers short answers.';
    await turn('One', 'A.');
    note = 'Prefers short answers and TypeScript.'; // a summary ran meanwhile
    await turn('Two', 'B.');
    controller.refreshSystemSuffix(); // the user edited the note
    await turn('Three', 'C.');
    const systems = bodies().map((b) => JSON.stringify(b.system));
    assert.equal(systems[1], systems[0]);
    assert.ok(systems[0].includes('Prefers short answers.'));
    assert.ok(systems[2].includes('TypeScript'));
  });

  it('reads the prompt cache from the second turn on, bills it at the table price, and writes afresh once the 5 minutes have passed', async () => {
    const file = 'export const value = compute(input); // a line of the pasted file\n'.repeat(80);
    await turn(`Review this file:\n${file}`, 'It computes a value per line. '.repeat(20));
    await turn('And the edge cases?', 'Negative input is rejected. '.repeat(20));
    const ends = view.of('stream/end').map((e) => e.metrics!);
    assert.equal(ends[0].cacheReadTokens, 0);
    assert.ok(ends[0].cacheWriteTokens! > 500, `turn 1 writes the cache (${ends[0].cacheWriteTokens})`);
    assert.ok(ends[1].cacheReadTokens! >= ends[0].cacheWriteTokens!, 'turn 2 reads all that turn 1 wrote');
    assert.ok(ends[1].inputTokens < 50, `turn 2 pays full price only for what is new (${ends[1].inputTokens})`);
    const cost = costOf('claude-sonnet-5-5', {
      inputTokens: ends[1].inputTokens,
      cacheReadTokens: ends[1].cacheReadTokens,
      cacheWrite5mTokens: ends[1].cacheWriteTokens,
      outputTokens: ends[1].outputTokens,
    })!;
    assert.equal(ends[1].costUsd, cost.total);
    assert.ok(ends[1].savedUsd! > 0);

    serverNow += 6 * 60_000;
    await turn('Later question', 'Answer.');
    const late = view.of('stream/end').at(-1)!.metrics!;
    assert.equal(late.cacheReadTokens, 0, 'a 5-minute cache is gone after 6 minutes');
    assert.ok(late.cacheWriteTokens! > ends[1].cacheReadTokens!);
  });

  it('sends no cache_control when caching is off', async () => {
    make({ 'cache.ttl': 'off' });
    await turn('One', 'A.');
    assert.equal(bodies()[0].cache_control, undefined);
  });

  it('shows a context meter that rises turn by turn, as a share of the model window', async () => {
    window = 100_000;
    const used: number[] = [];
    for (let i = 0; i < 3; i++) {
      await turn(`Question ${i}: ${'detail '.repeat(40)}`, `Answer ${i}: ${'explanation '.repeat(60)}`);
      const last = meters().at(-1)!;
      assert.equal(last.source, 'usage');
      assert.equal(last.maxTokens, 100_000);
      assert.equal(last.share, last.usedTokens / 100_000);
      used.push(last.usedTokens);
    }
    assert.ok(used[0] < used[1] && used[1] < used[2], `rising: ${used.join(' < ')}`);
    assert.ok(meters().every((m) => !m.nearLimit));
  });

  it('falls back to a local estimate when the token count is unavailable, without delaying the send', async () => {
    window = 100_000;
    let release!: () => void;
    controller.dispose();
    const service = new StreamingService({ client: createAnthropicClient({ apiKey: server.apiKey, baseUrl: server.url }) });
    controller = new ChatController({
      runStream: (request, observer, signal) => service.stream(request, observer, signal),
      config: () => config,
      history: new HistoryStore(memoryState(), () => 10),
      contextWindow: () => window,
      // A count that only answers (with nothing) after the answer has ended.
      countTokens: () => new Promise((resolve) => (release = () => resolve(undefined))),
      batchIntervalMs: 5,
    });
    view = new RecordingView();
    controller.attach(view);
    server.enqueue({ text: 'Quick answer.' });
    controller.submit('Hello there');
    await controller.idle();
    assert.equal(view.of('stream/end').at(-1)!.state, 'done', 'the answer finished while the count was still pending');
    release();
    await new Promise((r) => setTimeout(r, 10));
    assert.equal(meters().at(-1)!.source, 'usage', 'a late count does not replace the newer figures');
  });

  it('offers to make room once the conversation passes 80% of the window', async () => {
    window = 400;
    await turn('x'.repeat(400), 'y'.repeat(400)); // ~200 tokens: half the window
    assert.equal(meters().at(-1)!.nearLimit, false);
    await turn('x'.repeat(400), 'y'.repeat(400)); // ~400+: past 80%
    const last = meters().at(-1)!;
    assert.equal(last.nearLimit, true);
    assert.ok(last.share! >= 0.8);
  });

  it('holds back a message that would not fit, instead of sending it into "prompt is too long", and sends it after dropping the oldest turns', async () => {
    window = 600;
    await turn(`old question ${'a'.repeat(600)}`, `old answer ${'b'.repeat(600)}`);
    await turn(`newer question ${'c'.repeat(200)}`, `newer answer ${'d'.repeat(200)}`);
    const before = bodies().length;
    controller.submit(`the new one ${'e'.repeat(800)}`);
    await controller.idle();
    assert.equal(bodies().length, before, 'nothing was sent');
    const held = meters().at(-1)!;
    assert.equal(held.held, true);
    assert.ok(view.of('notice').some((n) => /would not fit/.test(n.text)));

    server.enqueue({ text: 'Answer to the new one.' });
    const dropped = await controller.dropOldestTurns();
    await controller.idle();
    assert.ok(dropped >= 2);
    const sent = bodies().at(-1)!;
    assert.equal(bodies().length, before + 1, 'the held message was sent once');
    assert.ok(!JSON.stringify(sent.messages).includes('old question'), 'the oldest exchange is no longer sent');
    assert.ok(JSON.stringify(sent.messages).includes('the new one'));
    assert.equal(controller.messages().at(-1)!.text, 'Answer to the new one.');
  });

  it('after dropping the oldest turns, the answers kept are sent without thinking blocks signed over the old start, and the API accepts them', async () => {
    make({ model: 'claude-test-tiny', maxTokens: 1000 });
    window = 2000;
    const chunk = (tag: string) => `${tag}: ${'a detail of the design that matters. '.repeat(17)}`;
    for (let i = 1; i <= 9; i++) await turn(chunk(`part ${i}`), `Noted part ${i}.`);
    controller.submit(chunk('the big one').repeat(4));
    await controller.idle();
    assert.equal(meters().at(-1)!.held, true);
    server.enqueue({ text: 'Answer to the big one.' });
    assert.ok((await controller.dropOldestTurns()) > 0);
    await controller.idle();
    const end = view.of('stream/end').at(-1)!;
    assert.equal(end.state, 'done', JSON.stringify(end.error));
    assert.equal(end.text, 'Answer to the big one.');
    const sent = bodies().at(-1)!;
    assert.ok(sent.messages.length > 1, 'some earlier turns are kept');
    assert.ok(!JSON.stringify(sent.messages).includes('"thinking"'), 'no stale thinking block is sent');
  });

  it("summarises and continues in a new chat that starts with the model's summary, then sends a held message there", async () => {
    window = 600;
    await turn(`design question ${'a'.repeat(600)}`, `design answer ${'b'.repeat(600)}`);
    controller.submit(`follow-up ${'e'.repeat(1200)}`);
    await controller.idle();
    assert.equal(meters().at(-1)!.held, true);
    const oldId = controller.conversationId;

    server.enqueue({ text: 'SUMMARY: the user designs a stream parser.' }, { text: 'Answer in the new chat.' });
    assert.equal(await controller.summarizeAndContinue(), true);
    await controller.idle();
    const [summaryRequest, followUp] = bodies().slice(-2);
    assert.deepEqual(summaryRequest.messages.at(-1), { role: 'user', content: SUMMARY_PROMPT });
    assert.notEqual(controller.conversationId, oldId);
    const messages = controller.messages();
    assert.match(messages[0].text, /SUMMARY: the user designs a stream parser\./);
    assert.ok(JSON.stringify(followUp.messages[0]).includes('SUMMARY'), 'the new chat starts from the summary');
    assert.ok(!JSON.stringify(followUp.messages).includes('design answer'), 'the old exchange itself is not sent');
    assert.equal(messages.at(-1)!.text, 'Answer in the new chat.');
    assert.ok(
      billed.some((b) => b.conversationId === oldId && b.usage.inputTokens > 300),
      'the summary request is billed too',
    );
  });

  it('warns before a model switch throws a warm cache away, but not once the cache has expired or when caching is off', async () => {
    await turn('Hello', 'Hi.');
    const warning = controller.modelSwitchWarning('claude-opus-5-5');
    assert.match(warning ?? '', /prompt cache/);
    assert.equal(controller.modelSwitchWarning('claude-sonnet-5-5'), undefined, 'same model: nothing lost');
    now += 6 * 60_000;
    assert.equal(controller.modelSwitchWarning('claude-opus-5-5'), undefined, 'a 5-minute cache is cold after 6 minutes');
    make({ 'cache.ttl': 'off' });
    await turn('Hello', 'Hi.');
    assert.equal(controller.modelSwitchWarning('claude-opus-5-5'), undefined);
  });

  it('bills every answer with its cache figures and says "no price" for an unknown model', async () => {
    await turn('Hello', 'Hi.');
    const end = view.of('stream/end').at(-1)!;
    assert.ok(end.metrics?.costUsd !== undefined && end.metrics.costUsd > 0);
    make({ model: 'claude-test-tiny', maxTokens: 1000 });
    await turn('Hello', 'Hi.');
    assert.equal(view.of('stream/end').at(-1)!.metrics?.costUsd, undefined);
    assert.equal(billed.length, 2);
  });
});
