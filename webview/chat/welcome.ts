/**
 * What an empty chat shows: what Claude Stream can do, a few prompts to start with (a click
 * sends one), and the model and API key the next answer will use.
 */
import type { ApiKeyStatus, ChatWebviewMessage } from '../../src/shared/protocol';

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
    this.element = document.createElement('section');
    this.element.className = 'welcome';
    this.element.dataset.testid = 'welcome';
    this.element.setAttribute('aria-label', 'Welcome');

    const title = document.createElement('h2');
    title.textContent = 'Ask Claude anything about your code';
    const abilities = document.createElement('ul');
    abilities.className = 'welcome-abilities';
    abilities.append(...ABILITIES.map((text) => Object.assign(document.createElement('li'), { textContent: text })));

    const prompts = document.createElement('div');
    prompts.className = 'welcome-prompts';
    prompts.setAttribute('role', 'group');
    prompts.setAttribute('aria-label', 'Suggested prompts');
    prompts.append(
      ...SUGGESTED_PROMPTS.map((text) => {
        const b = document.createElement('button');
        b.type = 'button';
        b.className = 'welcome-prompt';
        b.dataset.testid = 'suggested-prompt';
        b.textContent = text;
        b.addEventListener('click', () => this.post({ type: 'prompt/submit', text }));
        return b;
      }),
    );

    const status = document.createElement('p');
    status.className = 'welcome-status';
    this.model = document.createElement('span');
    this.model.dataset.testid = 'welcome-model';
    this.key = document.createElement('span');
    this.key.dataset.testid = 'welcome-key';
    this.setKey = document.createElement('button');
    this.setKey.type = 'button';
    this.setKey.className = 'link-button';
    this.setKey.dataset.testid = 'welcome-set-key';
    this.setKey.textContent = 'Set API Key';
    this.setKey.hidden = true;
    this.setKey.addEventListener('click', () => this.post({ type: 'error/action', action: 'setApiKey' }));
    status.append(this.model, ' · ', this.key, ' ', this.setKey);

    this.element.append(title, abilities, prompts, status);
    this.element.hidden = true;
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
