import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LineSearch, lineBatches } from '../../../../src/core/learning/lines';
import type { LearningFs } from '../../../../src/core/learning/learningFs';
import { nodeLearningFs } from '../../../../src/core/learning/learningFs';
import { LearningStore } from '../../../../src/core/learning/store';
import { summarize } from '../../../../src/core/learning/batchAnalysis';
import { makeRecord, removeDir, tempDir } from './helpers';

async function* chunksOf(text: string, size: number): AsyncIterable<Buffer> {
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function linesOf(text: string, size: number): Promise<Array<[string, boolean]>> {
  const out: Array<[string, boolean]> = [];
  for await (const batch of lineBatches(chunksOf(text, size))) {
    for (const l of batch) out.push([l.buf.toString('utf8', l.start, l.end), l.terminated]);
  }
  return out;
}

describe('line splitting', () => {
  it('gives the same lines whatever the chunk size, multi-byte characters included', async () => {
    const text = 'first line\nzweite Zeile – ü\n\n🎉 emoji line\nunterminated';
    const expected: Array<[string, boolean]> = [
      ['first line', true],
      ['zweite Zeile – ü', true],
      ['', true],
      ['🎉 emoji line', true],
      ['unterminated', false],
    ];
    for (const size of [1, 2, 3, 5, 7, 64, 4096]) assert.deepEqual(await linesOf(text, size), expected, `chunk size ${size}`);
  });

  it('finds a key once per line without rescanning lines that lack it', () => {
    const buf = Buffer.from('a,"k":1\nb\nc\nd,"k":2\n');
    const search = new LineSearch(Buffer.from(',"k":'));
    const line = (start: number, end: number) => ({ buf, start, end, terminated: true, endOffset: end + 1 });
    assert.equal(search.find(line(0, 7)), 1);
    assert.equal(search.find(line(8, 9)), -1);
    assert.equal(search.find(line(10, 11)), -1);
    assert.equal(search.find(line(12, 19)), 13);
  });
});

describe('reading records for summaries without their text', () => {
  let dir: string;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => removeDir(dir));

  it('is not fooled by text that contains the key names', async () => {
    const root = path.join(dir, 'l');
    const store = new LearningStore({ root });
    const tricky = 'x,"prompt":"y"},"answer":"z\n,\\"prompt\\":';
    await store.append([makeRecord({ id: 't1', prompt: tricky, answer: tricky, topics: ['tricky'] })]);
    const full = [];
    for await (const { record } of store.records()) full.push(record);
    assert.equal(full[0].prompt, tricky);
    assert.equal(full[0].answer, tricky);
    const s = await summarize(store);
    assert.equal(s.recordCount, 1);
    assert.equal(s.aggregate.topics.tricky.n, 1);
  });

  it('falls back to a full parse when the text is not at the end of the line', async () => {
    const root = path.join(dir, 'l');
    fs.mkdirSync(root, { recursive: true });
    const { prompt, answer, ...rest } = makeRecord({ id: 'reordered', topics: ['order'] });
    const line = JSON.stringify({ prompt, answer, ...rest });
    fs.writeFileSync(path.join(root, 'segment-0000000000001-other.jsonl'), `${line}\n`);
    const s = await summarize(new LearningStore({ root }));
    assert.equal(s.aggregate.topics.order.n, 1);
  });

  it('skips a line that is damaged after its text began instead of failing the summary', async () => {
    const root = path.join(dir, 'l');
    fs.mkdirSync(root, { recursive: true });
    const { prompt, answer, ...rest } = makeRecord({ id: 'damaged' });
    const line = JSON.stringify({ prompt, answer, ...rest }).replace(/"answer":"/, '"answer":"\\u00');
    const good = JSON.stringify(makeRecord({ id: 'good', topics: ['ok'] }));
    fs.writeFileSync(path.join(root, 'segment-0000000000001-other.jsonl'), `${good}\n${line}\n`);
    const s = await summarize(new LearningStore({ root }));
    assert.equal(s.recordCount, 1);
    assert.equal(s.aggregate.topics.ok.n, 1);
  });

  it('reads the same records through tiny chunks as through large ones', async () => {
    const root = path.join(dir, 'l');
    const writer = new LearningStore({ root });
    await writer.append(Array.from({ length: 20 }, (_, i) => makeRecord({ id: `r${i}`, answer: `ä ${'ü'.repeat(i * 7)}` })));
    const tiny: LearningFs = {
      ...nodeLearningFs,
      async *readChunks(file) {
        for await (const chunk of nodeLearningFs.readChunks(file)) for (let i = 0; i < chunk.length; i += 13) yield chunk.subarray(i, i + 13);
      },
    };
    const read = async (store: LearningStore) => {
      const out = [];
      for await (const { record } of store.records()) out.push(record);
      return out;
    };
    assert.deepEqual(await read(new LearningStore({ root, fs: tiny })), await read(new LearningStore({ root })));
    assert.equal((await read(new LearningStore({ root, fs: tiny }))).length, 20);
  });
});
