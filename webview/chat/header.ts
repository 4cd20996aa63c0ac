/**
 * The chat header: model picker, New Chat, History, Add selection, the banner slot and the
 * live figures (TTFT, tokens/s, tokens in/out, estimated cost).
 */
import type { ChatWebviewMessage } from '../../src/shared/protocol/chat';
import type { ContextMeterView, ConversationSummary, EffortChoice, MetricsView, ModelChoiceView } from '../../src/shared/protocol/chatViews';
import { ContextMeter } from './contextMeter';
import { button, dropdown } from '../lib/toolkit';
import type { Dropdown } from '../lib/toolkit';
import { formatMetrics } from './format';
import { relativeTime } from '../lib/relativeTime';
import { el } from '../lib/dom';

/** Header bar of the chat panel. */
export class Header {
  readonly element: HTMLElement;
  private readonly picker: Dropdown;
  private readonly effortPicker: Dropdown;
  private readonly modelNote: HTMLElement;
  private readonly banner: HTMLElement;
  private readonly figures: HTMLElement;
  private readonly historyList: HTMLElement;
  private readonly historyButton: HTMLElement;
  private readonly context: ContextMeter;

  constructor(private readonly post: (message: ChatWebviewMessage) => void) {
    this.element = el('header', { className: 'chat-header' });
    this.picker = dropdown({
      testId: 'model-picker',
      title: 'Model',
      onChange: (model) => this.post({ type: 'model/select', model }),
    });
    this.effortPicker = dropdown({
      testId: 'effort-picker',
      title: 'Effort: how much the model thinks before it answers',
      onChange: (effort) => this.post({ type: 'effort/select', effort: effort as EffortChoice }),
    });
    this.modelNote = document.createElement('div');
    this.modelNote.className = 'model-note';
    this.modelNote.dataset.testid = 'model-note';
    this.modelNote.hidden = true;
    const newChat = button('New Chat', { testId: 'new-chat', title: 'New Chat', onClick: () => this.post({ type: 'chat/new' }) });
    this.historyButton = button('History', {
      testId: 'history',
      title: 'History',
      onClick: () => this.toggleHistory(),
    });
    this.historyButton.setAttribute('aria-haspopup', 'true');
    this.historyButton.setAttribute('aria-expanded', 'false');
    const addSelection = button('Add selection', {
      testId: 'add-selection',
      title: 'Add the editor selection to the prompt',
      onClick: () => this.post({ type: 'context/addSelection' }),
    });
    withShortLabel(newChat, 'New Chat', 'New');
    withShortLabel(addSelection, 'Add selection', 'Add');
    const controls = document.createElement('div');
    controls.className = 'header-controls';
    controls.append(this.picker.element, this.effortPicker.element, newChat, this.historyButton, addSelection);

    this.banner = el('div', { className: 'banner', testId: 'banner', hidden: true });

    this.figures = document.createElement('div');
    this.figures.className = 'header-figures';
    this.figures.dataset.testid = 'metrics';
    this.figures.setAttribute('aria-label', 'Live figures');

    this.historyList = document.createElement('div');
    this.historyList.className = 'history-list';
    this.historyList.dataset.testid = 'history-list';
    this.historyList.setAttribute('role', 'menu');
    this.historyList.hidden = true;
    this.historyList.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        this.toggleHistory(false);
        this.historyButton.focus();
      }
    });
    this.context = new ContextMeter(post);
    this.element.append(controls, this.modelNote, this.banner, this.figures, this.context.element, this.context.offer, this.historyList);
  }

  /** Replaces the model list, the selection and the effort picker (only the levels the model lists). */
  setModels(choice: ModelChoiceView): void {
    const items = choice.options.map((o) => ({
      value: o.id,
      label: o.note ? `${o.label} (${o.note})` : o.label,
      title: o.id,
    }));
    if (!choice.selectedListed) items.unshift({ value: choice.selected, label: `${choice.selected} (not in your model list)`, title: choice.selected });
    this.picker.setOptions(items, choice.selected);
    this.modelNote.hidden = choice.selectedListed;
    this.modelNote.textContent = choice.selectedListed
      ? ''
      : `${choice.selected} is not in your model list: it is sent as typed, without thinking or effort settings, and its cost is not shown.`;
    const defaultLabel = choice.defaultEffort ? `Effort: default (${choice.defaultEffort})` : 'Effort: default';
    this.effortPicker.setOptions([{ value: '', label: defaultLabel }, ...choice.effortLevels.map((level) => ({ value: level, label: `Effort: ${level}` }))], choice.effort);
    this.effortPicker.element.hidden = choice.effortLevels.length === 0;
  }

  /** Shows or hides the banner (e.g. "Offline demo"). */
  setBanner(text: string | undefined): void {
    this.banner.textContent = text ?? '';
    this.banner.hidden = !text;
  }

  /** Shows the latest stream's figures. */
  setMetrics(metrics: MetricsView | undefined): void {
    this.figures.textContent = metrics ? formatMetrics(metrics) : '';
    // The exact figure, for a reader (or a test) checking it against the price table.
    if (metrics?.costUsd !== undefined) this.figures.dataset.costUsd = String(metrics.costUsd);
    else delete this.figures.dataset.costUsd;
  }

  /** Shows the context meter (and, near the limit, the offer to make room). */
  setContext(meter: ContextMeterView | undefined): void {
    this.context.set(meter);
  }

  /** Replaces the conversations listed under History. */
  setHistory(history: ConversationSummary[]): void {
    const items = history.map((c) => {
      const item = document.createElement('button');
      item.type = 'button';
      item.className = 'history-item';
      item.setAttribute('role', 'menuitem');
      item.dataset.conversationId = c.id;
      const title = document.createElement('span');
      title.className = 'history-title';
      title.textContent = c.title || 'Untitled';
      const when = document.createElement('span');
      when.className = 'history-when';
      when.textContent = `${relativeTime(c.updatedAt, Date.now(), { style: 'short', dateAfterDays: 2 })} · ${c.messageCount} messages`;
      item.append(title, when);
      item.addEventListener('click', () => {
        this.toggleHistory(false);
        this.post({ type: 'history/open', conversationId: c.id });
      });
      return item;
    });
    if (items.length === 0) {
      const empty = document.createElement('p');
      empty.className = 'history-empty';
      empty.textContent = 'No earlier conversations.';
      this.historyList.replaceChildren(empty);
    } else this.historyList.replaceChildren(...items);
  }

  private toggleHistory(open = this.historyList.hidden): void {
    this.historyList.hidden = !open;
    this.historyButton.setAttribute('aria-expanded', String(open));
    if (open) this.historyList.querySelector<HTMLElement>('button')?.focus();
  }
}

/**
 * Gives a button a shorter label for narrow panels (media/chat.css picks one by width). Not
 * spans: the toolkit sizes a button's slotted spans as 16 px icons.
 */
function withShortLabel(el: HTMLElement, long: string, short: string): void {
  const full = document.createElement('bdi');
  full.className = 'label-long';
  full.textContent = long;
  const brief = document.createElement('bdi');
  brief.className = 'label-short';
  brief.textContent = short;
  el.replaceChildren(full, brief);
}
