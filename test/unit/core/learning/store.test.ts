import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { StoreWarning } from '../../../../src/core/learning/store';
import { LearningStore } from '../../../../src/core/learning/store';
import type { LearningFs } from '../../../../src/core/learning/learningFs';
import { nodeLearningFs } from '../../../../src/core/learning/learningFs';
import { faultyFs, makeRecord, removeDir, tempDir } from './helpers';

async function readAll(store: LearningStore): Promise<string[]> {
  const ids: string[] = [];
  for await (const { record } of store.records()) ids.push(record.id);
  return ids;
}

describe('learning store', () => {
  let root: string;
  let warnings: StoreWarning[];
  beforeEach(() => {
    root = path.join(tempDir(), 'learning');
    warnings = [];
  });
  afterEach(() => removeDir(path.dirname(root)));
  const open = (extra: Partial<ConstructorParameters<typeof LearningStore>[0]> = {}) => new LearningStore({ root, onWarning: (w) => warnings.push(w), ...extra });

  it('touches nothing on disk until the first record is written', () => {
    const calls: string[] = [];
    const spy = Object.fromEntries(
      Object.entries(nodeLearningFs).map(([k, f]) => [k, (...args: unknown[]) => (calls.push(k), (f as (...a: unknown[]) => unknown)(...args))]),
    ) as unknown as LearningFs;
    open({ fs: spy });
    assert.deepEqual(calls, []);
    assert.equal(fs.existsSync(root), false);
  });

  it('reads back what it wrote, in order, with a versioned header per segment', async () => {
    const store = open();
    await store.append([makeRecord({ id: 'a' }), makeRecord({ id: 'b' })]);
    await store.append([makeRecord({ id: 'c' })]);
    assert.deepEqual(await readAll(store), ['a', 'b', 'c']);
    const [name] = fs.readdirSync(root);
    assert.match(name, new RegExp(`^segment-\\d{13}-${store.writerId}\\.jsonl$`));
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(root, name), 'utf8').split('\n')[0]), {
      type: 'header',
      schemaVersion: 1,
      writerId: store.writerId,
      createdAt: Number(name.split('-')[1]),
    });
  });

  it('rotates to a new segment once one passes the size limit', async () => {
    const store = open({ maxSegmentBytes: 4000 });
    for (let i = 0; i < 10; i++) await store.append([makeRecord({ id: `r${i}` })]);
    const segments = (await store.segments()).filter((s) => s.kind === 'records');
    assert.ok(segments.length >= 3, `${segments.length} segments`);
    assert.ok(segments.every((s) => s.size <= 4000 + 2000));
    assert.deepEqual(
      await readAll(store),
      Array.from({ length: 10 }, (_, i) => `r${i}`),
    );
  });

  it('skips and reports a torn last line left by a crash, and keeps everything before it', async () => {
    const store = open();
    await store.append([makeRecord({ id: 'a' }), makeRecord({ id: 'b' })]);
    const [name] = fs.readdirSync(root);
    const torn = JSON.stringify(makeRecord({ id: 'c' })).slice(0, 90);
    fs.appendFileSync(path.join(root, name), torn);
    const reopened = open();
    assert.deepEqual(await readAll(reopened), ['a', 'b']);
    assert.deepEqual(
      warnings.map((w) => w.kind),
      ['torn-line'],
    );
    await readAll(reopened);
    assert.equal(warnings.length, 1, 'reported once, not on every read');
  });

  it('quarantines a garbage segment and goes on recording', async () => {
    const store = open();
    await store.append([makeRecord({ id: 'a' })]);
    const garbage = path.join(root, 'segment-0000000000001-zzzz.jsonl');
    fs.writeFileSync(garbage, Buffer.from([0x00, 0xff, 0x13, 0x37, 0x0a, 0x7b, 0x0a, 0x41]));
    assert.deepEqual(await readAll(store), ['a']);
    assert.deepEqual(
      warnings.map((w) => w.kind),
      ['quarantined'],
    );
    assert.ok(fs.existsSync(`${garbage}.corrupt`));
    assert.ok(!fs.existsSync(garbage));
    await store.append([makeRecord({ id: 'b' })]);
    assert.deepEqual(await readAll(store), ['a', 'b']);
  });

  it('skips invalid lines in the middle of a segment without losing the valid ones', async () => {
    const store = open();
    await store.append([makeRecord({ id: 'a' })]);
    const [name] = fs.readdirSync(root);
    fs.appendFileSync(path.join(root, name), '{"schemaVersion":1,"id":"bad"}\nnot json at all\n');
    await store.append([makeRecord({ id: 'b' })]);
    assert.deepEqual(await readAll(open()), ['a', 'b']);
    assert.deepEqual(warnings.map((w) => w.kind).sort(), ['invalid-lines', 'invalid-lines']);
  });

  for (const code of ['EACCES', 'ENOSPC']) {
    it(`warns once and never throws when the disk refuses writes (${code})`, async () => {
      let failing = true;
      const store = open({ fs: faultyFs(code, () => failing) });
      for (let i = 0; i < 5; i++) assert.equal(await store.append([makeRecord()]), false);
      assert.equal(await store.amend('x', { copied: true }), false);
      assert.equal(warnings.length, 1);
      assert.equal(warnings[0].kind, 'write-failed');
      assert.equal(warnings[0].code, code);
      assert.match(warnings[0].message, new RegExp(code));
      failing = false;
      assert.equal(await store.append([makeRecord({ id: 'ok' })]), true);
      assert.deepEqual(await readAll(store), ['ok']);
    });
  }

  it('starts a fresh segment after a failed write so a half-written line is never followed by more data', async () => {
    let failing = false;
    const base = faultyFs('ENOSPC', () => failing);
    const tearing: LearningFs = {
      ...base,
      appendFile: async (file, data) => {
        if (!failing) return base.appendFile(file, data);
        await nodeLearningFs.appendFile(file, data.slice(0, 40)); // the disk took part of it
        throw Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' });
      },
    };
    const store = open({ fs: tearing });
    await store.append([makeRecord({ id: 'a' })]);
    failing = true;
    await store.append([makeRecord({ id: 'lost' })]);
    failing = false;
    await store.append([makeRecord({ id: 'b' })]);
    assert.deepEqual(await readAll(open()), ['a', 'b']);
  });

  it('folds amends written later into one set of signals per record', async () => {
    const store = open();
    await store.append([makeRecord({ id: 'a' })]);
    await store.amend('a', { copied: true });
    await store.amend('a', { feedback: 'up' });
    await store.amend('b', { regenerated: true });
    const amends = await open().readAmends();
    assert.deepEqual(amends.get('a'), { copied: true, feedback: 'up' });
    assert.deepEqual(amends.get('b'), { regenerated: true });
  });

  it('clears every record, amend and summary', async () => {
    const store = open();
    await store.append([makeRecord()]);
    await store.amend('x', { copied: true });
    await store.writeSummaryJson({ any: 1 });
    await store.clear();
    assert.deepEqual(fs.readdirSync(root), []);
    await store.append([makeRecord({ id: 'after' })]);
    assert.deepEqual(await readAll(store), ['after']);
  });

  it('writes the summary atomically and reads it back', async () => {
    const store = open();
    assert.equal(await store.readSummaryJson(), undefined);
    assert.equal(await store.writeSummaryJson({ n: 1 }), true);
    assert.deepEqual(await store.readSummaryJson(), { n: 1 });
    assert.deepEqual(fs.readdirSync(root), ['summary.json']);
  });
});
