/**
 * What both webviews share: the vocabularies (which the webview may import only through this
 * layer), a stream's analysis snapshot, and the kinds of context an attachment can be.
 */
import type { EntityType } from '../../core/vocabulary';

export { ERROR_ACTIONS } from '../../core/vocabulary';
export type { AnswerOutcome, EntityType, ErrorAction, MessageState } from '../../core/vocabulary';

/** Whole-state analysis of one stream so far; snapshots replace each other, so a reloaded view catches up from the last one. */
export interface AnalysisSnapshot {
  streamId: string;
  /** Mean sentiment in [-1, 1] over the prose sentences so far. */
  sentiment: {
    value: number;
    trend: 'rising' | 'falling' | 'steady';
    /** Running value after each analysed chunk, for the sparkline (bounded length). */
    series: number[];
    /** Prose sentences that were scored (only sentences in a language with a validated lexicon are). */
    scoredSentences?: number;
    /** Languages (ISO 639-1) of prose that was not scored, for want of a validated lexicon; the views say so instead of showing a number. */
    notScored?: string[];
  };
  /** Language of the answer: the one with most prose words ("und" until any prose), and each language's share in words. */
  language?: { primary: string; shares: Array<{ language: string; words: number }> };
  /** Top topics, highest weight first. */
  topics: Array<{ term: string; weight: number; count: number }>;
  /** Entities, most frequent first. */
  entities: Array<{ text: string; type: EntityType; count: number }>;
  tokensAnalyzed: number;
  /** True once the final pass on completion has run. */
  final: boolean;
  /** True while live analysis is paused (e.g. memory pressure); the UI shows a note. */
  paused?: boolean;
  /** True when the analysis ended before the answer did, because its worker stopped; the UI says so. This snapshot is final. */
  interrupted?: boolean;
  timing: { chunks: number; lastChunkMs: number; totalMs: number };
}

/**
 * What an attachment holds. `selection`: lines of an editor; `file` / `folder` / `symbol`: from the
 * workspace (`#file`, `#folder`, `#symbol`, drag and drop); `problems`: diagnostics; `changes`: the
 * working-tree diff; `terminal`: the last command and its output; `image`: a pasted or dropped image;
 * `activeFile`: the file in the active editor while the "include the active file" toggle is on.
 */
export const CONTEXT_KINDS = ['selection', 'file', 'folder', 'symbol', 'problems', 'changes', 'terminal', 'image', 'activeFile'] as const;
export type ContextKind = (typeof CONTEXT_KINDS)[number];
