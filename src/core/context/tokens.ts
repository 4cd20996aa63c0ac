/**
 * Token estimates for attachments before anything is sent. The API counts exactly
 * (`messages.countTokens`, which the context meter uses for the conversation); a chip needs a
 * figure at once, so it takes the same characters ÷ 4 the meter falls back to, rounded up.
 */

/** Characters per token in the estimate: the figure Anthropic gives for English text and code. */
export const CHARS_PER_TOKEN = 4;

/** Estimated tokens of a text as the request carries it. */
export function estimateTextTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

/**
 * Estimated tokens of an image block: the docs give (width × height) / 750, and an image is
 * scaled to fit 1568 px on its long edge first
 * (platform.claude.com/docs/en/build-with-claude/vision#calculate-image-costs). Without its size, the
 * largest figure (about 1,600 tokens) is assumed.
 */
export function estimateImageTokens(width?: number, height?: number): number {
  if (!width || !height) return 1600;
  const scale = Math.min(1, 1568 / Math.max(width, height));
  return Math.ceil((width * scale * (height * scale)) / 750);
}
