/**
 * What a user turn shows beside its text: chips for attached context (click to see what was sent),
 * "Show more" for a long message, and the ‹ n/m › switcher on an edited message. All of it
 * sits beside the message element, so the element's text stays exactly what the user wrote.
 */
import type { ChatWebviewMessage } from '../../src/shared/protocol/chat';
import type { MessageView } from '../../src/shared/protocol/chatViews';
import type { AttachmentView } from '../../src/shared/protocol/context';
import { actionButton } from './actionButton';
import { contextChip } from './contextChips';

/** Longer than this (lines or characters) and a user message starts collapsed. */
const COLLAPSE_LINES = 12;
const COLLAPSE_CHARS = 1200;

/** The parts of a turn a user message decorates. */
export interface UserTurnParts {
  element: HTMLElement;
  meta: HTMLElement;
  body: HTMLElement;
}

/** Adds the chips, the collapse and the branch switcher to a user turn. */
export function decorateUserTurn(view: MessageView, parts: UserTurnParts, post: (message: ChatWebviewMessage) => void): void {
  if (view.branch && view.branch.count > 1) parts.meta.append(branchSwitcher(view.id, view.branch, post));
  let after: Element = parts.body;
  if (isLong(view.text)) {
    const toggle = collapse(parts.body);
    after.after(toggle);
    after = toggle;
  }
  if (view.attachments?.length) after.after(attachmentChips(view.attachments));
}

function isLong(text: string): boolean {
  if (text.length > COLLAPSE_CHARS) return true;
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) if (++lines > COLLAPSE_LINES) return true;
  return false;
}

function collapse(body: HTMLElement): HTMLButtonElement {
  body.classList.add('collapsible');
  body.dataset.collapsed = 'true';
  const toggle = document.createElement('button');
  toggle.type = 'button';
  toggle.className = 'show-more';
  toggle.dataset.testid = 'show-more';
  toggle.setAttribute('aria-controls', body.id);
  const sync = () => {
    const collapsed = body.dataset.collapsed === 'true';
    toggle.textContent = collapsed ? 'Show more' : 'Show less';
    toggle.setAttribute('aria-expanded', String(!collapsed));
  };
  toggle.addEventListener('click', () => {
    body.dataset.collapsed = body.dataset.collapsed === 'true' ? 'false' : 'true';
    sync();
  });
  sync();
  return toggle;
}

function attachmentChips(attachments: readonly AttachmentView[]): HTMLElement {
  const row = document.createElement('div');
  row.className = 'attachments';
  row.setAttribute('role', 'list');
  row.setAttribute('aria-label', 'Attached context');
  for (const attachment of attachments) {
    const chip = contextChip(attachment, { testId: 'attachment', idPrefix: 'sent-chip' });
    chip.setAttribute('role', 'listitem');
    row.append(chip);
  }
  return row;
}

function branchSwitcher(messageId: string, branch: { index: number; count: number }, post: (message: ChatWebviewMessage) => void): HTMLElement {
  const nav = document.createElement('span');
  nav.className = 'branch-switcher';
  nav.dataset.testid = 'branch-switcher';
  nav.setAttribute('role', 'group');
  nav.setAttribute('aria-label', 'Versions of this message');
  const go = (index: number) => post({ type: 'message/branch', messageId, index });
  const arrow = (label: string, title: string, testId: string, target: number) => {
    const b = actionButton(label, title, testId, () => go(target));
    b.disabled = target < 0 || target >= branch.count;
    return b;
  };
  const position = document.createElement('span');
  position.className = 'branch-position';
  position.dataset.testid = 'branch-position';
  position.textContent = `${branch.index + 1}/${branch.count}`;
  nav.append(arrow('‹', 'Previous version', 'branch-prev', branch.index - 1), position, arrow('›', 'Next version', 'branch-next', branch.index + 1));
  return nav;
}
