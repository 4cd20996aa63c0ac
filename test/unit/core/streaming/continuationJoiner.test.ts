import * as assert from 'node:assert/strict';
import { CONTINUE_TURN_MIN_OVERLAP, ContinuationJoiner, REWRITE_SLACK_CHARS } from '../../../../src/core/streaming/continuationJoiner';
import { LONG_ANSWER } from './harness';

/** What the user ends up seeing after the break: the joiner's output for these deltas. */
function shown(seen: string, deltas: string[], minOverlap = CONTINUE_TURN_MIN_OVERLAP): string {
  const joiner = new ContinuationJoiner(seen, '', minOverlap);
  return deltas.map((d) => joiner.push(d)).join('') + joiner.flush();
}

/** Every way to cut `text` into one, two or three deltas (empty deltas included). */
function* everySplit(text: string): Generator<string[]> {
  for (let i = 0; i <= text.length; i++) {
    for (let j = i; j <= text.length; j++) yield [text.slice(0, i), text.slice(i, j), text.slice(j)];
  }
}

/** A seeded chunking into deltas of 1–`max` chars, as a token stream arrives. */
function chunks(text: string, seed: number, max = 9): string[] {
  let s = seed >>> 0 || 1;
  const out: string[] = [];
  for (let i = 0; i < text.length;) {
    s = (s * 1103515245 + 12345) >>> 0;
    const n = 1 + ((s >>> 16) % max);
    out.push(text.slice(i, i + n));
    i += n;
  }
  return out;
}

/** Asserts `model` joined onto `seen` shows `expected`, however the model's text is cut into deltas. */
function joinsAtEverySplit(seen: string, model: string, expected: string): void {
  for (const deltas of everySplit(model)) {
    assert.equal(shown(seen, deltas), expected, `deltas ${JSON.stringify(deltas)}`);
  }
}

const LONG = LONG_ANSWER;
const FENCE_OPEN = LONG.indexOf('```ts\n');
const FENCE_BODY = FENCE_OPEN + '```ts\n'.length;
const FENCE_CLOSE = LONG.indexOf('```\n\n', FENCE_BODY);
const isWord = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}_]/u.test(c);

/** Break points to try: every char of LONG is too slow for a unit test, every third is not. */
const CUTS = Array.from({ length: Math.floor((LONG.length - 2) / 3) }, (_, i) => 1 + i * 3);

describe('continuation joiner, after a continue-turn', () => {
  it('uses a long answer, as in the report of the bug', () => {
    assert.ok(LONG.length > 2210, `${LONG.length} chars`);
  });

  describe('when the model continues exactly', () => {
    it('shows the continuation unchanged, at every break point, genuine repeats included', () => {
      for (const k of CUTS) assert.equal(shown(LONG.slice(0, k), chunks(LONG.slice(k), k)), LONG.slice(k), `break after ${k} chars`);
    });

    it('keeps a short repeat and a table rule that straddle the break, however the deltas fall', () => {
      joinsAtEverySplit('the token', ' token pair', ' token pair');
      joinsAtEverySplit('| Setting | Effect |\n| --- ', '| --- |\n', '| --- |\n');
      joinsAtEverySplit('I said no', ' no more', ' no more');
    });
  });

  describe('when the model starts its answer over', () => {
    it('shows only what passes the end of the seen text, at every break point of a 2,000-char answer', () => {
      for (const k of CUTS) assert.equal(shown(LONG.slice(0, k), chunks(LONG, k)), LONG.slice(k), `break after ${k} chars`);
    });

    it('shows nothing twice when the seen text is 1,947 chars and the restart 2,210', () => {
      const full = LONG.slice(0, 2210);
      assert.equal(shown(full.slice(0, 1947), chunks(full, 7)), full.slice(1947));
      assert.equal(shown(full.slice(0, 1947), [...full]), full.slice(1947), 'one char per delta');
    });

    it('shows nothing when the restart ends before it passes the seen text', () => {
      assert.equal(shown(LONG.slice(0, 900), chunks(LONG.slice(0, 500), 3)), '');
    });

    it('shows only the new text of a short answer started over, however the deltas fall', () => {
      joinsAtEverySplit('Hello there, this is a', 'Hello there, this is a test.', ' test.');
      joinsAtEverySplit('Hello', 'Hello world', ' world');
    });

    it('lines a reworded restart up with the seen text and shows only what follows', () => {
      const reworded = LONG.replace('because every token is shown', 'since each token is shown');
      const shift = reworded.length - LONG.length;
      const edit = LONG.indexOf('because every') + 'because every'.length;
      for (const k of CUTS.filter((c) => c > edit + 30)) {
        assert.equal(shown(LONG.slice(0, k), chunks(reworded, k)), LONG.slice(k), `break after ${k} chars`);
      }
      // Cut right after the edit: the seen text's last chars never come again, so words line it up.
      const k = edit + 11;
      assert.equal(shown(LONG.slice(0, k), chunks(reworded, 5)), reworded.slice(k + shift));
    });

    it('lines up by words when the rewrite also rewords the end of the seen text', () => {
      const seen = 'First we open the stream.\nThen every token is appended to the answer as it comes';
      const rewrite = 'First we open the stream.\nThen each token is appended to the answer as it arrives, and the rest follows.';
      // "comes" lines up with "arrives,": what follows that word is new.
      assert.equal(shown(seen, chunks(rewrite, 4)), ' and the rest follows.');
    });

    it('shows a restart that parts from the seen text and never lines up whole, losing nothing', () => {
      const seen = 'The answer starts the same way, then says one thing about caching and eviction policies.';
      const rewrite = 'The answer starts the same way, then goes somewhere else entirely: ' + 'a new idea. '.repeat(60);
      assert.equal(shown(seen, chunks(rewrite, 2)), rewrite);
    });

    it("keeps a continuation whose lines start like the answer's first line, at every break point", () => {
      const sql = Array.from({ length: 12 }, (_, i) => `SELECT * FROM users WHERE id = ${i + 1};\n`).join('');
      for (let k = 1; k < sql.length - 1; k++) {
        assert.equal(shown(sql.slice(0, k), chunks(sql.slice(k), k)), sql.slice(k), `break after ${k} chars`);
      }
    });

    it('holds back at most the seen text plus the slack before it decides', () => {
      const seen = 'Alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu.';
      const rewrite = 'Alpha beta gamma delta epsilon zeta ' + 'x'.repeat(seen.length + REWRITE_SLACK_CHARS + 50);
      const joiner = new ContinuationJoiner(seen, '', CONTINUE_TURN_MIN_OVERLAP);
      let out = '';
      let heldMax = 0;
      let fed = 0;
      for (const d of chunks(rewrite, 11)) {
        out += joiner.push(d);
        fed += d.length;
        heldMax = Math.max(heldMax, fed - out.length);
      }
      assert.ok(out.length > 0, 'decided before the stream ended');
      assert.ok(heldMax <= seen.length + REWRITE_SLACK_CHARS + 10, `held ${heldMax} chars`);
    });
  });

  describe('when the model repeats the end of what it wrote', () => {
    it('drops the repeated phrase at every break point, for runs of 8 to 700 chars', () => {
      for (const k of CUTS) {
        for (const r of [8, 19, 57, 120, 700]) {
          if (r > k) continue;
          assert.equal(shown(LONG.slice(0, k), chunks(LONG.slice(k - r), k + r)), LONG.slice(k), `break after ${k}, repeat ${r}`);
        }
      }
    });

    it('drops a repeat of the whole last line, however the deltas fall', () => {
      joinsAtEverySplit('- first item\n- second item with', '- second item with a tail.\n', ' a tail.\n');
    });
  });

  describe('when the break falls inside a code fence', () => {
    const inFence = CUTS.filter((k) => k >= FENCE_BODY && k < FENCE_CLOSE);

    it('drops the reopened fence line, at every break point inside the block', () => {
      assert.ok(inFence.length > 20);
      for (const k of inFence) {
        const seen = LONG.slice(0, k);
        assert.equal(shown(seen, chunks('```ts\n' + LONG.slice(k), k)), LONG.slice(k), `break after ${k}, continues`);
        assert.equal(shown(seen, chunks('```ts\n' + LONG.slice(FENCE_BODY), k)), LONG.slice(k), `break after ${k}, block again`);
        const line = LONG.lastIndexOf('\n', k - 1) + 1;
        assert.equal(shown(seen, chunks('```ts\n' + LONG.slice(line), k)), LONG.slice(k), `break after ${k}, line again`);
        assert.equal(shown(seen, chunks('```typescript\n' + LONG.slice(k), k)), LONG.slice(k), `break after ${k}, other info`);
      }
    });

    it('drops a reopened fence however the deltas fall', () => {
      joinsAtEverySplit('Code:\n\n```ts\nconst total = items.re', '```ts\nduce((s, x) => s + x);\n```', 'duce((s, x) => s + x);\n```');
      joinsAtEverySplit('Code:\n\n```ts\nconst total = items.re', '```ts\nconst total = items.reduce(f);\n```', 'duce(f);\n```');
    });

    it('drops the fence line written again when the break fell inside it', () => {
      joinsAtEverySplit('Code:\n\n```t', '```ts\nlet x = 1;\n```', 's\nlet x = 1;\n```');
      joinsAtEverySplit('Code:\n\n```t', 's\nlet x = 1;\n```', 's\nlet x = 1;\n```');
    });

    it('keeps a fence that closes the block at the start of a line', () => {
      joinsAtEverySplit('Code:\n\n```ts\nconst a = 1;\n', '```\n\nDone.', '```\n\nDone.');
    });

    it('keeps a fence line when the seen text is not inside a block', () => {
      joinsAtEverySplit('Here is code:\n\n', '```ts\nlet x = 1;\n```', '```ts\nlet x = 1;\n```');
    });
  });

  describe('when the break falls inside a word', () => {
    it('leaves no fragment behind ("bro", then "brown")', () => {
      joinsAtEverySplit('The quick bro', 'brown fox jumps.', 'wn fox jumps.');
      joinsAtEverySplit('Café, naï', 'naïve, 日本語.', 've, 日本語.');
    });

    it('leaves no fragment at every mid-word break point of the long answer that cut two or more letters', () => {
      const midWord = CUTS.filter((k) => isWord(LONG[k - 1]) && isWord(LONG[k]) && isWord(LONG[k - 2]));
      assert.ok(midWord.length > 100);
      for (const k of midWord) {
        let start = k;
        while (isWord(LONG[start - 1])) start--;
        assert.equal(shown(LONG.slice(0, k), chunks(LONG.slice(start), k)), LONG.slice(k), `break after ${k}`);
      }
    });

    it('keeps an exact continuation that happens to start with a one-char cut word ("Answer 2" then "23:")', () => {
      joinsAtEverySplit('Answer 2', '23: naïve', '23: naïve');
    });

    it('keeps a continuation that only finishes the word', () => {
      joinsAtEverySplit('The quick bro', 'wn fox.', 'wn fox.');
    });
  });
});

describe('continuation joiner, after a prefill', () => {
  it('passes everything through, genuine repeats included, however the deltas fall', () => {
    const joiner = (deltas: string[]) => {
      const j = new ContinuationJoiner('', '');
      return deltas.map((d) => j.push(d)).join('') + j.flush();
    };
    for (const deltas of everySplit('token token | --- | --- |')) assert.equal(joiner(deltas), 'token token | --- | --- |');
  });
});
