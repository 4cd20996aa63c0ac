/** Shared builders for the learning tests: realistic records, temp folders, a fault-injecting fs. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AnalysisSnapshot } from '../../../../src/shared/protocol';
import type { KeyValueStore } from '../../../../src/core/ports';
import type { LearningFs } from '../../../../src/core/learning/learningFs';
import { nodeLearningFs } from '../../../../src/core/learning/learningFs';
import type { StreamResult } from '../../../../src/core/streaming/types';
import type { LearningRecord, RecordInput } from '../../../../src/core/learning/records';
import { createRecord } from '../../../../src/core/learning/records';

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'cs-learning-'));
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

function snapshot(topics: string[], sentiment = 0.2): AnalysisSnapshot {
  return {
    streamId: 's',
    sentiment: { value: sentiment, trend: 'steady', series: [sentiment] },
    topics: topics.map((term, i) => ({ term, weight: 1 - i * 0.1, count: 3 })),
    entities: [
      { text: 'src/index.ts', type: 'path', count: 1 },
      { text: 'webpack', type: 'package', count: 2 },
    ],
    tokensAnalyzed: 120,
    final: true,
    timing: { chunks: 3, lastChunkMs: 1, totalMs: 4 },
  };
}

export interface RecordSpec {
  id?: string;
  time?: number;
  topics?: string[];
  model?: string;
  prompt?: string;
  answer?: string;
  outcome?: StreamResult['outcome'];
  stopReason?: string;
  ttft?: number;
  retries?: number;
  outputTokens?: number;
  errorKind?: string;
  sentiment?: number;
  storeContent?: boolean;
  /** Language of the answer's prose (ISO 639-1); English answers are scored, others not. */
  language?: string;
  /** Kinds of context the question carried. */
  contextKinds?: RecordInput['contextKinds'];
}

let counter = 0;
export const BASE_TIME = Date.UTC(2026, 1, 9, 10, 0, 0); // a Monday, 10:00 UTC

/** A record as `createRecord` makes it from a finished stream. */
export function makeRecord(spec: RecordSpec = {}): LearningRecord {
  const answer = spec.answer ?? 'Use this:\n\n```ts\nconst x = 1;\n```\n';
  const result: StreamResult = {
    outcome: spec.outcome ?? 'done',
    text: answer,
    thinking: '',
    stopReason: spec.stopReason ?? (spec.outcome === 'cancelled' || spec.outcome === 'error' ? undefined : 'end_turn'),
    usage: { inputTokens: 50, outputTokens: spec.outputTokens ?? 200 },
    model: spec.model ?? 'claude-sonnet-5',
    timeToFirstTokenMs: spec.ttft ?? 600,
    totalMs: 4000,
    tokensPerSecond: 50,
    retries: spec.retries ?? 0,
    resumed: false,
    error: spec.errorKind ? { kind: spec.errorKind as NonNullable<StreamResult['error']>['kind'], retryable: true, message: 'x' } : undefined,
  };
  const input: RecordInput = {
    id: spec.id ?? `r${++counter}`,
    time: spec.time ?? BASE_TIME,
    source: 'chat',
    prompt: spec.prompt ?? 'How do I do this?',
    result,
    analysis: withLanguage(snapshot(spec.topics ?? ['typescript'], spec.sentiment), spec.language),
    storeContent: spec.storeContent ?? true,
    ...(spec.contextKinds ? { contextKinds: spec.contextKinds } : {}),
  };
  return createRecord(input);
}

/** The snapshot as the engine reports an answer in `language`: sentiment is scored only in English. */
function withLanguage(s: AnalysisSnapshot, language: string | undefined): AnalysisSnapshot {
  if (!language) return s;
  const scored = language === 'en';
  return {
    ...s,
    language: { primary: language, shares: [{ language, words: 40 }] },
    sentiment: { ...s.sentiment, value: scored ? s.sentiment.value : 0, scoredSentences: scored ? 3 : 0, notScored: scored ? [] : [language] },
  };
}

/** In-memory `Memento`. */
export function memoryState(): KeyValueStore & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    get: <T>(key: string) => data.get(key) as T | undefined,
    update: async (key, value) => {
      data.set(key, JSON.parse(JSON.stringify(value)) as unknown);
    },
  };
}

/** The real fs, with writes failing with `code` while `failing()` is true. */
export function faultyFs(code: string, failing: () => boolean): LearningFs {
  const fail = () => Object.assign(new Error(`${code}: simulated`), { code });
  return {
    ...nodeLearningFs,
    appendFile: async (file, data) => {
      if (failing()) throw fail();
      return nodeLearningFs.appendFile(file, data);
    },
    writeFile: async (file, data) => {
      if (failing()) throw fail();
      return nodeLearningFs.writeFile(file, data);
    },
    mkdir: async (dir) => {
      if (failing()) throw fail();
      return nodeLearningFs.mkdir(dir);
    },
  };
}

/** Reads every non-empty line of every file in the folder. */
export function allLines(dir: string, pattern = /\.jsonl$/): string[] {
  return fs
    .readdirSync(dir)
    .filter((n) => pattern.test(n))
    .flatMap((n) =>
      fs
        .readFileSync(path.join(dir, n), 'utf8')
        .split('\n')
        .filter((l) => l.length > 0),
    );
}
