import { strict as assert } from 'node:assert';
import { scoreSentence } from '../../../../src/core/analysis/sentiment';
import { maskForSentiment, MASK } from '../../../../src/core/analysis/sentimentMask';

describe('sentence sentiment', () => {
  const technical = [
    'If the build fails, the command exits with an error and prints a warning.',
    'The function returns false when the value is null or undefined.',
    'Call abort() to kill the request; the promise is rejected with an AbortError.',
    'This API is deprecated and throws an exception on empty input.',
    'Fixes a bug where the parser would crash on an invalid token.',
    'Use `process.kill(pid, "SIGKILL")` to stop a blocked worker.',
    'The issue tracker lists every known problem with the compiler.',
  ];
  for (const sentence of technical) {
    it(`scores a technical sentence as not negative: "${sentence.slice(0, 40)}…"`, () => {
      assert.ok(scoreSentence(sentence) >= 0, `${scoreSentence(sentence)}`);
    });
  }

  it('still hears real complaints and praise', () => {
    assert.ok(scoreSentence('This is a terrible, disappointing product and a waste of money.') < 0);
    assert.ok(scoreSentence('The food was delicious and the staff were wonderful.') > 0);
  });

  it('reads a negated complaint as negative ("don\'t waste your money")', () => {
    assert.ok(scoreSentence("Don't waste your money on this.") < 0);
  });

  it('weighs the clause after "but" more', () => {
    assert.ok(scoreSentence('The screen is nice, but the battery is awful and useless.') < 0);
  });

  it('masks inline code, identifiers and technical words, but not ordinary words', () => {
    const masked = maskForSentiment('The `rm -rf` call in fs.rmSync fails with an error, sadly.');
    assert.ok(!masked.includes('rm -rf') && !masked.includes('rmSync') && !/\berror\b/.test(masked));
    assert.ok(masked.includes(MASK) && masked.includes('sadly'));
  });

  it('keeps "crashed" negative outside technical prose', () => {
    assert.ok(scoreSentence('The phone crashed and I hate it.') < 0);
  });
});
