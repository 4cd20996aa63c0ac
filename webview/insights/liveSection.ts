/**
 * "Live": the analysis of the current (or last) stream — sentiment sparkline, topics with
 * weights, entities grouped by type, token rate and source. Each snapshot replaces the last.
 */
import type { AnalysisSnapshot, AnswerOutcome, EntityType } from '../../src/shared/protocol/common';
import { languageLabel, sentimentNote, sentimentScored } from '../../src/shared/analysisLanguage';
import { meterBar, sparkline } from './charts';
import { el } from '../lib/dom';
import { note, section } from './dom';
import { signed, trendText } from './format';

const MAX_TOPICS = 8;
const MAX_ENTITIES_PER_TYPE = 10;
const OPENABLE: ReadonlySet<EntityType> = new Set<EntityType>(['path', 'file']);

const TYPE_LABELS: Record<EntityType, string> = {
  url: 'Links',
  email: 'Emails',
  path: 'Paths',
  file: 'Files',
  package: 'Packages',
  version: 'Versions',
  error: 'Errors',
  cve: 'CVEs',
  env: 'Environment variables',
  flag: 'Flags',
  decorator: 'Decorators',
  call: 'Calls',
  identifier: 'Identifiers',
  person: 'People',
  organization: 'Organisations',
  product: 'Products',
};

/** What one `live/snapshot` message carries. */
export interface LiveData {
  source: 'chat' | 'inline';
  analysis: AnalysisSnapshot;
  tokensPerSecond?: number;
  /** How the answer ended, once it has. */
  outcome?: AnswerOutcome;
}

/** The status pill: a stopped or failed answer is not "Finished". */
function statusText(final: boolean, outcome: LiveData['outcome']): string {
  if (outcome === 'cancelled') return 'Stopped';
  if (outcome === 'error') return 'Failed';
  return final ? 'Finished' : 'Streaming…';
}

/** Renders the Live section; `openFile` is called when a path or file chip is clicked. */
export class LiveSection {
  readonly element: HTMLElement;
  private readonly body: HTMLElement;

  constructor(private readonly openFile: (path: string) => void) {
    const { root, body } = section('Live', 'live');
    this.element = root;
    this.body = body;
    this.body.setAttribute('aria-live', 'off');
    this.showEmpty();
  }

  /** No stream has run yet. */
  showEmpty(): void {
    this.element.dataset.state = 'empty';
    this.body.replaceChildren(note('No answer yet. Ask Claude in the chat or inline, and its live analysis shows here as it streams.', 'live-empty'));
  }

  /** Draws one snapshot, replacing whatever was shown. */
  show(data: LiveData): void {
    const { analysis } = data;
    this.element.dataset.state = analysis.final ? 'final' : 'streaming';
    this.element.dataset.streamId = analysis.streamId;
    const notes = analysis.paused ? [note('Live analysis is paused; the final analysis runs when the answer ends.', 'live-paused')] : [];
    if (analysis.interrupted)
      notes.push(
        note(
          'The analysis stopped before the answer ended: its worker exited unexpectedly. It covers the text up to that point; the next answer is analysed again.',
          'live-interrupted',
        ),
      );
    // Snapshots arrive several times a second; a keyboard user on a file chip must not lose focus.
    const focused = this.body.contains(document.activeElement) ? (document.activeElement as HTMLElement).dataset.path : undefined;
    this.body.replaceChildren(this.header(data), ...notes, this.sentiment(analysis), this.topics(analysis), this.entities(analysis));
    if (focused !== undefined) {
      [...this.body.querySelectorAll<HTMLElement>('button[data-path]')].find((chip) => chip.dataset.path === focused)?.focus();
    }
  }

  private header({ source, analysis, tokensPerSecond, outcome }: LiveData): HTMLElement {
    const facts = el('div', { className: 'facts', testId: 'live-facts' });
    facts.append(
      el('span', { className: `pill source-${source}`, text: source === 'chat' ? 'Chat' : 'Inline', testId: 'live-source', title: 'Where this answer streamed' }),
      el('span', { className: 'pill', text: statusText(analysis.final, outcome), testId: 'live-status' }),
    );
    if (tokensPerSecond !== undefined && Number.isFinite(tokensPerSecond)) {
      facts.append(el('span', { className: 'fact', text: `${tokensPerSecond.toFixed(1)} tok/s`, testId: 'live-rate', title: 'Output tokens per second' }));
    }
    facts.append(el('span', { className: 'fact', text: `${analysis.tokensAnalyzed.toLocaleString('en-US')} tokens analysed`, testId: 'live-tokens' }));
    return facts;
  }

  private sentiment(analysis: AnalysisSnapshot): HTMLElement {
    const language = languageLabel(analysis);
    const languageLine = language ? [el('p', { className: 'language', text: `Language: ${language}`, testId: 'live-language' })] : [];
    const noteText = sentimentNote(analysis);
    if (!sentimentScored(analysis)) {
      // Never a number read with the English lexicon from another language.
      return el(
        'div',
        { className: 'block', testId: 'live-sentiment' },
        el('h3', { text: 'Sentiment' }),
        ...languageLine,
        note(noteText ?? 'sentiment: not scored', 'live-sentiment-not-scored'),
      );
    }
    const extra = noteText ? [note(noteText, 'live-sentiment-note')] : [];
    const { value, trend, series } = analysis.sentiment;
    const tone = value > 0.05 ? 'positive' : value < -0.05 ? 'negative' : 'neutral';
    const reading = el(
      'div',
      { className: 'reading' },
      el('span', { className: `value ${tone}`, text: signed(value), testId: 'live-sentiment-value' }),
      el('span', { className: 'trend', text: trendText(trend), testId: 'live-sentiment-trend' }),
    );
    const block = el('div', { className: 'block', testId: 'live-sentiment' }, el('h3', { text: 'Sentiment' }), ...languageLine, reading, ...extra, sparkline(series));
    return block;
  }

  private topics(analysis: AnalysisSnapshot): HTMLElement {
    const block = el('div', { className: 'block', testId: 'live-topics' }, el('h3', { text: 'Topics' }));
    const topics = analysis.topics.slice(0, MAX_TOPICS);
    if (topics.length === 0) {
      block.append(note('No topics yet.'));
      return block;
    }
    const heaviest = Math.max(...topics.map((t) => t.weight), Number.EPSILON);
    const list = el('ul', { className: 'bars' });
    for (const topic of topics) {
      const label = `${topic.term}: weight ${topic.weight.toFixed(2)}, ${topic.count}×`;
      list.append(
        el(
          'li',
          { className: 'bar-row', testId: 'live-topic' },
          el('span', { className: 'bar-label', text: topic.term, title: topic.term }),
          meterBar(topic.weight / heaviest, label),
          el('span', { className: 'bar-value', text: topic.weight.toFixed(2), title: `${topic.count}×` }),
        ),
      );
    }
    block.append(list);
    return block;
  }

  private entities(analysis: AnalysisSnapshot): HTMLElement {
    const block = el('div', { className: 'block', testId: 'live-entities' }, el('h3', { text: 'Entities' }));
    if (analysis.entities.length === 0) {
      block.append(note('No entities yet.'));
      return block;
    }
    const groups = new Map<EntityType, AnalysisSnapshot['entities']>();
    for (const entity of analysis.entities) {
      const group = groups.get(entity.type) ?? [];
      group.push(entity);
      groups.set(entity.type, group);
    }
    for (const [type, entities] of groups) {
      const chips = el('div', { className: 'chips' });
      for (const entity of entities.slice(0, MAX_ENTITIES_PER_TYPE)) chips.append(this.chip(entity));
      const group = el('div', { className: 'entity-group', testId: `entities-${type}` }, el('h4', { text: TYPE_LABELS[type] ?? type }), chips);
      group.dataset.entityType = type;
      block.append(group);
    }
    return block;
  }

  private chip(entity: AnalysisSnapshot['entities'][number]): HTMLElement {
    const count = entity.count > 1 ? ` ×${entity.count}` : '';
    if (!OPENABLE.has(entity.type)) {
      return el('span', { className: `chip entity-${entity.type}`, text: `${entity.text}${count}`, title: `${entity.type}, seen ${entity.count}×` });
    }
    const chip = el('button', { className: `chip openable entity-${entity.type}`, text: `${entity.text}${count}`, title: `Open ${entity.text}`, testId: 'entity-open' });
    chip.dataset.path = entity.text;
    chip.addEventListener('click', () => this.openFile(entity.text));
    return chip;
  }
}
