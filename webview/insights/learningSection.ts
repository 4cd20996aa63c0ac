/**
 * "Learning": what the learning system has found across answers — when it last summarised,
 * charts of topics, sentiment, timings and quality, the suggestions and the preferences note.
 */
import type { ContextKind } from '../../src/shared/protocol/common';
import type { InsightsWebviewMessage, LearningView } from '../../src/shared/protocol/insights';
import { languageName } from '../../src/shared/analysisLanguage';
import { button } from '../lib/toolkit';
import { histogram, leadingTerms, median, meterBar, stackedTopics, trendLine } from './charts';
import { el } from '../lib/dom';
import { figure, note, section } from './dom';
import { insightList, PreferencesEditor } from './learnedItems';
import { duration, plural } from './format';
import { relativeTime } from '../lib/relativeTime';

/** What each kind of attached context is called in the Insights view. */
const CONTEXT_KIND_NAMES: Record<ContextKind | 'none', string> = {
  none: 'Nothing attached',
  selection: 'Selection',
  file: 'File',
  folder: 'Folder',
  symbol: 'Symbol',
  problems: 'Problems',
  changes: 'Changes',
  terminal: 'Terminal',
  image: 'Image',
  activeFile: 'Active file',
};
const CLOCK_REFRESH_MS = 30_000;

/** Renders the Learning section from `learning/summary` messages. */
export class LearningSection {
  readonly element: HTMLElement;
  private readonly body: HTMLElement;
  private readonly preferences: PreferencesEditor;
  private clock: { element: HTMLElement; at: number } | undefined;
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(
    private readonly post: (message: InsightsWebviewMessage) => void,
    private readonly now: () => number = Date.now,
  ) {
    const { root, body } = section('Learning', 'learning');
    this.element = root;
    this.body = body;
    this.preferences = new PreferencesEditor(post);
    this.body.append(note('Loading…'));
    // "5 minutes ago" must not go stale while the view stays open.
    this.timer = setInterval(() => this.tick(), CLOCK_REFRESH_MS);
  }

  /** Draws the learning figures, or the disabled state when learning is off. */
  show(view: LearningView | undefined, enabled: boolean): void {
    this.clock = undefined;
    this.element.dataset.state = !enabled ? 'disabled' : view ? 'ready' : 'empty';
    if (!enabled) {
      this.body.replaceChildren(note('Learning is off — turn on claudeStream.learning.enabled', 'learning-disabled'));
      return;
    }
    if (!view) {
      this.body.replaceChildren(
        note('Nothing learned yet. Answers are recorded as you chat, and summarised in the background.', 'learning-empty'),
        el('div', { className: 'actions' }, this.summarizeButton()),
        this.preferences.render(undefined, false),
      );
      return;
    }
    this.body.replaceChildren(
      this.summary(view),
      ...this.charts(view),
      insightList(view.insights, this.post),
      this.preferences.render(view.learnedPreferences, view.applyToPrompts === true),
    );
  }

  /** Stops the relative-time refresh. */
  dispose(): void {
    clearInterval(this.timer);
  }

  private summarizeButton(): HTMLElement {
    return button('Summarize now', { testId: 'summarize', title: 'Summarise the recorded answers now', onClick: () => this.post({ type: 'learning/summarize' }) });
  }

  private summary(view: LearningView): HTMLElement {
    const info = el('p', { className: 'summary-info', testId: 'summary-info' });
    if (view.lastSummaryAt !== undefined) {
      const when = el('time', { testId: 'summary-when', title: new Date(view.lastSummaryAt).toLocaleString() });
      when.dateTime = new Date(view.lastSummaryAt).toISOString();
      this.clock = { element: when, at: view.lastSummaryAt };
      this.tick();
      const covered = view.summaryRecordCount !== undefined ? `, covering ${plural(view.summaryRecordCount, 'record')}` : '';
      info.append('Last summary ', when, `${covered}. ${plural(view.recordCount, 'record')} in all.`);
    } else {
      info.append(`No summary yet; ${plural(view.recordCount, 'answer')} recorded.`);
    }
    const block = el('div', { className: 'block summary', testId: 'learning-summary' }, info);
    if (view.narrative) block.append(el('p', { className: 'narrative', text: view.narrative, testId: 'narrative' }));
    block.append(el('div', { className: 'actions' }, this.summarizeButton()));
    return block;
  }

  private tick(): void {
    if (this.clock) this.clock.element.textContent = relativeTime(this.clock.at, this.now());
  }

  private charts(view: LearningView): HTMLElement[] {
    return [this.topicsOverTime(view), this.sentimentTrend(view), this.timings(view), this.qualityByTopic(view), this.byLanguage(view), this.byContextKind(view)];
  }

  private topicsOverTime(view: LearningView): HTMLElement {
    const periods = view.topicsOverTime;
    if (!periods.some((p) => p.topics.length > 0)) return figure('Topics over time', 'chart-topics', note('No topics recorded yet.'));
    const terms = leadingTerms(periods);
    const legend = el('ul', { className: 'legend' });
    terms.forEach((term, i) => legend.append(el('li', {}, el('span', { className: `swatch series-${i}` }), el('span', { text: term }))));
    if (periods.some((p) => p.topics.some((t) => !terms.includes(t.term)))) {
      legend.append(el('li', {}, el('span', { className: 'swatch series-other' }), el('span', { text: 'other' })));
    }
    const wrap = el('div', {}, stackedTopics(periods, terms), legend);
    return figure('Topics over time', 'chart-topics', wrap);
  }

  private sentimentTrend(view: LearningView): HTMLElement {
    if (view.sentimentTrend.length === 0) return figure('Sentiment trend', 'chart-sentiment', note('No sentiment recorded yet.'));
    return figure('Sentiment trend', 'chart-sentiment', trendLine(view.sentimentTrend));
  }

  private timings(view: LearningView): HTMLElement {
    const chart = (caption: string, testId: string, values: readonly number[]) =>
      values.length ? figure(`${caption} — median ${duration(median(values))}`, testId, histogram(values, caption)) : figure(caption, testId, note('No timings yet.'));
    return el('div', { className: 'pair' }, chart('Response time', 'chart-response', view.responseTimesMs), chart('Time to first token', 'chart-ttft', view.timeToFirstTokenMs));
  }

  /** Answers grouped by the language they were written in. */
  private byLanguage(view: LearningView): HTMLElement {
    const rows = view.byLanguage ?? [];
    if (rows.length === 0) return figure('By language', 'chart-language', note('No answers with prose yet.'));
    const bars = rows.map((row) => ({ name: languageName(row.language), title: row.language, quality: row.quality, count: row.count }));
    return figure('By language (quality 0–1)', 'chart-language', qualityBars(bars, 'language-row', 'count'));
  }

  /** Answers grouped by the kinds of workspace context their question carried, best-rated first. */
  private byContextKind(view: LearningView): HTMLElement {
    const rows = view.byContextKind ?? [];
    if (rows.length === 0) return figure('By attached context', 'chart-context-kind', note('No answers recorded yet.'));
    const bars = rows.map((row) => ({ name: CONTEXT_KIND_NAMES[row.kind], title: row.kind, quality: row.quality, count: row.count }));
    return figure('By attached context (quality 0–1, best first)', 'chart-context-kind', qualityBars(bars, 'context-kind-row', 'count'));
  }

  private qualityByTopic(view: LearningView): HTMLElement {
    if (view.qualityByTopic.length === 0) return figure('Quality by topic', 'chart-quality', note('No rated topics yet.'));
    const bars = view.qualityByTopic.map((row) => ({ name: row.topic, title: row.topic, quality: row.quality, count: row.count }));
    return figure('Quality by topic (0–1)', 'chart-quality', qualityBars(bars, 'quality-row', 'quality'));
  }
}

/** One row of a quality chart: what was grouped, its mean quality (0–1) and how many answers it covers. */
interface QualityBar {
  name: string;
  /** The tooltip of the name, e.g. the language code behind the language's name. */
  title: string;
  quality: number;
  count: number;
}

/**
 * A labelled bar per group: its name, a 0–1 meter, and beside it the answer count or the
 * quality figure (`shown`); each tooltip gives what the other does not.
 */
function qualityBars(rows: readonly QualityBar[], rowTestId: string, shown: 'count' | 'quality'): HTMLElement {
  const list = el('ul', { className: 'bars' });
  for (const row of rows) {
    const answers = plural(row.count, 'answer');
    const label = `${row.name}: quality ${row.quality.toFixed(2)} over ${answers}`;
    const value = shown === 'count' ? { text: answers, title: label } : { text: row.quality.toFixed(2), title: answers };
    list.append(
      el(
        'li',
        { className: 'bar-row', testId: rowTestId },
        el('span', { className: 'bar-label', text: row.name, title: row.title }),
        meterBar(row.quality, label),
        el('span', { className: 'bar-value', ...value }),
      ),
    );
  }
  return list;
}
