/**
 * What may be attached, decided before anything is read into a chip: a file over 5 MB is
 * refused with an offer of its first lines, a binary file is refused, a path outside the
 * workspace is refused, and anything that would overflow the model's input window is refused
 * with an offer of a part that fits (the symbol instead of the file, or the first lines).
 */
import type { ContextOffer } from '../../shared/protocol';
import { CHARS_PER_TOKEN, estimateTextTokens } from './tokens';

/** Largest file attached whole. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** Bytes looked at to tell a binary file from text. */
export const SNIFF_BYTES = 8192;
/** Lines offered when a file is too big: the "Send lines 1–N" offer. */
const PART_LINES = 400;

/** True when the bytes look binary: a NUL byte, or many control characters, in the first 8 KB. UTF-16 with a BOM counts as text. */
export function looksBinary(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, SNIFF_BYTES);
  if (head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) return false;
  let control = 0;
  for (const b of head) {
    if (b === 0) return true;
    if (b < 8 || (b > 13 && b < 32 && b !== 27)) control++;
  }
  return head.length > 0 && control / head.length > 0.1;
}

/** Human size: "5.2 MB", "830 KB", "120 bytes". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/** Human token count: "12,400 tokens". */
const formatTokens = (n: number): string => `${n.toLocaleString('en-US')} token${n === 1 ? '' : 's'}`;

/** A refusal: why, and what may be sent instead. */
export interface Refusal {
  reason: string;
  offers: Array<ContextOffer & { part: PartSpec }>;
}

/** A part of a file an offer stands for. */
export type PartSpec = { kind: 'lines'; startLine: number; endLine: number } | { kind: 'symbol'; name: string; startLine: number; endLine: number };

/** Why a file of `bytes` is not attached whole, or undefined when its size is fine. */
export function checkFileSize(path: string, bytes: number, lineCount?: number): Refusal | undefined {
  if (bytes <= MAX_FILE_BYTES) return undefined;
  const end = lineCount === undefined ? PART_LINES : Math.min(PART_LINES, lineCount);
  return {
    reason: `${path} is ${formatBytes(bytes)}, over the ${formatBytes(MAX_FILE_BYTES)} limit for an attachment.`,
    offers: [{ id: 'lines', label: `Send lines 1–${end}`, part: { kind: 'lines', startLine: 1, endLine: end } }],
  };
}

/** What the window has room for now. */
export interface WindowRoom {
  /** Tokens the conversation and the chips already beside the input use. */
  usedTokens: number;
  /** The model's input window; undefined when unknown (then nothing is refused for size). */
  maxTokens?: number;
  /** Tokens kept free for the user's own text and the answer's headroom. */
  reserveTokens?: number;
}

/** Tokens still free for an attachment, or undefined when the window is unknown. */
function freeTokens(room: WindowRoom): number | undefined {
  if (room.maxTokens === undefined) return undefined;
  return Math.max(0, room.maxTokens - room.usedTokens - (room.reserveTokens ?? 0));
}

/** The first lines of `text` that fit in `tokens`, at least one line; undefined when not even that fits. */
function linesThatFit(text: string, tokens: number): number | undefined {
  const lines = text.split('\n');
  let chars = 0;
  let n = 0;
  for (const line of lines) {
    if ((chars + line.length + 1) / CHARS_PER_TOKEN > tokens) break;
    chars += line.length + 1;
    n++;
  }
  return n === 0 ? undefined : n;
}

/** A symbol of the file that could be sent instead, with its lines (1-based). */
export interface SymbolSpan {
  name: string;
  startLine: number;
  endLine: number;
}

/**
 * Why `text` does not fit the window, with offers of the symbols that do (largest first, at
 * most three) and the first lines that do; undefined when it fits.
 */
export function checkWindow(label: string, text: string, room: WindowRoom, symbols: readonly SymbolSpan[] = []): Refusal | undefined {
  const free = freeTokens(room);
  const tokens = estimateTextTokens(text);
  if (free === undefined || tokens <= free) return undefined;
  const lines = text.split('\n');
  const offers: Refusal['offers'] = [];
  const sized = symbols
    .map((s) => ({ ...s, tokens: estimateTextTokens(lines.slice(s.startLine - 1, s.endLine).join('\n')) }))
    .filter((s) => s.tokens <= free && s.endLine - s.startLine < lines.length - 1)
    .sort((a, b) => b.tokens - a.tokens)
    .slice(0, 3);
  for (const [i, s] of sized.entries())
    offers.push({ id: `symbol${i}`, label: `Send symbol ${s.name}`, part: { kind: 'symbol', name: s.name, startLine: s.startLine, endLine: s.endLine } });
  const fit = linesThatFit(text, free);
  if (fit !== undefined && fit < lines.length) offers.push({ id: 'lines', label: `Send lines 1–${fit}`, part: { kind: 'lines', startLine: 1, endLine: fit } });
  return {
    reason: `${label} is about ${formatTokens(tokens)}; the model's window has room for about ${formatTokens(free)} more.`,
    offers,
  };
}

/** True when `relative` (from `path.relative(root, target)`) stays inside the root. */
export function insideRoot(relative: string): boolean {
  return relative === '' || (!relative.startsWith('..') && !/^([A-Za-z]:|[\\/])/.test(relative));
}
