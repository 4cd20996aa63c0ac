import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { AnalysisClient } from '../../../../src/core/analysis/analysisClient';
import type { AnalysisSnapshot } from '../../../../src/shared/protocol';
import type { Logger } from '../../../../src/core/ports';
import { EngineHost } from '../../../../src/core/analysis/workerProtocol';

/** The in-process engine, used when there is no worker path. */
const inProcessHost = () => new EngineHost();

const WORDS = 'TypeScript makes large codebases pleasant and the compiler is excellent . '.split(' ');
const token = (i: number) => `${WORDS[i % WORDS.length]} `;

function recorder() {
  const snapshots: AnalysisSnapshot[] = [];
  let notify: (() => void) | undefined;
  return {
    snapshots,
    onSnapshot: (s: AnalysisSnapshot) => {
      snapshots.push(s);
      notify?.();
    },
    next: (count: number) =>
      new Promise<void>((resolve) => {
        const check = () => (snapshots.length >= count ? resolve() : undefined);
        notify = check;
        check();
      }),
  };
}

function memoryLogger(lines: string[]): Logger {
  const log = (m: string | Error) => lines.push(String(m));
  return { trace: log, debug: log, info: log, warn: log, error: log };
}

for (const mode of ['worker', 'in-process'] as const) {
  describe(`AnalysisClient (${mode})`, function () {
    this.timeout(60_000);
    let dir = '';
    let workerPath: string | undefined;

    before(async () => {
      if (mode === 'in-process') return;
      dir = mkdtempSync(join(tmpdir(), 'analysis-worker-'));
      workerPath = join(dir, 'analysisWorker.js');
      await build({
        entryPoints: ['src/core/analysis/worker.ts'],
        bundle: true,
        platform: 'node',
        format: 'cjs',
        outfile: workerPath,
        logLevel: 'silent',
      });
    });
    after(() => dir && rmSync(dir, { recursive: true, force: true }));

    it('sends a snapshot every threshold tokens and a final one on end', async () => {
      const rec = recorder();
      const client = new AnalysisClient({ workerPath, inProcessHost, threshold: 10, onSnapshot: rec.onSnapshot });
      assert.equal(client.started, false, 'the worker starts lazily');
      client.begin('a');
      assert.equal(client.started, true);
      for (let round = 1; round <= 3; round += 1) {
        for (let i = 0; i < 10; i += 1) client.push('a', token(i));
        await rec.next(round);
        assert.equal(rec.snapshots[round - 1].tokensAnalyzed, round * 10);
      }
      for (let i = 0; i < 4; i += 1) client.push('a', token(i));
      assert.equal(rec.snapshots.length, 3, 'no snapshot below the threshold');
      const final = await client.end('a');
      assert.equal(final.final, true);
      assert.equal(final.tokensAnalyzed, 34);
      assert.ok(final.topics.some((t) => t.term === 'TypeScript'));
      assert.ok(final.sentiment.value > 0);
      await client.dispose();
    });

    it('coalesces chunks into one while the analysis is behind', async () => {
      const rec = recorder();
      const client = new AnalysisClient({ workerPath, inProcessHost, threshold: 5, onSnapshot: rec.onSnapshot });
      client.begin('b');
      // 100 tokens in one tick: the first chunk goes out, the other 95 wait as one chunk.
      for (let i = 0; i < 100; i += 1) client.push('b', token(i));
      await rec.next(2);
      assert.deepEqual(
        rec.snapshots.map((s) => s.tokensAnalyzed),
        [5, 100],
      );
      assert.deepEqual(
        rec.snapshots.map((s) => s.timing.chunks),
        [1, 2],
      );
      const final = await client.end('b');
      assert.equal(final.tokensAnalyzed, 100);
      await client.dispose();
    });

    it('holds chunks while paused and sends them together on resume', async () => {
      const rec = recorder();
      const client = new AnalysisClient({ workerPath, inProcessHost, threshold: 5, onSnapshot: rec.onSnapshot });
      client.begin('c');
      client.pause();
      for (let i = 0; i < 12; i += 1) client.push('c', token(i));
      await new Promise((r) => setTimeout(r, 20));
      assert.equal(rec.snapshots.length, 0);
      client.resume();
      await rec.next(1);
      assert.equal(rec.snapshots[0].tokensAnalyzed, 12);
      assert.equal(rec.snapshots[0].paused, undefined);
      await client.dispose();
    });

    it('keeps streams apart', async () => {
      const rec = recorder();
      const client = new AnalysisClient({ workerPath, inProcessHost, threshold: 1000, onSnapshot: rec.onSnapshot });
      client.begin('x');
      client.begin('y');
      client.push('x', 'Rust is wonderful. ');
      client.push('y', 'Python is awful. ');
      const [x, y] = await Promise.all([client.end('x'), client.end('y')]);
      assert.deepEqual([x.streamId, y.streamId], ['x', 'y']);
      assert.ok(x.topics.some((t) => t.term === 'Rust') && !x.topics.some((t) => t.term === 'Python'));
      assert.ok(x.sentiment.value > 0 && y.sentiment.value < 0);
      await client.dispose();
    });

    it('dispose ends the analysis and rejects a pending end', async () => {
      const lines: string[] = [];
      const client = new AnalysisClient({ workerPath, inProcessHost, threshold: 5, onSnapshot: () => undefined, logger: memoryLogger(lines) });
      client.begin('d');
      client.push('d', 'text ');
      const rejected = assert.rejects(client.end('d'), /disposed/);
      await client.dispose();
      await rejected;
      assert.equal(client.started, false);
      if (mode === 'worker') {
        await new Promise((r) => setTimeout(r, 50));
        assert.ok(
          lines.some((l) => /worker exited/.test(l)),
          lines.join('\n'),
        );
      }
      await client.dispose(); // idempotent
    });
  });
}
