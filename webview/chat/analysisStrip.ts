/**
 * The live analysis strip beside a streaming answer: a small sentiment gauge, topic chips
 * and entity chips. It freezes when the answer completes; file-like entities open the file.
 */
import type { AnalysisSnapshot, EntityType } from '../../src/shared/protocol/common';
import { languageLabel, sentimentNote, sentimentScored } from '../../src/shared/analysisLanguage';
import { el } from '../lib/dom';

const MAX_TOPICS = 6;
const MAX_ENTITIES = 8;
const OPENABLE: ReadonlySet<EntityType> = new Set<EntityType>(['path', 'file']);

/** Renders `AnalysisSnapshot`s for one answer. */
export class AnalysisStrip {
  /** The strip's root, placed beside (not inside) the message element. */
  readonly element: HTMLElement;
  private frozen = false;
  /** Set when the answer ended: only the final snapshot may still complete the strip. */
  private ended = false;

  constructor(private readonly openFile: (path: string) => void) {
    this.element = el('div', { className: 'analysis-strip', testId: 'analysis-strip', label: 'Live analysis', hidden: true });
  }

  /** Shows `snapshot` unless the strip is frozen; a final snapshot freezes it. */
  update(snapshot: AnalysisSnapshot): void {
    if (this.frozen || (this.ended && !snapshot.final)) return;
    this.element.hidden = false;
    this.element.replaceChildren(this.gauge(snapshot), this.topics(snapshot), this.entities(snapshot));
    if (snapshot.paused) this.element.append(note('Live analysis paused'));
    if (snapshot.interrupted) this.element.append(note('Analysis stopped early: its worker ended unexpectedly'));
    if (snapshot.final) this.freeze();
  }

  /** The answer completed: keep the live view, accept only the final snapshot from now on. */
  answerEnded(): void {
    this.ended = true;
    this.element.dataset.frozen = 'true';
  }

  /** Stops accepting updates. */
  freeze(): void {
    this.frozen = true;
    this.element.dataset.frozen = 'true';
  }

  private gauge(snapshot: AnalysisSnapshot): HTMLElement {
    const language = languageLabel(snapshot);
    const noteText = sentimentNote(snapshot);
    if (!sentimentScored(snapshot)) {
      // No validated lexicon for this language: say so, and show no number.
      const wrap = document.createElement('div');
      wrap.className = 'sentiment not-scored';
      wrap.dataset.testid = 'analysis-sentiment-not-scored';
      if (language) wrap.append(languagePill(language));
      wrap.append(note(noteText ?? 'sentiment: not scored'));
      return wrap;
    }
    const wrap = this.meter(snapshot);
    if (language) wrap.prepend(languagePill(language));
    if (noteText) wrap.append(note(noteText));
    return wrap;
  }

  private meter(snapshot: AnalysisSnapshot): HTMLElement {
    const value = Math.max(-1, Math.min(1, snapshot.sentiment.value));
    const wrap = document.createElement('div');
    wrap.className = 'sentiment';
    const track = document.createElement('div');
    track.className = 'gauge';
    track.setAttribute('role', 'meter');
    track.setAttribute('aria-valuemin', '-1');
    track.setAttribute('aria-valuemax', '1');
    track.setAttribute('aria-valuenow', value.toFixed(2));
    track.setAttribute('aria-label', 'Sentiment');
    const fill = document.createElement('div');
    fill.className = `gauge-fill ${value >= 0 ? 'positive' : 'negative'}`;
    // Grows from the centre line: right for positive, left for negative.
    fill.style.left = `${50 + Math.min(0, value) * 50}%`;
    fill.style.width = `${Math.abs(value) * 50}%`;
    track.append(fill);
    const arrow = { rising: '↗', falling: '↘', steady: '→' }[snapshot.sentiment.trend];
    const label = document.createElement('span');
    label.className = 'gauge-label';
    label.textContent = `${value >= 0 ? '+' : ''}${value.toFixed(2)} ${arrow}`;
    wrap.append(track, label);
    return wrap;
  }

  private topics(snapshot: AnalysisSnapshot): HTMLElement {
    const list = chipList('topics', 'Topics');
    for (const topic of snapshot.topics.slice(0, MAX_TOPICS)) {
      const chip = document.createElement('span');
      chip.className = 'chip topic';
      chip.textContent = topic.term;
      chip.title = `${topic.count}×`;
      list.append(chip);
    }
    return list;
  }

  private entities(snapshot: AnalysisSnapshot): HTMLElement {
    const list = chipList('entities', 'Entities');
    for (const entity of snapshot.entities.slice(0, MAX_ENTITIES)) {
      const openable = OPENABLE.has(entity.type);
      const chip = document.createElement(openable ? 'button' : 'span');
      chip.className = `chip entity entity-${entity.type}`;
      chip.textContent = entity.text;
      chip.title = openable ? `Open ${entity.text}` : `${entity.type}, ${entity.count}×`;
      if (openable) chip.setAttribute('aria-label', `Open ${entity.text}`);
      chip.dataset.entityType = entity.type;
      if (openable) chip.addEventListener('click', () => this.openFile(entity.text));
      list.append(chip);
    }
    return list;
  }
}

function chipList(kind: string, label: string): HTMLElement {
  const list = document.createElement('div');
  list.className = `chips ${kind}`;
  list.setAttribute('aria-label', label);
  return list;
}

function languagePill(text: string): HTMLElement {
  return el('span', { className: 'analysis-language', testId: 'analysis-language', title: 'Language of the answer', text });
}

function note(text: string): HTMLElement {
  return el('span', { className: 'analysis-note', text });
}
