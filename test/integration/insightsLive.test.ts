/**
 * The live Insights view at the edges of an answer: it clears when a new answer starts (never
 * showing the previous one), and a stopped answer is labelled stopped, not finished.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AnalysisSnapshot } from '../../src/shared/protocol';
import { chatState, ourExtension, sleep, useLocalServer, waitFor, type LocalServer } from './helpers';

interface InsightsState {
  live: AnalysisSnapshot | undefined;
  outcome?: 'done' | 'cancelled' | 'error';
  ready?: boolean;
}
const insightsState = () => vscode.commands.executeCommand<InsightsState>('claudeStream._test.insightsState');

const FIRST = Array.from({ length: 6 }, (_, i) => `Point ${i + 1}: streaming keeps src/extension.ts readable and TypeScript keeps it honest.`).join(' ');
const SLOW = Array.from({ length: 80 }, (_, i) => `Sentence ${i + 1} of a long answer about Kubernetes deployments.`).join(' ');

describe('Live Insights at the start and end of an answer', function () {
  this.timeout(60_000);
  let local: LocalServer;

  before(async () => {
    await ourExtension().activate();
    local = await useLocalServer();
    await vscode.commands.executeCommand('claudeStream.insights.focus');
    await waitFor(async () => (await insightsState())?.ready, { what: 'the Insights view to be ready', timeoutMs: 20_000 });
  });
  after(async () => {
    await local?.dispose();
  });

  const lastAnswer = async () => (await chatState()).messages.filter((m) => m.role === 'assistant').at(-1);

  it('clears the previous answer as soon as a new one starts, and calls a stopped answer stopped', async () => {
    local.server.enqueue({ text: FIRST, delayMs: 2, tokenChars: [3, 6] });
    await vscode.commands.executeCommand('claudeStream.openChat', { prompt: 'First question' });
    const first = await waitFor(
      async () => {
        const a = await lastAnswer();
        return a && a.state === 'done' ? a : undefined;
      },
      { what: 'the first answer', timeoutMs: 20_000 },
    );
    await waitFor(
      async () => {
        const { live } = await insightsState();
        return live?.streamId === first.id && live.final;
      },
      { what: 'the final snapshot of the first answer' },
    );
    const done = await insightsState();

    // About 4 tokens a second: the first live snapshot (every 50 tokens) is many seconds away.
    local.server.enqueue({ text: SLOW, delayMs: 250, tokenChars: [3, 6] });
    await vscode.commands.executeCommand('claudeStream.openChat', { prompt: 'Second question' });
    const second = await waitFor(
      async () => {
        const a = await lastAnswer();
        return a && a.id !== first.id && a.state === 'streaming' ? a : undefined;
      },
      { what: 'the second answer to start' },
    );
    await sleep(1_000);
    const early = await insightsState();
    assert.equal(early.live?.streamId, second.id, 'the Insights view still shows the previous answer after the new one started');
    assert.equal(early.live?.final, false);
    assert.equal(early.live?.topics.length, 0, `topics of the previous answer linger: ${early.live?.topics.map((t) => t.term).join(', ')}`);

    await vscode.commands.executeCommand('claudeStream.stop');
    await waitFor(async () => (await lastAnswer())?.state === 'cancelled', { what: 'the second answer to stop' });
    const stopped = await waitFor(
      async () => {
        const s = await insightsState();
        return s.live?.streamId === second.id && s.live.final ? s : undefined;
      },
      { what: 'the final snapshot of the stopped answer' },
    );
    assert.equal(stopped.outcome, 'cancelled', 'a stopped answer is labelled as if it had finished');
    assert.equal(done.outcome, 'done', 'a completed answer is labelled finished');
  });
});
