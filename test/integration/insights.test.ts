import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AnalysisSnapshot, LearningView } from '../../src/shared/protocol';
import { waitFor } from './helpers';

/** What `claudeStream._test.insightsState` returns: `InsightsViewProvider.lastPosted()`. */
interface InsightsState {
  live: AnalysisSnapshot | undefined;
  source?: 'chat' | 'inline';
  learning: LearningView | undefined;
  enabled?: boolean;
  postedCount: number;
  ready?: boolean;
}

interface ChatTestState {
  streaming: boolean;
  messages: Array<{ id: string; role: 'user' | 'assistant'; state: string; text: string }>;
}

const insightsState = () => vscode.commands.executeCommand<InsightsState>('claudeStream._test.insightsState');
const chatState = () => vscode.commands.executeCommand<ChatTestState>('claudeStream._test.chatState');

// Long enough for several live analysis updates before the final pass.
const ANSWER = Array.from(
  { length: 4 },
  (_, i) =>
    `Part ${i + 1}: open src/extension.ts to see where the Insights provider is registered, then read ` +
    'webview/insights/main.ts. The @anthropic-ai/sdk package streams each token as it arrives, which is great: ' +
    'streaming keeps the sidebar current while the answer is written, and TypeScript keeps the protocol honest.',
).join('\n\n');

/** Queues the next answer on the local Anthropic-compatible server the runner started. */
async function enqueueAnswer(text: string, delayMs: number): Promise<void> {
  const base = process.env.CLAUDE_STREAM_LOCAL_SERVER_URL;
  if (!base) throw new Error('CLAUDE_STREAM_LOCAL_SERVER_URL is not set by the runner');
  const response = await fetch(`${base}/_control/enqueue`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify([{ text, delayMs, tokenChars: [3, 6] }]),
  });
  assert.equal(response.status, 200, 'the local server took the scripted answer');
}

describe('Insights view', () => {
  it('reveals in the Claude sidebar and catches up as soon as its webview is ready', async () => {
    await vscode.commands.executeCommand('claudeStream.insights.focus');
    const state = await waitFor(
      async () => {
        const s = await insightsState();
        return s?.ready ? s : undefined;
      },
      { what: 'the Insights webview to say ready', timeoutMs: 20_000 },
    );
    // Catching up posts the live state (or "no stream yet") and, once known, the learning figures.
    assert.ok(state.postedCount >= 1, `posted ${state.postedCount} messages after ready`);
  });

  it('shows the live analysis of a streamed chat answer, ending on its final snapshot', async function () {
    this.timeout(60_000);
    await vscode.commands.executeCommand('claudeStream.insights.focus');
    await waitFor(async () => (await insightsState())?.ready, { what: 'the Insights view to be ready' });
    await enqueueAnswer(ANSWER, 12);
    const before = (await insightsState()).postedCount;
    const started = Date.now();
    const seen: AnalysisSnapshot[] = [];
    await vscode.commands.executeCommand('claudeStream.openChat', { prompt: 'Where is the Insights view wired up?' });

    const answerId = await waitFor(
      async () => {
        const chat = await chatState();
        const answer = chat.messages.filter((m) => m.role === 'assistant').at(-1);
        return answer && answer.state !== 'streaming' ? answer.id : undefined;
      },
      { what: 'the chat answer to finish', timeoutMs: 40_000, intervalMs: 20 },
    );
    const final = await waitFor(
      async () => {
        const live = (await insightsState()).live;
        if (live && seen.at(-1)?.tokensAnalyzed !== live.tokensAnalyzed) seen.push(live);
        return live?.streamId === answerId && live.final ? live : undefined;
      },
      { what: 'the final snapshot of the answer in the Insights view', timeoutMs: 15_000, intervalMs: 20 },
    );
    const elapsedSec = (Date.now() - started) / 1000;

    const after = await insightsState();
    assert.equal(after.source, 'chat');
    assert.ok(final.topics.length > 0, 'the view shows topics');
    assert.ok(
      final.entities.some((e) => e.text === 'src/extension.ts'),
      `entities: ${final.entities.map((e) => e.text).join(', ')}`,
    );
    assert.ok(final.sentiment.series.length > 0, 'the sparkline has points');
    // The host posts at most 4 live updates a second (plus the catch-up and learning summary).
    const posted = after.postedCount - before;
    assert.ok(posted >= 1 && posted <= Math.ceil(elapsedSec * 4) + 3, `${posted} posts in ${elapsedSec.toFixed(1)} s`);
  });

  it('shows the last snapshot again after the view was hidden and reopened', async function () {
    this.timeout(30_000);
    const last = (await insightsState()).live;
    assert.ok(last, 'a stream ran in the previous test');
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await waitFor(async () => (await insightsState()).ready === false, { what: 'the view to be hidden' });
    const hiddenCount = (await insightsState()).postedCount;
    await vscode.commands.executeCommand('claudeStream.insights.focus');
    const shown = await waitFor(
      async () => {
        const s = await insightsState();
        return s.ready && s.postedCount > hiddenCount ? s : undefined;
      },
      { what: 'the reopened view to catch up', timeoutMs: 20_000 },
    );
    assert.equal(shown.live?.streamId, last.streamId);
    assert.equal(shown.live?.final, true);
  });
});
