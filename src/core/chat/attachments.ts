/**
 * Code attached to a user message. The transcript shows what the user wrote plus one chip per
 * attachment; the request carries the full text, built here in one place.
 */
import type { AttachmentView } from '../../shared/protocol';
import { composeTurnText } from '../context/blocks';
import { newAttachmentId } from '../context/ids';
import { estimateTextTokens } from '../context/tokens';

const lineSpan = (first: number, last: number): string => (first === last ? `line ${first}` : `lines ${first}–${last}`);

/** An attachment for selected lines of a file (1-based, inclusive). */
export function selectionAttachment(path: string, languageId: string, firstLine: number, lastLine: number, code: string, id = newAttachmentId()): AttachmentView {
  return {
    id, kind: 'selection', label: `${path} · ${lineSpan(firstLine, lastLine)}`, code, language: languageId, path,
    range: { startLine: firstLine, endLine: lastLine }, tokens: estimateTextTokens(code),
  };
}

/** The user turn as the API gets it: the user's text, then each attachment as a delimited block. */
export const composePrompt: (text: string, attachments: readonly AttachmentView[] | undefined) => string = composeTurnText;
