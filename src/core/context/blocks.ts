/**
 * How attached context is written into the user turn: one clearly delimited block per
 * attachment, its header naming the kind, path, language and lines, the content exactly as the
 * chip shows it. XML-style tags are what the prompting guide recommends for separating material
 * from instructions (platform.claude.com/docs/en/build-with-claude/prompt-engineering/use-xml-tags).
 */
import type { AttachmentView } from '../../shared/protocol';

const attr = (name: string, value: string | number | undefined): string =>
  value === undefined || value === ''
    ? ''
    : ` ${name}="${String(value).replace(/[&"<>\n]/g, (c) => ({ '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;', '\n': ' ' })[c] ?? c)}"`;

/** The block one attachment becomes in the request (an image's text block only names it; the image goes as an image block). */
export function attachmentBlock(a: AttachmentView): string {
  const lines = a.range ? `${a.range.startLine}-${a.range.endLine}` : undefined;
  const head = `<attachment${attr('kind', a.kind)}${attr('path', a.path)}${attr('label', a.path ? undefined : a.label)}${attr('language', a.language)}${attr('lines', lines)}>`;
  if (a.kind === 'image') return `${head}(the image is attached below)</attachment>`;
  return `${head}\n${a.code}\n</attachment>`;
}

/** The user turn as the API gets it: the user's text, then each attachment as a delimited block. */
export function composeTurnText(text: string, attachments: readonly AttachmentView[] | undefined): string {
  if (!attachments || attachments.length === 0) return text;
  return [text, ...attachments.map(attachmentBlock)].join('\n\n');
}
