/**
 * Token estimates for a selection before it is sent. The real count needs the model's
 * tokenizer (or an API call); about four characters per token is what Anthropic documents
 * for English and code, and it only has to be right enough to stop megabytes going out.
 */
const CHARS_PER_TOKEN = 4;

/** Estimated tokens in `text`: ceil(chars / 4). */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

/** The result of trimming a selection to a token budget. */
export interface TrimResult {
  text: string;
  /** Lines kept from the start of the selection. */
  keptLines: number;
  /** Lines dropped from its end. */
  droppedLines: number;
  trimmed: boolean;
}

/**
 * Keeps the start of `text` within `maxTokens`, cutting at a line end so the model sees
 * whole lines. A first line longer than the whole budget is cut mid-line, never dropped,
 * so the result is non-empty whenever the input is.
 */
export function trimToTokens(text: string, maxTokens: number): TrimResult {
  const lines = text.split('\n');
  if (estimateTokens(text) <= maxTokens) return { text, keptLines: lines.length, droppedLines: 0, trimmed: false };
  const budget = Math.max(1, maxTokens) * CHARS_PER_TOKEN;
  let used = 0;
  let kept = 0;
  for (const line of lines) {
    const cost = line.length + (kept > 0 ? 1 : 0);
    if (used + cost > budget) break;
    used += cost;
    kept++;
  }
  if (kept === 0) return { text: text.slice(0, budget), keptLines: 1, droppedLines: lines.length - 1, trimmed: true };
  return { text: lines.slice(0, kept).join('\n'), keptLines: kept, droppedLines: lines.length - kept, trimmed: true };
}
