/** A ready-made question offered in the inline quick pick. */
export interface InlinePreset {
  id: 'explain' | 'bugs' | 'tests' | 'refactor' | 'comments';
  /** Quick-pick label, with a codicon. */
  label: string;
  description: string;
  /** The question sent to the model. */
  question: string;
}

/**
 * The presets, in the order the quick pick shows them. The questions are written for the
 * prompt that {@link buildInlinePrompt} makes: they talk about "the selected code", and ask
 * for a single fenced block whenever the answer is code, so Apply has something to apply.
 */
export const INLINE_PRESETS: readonly InlinePreset[] = [
  {
    id: 'explain',
    label: '$(book) Explain',
    description: 'What this code does and why',
    question: 'Explain what the selected code does, step by step, and point out anything surprising.',
  },
  {
    id: 'bugs',
    label: '$(bug) Find bugs',
    description: 'Look for defects and edge cases',
    question:
      'Find bugs in the selected code: wrong logic, unhandled edge cases, resource leaks, security problems. ' +
      'For each, say where and why. If a fix is needed, end with the corrected selection as one fenced code block.',
  },
  {
    id: 'tests',
    label: '$(beaker) Write tests',
    description: 'Unit tests for this code',
    question:
      'Write unit tests for the selected code, using the test framework this project most likely uses. ' +
      'Cover the normal case and the edge cases. Put the tests in one fenced code block.',
  },
  {
    id: 'refactor',
    label: '$(wand) Refactor',
    description: 'Clearer code, same behaviour',
    question:
      'Refactor the selected code to be clearer and simpler without changing its behaviour. ' +
      'Reply with the replacement for the selection as one fenced code block, then a short list of what changed.',
  },
  {
    id: 'comments',
    label: '$(comment) Add comments',
    description: 'Document the code in place',
    question:
      'Add concise comments and doc comments to the selected code, explaining why rather than what. ' +
      'Reply with the whole selection, commented, as one fenced code block and nothing else.',
  },
];

/** The preset with this id, for scripted asks such as `{ preset: 'explain' }`. */
export function findPreset(id: string): InlinePreset | undefined {
  return INLINE_PRESETS.find((preset) => preset.id === id);
}
