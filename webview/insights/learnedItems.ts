/**
 * The interactive part of "Learning": the improvements and optimisations found (Apply,
 * Dismiss) and the learned-preferences note (edit, Save, Remove).
 */
import type { InsightsWebviewMessage, LearningView } from '../../src/shared/protocol/insights';
import { button, setDisabled } from '../lib/toolkit';
import { el } from '../lib/dom';
import { note } from './dom';

type Post = (message: InsightsWebviewMessage) => void;

/** The "What I've learned" list; each item has Apply (when it carries a setting) and Dismiss. */
export function insightList(insights: LearningView['insights'], post: Post): HTMLElement {
  const block = el('div', { className: 'block', testId: 'learned' }, el('h3', { text: 'What I’ve learned' }));
  if (insights.length === 0) {
    block.append(note('Nothing to suggest yet.', 'learned-empty'));
    return block;
  }
  const list = el('ul', { className: 'insights' });
  for (const insight of insights) {
    const kind = insight.kind === 'improvement' ? 'Improvement' : 'Optimisation';
    const actions = el('div', { className: 'actions' });
    if (insight.setting) {
      const target = `${insight.setting.key} = ${JSON.stringify(insight.setting.value)}`;
      actions.append(
        button('Apply', { appearance: 'primary', testId: 'insight-apply', title: `Apply: set ${target}`, onClick: () => post({ type: 'insight/apply', id: insight.id }) }),
      );
    }
    actions.append(button('Dismiss', { testId: 'insight-dismiss', title: 'Dismiss this suggestion', onClick: () => post({ type: 'insight/dismiss', id: insight.id }) }));
    const item = el(
      'li',
      { className: `insight kind-${insight.kind}`, testId: 'insight' },
      el('span', { className: 'pill', text: kind }),
      el('p', { className: 'insight-text', text: insight.text }),
      insight.setting ? el('code', { className: 'setting', text: `${insight.setting.key}: ${JSON.stringify(insight.setting.value)}` }) : undefined,
      actions,
    );
    item.dataset.insightId = insight.id;
    list.append(item);
  }
  block.append(list);
  return block;
}

/**
 * The learned-preferences note. It keeps the user's unsaved draft across re-renders, so a
 * summary arriving mid-edit does not throw their typing away.
 */
export class PreferencesEditor {
  private draft: string | undefined;

  constructor(private readonly post: Post) {}

  /** Builds the editor for the note the host currently has; `sent` says whether requests carry it. */
  render(saved: string | undefined, sent: boolean): HTMLElement {
    const current = saved ?? '';
    if (this.draft === current) this.draft = undefined;
    const textarea = el('textarea', { className: 'preferences-input', testId: 'preferences-input' });
    textarea.id = 'preferences-input';
    textarea.rows = 4;
    textarea.maxLength = 4000;
    textarea.placeholder = 'Nothing learned yet. Write how you like answers, e.g. “short answers, TypeScript examples”.';
    textarea.value = this.draft ?? current;
    const label = el('label', { text: 'How you like answers. Edit it or remove it.' });
    label.htmlFor = textarea.id;
    const status = el('p', { className: 'preferences-status', testId: 'preferences-status', text: sentStatus(sent, current) });
    const toggle = button(sent ? 'Stop sending' : 'Send with requests', {
      testId: 'preferences-apply',
      appearance: sent ? 'secondary' : 'primary',
      title: sent
        ? 'Stop adding this note to requests (claudeStream.learning.applyToPrompts)'
        : 'Add this note to every chat and inline request (claudeStream.learning.applyToPrompts)',
      onClick: () => this.post({ type: 'preferences/applyToPrompts', enabled: !sent }),
    });

    const save = button('Save', {
      appearance: 'primary',
      testId: 'preferences-save',
      title: 'Save the preferences note',
      onClick: () => {
        this.draft = undefined;
        this.post({ type: 'preferences/edit', text: textarea.value.trim() });
        setDisabled(save, true);
      },
    });
    const remove = button('Remove', {
      testId: 'preferences-remove',
      title: 'Remove the preferences note',
      onClick: () => {
        this.draft = undefined;
        textarea.value = '';
        this.post({ type: 'preferences/edit', text: '' });
        setDisabled(save, true);
        setDisabled(remove, true);
      },
    });
    const sync = () => {
      this.draft = textarea.value === current ? undefined : textarea.value;
      setDisabled(save, textarea.value.trim() === current.trim());
      setDisabled(remove, current === '' && textarea.value === '');
    };
    textarea.addEventListener('input', sync);
    sync();
    return el(
      'div',
      { className: 'block', testId: 'preferences' },
      el('h3', { text: 'Learned preferences' }),
      status,
      label,
      textarea,
      el('div', { className: 'actions' }, save, remove, toggle),
    );
  }
}

function sentStatus(sent: boolean, note: string): string {
  if (!sent) return 'Not sent: requests do not include this note while claudeStream.learning.applyToPrompts is off.';
  if (note.trim() === '') return 'Sending is on, but the note is empty, so nothing is added to requests.';
  return 'Sent with every chat and inline request, added to the system prompt.';
}
