/**
 * The live analysis engine for one stream. Text goes through the incremental segmenter;
 * each completed sentence or code line updates the aggregates (sentiment, topics,
 * entities) and is then forgotten, so a push costs O(chunk) however long the stream is.
 */
import type { AnalysisSnapshot, EntityType } from '../../shared/protocol';
import type { Clock } from '../ports';
import { extractEntities } from './entities';
import type { EntitySpan } from './entities';
import { MarkdownSegmenter } from './segmenter';
import type { Segment } from './segmenter';
import { detectLanguage, loadLanguageDetector, UNDETERMINED } from './language';
import type { LanguageCode } from './language';
import { SCORED_LANGUAGES, scoreSentence } from './sentiment';
import { SentimentTracker } from './sentimentTracker';
import { TopicCounter } from './topics';
import { TopK } from './topK';
import { wordsOf } from './words';

/** A sentence with fewer words than this takes the answer's language unless the detector is sure. */
const SHORT_SENTENCE_WORDS = 4;

/** Options of {@link AnalysisEngine}. */
export interface AnalysisEngineOptions {
  /** Topics in a snapshot (default 10). */
  topK?: number;
  /** Entities in a snapshot (default 30). */
  entityLimit?: number;
  /** Points of the sentiment sparkline (default 60). */
  seriesLength?: number;
  /** Time source for the timing figures; a monotonic one is best (default `performance.now`). */
  clock?: Clock;
}

interface EntityEntry {
  key: string;
  text: string;
  type: EntityType;
  score: number;
}

/** Incremental analysis of one streamed answer. */
export class AnalysisEngine {
  private readonly segmenter = new MarkdownSegmenter();
  private readonly sentiment: SentimentTracker;
  private readonly topics: TopicCounter;
  private readonly entityCounts = new Map<string, EntityEntry>();
  private readonly entityTop: TopK<EntityEntry>;
  private readonly clock: Clock;
  private tokens = 0;
  private chunks = 0;
  private lastChunkMs = 0;
  private totalMs = 0;
  private lastFence = -1;
  private finished = false;
  /** Prose words per detected language (a handful of keys at most). */
  private readonly languageWords = new Map<LanguageCode, number>();
  private readonly notScored = new Set<LanguageCode>();
  private scoredSentences = 0;

  constructor(options: AnalysisEngineOptions = {}) {
    this.sentiment = new SentimentTracker(options.seriesLength ?? 60);
    this.topics = new TopicCounter(options.topK ?? 10);
    this.entityTop = new TopK<EntityEntry>(options.entityLimit ?? 30);
    this.clock = options.clock ?? (() => performance.now());
    // Starts loading the n-gram detector; until it is in, the script-and-stop-word guess answers.
    loadLanguageDetector().catch(() => undefined);
  }

  /** Analyses one chunk of streamed text; `tokens` is how many stream tokens it holds (default 1). */
  push(text: string, tokens = 1): void {
    if (this.finished) return;
    const t0 = this.clock();
    this.tokens += tokens;
    this.consume(this.segmenter.push(text));
    this.endChunk(t0);
  }

  /** Final pass: flushes the unfinished tail. Further pushes are ignored. */
  finish(): void {
    if (this.finished) return;
    const t0 = this.clock();
    this.consume(this.segmenter.finish());
    this.finished = true;
    this.endChunk(t0);
  }

  /** The whole state so far, as sent to the views. */
  snapshot(streamId: string): AnalysisSnapshot {
    return {
      streamId,
      sentiment: {
        value: this.sentiment.value,
        trend: this.sentiment.trend,
        series: this.sentiment.series,
        scoredSentences: this.scoredSentences,
        notScored: [...this.notScored].sort(),
      },
      language: {
        primary: this.primaryLanguage(),
        shares: [...this.languageWords].map(([language, words]) => ({ language, words })).sort((a, b) => b.words - a.words || (a.language < b.language ? -1 : 1)),
      },
      topics: this.topics.top(),
      entities: this.entityTop.list().map((e) => ({ text: e.text, type: e.type, count: e.score })),
      tokensAnalyzed: this.tokens,
      final: this.finished,
      timing: { chunks: this.chunks, lastChunkMs: round(this.lastChunkMs), totalMs: round(this.totalMs) },
    };
  }

  private endChunk(t0: number): void {
    this.sentiment.mark();
    this.chunks += 1;
    this.lastChunkMs = this.clock() - t0;
    this.totalMs += this.lastChunkMs;
  }

  private consume(segments: Segment[]): void {
    for (const segment of segments) {
      if (segment.kind === 'prose') {
        const language = this.languageOf(segment.text);
        if (SCORED_LANGUAGES.has(language)) {
          this.sentiment.add(scoreSentence(segment.text));
          this.scoredSentences += 1;
        } else if (language !== UNDETERMINED) this.notScored.add(language);
        const spans = this.countEntities(segment.text, false, language);
        this.topics.addProse(withoutEntityWords(segment.text, spans), language);
      } else {
        if (segment.fence !== this.lastFence) {
          this.lastFence = segment.fence;
          if (segment.language) this.topics.addLanguage(segment.language);
        }
        this.countEntities(segment.text, true);
      }
    }
  }

  /** The language with most prose words so far ("und" before any). */
  private primaryLanguage(): LanguageCode {
    let best: LanguageCode = UNDETERMINED;
    let most = 0;
    for (const [language, words] of this.languageWords) {
      if (words > most) {
        best = language;
        most = words;
      }
    }
    return best;
  }

  /**
   * Detects a sentence's language and adds its words to that language's share. A short
   * sentence the detector is unsure of ("Run it.") takes the answer's language so far.
   */
  private languageOf(text: string): LanguageCode {
    const words = wordsOf(text).length;
    const detected = detectLanguage(text);
    const primary = this.primaryLanguage();
    const language = !detected.reliable && words < SHORT_SENTENCE_WORDS && primary !== UNDETERMINED ? primary : detected.language;
    if (words > 0) this.languageWords.set(language, (this.languageWords.get(language) ?? 0) + words);
    return language;
  }

  /** Counts the entities of one segment and returns their spans. */
  private countEntities(text: string, code: boolean, language = 'en'): EntitySpan[] {
    const spans = extractEntities(text, code, language);
    for (const span of spans) {
      const key = `${span.type}\u0000${span.text}`;
      let entry = this.entityCounts.get(key);
      if (!entry) {
        entry = { key, text: span.text, type: span.type, score: 0 };
        this.entityCounts.set(key, entry);
      }
      entry.score += 1;
      this.entityTop.update(entry);
    }
    return spans;
  }
}

/** A person's name is an entity; its words ("Dahl") would read as topics. */
function withoutEntityWords(text: string, spans: EntitySpan[]): string {
  let out = text;
  for (const span of spans) if (NOT_TOPICS.has(span.type)) out = out.slice(0, span.start) + ' '.repeat(span.end - span.start) + out.slice(span.end);
  return out;
}

/**
 * Entities whose words are no topics: a person's name, and the pieces of a file name, path,
 * address, flag or version (".env.example" would count "env" and "example"). Products,
 * organisations, packages, variables and error codes stay: "Docker", "lodash", "ENOENT".
 */
const NOT_TOPICS: ReadonlySet<EntityType> = new Set<EntityType>(['person', 'file', 'path', 'url', 'email', 'flag', 'version']);

const round = (v: number): number => Math.round(v * 1000) / 1000;
