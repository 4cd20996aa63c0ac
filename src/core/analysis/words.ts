/**
 * Unicode words of a sentence. Boundaries come from `Intl.Segmenter` (full ICU in Node 20
 * and in VS Code's Electron), so accented Latin, Cyrillic, and the dictionary-segmented
 * scripts (Chinese, Japanese, Thai) all split into whole words; a word is never cut inside
 * a run of letters of one script (a Latin name is cut from a Korean particle after it). Two joins on top of ICU keep developer spellings whole: `C++` and `C#`
 * (ICU drops the symbols), and hyphenated compounds such as `week-end` (ICU splits them).
 */

/** One word and where it starts in the text. */
export interface Word {
  text: string;
  index: number;
}

const segmenters = new Map<string, Intl.Segmenter>();

function segmenterFor(language: string): Intl.Segmenter {
  let s = segmenters.get(language);
  if (!s) {
    s = new Intl.Segmenter(language === 'und' ? undefined : language, { granularity: 'word' });
    segmenters.set(language, s);
  }
  return s;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const LATIN_END = /\p{Script=Latin}$/u;
const LATIN_START = /^\p{Script=Latin}/u;

/** The word-like segments of `text`, with `C++`/`C#` and `a-b` compounds joined. */
export function wordsOf(text: string, language = 'und'): Word[] {
  const out: Word[] = [];
  let joinNext = false;
  for (const seg of segmenterFor(language).segment(text)) {
    const prev = out[out.length - 1];
    if (!seg.isWordLike) {
      const adjacent = prev && prev.index + prev.text.length === seg.index;
      if (adjacent && /^[+#]+$/.test(seg.segment) && /^\p{L}{1,2}\+?$/u.test(prev.text) && !LETTER_OR_DIGIT.test(text[seg.index + seg.segment.length] ?? '')) {
        prev.text += seg.segment;
      } else joinNext = Boolean(adjacent && seg.segment === '-' && LATIN_END.test(prev.text));
      continue;
    }
    const parts = splitScripts(seg.segment, seg.index);
    if (parts.length > 1) {
      out.push(...parts);
      joinNext = false;
      continue;
    }
    if (joinNext && prev && prev.index + prev.text.length + 1 === seg.index && LATIN_START.test(seg.segment)) {
      prev.text += `-${seg.segment}`;
    } else out.push({ text: seg.segment, index: seg.index });
    joinNext = false;
  }
  return out;
}

const LATIN = /\p{Script=Latin}/u;
const LETTER = /\p{L}/u;

/**
 * Splits a segment where Latin letters meet another script: ICU keeps Korean particles on
 * the word before them ("Docker를"), and a product name is the Latin part.
 */
function splitScripts(segment: string, index: number): Word[] {
  const out: Word[] = [];
  let from = 0;
  for (let i = 1; i < segment.length; i += 1) {
    const a = segment[i - 1];
    const b = segment[i];
    if (LETTER.test(a) && LETTER.test(b) && LATIN.test(a) !== LATIN.test(b)) {
      out.push({ text: segment.slice(from, i), index: index + from });
      from = i;
    }
  }
  out.push({ text: segment.slice(from), index: index + from });
  return out;
}

/** True when `[start, end)` of `text` cuts no run of letters that ICU keeps as one word. */
export function isWholeWordSpan(text: string, start: number, end: number, language = 'und'): boolean {
  const bounds = new Set<number>([0, text.length]);
  for (const seg of segmenterFor(language).segment(text)) bounds.add(seg.index);
  const cut = (at: number) =>
    at > 0 && at < text.length && LETTER_OR_DIGIT.test(text[at - 1]) && LETTER_OR_DIGIT.test(text[at]) && LATIN.test(text[at - 1]) === LATIN.test(text[at]);
  return (bounds.has(start) || !cut(start)) && (bounds.has(end) || !cut(end));
}
