import * as assert from 'node:assert/strict';
import { TopicCounter } from '../../../../src/core/analysis/topics';

describe('topics', () => {
  const topicsOf = (...sentences: string[]) => {
    const counter = new TopicCounter(20);
    for (const sentence of sentences) counter.addProse(sentence);
    return counter.top().map((t) => t.term);
  };

  it('does not turn the pieces of a path or file name into topics', () => {
    const terms = topicsOf('Open src/extension.ts and then webview/insights/main.ts, or C:\\work\\app.py.');
    for (const bad of ['extension.t', 'extension.ts', 'main.t', 'src', 'webview', 'insights', 'app.py']) {
      assert.ok(!terms.includes(bad), `${bad} in ${terms.join(', ')}`);
    }
  });

  it('counts technology names that are also English words only when written as names', () => {
    assert.deepEqual(
      topicsOf('The rest is on its way; react to the node that you express.').filter((t) => ['REST', 'React', 'Node.js', 'Express'].includes(t)),
      [],
    );
    const named = topicsOf('React calls a REST API served by Express on Node.js.');
    for (const name of ['React', 'REST', 'Express', 'Node.js']) assert.ok(named.includes(name), `${name} missing from ${named.join(', ')}`);
  });

  it('gives each language of a mixed answer a place among equally weighted topics', () => {
    const counter = new TopicCounter(4);
    counter.addProse('The scheduler retries every failed upload and logs the attempt.', 'en');
    counter.addProse('Der Zeitplaner wiederholt jeden Upload und protokolliert den Versuch.', 'de');
    counter.addProse('データベースのキャッシュを更新します。', 'ja');
    const top = counter.top().map((t) => t.term);
    assert.equal(top.length, 4);
    // Alphabetical ties alone would show four English words.
    assert.ok(
      top.some((t) => ['Zeitplaner', 'Upload', 'Versuch'].includes(t)),
      `no German topic in ${top.join(', ')}`,
    );
    assert.ok(
      top.some((t) => ['データベース', 'キャッシュ', '更新'].includes(t)),
      `no Japanese topic in ${top.join(', ')}`,
    );
  });

  it('keeps the alphabetical order of equal weights in a one-language answer', () => {
    const counter = new TopicCounter(3);
    counter.addProse('Zebra crossings, apple orchards and mango groves.', 'en');
    assert.deepEqual(
      counter.top().map((t) => t.term),
      ['apple', 'crossing', 'grove'],
    );
  });
});
