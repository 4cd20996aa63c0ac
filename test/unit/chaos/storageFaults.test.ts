/**
 * Storage chaos for the learning store: writers killed mid-append 100 times, garbage in
 * segments, disks that refuse writes while the user keeps chatting, and two windows writing
 * at once. Builds on test/unit/core/learning (20 kills, single garbage file, one failed append).
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { build } from 'esbuild';
import { ContinuousLearning } from '../../../src/core/learning/continuousLearning';
import { LearningStore, type StoreWarning } from '../../../src/core/learning/store';
import { seededRandom } from '../../server/chunking';
import { startMockAnthropicServer, type MockAnthropicServer } from '../../server';
import { allLines, faultyFs, makeRecord, memoryState, removeDir, tempDir } from '../core/learning/helpers';
import { openPipeline, pool } from './pipeline';

const SEED = Number(process.env.CHAOS_SEED ?? Math.floor(Math.random() * 2 ** 31));
const WRITER_SOURCE = path.join(__dirname, 'fixtures', 'storeWriter.ts');

interface Writer {
  id: Promise<string>;
  acked(): number;
  firstAck: Promise<void>;
  kill(): void;
  exit: Promise<number | null>;
}

function startWriter(bundle: string, root: string, count: string, pad: number, segmentBytes: number): Writer {
  const proc = spawn(process.execPath, [bundle, root, count, String(pad), String(segmentBytes)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let acked = 0;
  let buffer = '';
  let gotId: (id: string) => void = () => {};
  let gotAck: () => void = () => {};
  const id = new Promise<string>((r) => (gotId = r));
  const firstAck = new Promise<void>((r) => (gotAck = r));
  proc.stdout.on('data', (chunk: Buffer) => {
    const lines = (buffer + chunk.toString()).split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      if (line.startsWith('writer ')) gotId(line.slice(7));
      else if (/^\d+$/.test(line)) {
        acked = Number(line);
        gotAck();
      }
    }
  });
  return { id, acked: () => acked, firstAck, kill: () => proc.kill('SIGKILL'), exit: new Promise((r) => proc.on('close', (code) => r(code))) };
}

/** Non-empty, no final newline, and the last line does not parse: a record cut by the kill. */
function isTorn(file: string): boolean {
  const text = fs.readFileSync(file, 'utf8');
  if (text === '' || text.endsWith('\n')) return false;
  try {
    JSON.parse(text.slice(text.lastIndexOf('\n') + 1));
    return false;
  } catch {
    return true;
  }
}

describe(`chaos: learning storage faults (CHAOS_SEED=${SEED})`, function () {
  this.timeout(120_000);
  let dir: string;
  let bundle: string;

  before(async () => {
    bundle = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cs-writer-')), 'storeWriter.js');
    await build({ entryPoints: [WRITER_SOURCE], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: bundle, logLevel: 'warning' });
  });
  after(() => removeDir(path.dirname(bundle)));
  beforeEach(() => (dir = tempDir()));
  afterEach(() => removeDir(dir));

  /** One writer killed at a random moment; returns how many torn files it left (0 or 1). */
  async function killOnce(root: string, round: number, random: () => number): Promise<number> {
    // Some records over 512 KiB, which Node writes in several chunks: a kill can land between them.
    const pad = random() < 0.3 ? 400_000 : 2000 + Math.floor(random() * 10_000);
    const writer = startWriter(bundle, root, 'loop', pad, 64 * 1024);
    await writer.firstAck;
    await sleep(Math.floor(random() * 25));
    writer.kill();
    await writer.exit;
    const writerId = await writer.id;
    const acked = writer.acked();

    const warnings: StoreWarning[] = [];
    const store = new LearningStore({ root, onWarning: (w) => warnings.push(w) });
    const seq: number[] = [];
    for await (const { record } of store.records()) {
      if (record.id.startsWith(`${writerId}-`)) seq.push(Number(record.id.slice(writerId.length + 1)));
    }
    assert.ok(seq.length >= acked, `round ${round}: ${seq.length} records read back, ${acked} were acknowledged`);
    assert.ok(seq.length <= acked + 1, `round ${round}: at most the one in-flight append beyond the ${acked} acknowledged, read ${seq.slice(-5).join(',')}`);
    assert.deepEqual(
      seq,
      Array.from({ length: seq.length }, (_, i) => i + 1),
      `round ${round}: none missing in the middle`,
    );
    assert.ok(
      warnings.every((w) => w.kind === 'torn-line'),
      JSON.stringify(warnings),
    );
    // Every file this writer left without a final newline was reported as torn.
    const unterminated = fs.readdirSync(root).filter((n) => n.includes(writerId) && n.endsWith('.jsonl') && isTorn(path.join(root, n)));
    for (const name of unterminated)
      assert.ok(
        warnings.some((w) => w.file === name),
        `round ${round}: torn ${name} not reported`,
      );
    assert.equal(await store.append([makeRecord({ id: `after-${round}` })]), true, `round ${round}: the store records again`);
    return unterminated.length;
  }

  it('reopens after 100 SIGKILLs mid-append, losing at most each torn last record, and reports every torn line', async () => {
    let torn = 0;
    const started = Date.now();
    // Ten workspaces, ten kills each, three workspaces at a time: every reopen reads the debris
    // of the earlier kills without the store growing so large that reading it dominates.
    const roots = Array.from({ length: 10 }, (_, i) => path.join(dir, `ws${i}`, 'learning'));
    await pool(roots.length, 3, async (w) => {
      const root = roots[w];
      const random = seededRandom(SEED + w);
      for (let k = 0; k < 10; k++) {
        const round = w * 10 + k;
        torn += await killOnce(root, round, random);
      }
    });
    const after = new Set<string>();
    for (const root of roots) for await (const { record } of new LearningStore({ root }).records()) if (record.id.startsWith('after-')) after.add(record.id);
    assert.equal(after.size, 100);
    console.log(`      seed ${SEED}: 100 kills in ${((Date.now() - started) / 1000).toFixed(1)} s, ${torn} left a torn last line (each reported, each the only loss)`);
  });

  it('quarantines every kind of garbage segment once, keeps the good records, and keeps recording', async () => {
    const root = path.join(dir, 'learning');
    const warnings: StoreWarning[] = [];
    const store = new LearningStore({ root, onWarning: (w) => warnings.push(w) });
    await store.append([makeRecord({ id: 'good-1' })]);
    const random = seededRandom(SEED);
    const garbage: Array<string | Buffer> = [
      Buffer.concat([Buffer.from('\x01\x02 binary\n'), Buffer.from(Array.from({ length: 2000 }, () => Math.floor(random() * 256)))]),
      Buffer.from([0xef, 0xbb, 0xbf, 0x00, 0x00, 0x0a, 0x7b]),
      '\u0000'.repeat(4096),
      '{"type":"header","schemaVersion":1\n{"id":"x"}\n',
      'not json at all\n{"schemaVersion":1,"id":"a"}\n',
      '<html><body>502 Bad Gateway</body></html>\n',
      '[1,2,3]\n',
      '"just a string"\n',
    ];
    const names = garbage.map((g, i) => {
      const name = `segment-${String(1000 + i).padStart(13, '0')}-garbage${i}.jsonl`;
      fs.writeFileSync(path.join(root, name), g);
      return name;
    });
    const read = async () => {
      const ids: string[] = [];
      for await (const { record } of store.records()) ids.push(record.id);
      return ids;
    };
    assert.deepEqual(await read(), ['good-1']);
    assert.deepEqual(await read(), ['good-1'], 'a second read sees the same');
    // A file without a single newline cannot be told from a crash during its first write: it is
    // skipped as a torn line and left in place. Every other kind is set aside as *.corrupt.
    const told = warnings.map((w) => `${w.file}:${w.kind}`).sort();
    const expected = names.map((n, i) => `${n}:${garbage[i].includes('\n') ? 'quarantined' : 'torn-line'}`).sort();
    assert.deepEqual(told, expected, 'one warning per garbage file, none on the re-read');
    for (const [i, name] of names.entries()) {
      if (garbage[i].includes('\n')) assert.ok(fs.existsSync(path.join(root, `${name}.corrupt`)) && !fs.existsSync(path.join(root, name)), name);
    }
    assert.equal(await store.append([makeRecord({ id: 'good-2' })]), true);
    assert.deepEqual(await read(), ['good-1', 'good-2']);
    assert.equal(warnings.length, names.length, 'still told once');
  });

  for (const code of ['EACCES', 'ENOSPC']) {
    it(`keeps the chat answering while storage refuses writes (${code}), warns once, and saves the answers once the disk recovers`, async () => {
      let server: MockAnthropicServer | undefined;
      let failing = true;
      const warnings: StoreWarning[] = [];
      const unhandled: unknown[] = [];
      const onUnhandled = (e: unknown) => unhandled.push(e);
      process.on('unhandledRejection', onUnhandled);
      try {
        server = await startMockAnthropicServer();
        const root = path.join(dir, 'learning');
        const store = new LearningStore({ root, fs: faultyFs(code, () => failing), onWarning: (w) => warnings.push(w) });
        const learning = new ContinuousLearning({
          store,
          state: memoryState(),
          flushSize: 1,
          settings: { enabled: true, batchSize: 1000, storeContent: true, applyToPrompts: false, maxTokens: 4096, maxRetries: 3 },
        });
        const { controller, view } = openPipeline(server, { model: 'claude-haiku-4-5', maxRetries: 2, backoffMs: 1, idleTimeoutMs: 2000 }, () => 0.5);
        controller.onDidCompleteAnswer((answer) => learning.recordAnswer(answer));
        for (let i = 0; i < 6; i++) {
          server.enqueue({ text: `Answer number ${i}, streamed while the disk is full.` });
          controller.submit(`question ${i}`);
          await controller.idle();
          await learning.flush();
        }
        const ends = view.of('stream/end');
        assert.deepEqual(
          ends.map((e) => e.state),
          Array(6).fill('done'),
          'every answer completed',
        );
        assert.deepEqual(
          ends.map((e) => e.text),
          Array.from({ length: 6 }, (_, i) => `Answer number ${i}, streamed while the disk is full.`),
        );
        assert.equal(warnings.length, 1, 'one warning for the whole run of failures');
        assert.equal(warnings[0].code, code);
        assert.match(warnings[0].message, /could not be saved/);
        assert.equal(fs.existsSync(root) ? allLines(root).length : 0, 0, 'nothing half-written');
        failing = false;
        await learning.flush();
        const ids: string[] = [];
        for await (const { record } of store.records()) ids.push(record.id);
        assert.equal(ids.length, 6, 'the answers kept in memory are saved once the disk accepts writes');
        controller.dispose();
        learning.dispose();
        await sleep(20);
        assert.deepEqual(unhandled, [], 'nothing was thrown into the void');
      } finally {
        process.off('unhandledRejection', onUnhandled);
        await server?.close();
      }
    });
  }

  it('keeps every line whole when two windows append with rotation and multi-byte answers at once', async () => {
    const root = path.join(dir, 'learning');
    const a = startWriter(bundle, root, '400', 1500, 32 * 1024);
    const b = startWriter(bundle, root, '400', 2500, 32 * 1024);
    assert.deepEqual(await Promise.all([a.exit, b.exit]), [0, 0]);
    const lines = allLines(root);
    const bad = lines.filter((line) => {
      try {
        const value = JSON.parse(line) as { id?: unknown; type?: unknown };
        return value.type !== 'header' && typeof value.id !== 'string';
      } catch {
        return true;
      }
    });
    assert.deepEqual(
      bad.map((l) => l.slice(0, 60)),
      [],
      'no interleaved or corrupt lines',
    );
    const ids = new Set<string>();
    for await (const { record } of new LearningStore({ root }).records()) ids.add(record.id);
    const [wa, wb] = await Promise.all([a.id, b.id]);
    for (let i = 1; i <= 400; i++) assert.ok(ids.has(`${wa}-${i}`) && ids.has(`${wb}-${i}`), `record ${i} of both writers`);
    assert.equal(ids.size, 800);
    assert.ok(fs.readdirSync(root).filter((n) => n.startsWith('segment-')).length > 4, 'segments rotated while both wrote');
  });
});
