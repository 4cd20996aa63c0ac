import { strict as assert } from 'node:assert';
import { AnalysisEngine } from '../../../../src/core/analysis/engine';

const ANSWER = [
  '# Reading files in Node.js\n',
  'You can read a file with `fs.readFile()` from the fs module. It is great for small files and works well with TypeScript.\n',
  'If the file is missing, the call fails with ENOENT and the promise is rejected with an error.\n\n',
  '```ts\nimport { readFile } from "node:fs/promises";\nconst text = await fs.promises.readFile("./config.json", "utf8");\n```\n\n',
  'Set NODE_OPTIONS=--max-old-space-size=4096 for big inputs, and install lodash@4.17.21 if you need helpers.\n',
  '- See https://nodejs.org/api/fs.html for the full API.\n- Thanks, this is a wonderful and helpful approach!\n',
  'Read the file in TypeScript again. The Node.js stream API is excellent for huge files.',
].join('');

function run(chunks: string[]) {
  const engine = new AnalysisEngine({ clock: () => 0 });
  for (const c of chunks) engine.push(c);
  engine.finish();
  return engine.snapshot('s1');
}

function split(text: string, seed: number): string[] {
  const out: string[] = [];
  let at = 0;
  while (at < text.length) {
    seed = (seed * 48271) % 2147483647;
    const n = 1 + (seed % 17);
    out.push(text.slice(at, at + n));
    at += n;
  }
  return out;
}

describe('AnalysisEngine', () => {
  it('ends with the same sentiment, topics and entities whatever the chunk sizes', () => {
    const whole = run([ANSWER]);
    for (const seed of [1, 2, 3, 42, 1234]) {
      const inc = run(split(ANSWER, seed));
      assert.equal(inc.sentiment.value, whole.sentiment.value);
      assert.equal(inc.sentiment.trend, whole.sentiment.trend);
      assert.deepEqual(inc.topics, whole.topics);
      assert.deepEqual(inc.entities, whole.entities);
    }
  });

  it('finds the developer entities, the code language as a topic, and a positive tone', () => {
    const s = run([ANSWER]);
    const ents = s.entities.map((e) => `${e.type}:${e.text}`);
    for (const e of [
      'call:fs.readFile()',
      'error:ENOENT',
      'env:NODE_OPTIONS',
      'package:lodash',
      'version:4.17.21',
      'url:https://nodejs.org/api/fs.html',
      'path:./config.json',
      'product:Node.js',
    ]) {
      assert.ok(ents.includes(e), `${e} in ${ents.join(', ')}`);
    }
    const terms = s.topics.map((t) => t.term);
    assert.ok(terms.includes('TypeScript') && terms.includes('Node.js'), terms.join(', '));
    assert.equal(s.topics.find((t) => t.term === 'TypeScript')?.count, 3, 'two prose mentions plus the ts fence');
    assert.ok(s.sentiment.value > 0, `${s.sentiment.value}`);
    assert.equal(s.final, true);
  });

  it('does not take the pieces of file names, paths or versions for topics', () => {
    const s = run(['Copy .env.example to .env, edit config/settings.yaml and pin 4.2.1 before the release.']);
    const terms = s.topics.map((t) => t.term);
    for (const piece of ['env', 'example', 'settings', 'yaml', 'config']) assert.ok(!terms.includes(piece), `${piece} in ${terms.join(', ')}`);
    assert.ok(terms.includes('release'), terms.join(', '));
    assert.ok(s.entities.some((e) => e.text === '.env.example'));
  });

  it('counts tokens, chunks and keeps the sparkline bounded', () => {
    const engine = new AnalysisEngine({ seriesLength: 5 });
    for (const c of split(ANSWER, 9)) engine.push(c, 2);
    const s = engine.snapshot('x');
    assert.equal(s.tokensAnalyzed, split(ANSWER, 9).length * 2);
    assert.equal(s.timing.chunks, split(ANSWER, 9).length);
    assert.equal(s.sentiment.series.length, 5);
    assert.equal(s.final, false);
  });

  it('shows a falling trend when an answer turns sour', () => {
    const engine = new AnalysisEngine();
    for (let i = 0; i < 8; i += 1) engine.push('This is a wonderful, excellent and helpful library. ');
    for (let i = 0; i < 5; i += 1) engine.push('Sadly the docs are terrible, awful and useless. ');
    engine.finish();
    assert.equal(engine.snapshot('x').sentiment.trend, 'falling');
  });

  it('ignores text pushed after finish', () => {
    const engine = new AnalysisEngine();
    engine.push('Hello there.');
    engine.finish();
    const before = engine.snapshot('x');
    engine.push(' More text about Rust.');
    assert.deepEqual(engine.snapshot('x').topics, before.topics);
  });
});
