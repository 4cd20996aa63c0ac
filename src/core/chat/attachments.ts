/**
 * Code attached to a user message. The transcript shows what the user wrote plus one chip per
 * attachment; the request carries the full text, built here in one place.
 */
import type { AttachmentView } from '../../shared/protocol';
import { fenceFor } from '../inline/context';
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

/** The user turn as the API gets it: the user's text, then each attachment as a labelled fenced block. */
export function composePrompt(text: string, attachments: readonly AttachmentView[] | undefined): string {
  if (!attachments || attachments.length === 0) return text;
  const blocks = attachments.map((a) => {
    const fence = fenceFor(a.code);
    return `\`${a.label}\`:\n${fence}${a.language ?? ''}\n${a.code}\n${fence}`;
  });
  return [text, ...blocks].join('\n\n');
}
