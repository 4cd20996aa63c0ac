/**
 * Entry point of the Insights webview (bundled to dist/webview/insights.js): builds the
 * Live and Learning sections, routes host messages to them, and says `ready` once it can
 * receive, so the host catches it up from its last snapshot and summary.
 */
import type { InsightsHostMessage } from '../../src/shared/protocol/insights';
import { InsightsChannel } from './channel';
import { el } from '../lib/dom';
import { LearningSection } from './learningSection';
import { LiveSection } from './liveSection';
import { CostSection } from './costSection';

function start(): void {
  const channel = new InsightsChannel();
  const live = new LiveSection((path) => channel.post({ type: 'file/open', path }));
  const learning = new LearningSection((message) => channel.post(message));
  const cost = new CostSection();
  const root = el('main', { className: 'insights', testId: 'insights-root' }, live.element, cost.element, learning.element);
  (document.getElementById('app') ?? document.body).replaceChildren(root);

  const handle = (message: InsightsHostMessage): void => {
    switch (message.type) {
      case 'live/snapshot':
        live.show({ source: message.source, analysis: message.analysis, tokensPerSecond: message.tokensPerSecond, outcome: message.outcome });
        return;
      case 'live/empty':
        live.showEmpty();
        return;
      case 'learning/summary':
        learning.show(message.learning, message.enabled);
        return;
      case 'cost/summary':
        cost.show(message.cost);
        return;
      default: {
        const unreachable: never = message;
        return unreachable;
      }
    }
  };
  const unsubscribe = channel.onMessage((message) => {
    try {
      handle(message);
    } catch (error) {
      // A malformed payload must not take the whole view down; the next message redraws it.
      console.error('Insights: could not draw a message', error);
    }
  });
  window.addEventListener('unload', () => {
    unsubscribe();
    learning.dispose();
  });
  channel.post({ type: 'ready' });
}

start();
