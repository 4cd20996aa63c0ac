/**
 * Chaos: hundreds of conversations through the real pipeline (ChatController → StreamingService
 * → real SDK → real HTTP → local server), each request meeting a seeded random fault. Whatever
 * happens, the user sees exactly the server's answer, or a classified error with the partial
 * answer kept. `CHAOS_SEED=<n>` replays a run; `CHAOS_CONVERSATIONS=<n>` changes its size.
 */
import * as assert from 'node:assert/strict';
import { seededRandom } from '../../server/chunking';
import { userPrompt } from '../../server/conversation';
import { startMockAnthropicServer, type MockAnthropicServer } from '../../server';
import { KIND_OF, makePlan, scenarioFor, type Breaking, type Plan } from './faults';
import { conversationIndex, openPipeline, pool } from './pipeline';

const SEED = Number(process.env.CHAOS_SEED ?? Math.floor(Math.random() * 2 ** 31));
const CONVERSATIONS = Number(process.env.CHAOS_CONVERSATIONS ?? 320);
const CONCURRENCY = 8;
// Room for a stall or two of a busy event loop on top of the planned faults (at most two).
const MAX_RETRIES = 6;
const IDLE_TIMEOUT_MS = 150;
const STALL_MS = 400;

interface Outcome {
  plan: Plan;
  state: string;
  requests: number;
  retriesShown: number;
  /** Retries beyond the faults the server served: stalls of a busy event loop. */
  unplanned: number;
  problems: string[];
  errorKind?: string;
}

describe(`chaos: conversations through the real pipeline under seeded faults (CHAOS_SEED=${SEED})`, function () {
  this.timeout(120_000);
  let server: MockAnthropicServer;
  const plans: Plan[] = [];
  const served = new Map<number, number>();
  const seedOf = (index: number, attempt: number) => (SEED ^ (index * 7919) ^ (attempt * 104_729)) >>> 0;

  before(async () => {
    const random = seededRandom(SEED);
    for (let i = 0; i < CONVERSATIONS; i++) plans.push(makePlan(random, i, MAX_RETRIES));
    server = await startMockAnthropicServer({
      defaultScenario: (body) => {
        const index = conversationIndex(userPrompt(body));
        if (index === undefined) return {};
        const attempt = served.get(index) ?? 0;
        served.set(index, attempt + 1);
        return scenarioFor(plans[index], attempt, seededRandom(seedOf(index, attempt)), STALL_MS);
      },
    });
  });
  after(() => server?.close());

  before(async () => {
    // Warm the SDK, the HTTP path and the JIT with one round of clean conversations: cold, the
    // first requests take longer than the idle timeout and would count as stalls.
    await pool(CONCURRENCY, CONCURRENCY, async (i) => {
      const { controller } = openPipeline(server, { model: 'claude-haiku-4-5', maxRetries: 2, backoffMs: 1, idleTimeoutMs: 5000 }, Math.random);
      controller.submit(`warm up ${i}`);
      await controller.idle();
      controller.dispose();
    });
    served.clear();
  });

  async function converse(index: number): Promise<Outcome> {
    const plan = plans[index];
    const { controller, view } = openPipeline(
      server,
      { model: plan.model, maxRetries: MAX_RETRIES, backoffMs: 1 + (index % 5), idleTimeoutMs: IDLE_TIMEOUT_MS },
      seededRandom(seedOf(index, 99)),
    );
    controller.submit(`Tell me something, chaos #${index}.`);
    await controller.idle();
    controller.dispose();
    const id = view.answerId() ?? '';
    const end = view.of('stream/end').find((m) => m.streamId === id);
    const problems: string[] = [];
    const requests = served.get(index) ?? 0;
    const retriesShown = view.of('stream/retry').length;
    if (!end) problems.push('no stream/end');
    else {
      const assembled = view.assembled(id);
      if (plan.expect === 'done') {
        if (end.state !== 'done') problems.push(`ended ${end.state} (${end.error?.kind}: ${end.error?.message})`);
        if (end.text !== plan.text) problems.push(`final text differs: ${diff(plan.text, end.text)}`);
        if (assembled !== plan.text) problems.push(`deltas assemble to different text: ${diff(plan.text, assembled)}`);
        if (requests < plan.breaks + 1) problems.push(`${requests} requests for ${plan.breaks} breaking faults`);
      } else {
        if (end.state !== 'error') problems.push(`ended ${end.state}, expected error once the budget was spent`);
        const kinds = new Set<string>(
          plan.faults
            .flat()
            .filter((f): f is Breaking => f in KIND_OF)
            .map((f) => KIND_OF[f]),
        );
        if (!end.error || !(kinds.has(end.error.kind) || end.error.kind === 'stalled')) problems.push(`error kind ${end.error?.kind} not among ${[...kinds].join(', ')}`);
        if (!end.error?.message || end.error.message.length < 10) problems.push('no clear error message');
        if (!plan.text.startsWith(end.text)) problems.push(`partial text is not a prefix: ${diff(plan.text, end.text)}`);
        if (assembled !== end.text) problems.push(`deltas assemble to different text than the kept partial: ${diff(end.text, assembled)}`);
        if (retriesShown !== MAX_RETRIES) problems.push(`${retriesShown} retries shown before giving up, expected ${MAX_RETRIES}`);
      }
      // An attempt can also stall before its request reaches the server (a busy event loop), so
      // the user may see more retries than the server served failures, never fewer.
      if (retriesShown < requests - 1) problems.push(`${retriesShown} retry notices for ${requests} requests`);
      const afterEnd = view.posted.slice(view.posted.indexOf(end) + 1).filter((m) => m.type === 'stream/delta' || m.type === 'stream/snapshot');
      if (afterEnd.length > 0) problems.push(`${afterEnd.length} deltas after stream/end`);
    }
    const unplanned = Math.max(0, retriesShown - (requests - 1));
    return { plan, state: end?.state ?? 'none', requests, retriesShown, unplanned, problems, errorKind: end?.error?.kind };
  }

  it('ends every conversation with exactly the server text, or a classified error that keeps a prefix of it', async () => {
    const started = Date.now();
    const outcomes = await pool(CONVERSATIONS, CONCURRENCY, converse);
    const seconds = (Date.now() - started) / 1000;
    printTable(outcomes, seconds);
    const failed = outcomes.filter((o) => o.problems.length > 0);
    assert.deepEqual(
      failed.slice(0, 5).map((o) => `#${plans.indexOf(o.plan)} ${o.plan.label} [${o.plan.model}, overlap ${o.plan.overlap}]: ${o.problems.join('; ')}`),
      [],
      `${failed.length} of ${CONVERSATIONS} conversations went wrong (replay with CHAOS_SEED=${SEED})`,
    );
    assert.ok(outcomes.some((o) => o.state === 'error') && outcomes.some((o) => o.plan.label.includes('resume')), 'the run covers spent budgets and faults during a resume');
  });
});

/** Where two texts part, for a readable failure. */
function diff(expected: string, actual: string): string {
  let i = 0;
  while (i < expected.length && expected[i] === actual[i]) i++;
  return `lengths ${expected.length}/${actual.length}, first difference at ${i}: expected ${JSON.stringify(expected.slice(i, i + 20))}, got ${JSON.stringify(actual.slice(i, i + 20))}`;
}

function printTable(outcomes: Outcome[], seconds: number): void {
  const rows = new Map<string, { n: number; done: number; error: number; other: number; requests: number; bad: number }>();
  for (const o of outcomes) {
    const key = o.plan.label.includes('(resume)') ? `${o.plan.label.split('+')[0]}+… (resume)` : o.plan.label;
    const row = rows.get(key) ?? { n: 0, done: 0, error: 0, other: 0, requests: 0, bad: 0 };
    row.n++;
    row.requests += o.requests;
    if (o.state === 'done') row.done++;
    else if (o.state === 'error') row.error++;
    else row.other++;
    if (o.problems.length) row.bad++;
    rows.set(key, row);
  }
  const kinds = new Map<string, number>();
  for (const o of outcomes) if (o.errorKind) kinds.set(o.errorKind, (kinds.get(o.errorKind) ?? 0) + 1);
  const lines = [...rows.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([k, r]) =>
        `      ${k.padEnd(26)} ${String(r.n).padStart(4)} conv  ${String(r.done).padStart(4)} done  ${String(r.error).padStart(3)} error  ${String(r.other).padStart(2)} other  ${String(r.requests).padStart(4)} requests  ${r.bad} wrong`,
    );
  const total = outcomes.reduce((n, o) => n + o.requests, 0);
  console.log(`      seed ${SEED}: ${outcomes.length} conversations, ${total} requests, ${seconds.toFixed(1)} s`);
  console.log(lines.join('\n'));
  console.log(`      unplanned retries (idle timeout hit by a busy event loop): ${outcomes.reduce((n, o) => n + o.unplanned, 0)}`);
  console.log(`      errors by kind: ${[...kinds.entries()].map(([k, n]) => `${k} ${n}`).join(', ') || 'none'}`);
}
