/**
 * What is attached to a user message: code, shown as one chip per attachment beside what the
 * user wrote, and images, whose data stays in the host. The request carries the full text, built
 * here in one place.
 */
import type { AttachmentView } from '../../shared/protocol';
import { composeTurnText } from '../context/blocks';
import { newAttachmentId } from '../context/ids';
import { estimateTextTokens } from '../context/tokens';
import type { TurnImage } from '../streaming/types';

const lineSpan = (first: number, last: number): string => (first === last ? `line ${first}` : `lines ${first}–${last}`);

/** An attachment for selected lines of a file (1-based, inclusive). */
export function selectionAttachment(path: string, languageId: string, firstLine: number, lastLine: number, code: string, id = newAttachmentId()): AttachmentView {
  return {
    id,
    kind: 'selection',
    label: `${path} · ${lineSpan(firstLine, lastLine)}`,
    code,
    language: languageId,
    path,
    range: { startLine: firstLine, endLine: lastLine },
    tokens: estimateTextTokens(code),
  };
}

/** The user turn as the API gets it: the user's text, then each attachment as a delimited block. */
export const composePrompt: (text: string, attachments: readonly AttachmentView[] | undefined) => string = composeTurnText;

/** An image attached to a user turn, with its data, as the conversation keeps it in memory. */
export type AttachedImage = TurnImage & { attachmentId: string };

/**
 * The data of a prompt's image attachments, from the host's image store: the webview never
 * holds it, so an image whose data is gone is left out.
 */
export function attachedImages(attachments: readonly AttachmentView[] | undefined, imageData: ((attachmentId: string) => TurnImage | undefined) | undefined): AttachedImage[] {
  const images: AttachedImage[] = [];
  for (const a of attachments ?? []) {
    if (a.kind !== 'image') continue;
    const image = imageData?.(a.id);
    if (image) images.push({ attachmentId: a.id, ...image });
  }
  return images;
}
