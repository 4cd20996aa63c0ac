/**
 * Chaos inside the real extension: chat turns sent with `Claude: Open Chat {prompt}` against the
 * in-process local server, each request meeting a seeded fault from the unit chaos suite's
 * plans. Each turn ends `done` with exactly the server's text, or, when the retry budget is
 * spent, `error` with a prefix of it kept.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { seededRandom } from '../server/chunking';
import { userPrompt } from '../server/conversation';
import { makePlan, scenarioFor, type Plan } from '../unit/chaos/faults';
import { askInChat, ourExtension, setSetting, useLocalServer, type LocalServer } from './helpers';

const SEED = Number(process.env.CHAOS_SEED ?? Math.floor(Math.random() * 2 ** 31));
const TURNS = 24;
const MAX_RETRIES = 5;

describe(`Chaos in the extension: chat turns under seeded faults (CHAOS_SEED=${SEED})`, function () {
  this.timeout(90_000);
  let local: LocalServer;
  const restore: Array<() => Promise<void>> = [];
  const plans: Plan[] = [];
  const served = new Map<number, number>();

  before(async () => {
    await ourExtension().activate();
    const random = seededRandom(SEED);
    for (let i = 0; i < TURNS; i++) plans.push(makePlan(random, i, MAX_RETRIES));
    local = await useLocalServer();
    local.server.setDefault((body) => {
      const index = Number(/\bturn (\d+)\b/.exec(userPrompt(body))?.[1] ?? -1);
      if (!plans[index]) return {};
      const attempt = served.get(index) ?? 0;
      served.set(index, attempt + 1);
      return scenarioFor(plans[index], attempt, seededRandom((SEED ^ (index * 7919) ^ (attempt * 104_729)) >>> 0), 400);
    });
    restore.push(await setSetting('retry.backoffMs', 2), await setSetting('retry.maxRetries', MAX_RETRIES), await setSetting('stream.idleTimeoutMs', 200));
  });

  after(async () => {
    for (const undo of restore.reverse()) await undo();
    await local?.dispose();
  });

  it(`ends each of ${TURNS} turns with the server's exact text, or an error that keeps a prefix of it`, async () => {
    const started = Date.now();
    const outcomes = new Map<string, number>();
    const wrong: string[] = [];
    for (let i = 0; i < TURNS; i++) {
      // A fresh chat every six turns keeps the requests small.
      if (i % 6 === 0) await vscode.commands.executeCommand('claudeStream.newChat');
      const plan = plans[i];
      const answer = await askInChat(`Chaos turn ${i}: tell me something.`, 30_000);
      const label = `${plan.label} → ${answer.state}`;
      outcomes.set(label, (outcomes.get(label) ?? 0) + 1);
      if (plan.expect === 'done' && (answer.state !== 'done' || answer.text !== plan.text)) {
        wrong.push(`turn ${i} (${plan.label}): ${answer.state}, ${answer.text.length}/${plan.text.length} chars`);
      }
      if (plan.expect === 'error' && (answer.state !== 'error' || !plan.text.startsWith(answer.text))) {
        wrong.push(`turn ${i} (${plan.label}): ${answer.state}, kept text is ${plan.text.startsWith(answer.text) ? '' : 'not '}a prefix`);
      }
    }
    const requests = [...served.values()].reduce((a, b) => a + b, 0);
    console.log(
      `      seed ${SEED}: ${TURNS} turns, ${requests} requests in ${((Date.now() - started) / 1000).toFixed(1)} s: ${[...outcomes.entries()].map(([k, n]) => `${k} ×${n}`).join(', ')}`,
    );
    assert.deepEqual(wrong, []);
  });
});
