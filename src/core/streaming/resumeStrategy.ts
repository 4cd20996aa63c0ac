/**
 * How a broken answer is continued. Shared with the local test server, which detects a
 * continue-turn by the exact `CONTINUE_PROMPT` text.
 */

/**
 * The user turn appended after the partial answer when the model cannot take an assistant
 * prefill: after a broken stream, and for a Continue after `max_tokens`. Worded so the model
 * neither repeats nor introduces what it already wrote; the joiner copes when it does anyway.
 */
export const CONTINUE_PROMPT =
  'Your previous answer was cut off before it was finished. Continue it exactly where it stopped: ' +
  'do not repeat anything already written, do not add a preamble, and keep the same formatting.';

// Families of the 4.x generation from this minor on reject assistant prefill, as does every
// model of generation 5 and later. The codenames have no version to compare.
const FIRST_MINOR_WITHOUT_PREFILL_IN_4 = 6;
const CODENAMES_WITHOUT_PREFILL = /\b(?:mythos|fable)\b/i;

/**
 * True when the model accepts an assistant turn as the last message (a prefill), so a broken
 * answer can be continued in place. Unknown model names return false: a continue-turn is
 * accepted by every model, a prefill is not.
 */
export function supportsPrefill(model: string): boolean {
  const id = model.trim().toLowerCase();
  if (CODENAMES_WITHOUT_PREFILL.test(id)) return false;
  // Legacy ids put the version first: claude-3-5-sonnet-20241022, claude-3-opus-20240229.
  if (/^claude-[1-3](?:-\d)?-(?:opus|sonnet|haiku|instant)\b/.test(id) || /^claude-(?:2|instant)/.test(id)) {
    return true;
  }
  // Current ids: claude-<family>-<major>[-<minor>][-<yyyymmdd>]; a date is 8 digits, a minor 1-2.
  const match = /^claude-(?:opus|sonnet|haiku)-(\d+)(?:-(\d{1,2}))?(?:-\d{8})?$/.exec(id);
  if (!match) return false;
  const major = Number(match[1]);
  const minor = match[2] === undefined ? 0 : Number(match[2]);
  if (major >= 5) return false;
  if (major === 4) return minor < FIRST_MINOR_WITHOUT_PREFILL_IN_4;
  return true;
}
