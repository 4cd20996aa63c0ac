/**
 * Per-delta cost of the continuation joiner, per way a model continues after a break.
 *
 *   npx tsx bench/joiner.ts [--reps 400]
 *
 * Baseline: the joiner of a fresh answer (nothing to join onto, every delta passed through),
 * which is what every unbroken answer pays per token. The other rows feed the continuation of a
 * 2,250-char answer broken after 1,947 chars, in four-char deltas, through a fresh joiner each
 * repetition; their figure includes the one-off work of each resume (finding the candidate
 * positions in the seen text), spread over the continuation's deltas.
 */
import { ContinuationJoiner, CONTINUE_TURN_MIN_OVERLAP } from '../src/core/streaming/continuationJoiner';
import { LONG_ANSWER } from '../test/unit/core/streaming/harness';

const i = process.argv.indexOf('--reps');
const reps = i >= 0 ? Number(process.argv[i + 1]) : 400;
const deltasOf = (text: string): string[] => Array.from({ length: Math.ceil(text.length / 4) }, (_, k) => text.slice(k * 4, k * 4 + 4));

function nsPerDelta(seen: string, model: string): number {
  const deltas = deltasOf(model);
  let out = 0;
  const t0 = process.hrtime.bigint();
  for (let r = 0; r < reps; r++) {
    const joiner = new ContinuationJoiner(seen, '', CONTINUE_TURN_MIN_OVERLAP);
    for (const d of deltas) out += joiner.push(d).length;
    out += joiner.flush().length;
  }
  const ns = Number(process.hrtime.bigint() - t0) / reps / deltas.length;
  if (out === 0 && model !== seen) throw new Error('the joiner showed nothing');
  return ns;
}

const cut = 1947;
const seen = LONG_ANSWER.slice(0, cut);
const fence = LONG_ANSWER.indexOf('items.reduce') + 'items.re'.length;
const cases: Array<[string, string, string]> = [
  ['fresh answer (baseline)', '', LONG_ANSWER],
  ['exact continuation', seen, LONG_ANSWER.slice(cut)],
  ['restart of the whole answer', seen, LONG_ANSWER],
  ['repeat of the last 60 chars', seen, LONG_ANSWER.slice(cut - 60)],
  ['reworded restart', seen, LONG_ANSWER.replace('because every token is shown', 'since each token is shown')],
  ['reopened fence (break in a code block)', LONG_ANSWER.slice(0, fence), '```ts\n' + LONG_ANSWER.slice(fence)],
];
// The first round warms the JIT up; the best of the next five is reported (the machine is shared).
const best = cases.map(() => Infinity);
for (let round = 0; round < 6; round++) {
  cases.forEach(([, s, m], k) => {
    const ns = nsPerDelta(s, m);
    if (round > 0) best[k] = Math.min(best[k], ns);
  });
}
cases.forEach(([name, , model], k) => {
  const perResumeUs = (best[k] * deltasOf(model).length) / 1000;
  console.log(`${name.padEnd(40)} ${best[k].toFixed(0).padStart(6)} ns/delta  ${perResumeUs.toFixed(0).padStart(5)} µs per resume`);
});
