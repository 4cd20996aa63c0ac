/**
 * Context the user attaches to a chat prompt (selections, files, symbols, images…): the chips,
 * the `#` completion list and the offers made when an attachment is refused.
 */
import type { ContextKind } from './common';

/** Kinds the webview may ask the host to resolve with `context/add` (images come by `context/image`, the active file by its toggle). */
export const ADDABLE_CONTEXT_KINDS = ['selection', 'file', 'folder', 'symbol', 'problems', 'changes', 'terminal'] as const;
export type AddableContextKind = (typeof ADDABLE_CONTEXT_KINDS)[number];

/** Kinds the `#` completion lists suggestions for. */
export const QUERY_CONTEXT_KINDS = ['file', 'folder', 'symbol'] as const;
export type QueryContextKind = (typeof QUERY_CONTEXT_KINDS)[number];

/** Image types the Messages API takes in an `image` content block. */
export const IMAGE_MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'] as const;
export type ImageMediaType = (typeof IMAGE_MEDIA_TYPES)[number];

/**
 * Context attached to a user message: shown as a chip (above the input, then in the sent
 * message), sent in the request. Nothing attached is hidden: `code` is exactly the text the
 * request carries for it, and the chip expands to show it.
 */
export interface AttachmentView {
  /** Issued by the host; a submitted attachment with an id the host issued is replaced by the host's own copy. */
  id: string;
  /** What it is; attachments stored before kinds existed are read back as `selection`. */
  kind: ContextKind;
  /** What the chip says, e.g. "src/app.ts · lines 3–8". */
  label: string;
  /** Exactly the text sent for it (empty for an image, which is sent as an image block). */
  code: string;
  language?: string;
  /** Workspace-relative path of a file, folder, symbol or selection, with `/` separators. */
  path?: string;
  /** The lines sent, 1-based and inclusive, when not the whole file. */
  range?: { startLine: number; endLine: number };
  /** Estimated input tokens this attachment adds to the request. */
  tokens: number;
  /** For an image: its type and size; `thumbnail` is a small data URL for the chip (the full image stays in the host). */
  image?: { mediaType: ImageMediaType; bytes: number; width?: number; height?: number; thumbnail?: string };
}

/** One entry of the `#` completion list. `value` goes back unchanged in `context/add`. */
export interface ContextSuggestion {
  kind: QueryContextKind;
  /** A workspace-relative path for a file or folder; an opaque key for a symbol. */
  value: string;
  /** Main text, e.g. the file name or the symbol name. */
  label: string;
  /** Secondary text, e.g. the folder, or the symbol's kind and file. */
  detail?: string;
}

/** Something the user may take instead of a refused attachment, e.g. "Send lines 1–400". */
export interface ContextOffer {
  id: string;
  label: string;
}
