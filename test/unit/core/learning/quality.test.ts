import * as assert from 'node:assert/strict';
import { mergeSignals, qualityScore, scoreFollowUp } from '../../../../src/core/learning/quality';

describe('answer quality', () => {
  it('scores an answer nothing is known about as neutral', () => {
    assert.equal(qualityScore({}), 0.5);
  });

  it('follows the documented formula', () => {
    assert.equal(qualityScore({ applied: true }), 0.75);
    assert.equal(qualityScore({ inserted: true }), 0.7);
    assert.equal(qualityScore({ copied: true }), 0.65);
    assert.equal(qualityScore({ copied: true, applied: true }), 0.75, 'code use counts once, strongest kind');
    assert.equal(qualityScore({ regenerated: true }), 0.25);
    assert.equal(qualityScore({ cancelledEarly: true }), 0.3);
    assert.ok(Math.abs(qualityScore({ error: true }) - 0.1) < 1e-9);
    assert.equal(qualityScore({ followUp: -1 }), 0.3);
    assert.equal(qualityScore({ followUp: 1 }), 0.7);
    assert.equal(qualityScore({ legacyScore: 0.8 }), 0.8);
  });

  it('lets a thumbs-up or thumbs-down dominate other signals', () => {
    assert.equal(qualityScore({ feedback: 'up', regenerated: true, cancelledEarly: true }), 0.6);
    assert.equal(qualityScore({ feedback: 'down', applied: true, followUp: 1 }), 0.4);
    assert.equal(qualityScore({ feedback: 'up', applied: true }), 1);
  });

  it('stays within 0 and 1 whatever piles up', () => {
    assert.equal(qualityScore({ error: true, regenerated: true, cancelledEarly: true, followUp: -1 }), 0);
  });

  it('reads "that doesn\'t work" as dissatisfied and "thanks, that worked" as satisfied', () => {
    assert.ok(scoreFollowUp("that doesn't work") < 0);
    assert.ok(scoreFollowUp('Still getting the same error') < 0);
    assert.ok(scoreFollowUp('No, that is wrong') < 0);
    assert.ok(scoreFollowUp('thanks, that worked!') > 0);
    assert.ok(scoreFollowUp('Perfect') > 0);
  });

  it('does not count "works" inside "doesn\'t work" as praise', () => {
    assert.ok(scoreFollowUp('it does not work, thanks anyway') < 0);
  });

  it('gives a new unrelated question no score', () => {
    assert.equal(scoreFollowUp('How do I configure eslint for a monorepo?'), 0);
    assert.equal(scoreFollowUp('Explain this error: TS2345'), 0);
  });

  it('merges later signals so that a copied answer stays copied', () => {
    const merged = mergeSignals({ copied: true, feedback: 'up' }, { feedback: 'down', followUp: -0.5 });
    assert.deepEqual(merged, { copied: true, feedback: 'down', followUp: -0.5 });
  });
});
