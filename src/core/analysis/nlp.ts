/**
 * The one wink-nlp instance of this process. wink keeps learned custom entities per
 * instance and a second instance silently loses them, and the model is ~3 MB of JSON, so
 * it is created lazily on first use (never at import time) and shared by every engine.
 */
import type { WinkMethods } from 'wink-nlp';

type WinkFactory = (model: unknown, pipe?: string[]) => WinkMethods;

let instance: WinkMethods | undefined;

function unwrapDefault<T>(mod: unknown): T {
  const maybe = mod as { default?: T };
  return maybe.default ?? (mod as T);
}

/**
 * Returns the shared wink-nlp instance, loading the model on the first call. The pipe has
 * no sentence splitter or NER: callers hand it one sentence at a time, which keeps each
 * call O(sentence) and lets our own segmenter decide where sentences end.
 */
export function getNlp(): WinkMethods {
  if (!instance) {
    // Required here rather than imported so that loading this module costs nothing.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const winkNLP = unwrapDefault<WinkFactory>(require('wink-nlp'));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const model = unwrapDefault<unknown>(require('wink-eng-lite-web-model'));
    instance = winkNLP(model, ['negation', 'sentiment', 'pos']);
  }
  return instance;
}
