import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { csvField, exportRecords } from '../../../../src/core/learning/export';
import { LearningStore } from '../../../../src/core/learning/store';
import { makeRecord, removeDir, tempDir } from './helpers';

/** A minimal RFC 4180 reader, to check what a spreadsheet would see. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') ((field += '"'), i++);
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') (row.push(field), (field = ''));
    else if (c === '\r' && text[i + 1] === '\n') (row.push(field), rows.push(row), (row = []), (field = ''), i++);
    else field += c;
  }
  return rows;
}

describe('learning export', () => {
  let dir: string;
  let store: LearningStore;
  beforeEach(() => {
    dir = tempDir();
    store = new LearningStore({ root: path.join(dir, 'learning') });
  });
  afterEach(() => removeDir(dir));

  it('escapes commas, quotes and line breaks so every field survives a round trip', async () => {
    const prompt = 'Why does "a, b" fail?\nSecond line\r\nthird';
    await store.append([makeRecord({ id: 'x1', prompt, answer: 'Use `"quotes"`, always.' })]);
    await store.amend('x1', { feedback: 'up' });
    const chunks: string[] = [];
    assert.equal(await exportRecords(store, 'csv', (c) => void chunks.push(c)), 1);
    const rows = parseCsv(chunks.join(''));
    assert.equal(rows.length, 2);
    const record = Object.fromEntries(rows[0].map((h, i) => [h, rows[1][i]]));
    assert.equal(record.prompt, prompt);
    assert.equal(record.answer, 'Use `"quotes"`, always.');
    assert.equal(record.feedback, 'up');
    assert.equal(record.quality, '0.900');
    assert.equal(record.id, 'x1');
  });

  it('defuses spreadsheet formulas in text fields', () => {
    assert.equal(csvField('=HYPERLINK("http://evil")'), `"'=HYPERLINK(""http://evil"")"`);
    assert.equal(csvField('+1'), "'+1");
    assert.equal(csvField(-3), '-3', 'numbers stay numbers');
  });

  it('streams valid JSON, one record per chunk', async () => {
    await store.append([makeRecord({ id: 'a' }), makeRecord({ id: 'b' }), makeRecord({ id: 'c' })]);
    const chunks: string[] = [];
    await exportRecords(store, 'json', async (c) => void chunks.push(c));
    assert.ok(chunks.length >= 5);
    const parsed = JSON.parse(chunks.join('')) as Array<{ id: string }>;
    assert.deepEqual(
      parsed.map((r) => r.id),
      ['a', 'b', 'c'],
    );
  });

  it('exports an empty store as an empty array', async () => {
    const chunks: string[] = [];
    assert.equal(await exportRecords(store, 'json', (c) => void chunks.push(c)), 0);
    assert.deepEqual(JSON.parse(chunks.join('')), []);
  });
});
