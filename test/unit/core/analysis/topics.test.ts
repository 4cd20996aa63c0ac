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
    assert.deepEqual(topicsOf('The rest is on its way; react to the node that you express.').filter((t) => ['REST', 'React', 'Node.js', 'Express'].includes(t)), []);
    const named = topicsOf('React calls a REST API served by Express on Node.js.');
    for (const name of ['React', 'REST', 'Express', 'Node.js']) assert.ok(named.includes(name), `${name} missing from ${named.join(', ')}`);
  });
});
