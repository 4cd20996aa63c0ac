/**
 * Language of a piece of prose. The detector is ELD (eld, "extrasmall" n-gram database,
 * 60 languages): on our dev half it named the language of every sentence and every 20-word
 * answer correctly, where franc-min and tinyld missed short English and Russian sentences
 * (see bench/compareDetectors.mts). eld ships as ES modules only, so it is loaded with a
 * dynamic `import()` by {@link loadLanguageDetector}, which the worker calls when it starts;
 * until it has loaded, a script-and-stop-word guess stands in, so a sync caller always gets
 * an answer.
 */
import { stopWordsFor } from './stopWords';

/** ISO 639-1 code ("en", "de", "ja"...), or "und" when nothing can be said. */
export type LanguageCode = string;

/** The code for text whose language cannot be told (too short, no letters). */
export const UNDETERMINED: LanguageCode = 'und';

interface Detector {
  detect(text: string): { language: string; isReliable(): boolean };
}

let detector: Detector | undefined;
let loading: Promise<void> | undefined;

/**
 * Loads the n-gram detector once (about 1 MB of tables). Safe to call often; resolves when
 * {@link detectLanguage} uses it.
 */
export function loadLanguageDetector(): Promise<void> {
  loading ??= import('eld/extrasmall').then((mod) => {
    detector = mod.eld;
  });
  return loading;
}

/** True once the n-gram detector is in use (tests show the fallback is only a stand-in). */
export function isLanguageDetectorLoaded(): boolean {
  return detector !== undefined;
}

/** Result of {@link detectLanguage}: the code, and whether the text said enough to be sure. */
export interface DetectedLanguage {
  language: LanguageCode;
  reliable: boolean;
}

const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const HANGUL = /\p{Script=Hangul}/u;
const HAN = /\p{Script=Han}/u;
const LETTER = /\p{L}/u;

/** Detects the language of one sentence or answer. */
export function detectLanguage(text: string): DetectedLanguage {
  if (!LETTER.test(text)) return { language: UNDETERMINED, reliable: false };
  // Kana only occurs in Japanese, and Hangul only in Korean: no n-gram model can beat that,
  // and a Japanese sentence that is mostly kanji plus an English product name stays Japanese.
  if (KANA.test(text)) return { language: 'ja', reliable: true };
  if (HANGUL.test(text)) return { language: 'ko', reliable: true };
  if (detector) {
    const r = detector.detect(text);
    if (r.language) return { language: r.language, reliable: r.isReliable() };
    return { language: UNDETERMINED, reliable: false };
  }
  return guess(text);
}

/** Stand-in before the detector has loaded: script, then the most stop-word hits. */
function guess(text: string): DetectedLanguage {
  if (HAN.test(text)) return { language: 'zh', reliable: false };
  if (/\p{Script=Cyrillic}/u.test(text)) return { language: 'ru', reliable: false };
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  let best: LanguageCode = UNDETERMINED;
  let bestHits = 0;
  for (const lang of ['en', 'de', 'fr', 'es']) {
    const stop = stopWordsFor(lang);
    const hits = words.filter((w) => stop.has(w)).length;
    if (hits > bestHits) {
      best = lang;
      bestHits = hits;
    }
  }
  return { language: best, reliable: false };
}
