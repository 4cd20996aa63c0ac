/**
 * Prompts waiting to be sent, between the transcript and the input. The host owns the queue
 * (it survives a reloaded webview); this list shows it and asks the host to edit or remove an
 * item, or to send the queue again after Stop or a failed answer held it.
 */
import type { ChatWebviewMessage } from '../../src/shared/protocol/chat';
import type { QueuedPromptView } from '../../src/shared/protocol/chatViews';
import { el } from '../lib/dom';
import { actionButton, onSubmitOrCancel } from './actionButton';

const PREVIEW_CHARS = 200;

/** The pending-prompts list. Hidden while nothing is queued. */
export class PendingQueue {
  readonly element: HTMLElement;
  private readonly list: HTMLOListElement;
  private readonly heldNote: HTMLElement;
  /** The item being edited keeps its editor across updates, so typing is never thrown away. */
  private editing: { id: string; editor: HTMLTextAreaElement; original: string } | undefined;

  constructor(private readonly post: (message: ChatWebviewMessage) => void) {
    this.element = el('section', { className: 'pending-queue', testId: 'pending-queue', label: 'Queued prompts', hidden: true });
    const title = document.createElement('div');
    title.className = 'pending-title';
    title.textContent = 'Queued — sent in order when the answer completes';
    this.heldNote = document.createElement('div');
    this.heldNote.className = 'pending-held';
    this.heldNote.dataset.testid = 'queue-held';
    this.heldNote.hidden = true;
    const held = document.createElement('span');
    held.textContent = 'Waiting: the last answer did not complete. ';
    const resume = actionButton('Send queued', 'Send the queued prompts now', 'queue-resume', () => this.post({ type: 'queue/resume' }));
    this.heldNote.append(held, resume);
    this.list = document.createElement('ol');
    this.list.className = 'pending-list';
    this.element.append(title, this.heldNote, this.list);
  }

  /** Shows the host's queue. */
  update(queue: readonly QueuedPromptView[], held: boolean): void {
    this.element.hidden = queue.length === 0;
    this.heldNote.hidden = !held || queue.length === 0;
    const keep = this.editing && queue.some((q) => q.id === this.editing?.id) ? this.editing : undefined;
    if (this.editing && !keep) {
      // Sent while being edited: the host puts the edited text back in the input box.
      const { id, editor, original } = this.editing;
      if (editor.value.trim() !== original.trim()) this.post({ type: 'queue/edit', id, text: editor.value });
    }
    this.editing = keep;
    // The item being edited stays in place: moving a focused textarea would take its focus.
    const editLi = keep?.editor.closest('li') ?? undefined;
    for (const child of [...this.list.children]) if (child !== editLi) child.remove();
    let beforeEditor = editLi !== undefined;
    queue.forEach((item, i) => {
      if (item.id === keep?.id) {
        beforeEditor = false;
        return;
      }
      const li = this.item(item, i);
      if (beforeEditor && editLi) this.list.insertBefore(li, editLi);
      else this.list.append(li);
    });
  }

  private item(item: QueuedPromptView, index: number): HTMLElement {
    const li = document.createElement('li');
    li.className = 'pending-item';
    li.dataset.testid = 'pending-item';
    li.dataset.queueId = item.id;
    if (this.editing?.id === item.id) {
      li.append(this.editing.editor);
      return li;
    }
    const text = document.createElement('span');
    text.className = 'pending-text';
    text.dataset.testid = 'pending-text';
    text.title = item.text;
    text.textContent = item.text.length > PREVIEW_CHARS ? `${item.text.slice(0, PREVIEW_CHARS - 1)}…` : item.text;
    const actions = document.createElement('span');
    actions.className = 'pending-actions';
    actions.append(
      actionButton('Edit', `Edit queued prompt ${index + 1}`, 'pending-edit', () => this.startEdit(item)),
      actionButton('Remove', `Remove queued prompt ${index + 1}`, 'pending-remove', () => this.post({ type: 'queue/remove', id: item.id })),
    );
    li.append(text);
    if (item.attachments?.length) {
      const chip = document.createElement('span');
      chip.className = 'pending-attachments';
      chip.textContent = item.attachments.map((a) => a.label).join(', ');
      li.append(chip);
    }
    li.append(actions);
    return li;
  }

  private startEdit(item: QueuedPromptView): void {
    const editor = document.createElement('textarea');
    editor.className = 'edit-input';
    editor.dataset.testid = 'pending-edit-input';
    editor.value = item.text;
    editor.setAttribute('aria-label', 'Edit queued prompt; Enter saves, Escape cancels');
    const finish = (save: boolean) => {
      if (this.editing?.editor !== editor) return;
      this.editing = undefined;
      if (save) this.post({ type: 'queue/edit', id: item.id, text: editor.value });
      // The host answers with a queue update; until then, show the item as it was.
      const li = editor.closest('li');
      li?.replaceWith(this.item(save ? { ...item, text: editor.value.trim() || item.text } : item, 0));
    };
    onSubmitOrCancel(editor, finish);
    editor.addEventListener('blur', () => finish(true));
    this.editing = { id: item.id, editor, original: item.text };
    const li = this.list.querySelector<HTMLElement>(`[data-queue-id="${CSS.escape(item.id)}"]`);
    li?.replaceChildren(editor);
    editor.focus();
    editor.setSelectionRange(editor.value.length, editor.value.length);
  }
}
