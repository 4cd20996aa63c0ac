/**
 * Parts of speech for the proper-noun rules, from wink's English tagger: where capitals
 * alone cannot tell a name from the word before it ("Requires Node 18") or an acting body
 * from a modifier ("CISA added" against "QZTA drivers"). English only.
 */
import { getNlp } from './nlp';

/** One word of a sentence with its universal part-of-speech tag (VERB, PROPN, ADP…). */
interface TaggedWord {
  start: number;
  pos: string;
}

/**
 * wink's part-of-speech tags for an English sentence, with where each word starts. Proper
 * nouns ask for them only where capitals alone cannot tell ("Requires Node 18", "CISA added"),
 * so most sentences are never tagged.
 */
function tagSentence(text: string): TaggedWord[] {
  const nlp = getNlp();
  const tokens = nlp.readDoc(text).tokens();
  const values: string[] = tokens.out(nlp.its.value);
  const tags = tokens.out(nlp.its.pos) as string[];
  const out: TaggedWord[] = [];
  let at = 0;
  values.forEach((value, i) => {
    const start = text.indexOf(value, at);
    if (start < 0) return;
    at = start + value.length;
    out.push({ start, pos: tags[i] });
  });
  return out;
}

/** Tags of a sentence's first word that make it no part of a name after it: a verb, a preposition, an adverb… */
export const NOT_NAME_TAGS: ReadonlySet<string> = new Set(['VERB', 'AUX', 'ADP', 'ADV', 'SCONJ', 'CCONJ', 'PRON', 'DET', 'INTJ', 'PART']);

/** A sentence's part-of-speech tags, computed the first time a rule asks, at most once. */
export class LazyTags {
  private tagged: TaggedWord[] | undefined;

  constructor(private readonly text: string) {}

  /** The tagged word that starts at `start`, if any. */
  at(start: number): TaggedWord | undefined {
    this.tagged ??= tagSentence(this.text);
    return this.tagged.find((t) => t.start === start);
  }

  /** The tagged words after the one at `start`. */
  after(start: number): TaggedWord[] {
    this.tagged ??= tagSentence(this.text);
    return this.tagged.filter((t) => t.start > start);
  }
}

/**
 * True when the acronym at `start` is the subject of a verb: "CISA added the bug", "TC39
 * meets monthly", "ISO and IEC jointly publish". An acronym that acts is an organisation;
 * one that modifies a noun ("QZTA drivers crash") is not.
 */
export function actsAsSubject(tags: LazyTags, start: number): boolean {
  if (tags.at(start)?.pos !== 'PROPN') return false;
  const rest = tags.after(start);
  let k = 0;
  // Its partners ("and IEC") and an adverb ("jointly") may stand between it and its verb.
  while (k + 1 < rest.length && rest[k].pos === 'CCONJ' && rest[k + 1].pos === 'PROPN') k += 2;
  while (k < rest.length && rest[k].pos === 'ADV') k += 1;
  if (rest[k]?.pos === 'VERB') return true;
  // The tagger splits "open-sourced" into a word, a hyphen and the verb.
  if (rest[k + 1]?.pos === 'PUNCT' && rest[k + 2]?.pos === 'VERB' && rest[k + 2].start === rest[k + 1].start + 1) return true;
  // ...and reads a verb it has seen as a noun more often as one: "ESA and JAXA share the format".
  return rest[k]?.pos === 'NOUN' && (rest[k + 1]?.pos === 'DET' || rest[k + 1]?.pos === 'PRON');
}
