import * as assert from 'node:assert/strict';
import { AnalysisClient } from '../../../../src/core/analysis/analysisClient';
import { EngineHost } from '../../../../src/core/analysis/workerProtocol';
import { ChatController } from '../../../../src/core/chat/chatController';
import type { ChatView } from '../../../../src/core/chat/chatTypes';
import { HistoryStore } from '../../../../src/core/chat/historyStore';
import { readConfig } from '../../../../src/core/config';
import type { KeyValueStore } from '../../../../src/core/ports';
import { ResourceManager } from '../../../../src/core/resources/resourceManager';
import { createAnthropicClient, StreamingService } from '../../../../src/core/streaming';
import type { AnalysisSnapshot, ChatHostMessage } from '../../../../src/shared/protocol';
import { startMockAnthropicServer, type MockAnthropicServer } from '../../../server';

function memoryState(): KeyValueStore {
  const data = new Map<string, unknown>();
  return { get: <T>(k: string) => data.get(k) as T | undefined, update: async (k, v) => void data.set(k, JSON.parse(JSON.stringify(v ?? null))) };
}

const MB = 1024 * 1024;

describe('memory pressure relief, with the local server and the real SDK', () => {
  let server: MockAnthropicServer;
  before(async () => {
    server = await startMockAnthropicServer();
  });
  after(async () => {
    await server.close();
  });

  it('a trimmed chat forgets its transcript and reads it back from storage for the next question', async () => {
    const config = readConfig((key) => ({ 'retry.backoffMs': 5, model: 'claude-sonnet-5' })[key]);
    const service = new StreamingService({ client: createAnthropicClient({ apiKey: server.apiKey, baseUrl: server.url }) });
    const history = new HistoryStore(memoryState(), () => 10);
    const posted: ChatHostMessage[] = [];
    const view: ChatView = { visible: true, post: (m) => void posted.push(m) };
    const controller = new ChatController({ runStream: (r, o, s) => service.stream(r, o, s), config: () => config, history, batchIntervalMs: 5 });
    controller.attach(view);
    server.enqueue({ text: 'The first answer, kept in storage.' });
    controller.submit('First question');
    await controller.idle();

    let used = 150 * MB;
    const manager = new ResourceManager({ limitMB: () => 100, readMemory: () => used, trimmables: [controller] });
    manager.sample();
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(controller.holdsTranscript, false, 'the saved transcript was released');

    server.enqueue({ text: 'The second answer.' });
    controller.submit('Second question');
    await controller.idle();
    const sent = server.requests.at(-1)!.body as { messages: Array<{ role: string; content: unknown }> };
    assert.deepEqual(
      sent.messages.map((m) => m.role),
      ['user', 'assistant', 'user'],
      'the next request still carries the earlier exchange, read back from storage',
    );
    assert.match(JSON.stringify(sent.messages[1].content), /first answer, kept in storage/);
    assert.deepEqual(
      controller.messages().map((m) => m.text),
      ['First question', 'The first answer, kept in storage.', 'Second question', 'The second answer.'],
    );
    used = 10 * MB;
    manager.dispose();
    controller.dispose();
  });

  it('pressure felt while an answer streams frees the transcript as soon as the answer has ended', async () => {
    const config = readConfig((key) => ({ 'retry.backoffMs': 5, model: 'claude-sonnet-5' })[key]);
    const service = new StreamingService({ client: createAnthropicClient({ apiKey: server.apiKey, baseUrl: server.url }) });
    const controller = new ChatController({
      runStream: (r, o, s) => service.stream(r, o, s),
      config: () => config,
      history: new HistoryStore(memoryState(), () => 10),
      batchIntervalMs: 5,
    });
    controller.attach({ visible: true, post: () => undefined });
    server.enqueue({ text: 'word '.repeat(200), tokenChars: 5, delayMs: 1 });
    controller.submit('A question');
    while (!controller.isStreaming) await new Promise((r) => setImmediate(r));
    assert.equal(await controller.trim(), false, 'nothing is freed mid-answer');
    assert.equal(controller.holdsTranscript, true);
    await controller.idle();
    while (controller.holdsTranscript) await new Promise((r) => setTimeout(r, 5));
    assert.deepEqual(
      controller.messages().map((m) => m.text),
      ['A question', 'word '.repeat(200)],
      'read back whole from storage',
    );
    controller.dispose();
  });

  it('pausing live analysis shows the note at once and resuming clears it', async () => {
    const snapshots: AnalysisSnapshot[] = [];
    const client = new AnalysisClient({ workerPath: undefined, inProcessHost: () => new EngineHost(), threshold: 5, onSnapshot: (s) => void snapshots.push(s) });
    let used = 20 * MB;
    const manager = new ResourceManager({ limitMB: () => 100, readMemory: () => used, analysis: client });
    client.begin('s');
    for (let i = 0; i < 5; i += 1) client.push('s', `word${i} `);
    while (snapshots.length < 1) await new Promise((r) => setImmediate(r));
    used = 150 * MB;
    manager.sample();
    assert.equal(snapshots.at(-1)?.paused, true, 'a paused snapshot is posted without waiting for more text');
    for (let i = 0; i < 20; i += 1) client.push('s', `more${i} `);
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(snapshots.filter((s) => !s.paused).length, 1, 'no analysis runs while paused');
    used = 50 * MB;
    manager.sample();
    while (snapshots.at(-1)?.paused !== undefined || snapshots.at(-1)?.tokensAnalyzed !== 25) await new Promise((r) => setImmediate(r));
    assert.equal(snapshots.at(-1)?.tokensAnalyzed, 25, 'what collected while paused is analysed on resume');
    const final = await client.end('s');
    assert.equal(final.paused, undefined);
    await client.dispose();
  });
});
