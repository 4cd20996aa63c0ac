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

  it('leaves the packages of install and remove commands to the entities, in every installer', () => {
    const terms = topicsOf(
      'Run npm uninstall moment before the upgrade.',
      'Then poetry add httpx and cargo remove serde.',
      'On the server, apt-get install -y nginx certbot finishes the setup.',
      'pip install "numpy>=1.26,<2" pins the matrix library.',
    );
    for (const bad of ['uninstall', 'moment', 'poetry', 'httpx', 'serde', 'nginx', 'certbot', 'numpy']) assert.ok(!terms.includes(bad), `${bad} in ${terms.join(', ')}`);
    // The rest of each sentence still counts.
    for (const kept of ['upgrade', 'server', 'setup', 'matrix']) assert.ok(terms.includes(kept), `${kept} missing from ${terms.join(', ')}`);
  });

  it('counts a plural as its whole singular, never as a clipped word', () => {
    const counter = new TopicCounter(40);
    counter.addProse('The classes and boxes hold matches, patches, hashes and indexes.');
    counter.addProse('Clear the caches and cookies, then check the sizes, responses and libraries.');
    counter.addProse('One class, one box, one match, one patch, one hash, one index, one cache, one cookie, one size, one response, one library.');
    const counts = new Map(counter.top().map((t) => [t.term, t.count]));
    for (const word of ['class', 'box', 'match', 'patch', 'hash', 'index', 'cache', 'cookie', 'size', 'response', 'library'])
      assert.equal(counts.get(word), 2, `${word}: ${[...counts].map(([t, c]) => `${t}×${c}`).join(', ')}`);
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
