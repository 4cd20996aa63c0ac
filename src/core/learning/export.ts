/**
 * Streaming export of learning records as JSON or CSV, for the user to take their data
 * elsewhere. Records are read line by line and written chunk by chunk; amends are folded in.
 */
import { mergeSignals, qualityScore } from './quality';
import type { LearningRecord } from './records';
import type { LearningStore } from './store';

/** Receives output in order; may return a promise to apply back-pressure. */
export type ChunkWriter = (chunk: string) => void | Promise<void>;

const COLUMNS = [
  'id',
  'time',
  'source',
  'model',
  'outcome',
  'stopReason',
  'errorKind',
  'responseTimeMs',
  'timeToFirstTokenMs',
  'inputTokens',
  'outputTokens',
  'tokensPerSecond',
  'retries',
  'resumed',
  'quality',
  'feedback',
  'topics',
  'codeLanguages',
  'promptChars',
  'answerChars',
  'prompt',
  'answer',
] as const;

/** What a CSV column holds. */
type CsvValue = string | number | boolean | null | undefined;

/**
 * One CSV field per RFC 4180: quoted when it holds a comma, quote or line break, quotes
 * doubled. A leading `= + - @` (or tab/CR) is prefixed with `'` so spreadsheets do not run it as a formula.
 */
export function csvField(value: CsvValue): string {
  if (value === undefined || value === null) return '';
  // Fields are strings, numbers and booleans; anything else is written as JSON, not `[object Object]`.
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvRow(r: LearningRecord): string {
  const m = r.metrics;
  const values: Record<(typeof COLUMNS)[number], CsvValue> = {
    id: r.id,
    time: new Date(r.time).toISOString(),
    source: r.source,
    model: r.model,
    outcome: m.outcome,
    stopReason: m.stopReason,
    errorKind: m.errorKind,
    responseTimeMs: m.responseTimeMs,
    timeToFirstTokenMs: m.timeToFirstTokenMs,
    inputTokens: m.inputTokens,
    outputTokens: m.outputTokens,
    tokensPerSecond: Math.round(m.tokensPerSecond * 10) / 10,
    retries: m.retries,
    resumed: m.resumed,
    quality: qualityScore(r.signals).toFixed(3),
    feedback: r.signals.feedback,
    topics: r.analysis.topics
      .slice(0, 5)
      .map((t) => t.term)
      .join('; '),
    codeLanguages: r.codeLanguages.join('; '),
    promptChars: r.promptChars,
    answerChars: r.answerChars,
    prompt: r.prompt,
    answer: r.answer,
  };
  return COLUMNS.map((c) => csvField(values[c])).join(',') + '\r\n';
}

/** Writes every record in `format`; resolves with the number of records written. */
export async function exportRecords(store: LearningStore, format: 'json' | 'csv', write: ChunkWriter, signal?: AbortSignal): Promise<number> {
  await store.settled();
  const amends = await store.readAmends();
  let count = 0;
  await write(format === 'csv' ? COLUMNS.join(',') + '\r\n' : '[');
  for await (const { record } of store.records(undefined, signal)) {
    const extra = amends.get(record.id);
    const r = extra ? { ...record, signals: mergeSignals(record.signals, extra) } : record;
    await write(format === 'csv' ? csvRow(r) : `${count === 0 ? '\n' : ',\n'}${JSON.stringify(r)}`);
    count++;
  }
  if (format === 'json') await write(count === 0 ? ']\n' : '\n]\n');
  return count;
}
