/**
 * What a finished answer's stop reason means for the user, shown beside the answer (never
 * inside its text), with the action that helps: Continue after `max_tokens`, a clear word on
 * a refusal, the context actions when the window is full, and a note on an empty answer so a
 * blank "done" is never silent.
 */
import type { ChatWebviewMessage } from '../../src/shared/protocol/chat';
import type { MessageView } from '../../src/shared/protocol/chatViews';
import { actionButton } from './actionButton';

/** The stop fields of a finished answer. */
export interface StopInfo {
  stop?: string;
  stopDetails?: MessageView['stopDetails'];
  thinkingMs?: number;
}

/** The notice for a finished answer, or undefined when its stop needs none (`end_turn` with text). */
export function stopNotice(info: StopInfo, text: string, post: (message: ChatWebviewMessage) => void, messageId: string): HTMLElement | undefined {
  const blank = text.trim() === '';
  const el = document.createElement('div');
  el.className = 'stop-notice';
  el.dataset.testid = 'stop-notice';
  el.setAttribute('role', 'status');
  const say = (line: string): void => {
    const p = document.createElement('p');
    p.textContent = line;
    el.append(p);
  };
  const action = (label: string, testId: string, message: ChatWebviewMessage): void => {
    el.append(actionButton(label, label, testId, () => post(message)));
  };
  switch (info.stop) {
    case 'max_tokens':
      say(
        blank ? 'The model spent its whole output budget (max tokens) on thinking and wrote no answer yet.' : 'The answer reached the output limit (max tokens) and is cut short.',
      );
      action('Continue', 'continue-answer', { type: 'message/continue', messageId });
      break;
    case 'refusal': {
      say('Claude declined to answer this request.');
      const { explanation, category } = info.stopDetails ?? {};
      if (explanation) say(explanation);
      if (category) say(`Category: ${category.replace(/_/g, ' ')}.`);
      say('This exchange is left out of what later messages send. Rephrase it, or start a new chat.');
      break;
    }
    case 'model_context_window_exceeded':
      say("The conversation filled the model's context window, so the answer stopped. Start a new chat, or drop the oldest turns and go on.");
      action('Drop oldest turns', 'context-drop-oldest', { type: 'error/action', action: 'dropOldest' });
      action('New chat', 'context-new-chat', { type: 'error/action', action: 'newChat' });
      break;
    default:
      if (!blank) return undefined;
      say('The model returned no text for this answer. Regenerate it, or rephrase your message.');
  }
  el.dataset.kind = info.stop ?? 'blank';
  return el;
}
