import * as assert from 'node:assert/strict';
import { AnalysisClient } from '../../../src/core/analysis/analysisClient';
import { EngineHost } from '../../../src/core/analysis/workerProtocol';
import type { AnalysisSnapshot } from '../../../src/shared/protocol';

const settle = () => new Promise((r) => setTimeout(r, 10));

describe('live analysis of a fast stream', () => {
  it('sends at most one chunk per interval, in bigger chunks, and analyses every token by the end', async () => {
    let now = 0;
    const snapshots: AnalysisSnapshot[] = [];
    const client = new AnalysisClient({
      workerPath: undefined,
      inProcessHost: () => new EngineHost(),
      threshold: 5,
      minChunkIntervalMs: 100,
      now: () => now,
      onSnapshot: (s) => void snapshots.push(s),
    });
    client.begin('fast');
    // 200 tokens within 50 ms of clock time: one chunk at the start, the rest waits.
    for (let i = 0; i < 200; i += 1) {
      if (i % 4 === 0) now += 1;
      client.push('fast', `word${i} `);
      if (i % 20 === 0) await settle();
    }
    await settle();
    assert.equal(snapshots.length, 1, 'one chunk in the first 100 ms, not one per 5 tokens');
    now += 100;
    client.push('fast', 'later ');
    await settle();
    assert.equal(snapshots.length, 2);
    assert.equal(snapshots[1].tokensAnalyzed, 201, 'the second chunk carries everything that waited');
    const final = await client.end('fast');
    assert.equal(final.tokensAnalyzed, 201);
    await client.dispose();
  });
});
