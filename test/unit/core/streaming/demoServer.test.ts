/**
 * The offline-demo banner is true only while the demo server answers: the client learns it
 * from the server's own mark on each response, over the real SDK, never from the URL.
 */
import * as assert from 'node:assert/strict';
import { createAnthropicClient } from '../../../../src/core/streaming/client';
import { StreamingService } from '../../../../src/core/streaming/streamingService';
import { startMockAnthropicServer, type MockAnthropicServer } from '../../../server';
import { FAST } from './harness';

describe('Knowing whether the offline demo server answers', () => {
  const servers: MockAnthropicServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  const answerFrom = async (baseUrl: string, apiKey: string, signal?: AbortSignal): Promise<boolean[]> => {
    const seen: boolean[] = [];
    const client = createAnthropicClient({ apiKey, baseUrl, onServerIdentified: (demo) => seen.push(demo) });
    await new StreamingService({ client }).stream({ messages: [{ role: 'user', content: 'hi' }], settings: { ...FAST, maxRetries: 0 } }, {}, signal);
    return seen;
  };

  it('is true when the demo server answers', async () => {
    const demo = await startMockAnthropicServer({ demo: true });
    servers.push(demo);
    assert.deepEqual(await answerFrom(demo.url, demo.apiKey), [true]);
  });

  it('is false for another server on this machine, though its URL is just as local', async () => {
    const plain = await startMockAnthropicServer();
    servers.push(plain);
    assert.deepEqual(await answerFrom(plain.url, plain.apiKey), [false]);
  });

  it('is false once the demo server is gone', async () => {
    const demo = await startMockAnthropicServer({ demo: true });
    const { url, apiKey } = demo;
    assert.deepEqual(await answerFrom(url, apiKey), [true]);
    await demo.close();
    assert.deepEqual(await answerFrom(url, apiKey), [false]);
  });

  it('says nothing when the user stops the request before the server answered', async () => {
    const demo = await startMockAnthropicServer({ demo: true, defaultScenario: { headersDelayMs: 2000 } });
    servers.push(demo);
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 50);
    assert.deepEqual(await answerFrom(demo.url, demo.apiKey, stop.signal), []);
  });
});
