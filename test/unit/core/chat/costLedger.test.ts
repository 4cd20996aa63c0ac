import * as assert from 'node:assert/strict';
import { CostLedger, dayOf } from '../../../../src/core/chat/costLedger';
import { costOf } from '../../../../src/core/chat/pricing';
import { memoryState } from '../../support/chatDoubles';

/** Equal to the last representable digits: sums of dollar fractions differ only in float rounding. */
const same = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} ≠ ${expected}`);
const turn = (read: number, write: number) => ({ inputTokens: 20, cacheReadTokens: read, cacheWrite5mTokens: write, outputTokens: 100 });

describe('The cost ledger behind the Insights view', () => {
  const day1 = new Date(2026, 11, 1, 10).getTime();
  const day2 = new Date(2026, 11, 2, 9).getTime();

  it('totals cost per day and per conversation, and what caching saved, exactly as the price table prices each request', async () => {
    const ledger = new CostLedger(memoryState());
    const model = 'claude-sonnet-5-5';
    await ledger.add({ conversationId: 'a', title: 'Streams', model, usage: turn(0, 3000), at: day1 });
    await ledger.add({ conversationId: 'a', model, usage: turn(3000, 150), at: day2 });
    await ledger.add({ conversationId: 'b', title: 'Parsers', model, usage: turn(3150, 150), at: day2 + 60_000 });
    const view = ledger.view(day2);
    const c = (read: number, write: number) => costOf(model, turn(read, write))!;
    same(view.today.costUsd, c(3000, 150).total + c(3150, 150).total);
    assert.equal(view.days.length, 2);
    assert.deepEqual(
      view.days.map((d) => d.day),
      [dayOf(day2), dayOf(day1)],
    );
    assert.equal(view.conversations[0].id, 'b');
    const a = view.conversations.find((x) => x.id === 'a')!;
    assert.equal(a.title, 'Streams');
    assert.equal(a.requests, 2);
    same(a.costUsd, c(0, 3000).total + c(3000, 150).total);
    assert.ok(view.total.savedUsd > 0, 'reads saved more than the writes cost');
    assert.equal(view.total.cacheReadTokens, 6150);
  });

  it('counts a request on a model without a price apart, adding no dollars', async () => {
    const ledger = new CostLedger(memoryState());
    await ledger.add({ conversationId: 'a', model: 'claude-test-tiny', usage: turn(0, 0), at: day1 });
    const view = ledger.view(day1);
    assert.equal(view.today.unpriced, 1);
    assert.equal(view.today.costUsd, 0);
    assert.equal(view.today.inputTokens, 20);
  });

  it('survives a corrupt stored ledger by starting again', async () => {
    const state = memoryState();
    await state.update('claudeStream.costLedger', { days: { 'not-a-day': {}, '2026-12-01': { requests: 'x' } }, conversations: [] });
    const ledger = new CostLedger(state);
    assert.equal(ledger.view(day1).total.requests, 0);
    await ledger.add({ conversationId: 'a', model: 'claude-sonnet-5', usage: turn(0, 0), at: day1 });
    assert.equal(ledger.view(day1).total.requests, 1);
  });
});
