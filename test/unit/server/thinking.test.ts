import * as assert from 'node:assert/strict';
import type { ContentBlock, MessageParam } from '@anthropic-ai/sdk/resources/messages';
import { ask, fixture, sseEvents, type Fixture } from './helpers';

describe('strict server: thinking, stop reasons and thinking-phase faults', () => {
  let f: Fixture;
  beforeEach(async () => (f = await fixture()));
  afterEach(() => f.server.close());

  const stream = async (body: Record<string, unknown>) => sseEvents((await f.post('/v1/messages', { ...body, stream: true })).text);
  const blockTypes = (events: ReturnType<typeof sseEvents>) => events.filter((e) => e.event === 'content_block_start').map((e) => e.data.content_block?.type);
  const deltas = (events: ReturnType<typeof sseEvents>, type: string) =>
    events.filter((e) => e.event === 'content_block_delta' && e.data.delta?.type === type).map((e) => e.data.delta!);

  it('streams a thinking block first on a generation-5 model, with one signature and no text under the default display "omitted"', async () => {
    const events = await stream(ask('claude-sonnet-5-5', 'Explain closures'));
    assert.deepEqual(blockTypes(events), ['thinking', 'text']);
    assert.equal(deltas(events, 'thinking_delta').length, 0);
    assert.equal(deltas(events, 'signature_delta').length, 1);
    const stopIndex = events.findIndex((e) => e.event === 'content_block_stop');
    const firstText = events.findIndex((e) => e.data.delta?.type === 'text_delta');
    assert.ok(stopIndex < firstText, 'the thinking block closes before any text');
    const done = events.find((e) => e.event === 'message_delta')!.data as { usage: { output_tokens: number; output_tokens_details: { thinking_tokens: number } } };
    assert.ok(done.usage.output_tokens_details.thinking_tokens > 0, 'omitted thinking still counts as output');
  });

  it('shows the thinking text when display is "summarized", through the real SDK', async () => {
    const message = await f.client.messages.stream({ ...ask('claude-sonnet-5-5', 'Explain closures'), thinking: { type: 'adaptive', display: 'summarized' } }).finalMessage();
    assert.equal(message.content[0].type, 'thinking');
    assert.match(message.content[0].type === 'thinking' ? message.content[0].thinking : '', /Explain closures/);
    assert.equal(message.content[1].type, 'text');
  });

  it('does not think when thinking is off, nor on older models by default', async () => {
    assert.deepEqual(blockTypes(await stream(ask('claude-sonnet-5-5', 'q', { thinking: { type: 'between_tools' } }))), ['text']);
    assert.deepEqual(blockTypes(await stream(ask('claude-haiku-5-5', 'q', { thinking: { type: 'disabled' } }))), ['text']);
    assert.deepEqual(blockTypes(await stream(ask('claude-haiku-4-5', 'q'))), ['text']);
    assert.deepEqual(blockTypes(await stream(ask('claude-haiku-4-5', 'q', { thinking: { type: 'enabled', budget_tokens: 1024 }, max_tokens: 2000 }))), ['thinking', 'text']);
  });

  it('thinks longer at higher effort', async () => {
    const thinking = async (effort: string) =>
      deltas(await stream(ask('claude-opus-5-5', 'q', { thinking: { type: 'adaptive', display: 'summarized' }, output_config: { effort } })), 'thinking_delta')
        .map((d) => d.thinking)
        .join('');
    const [low, max] = [await thinking('low'), await thinking('max')];
    assert.ok(low.length > 0 && max.length > low.length * 3, `low ${low.length} chars, max ${max.length}`);
  });

  it('counts thinking toward max_tokens: a small max_tokens stops with max_tokens before any text', async () => {
    const message = await f.client.messages.create({ ...ask('claude-sonnet-5-5', 'Explain closures'), max_tokens: 4, thinking: { type: 'adaptive', display: 'summarized' } });
    assert.equal(message.stop_reason, 'max_tokens');
    assert.deepEqual(
      message.content.map((b) => b.type),
      ['thinking'],
    );
    assert.equal(message.usage.output_tokens, 4);
    const roomy = await f.client.messages.create({ ...ask('claude-sonnet-5-5', 'Explain closures'), max_tokens: 1000 });
    assert.equal(roomy.stop_reason, 'end_turn');
  });

  it('accepts its own thinking blocks back, signatures intact, and rejects forged, edited or moved ones', async () => {
    const question: MessageParam = { role: 'user', content: 'Explain closures' };
    f.server.enqueue({ redactedThinking: 1 });
    const first = await f.client.messages.create({ model: 'claude-sonnet-5-5', max_tokens: 1000, messages: [question], thinking: { type: 'adaptive', display: 'summarized' } });
    assert.deepEqual(
      first.content.map((b) => b.type),
      ['redacted_thinking', 'thinking', 'text'],
    );
    const turn = (content: ContentBlock[]): MessageParam[] => [question, { role: 'assistant', content: content as never }, { role: 'user', content: 'And in Python?' }];
    const next = (model: string, messages: MessageParam[]) => f.post('/v1/messages', { model, max_tokens: 1000, messages });
    assert.equal((await next('claude-sonnet-5-5', turn(first.content))).status, 200);

    const thinking = first.content[1] as Extract<ContentBlock, { type: 'thinking' }>;
    const edited = await next('claude-sonnet-5-5', turn([first.content[0], { ...thinking, thinking: `${thinking.thinking} (edited)` }, first.content[2]]));
    assert.equal(edited.status, 400);
    assert.match(edited.json.error?.message ?? '', /messages\.1\.content\.1: Invalid `signature` in `thinking` block/);
    const forged = await next('claude-sonnet-5-5', turn([{ type: 'redacted_thinking', data: Buffer.from('red1.x.y').toString('base64') }, first.content[2]]));
    assert.match(forged.json.error?.message ?? '', /Invalid `data` in `redacted_thinking` block/);
    assert.equal((await next('claude-opus-5-5', turn(first.content))).status, 400, 'bound to the model');
    const otherConversation: MessageParam[] = [{ role: 'user', content: 'Something else' }, ...turn(first.content).slice(1)];
    assert.equal((await next('claude-sonnet-5-5', otherConversation)).status, 400, 'bound to the conversation on Sonnet 5.5');
  });

  it('binds Sonnet 5 thinking to the model only, not to the conversation', async () => {
    const first = await f.client.messages.create({ model: 'claude-sonnet-5', max_tokens: 1000, messages: [{ role: 'user', content: 'A' }] });
    const messages = [
      { role: 'user', content: 'B (edited history)' },
      { role: 'assistant', content: first.content },
      { role: 'user', content: 'C' },
    ];
    assert.equal((await f.post('/v1/messages', { model: 'claude-sonnet-5', max_tokens: 1000, messages })).status, 200);
  });

  it('scripts stop reasons: refusal with stop_details, model_context_window_exceeded, max_tokens', async () => {
    f.server.enqueue({ text: 'I can’t help with that.', stopReason: 'refusal', stopDetails: { category: 'cyber', explanation: 'Scripted refusal' } });
    const refused = await f.client.messages.stream(ask('claude-sonnet-5-5') as never).finalMessage();
    assert.equal(refused.stop_reason, 'refusal');
    assert.deepEqual(refused.stop_details, { type: 'refusal', category: 'cyber', explanation: 'Scripted refusal' });
    f.server.enqueue({ stopReason: 'model_context_window_exceeded' }, { stopReason: 'max_tokens' });
    assert.equal((await f.client.messages.create(ask('claude-sonnet-5-5') as never)).stop_reason, 'model_context_window_exceeded');
    const cut = await f.client.messages.create(ask('claude-sonnet-5-5') as never);
    assert.equal(cut.stop_reason, 'max_tokens');
    assert.equal(cut.stop_details, null);
  });

  it('breaks inside the thinking block when a thinking-phase fault is scripted', async () => {
    const body = { ...ask('claude-opus-5-5', 'q'), thinking: { type: 'adaptive', display: 'summarized' } };
    f.server.enqueue({ errorAfterThinkingTokens: 2 });
    const errored = await stream(body);
    assert.equal(deltas(errored, 'thinking_delta').length, 2);
    assert.equal(errored.at(-1)?.event, 'error');
    assert.deepEqual(blockTypes(errored), ['thinking']);

    f.server.enqueue({ resetAfterThinkingTokens: 3 });
    const seen: string[] = [];
    const s = f.client.messages.stream(body as never);
    s.on('thinking', (d) => seen.push(d));
    await assert.rejects(s.finalMessage(), /terminated|socket|closed/i);
    assert.equal(seen.length, 3);

    f.server.enqueue({ malformedAfterThinkingTokens: 1 });
    await assert.rejects(f.client.messages.stream(body as never).finalMessage());
  });
});
