/**
 * What an empty chat shows: what Claude Stream can do, a few prompts to start with (a click
 * sends one), and the model and API key the next answer will use.
 */
import type { ApiKeyStatus, ChatWebviewMessage } from '../../src/shared/protocol/chat';
import { el } from '../lib/dom';

/** Prompts that show what the chat is good at without needing an open file. */
const SUGGESTED_PROMPTS: readonly string[] = [
  'Explain async/await in TypeScript with a short example',
  'Write a unit test for a function that parses ISO dates',
  'How should a Node.js service handle errors and retries?',
];

const ABILITIES: readonly string[] = [
  'Answers stream as they are written; Stop (or Esc) keeps what arrived.',
  'Code blocks: Copy, Insert at the cursor, Apply over your selection after a diff, or open as a New file.',
  'Add selection sends the code you selected; Ask About Selection answers inline in the editor.',
  'Type # to attach a file, folder, symbol, #problems, #changes or #terminal; hold Shift to drop files from the Explorer; paste a screenshot.',
  'Insights (in the sidebar) analyses each answer live and learns from your ratings.',
];

const KEY_TEXT: Record<ApiKeyStatus, string> = {
  stored: 'API key: set (secret storage)',
  environment: 'API key: from ANTHROPIC_API_KEY',
  missing: 'API key: not set',
};

/** The welcome block of an empty conversation. */
export class Welcome {
  readonly element: HTMLElement;
  private readonly model: HTMLElement;
  private readonly key: HTMLElement;
  private readonly setKey: HTMLButtonElement;

  constructor(private readonly post: (message: ChatWebviewMessage) => void) {
    const title = el('h2', { text: 'Ask Claude anything about your code' });
    const abilities = el('ul', { className: 'welcome-abilities' }, ...ABILITIES.map((text) => el('li', { text })));

    const prompts = el('div', { className: 'welcome-prompts', label: 'Suggested prompts' });
    prompts.setAttribute('role', 'group');
    prompts.append(
      ...SUGGESTED_PROMPTS.map((text) => {
        const b = el('button', { className: 'welcome-prompt', testId: 'suggested-prompt', text });
        b.addEventListener('click', () => this.post({ type: 'prompt/submit', text }));
        return b;
      }),
    );

    this.model = el('span', { testId: 'welcome-model' });
    this.key = el('span', { testId: 'welcome-key' });
    this.setKey = el('button', { className: 'link-button', testId: 'welcome-set-key', text: 'Set API Key', hidden: true });
    this.setKey.addEventListener('click', () => this.post({ type: 'error/action', action: 'setApiKey' }));
    const status = el('p', { className: 'welcome-status' }, this.model, document.createTextNode(' · '), this.key, document.createTextNode(' '), this.setKey);

    this.element = el('section', { className: 'welcome', testId: 'welcome', label: 'Welcome', hidden: true }, title, abilities, prompts, status);
  }

  /** Shown only while the conversation has no messages. */
  setEmpty(empty: boolean): void {
    this.element.hidden = !empty;
  }

  setModel(model: string): void {
    this.model.textContent = `Model: ${model}`;
  }

  setKeyStatus(status: ApiKeyStatus): void {
    this.key.textContent = KEY_TEXT[status];
    this.key.dataset.status = status;
    this.setKey.hidden = status !== 'missing';
  }
}
