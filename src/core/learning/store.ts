/**
 * Append-only JSONL store for learning records in workspace storage.
 *
 * Layout under `root`:
 * - `segment-<time>-<writerId>.jsonl`: a header line, then one record per line. Each
 *   process (VS Code window) has its own writer id, so two windows never append to the same
 *   file and lines never interleave. A segment rotates once it passes `maxSegmentBytes`.
 * - `amend-<time>-<writerId>.jsonl`: signals that arrive after a record was written (👍,
 *   code applied, the user's next message), one `{type:'amend', id, signals}` per line. The
 *   reader folds them into records by id; amends are small, so they are read first, whole.
 * - `summary.json`: the last batch summary, written atomically (temp file + rename).
 * - `*.corrupt`: segments found to be garbage, set aside and never read again.
 *
 * Nothing here throws into the caller's chat flow: write failures return false and raise
 * one warning per run of failures; unreadable data is skipped and reported.
 */
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Clock } from '../ports';
import type { LearningFs } from './learningFs';
import { nodeLearningFs } from './learningFs';
import type { ParsedLine } from './lines';
import { ANSWER_KEY, LineSearch, PROMPT_KEY, lineBatches, parseOrUndefined, parseWithoutText } from './lines';
import type { LearningRecord } from './records';
import { SCHEMA_VERSION, migrate } from './records';
import type { QualitySignals } from './recordSchema';
import { mergeSignals } from './quality';
import { parseSignals } from './recordSchema';

/** Something the user may want to know about the store; never an exception. */
export interface StoreWarning {
  kind: 'write-failed' | 'torn-line' | 'quarantined' | 'invalid-lines';
  message: string;
  file?: string;
  code?: string;
}

/** One file of records or amends. */
export interface SegmentInfo {
  name: string;
  path: string;
  kind: 'records' | 'amends';
  createdAt: number;
  writerId: string;
  size: number;
  mtimeMs: number;
}

/** A record as read back, with where it came from. */
export interface StoredRecord {
  record: LearningRecord;
  segment: SegmentInfo;
  /** Bytes of the segment read so far, for progress. */
  offset: number;
}

export interface LearningStoreOptions {
  /** Folder for the store (the shell passes `context.storageUri` + `/learning`). */
  root: string;
  fs?: LearningFs;
  clock?: Clock;
  /** Distinguishes this process's files; random by default. */
  writerId?: string;
  /** Rotate a segment past this size. Default 4 MiB. */
  maxSegmentBytes?: number;
  /** Total size above which the oldest summarised segments are dropped. Default 100 MiB. */
  maxTotalBytes?: number;
  onWarning?: (warning: StoreWarning) => void;
}

const NAME = /^(segment|amend)-(\d{13})-([A-Za-z0-9]{1,40})\.jsonl$/;
const SUMMARY = 'summary.json';

const errCode = (e: unknown): string => (e as NodeJS.ErrnoException | undefined)?.code ?? 'EUNKNOWN';

/** A writer id safe for file names, unique per process in practice. */
function newWriterId(): string {
  return randomBytes(6).toString('hex');
}

/** The append-only learning store. Constructing it reads nothing. */
export class LearningStore {
  readonly root: string;
  readonly writerId: string;
  readonly maxTotalBytes: number;
  private readonly fs: LearningFs;
  private readonly clock: Clock;
  private readonly maxSegmentBytes: number;
  private readonly onWarning: (w: StoreWarning) => void;
  private readonly current: Record<'segment' | 'amend', { file: string; size: number } | undefined> = { segment: undefined, amend: undefined };
  private lastNameTime = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private failing = false;
  private readonly reported = new Set<string>();

  constructor(options: LearningStoreOptions) {
    this.root = options.root;
    this.fs = options.fs ?? nodeLearningFs;
    this.clock = options.clock ?? Date.now;
    this.writerId = options.writerId ?? newWriterId();
    if (!/^[A-Za-z0-9]{1,40}$/.test(this.writerId)) throw new Error('writerId must be 1-40 letters or digits');
    this.maxSegmentBytes = options.maxSegmentBytes ?? 4 * 1024 * 1024;
    this.maxTotalBytes = options.maxTotalBytes ?? 100 * 1024 * 1024;
    this.onWarning = options.onWarning ?? (() => {});
  }

  /** Appends records; resolves false (after one warning) when the disk refuses. Never rejects. */
  append(records: readonly LearningRecord[]): Promise<boolean> {
    if (records.length === 0) return Promise.resolve(true);
    return this.write('segment', records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  }

  /** Records later signals for a written record. Never rejects. */
  amend(id: string, signals: QualitySignals): Promise<boolean> {
    const line = JSON.stringify({ type: 'amend', schemaVersion: SCHEMA_VERSION, id, time: this.clock(), signals });
    return this.write('amend', line + '\n');
  }

  /** Resolves once every write queued so far has finished. */
  async settled(): Promise<void> {
    await this.queue;
  }

  private write(kind: 'segment' | 'amend', data: string): Promise<boolean> {
    const run = async (): Promise<boolean> => {
      const bytes = Buffer.byteLength(data);
      try {
        let cur = this.current[kind];
        if (!cur || (cur.size > 0 && cur.size + bytes > this.maxSegmentBytes)) {
          await this.fs.mkdir(this.root);
          const time = Math.max(this.clock(), this.lastNameTime + 1);
          this.lastNameTime = time;
          const file = path.join(this.root, `${kind}-${String(time).padStart(13, '0')}-${this.writerId}.jsonl`);
          const header = JSON.stringify({ type: 'header', schemaVersion: SCHEMA_VERSION, writerId: this.writerId, createdAt: time }) + '\n';
          await this.fs.appendFile(file, header);
          cur = { file, size: Buffer.byteLength(header) };
          this.current[kind] = cur;
        }
        await this.fs.appendFile(cur.file, data);
        cur.size += bytes;
        this.failing = false;
        return true;
      } catch (e) {
        // A failed append may have left half a line: start a fresh file next time so later lines stay whole.
        this.current[kind] = undefined;
        if (!this.failing) {
          this.failing = true;
          this.onWarning({
            kind: 'write-failed',
            code: errCode(e),
            message: `Learning data could not be saved (${errCode(e)}); answers still work, recording resumes when the disk accepts writes.`,
          });
        }
        return false;
      }
    };
    const next = this.queue.then(run, run);
    this.queue = next;
    return next;
  }

  /** Record and amend files, oldest first. Unreadable folders give an empty list. */
  async segments(): Promise<SegmentInfo[]> {
    let names: string[];
    try {
      names = await this.fs.readdir(this.root);
    } catch {
      return [];
    }
    const out: SegmentInfo[] = [];
    for (const name of names) {
      const m = NAME.exec(name);
      if (!m) continue;
      const file = path.join(this.root, name);
      try {
        const s = await this.fs.stat(file);
        out.push({ name, path: file, kind: m[1] === 'segment' ? 'records' : 'amends', createdAt: Number(m[2]), writerId: m[3], size: s.size, mtimeMs: s.mtimeMs });
      } catch {
        // Deleted between readdir and stat (another window pruning): nothing to read.
      }
    }
    return out.sort((a, b) => a.createdAt - b.createdAt || a.name.localeCompare(b.name));
  }

  /** All amends folded by record id, in write order. */
  async readAmends(segments?: SegmentInfo[]): Promise<Map<string, QualitySignals>> {
    const amends = new Map<string, QualitySignals>();
    for (const seg of (segments ?? (await this.segments())).filter((s) => s.kind === 'amends')) {
      for await (const values of this.readSegment(seg)) {
        for (const { value } of values) {
          if (value.type !== 'amend' || typeof value.id !== 'string') continue;
          const signals = parseSignals(value.signals);
          if (signals) amends.set(value.id, mergeSignals(amends.get(value.id) ?? {}, signals));
        }
      }
    }
    return amends;
  }

  /** Streams every valid record of the given (default: all) record segments, oldest segment first. */
  async *records(segments?: SegmentInfo[], signal?: AbortSignal): AsyncIterable<StoredRecord> {
    for await (const batch of this.recordBatches(segments, signal)) yield* batch;
  }

  /**
   * Like `records`, in batches (one per chunk read), which is several times cheaper to iterate.
   * With `withText: false` the prompt and answer are left out and, where the line allows,
   * not even parsed: most of a line's bytes are text that summaries never look at.
   */
  async *recordBatches(segments?: SegmentInfo[], signal?: AbortSignal, withText = true): AsyncIterable<StoredRecord[]> {
    for (const seg of (segments ?? (await this.segments())).filter((s) => s.kind === 'records')) {
      let rejected = 0;
      for await (const values of this.readSegment(seg, !withText)) {
        signal?.throwIfAborted();
        const batch: StoredRecord[] = [];
        for (const { value, offset, line, lean } of values) {
          if (value.type === 'header') continue;
          // A line in another key order can parse up to its text yet not be a record: parse it whole.
          const record = migrate(value) ?? (lean ? migrate(parseOrUndefined(line)) : undefined);
          if (record) batch.push({ record, segment: seg, offset });
          else rejected++;
        }
        if (batch.length > 0) yield batch;
      }
      if (rejected > 0)
        this.reportOnce(`rejected:${seg.name}`, { kind: 'invalid-lines', file: seg.name, message: `Skipped ${rejected} record(s) in ${seg.name} that failed validation.` });
    }
  }

  /**
   * Parsed lines of one file. A last line without newline that does not parse is a torn
   * write (crash mid-append): skipped and reported once. A file whose first line is not
   * JSON is garbage: renamed `*.corrupt`, reported, and yields nothing.
   */
  private async *readSegment(seg: SegmentInfo, lean = false): AsyncIterable<ParsedLine[]> {
    let first = true;
    let invalid = 0;
    const prompt = new LineSearch(PROMPT_KEY);
    const answer = new LineSearch(ANSWER_KEY);
    try {
      for await (const lines of lineBatches(this.fs.readChunks(seg.path))) {
        const values: ParsedLine[] = [];
        for (const line of lines) {
          if (line.end === line.start || (line.end - line.start < 64 && line.buf.toString('utf8', line.start, line.end).trim() === '')) continue;
          // A torn line could parse up to its text, so only whole lines take the short cut.
          let value = lean && line.terminated ? parseWithoutText(line, prompt, answer) : undefined;
          const wasLean = value !== undefined;
          if (value === undefined) {
            try {
              value = JSON.parse(line.buf.toString('utf8', line.start, line.end));
            } catch {
              value = undefined;
            }
          }
          const ok = typeof value === 'object' && value !== null && !Array.isArray(value);
          if (!ok && !line.terminated) {
            this.reportOnce(`torn:${seg.name}`, { kind: 'torn-line', file: seg.name, message: `Skipped an incomplete last line in ${seg.name} (left by an interrupted write).` });
            break;
          }
          if (!ok && first) {
            await this.quarantine(seg);
            return;
          }
          first = false;
          if (ok) values.push({ value: value as Record<string, unknown>, offset: line.endOffset, line, lean: wasLean });
          else invalid++;
        }
        if (values.length > 0) yield values;
      }
    } catch (e) {
      if (errCode(e) !== 'ENOENT')
        this.reportOnce(`read:${seg.name}`, { kind: 'invalid-lines', file: seg.name, code: errCode(e), message: `Could not read ${seg.name} (${errCode(e)}).` });
    }
    if (invalid > 0) this.reportOnce(`invalid:${seg.name}`, { kind: 'invalid-lines', file: seg.name, message: `Skipped ${invalid} unreadable line(s) in ${seg.name}.` });
  }

  private async quarantine(seg: SegmentInfo): Promise<void> {
    try {
      await this.fs.rename(seg.path, `${seg.path}.corrupt`);
    } catch {
      // Another window may have moved it first; either way it is out of the way.
    }
    if (this.current.segment?.file === seg.path) this.current.segment = undefined;
    if (this.current.amend?.file === seg.path) this.current.amend = undefined;
    this.reportOnce(`corrupt:${seg.name}`, {
      kind: 'quarantined',
      file: seg.name,
      message: `${seg.name} was not valid learning data and was set aside as ${seg.name}.corrupt; recording goes on.`,
    });
  }

  private reportOnce(key: string, warning: StoreWarning): void {
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.onWarning(warning);
  }

  /** Deletes the named files (after their aggregates were kept in a summary). */
  async drop(names: readonly string[]): Promise<void> {
    for (const name of names) {
      if (!NAME.test(name)) continue;
      const file = path.join(this.root, name);
      if (this.current.segment?.file === file) this.current.segment = undefined;
      if (this.current.amend?.file === file) this.current.amend = undefined;
      await this.fs.unlink(file).catch(() => undefined);
    }
  }

  /** The last summary as stored, unvalidated; undefined when absent or unreadable. */
  async readSummaryJson(): Promise<unknown> {
    try {
      const text = await this.fs.readFile(path.join(this.root, SUMMARY));
      return text === undefined ? undefined : JSON.parse(text);
    } catch {
      return undefined;
    }
  }

  /** Replaces the summary atomically, so a crash leaves the old or the new one, never half. */
  async writeSummaryJson(summary: unknown): Promise<boolean> {
    const file = path.join(this.root, SUMMARY);
    const temp = `${file}.${this.writerId}.tmp`;
    try {
      await this.fs.mkdir(this.root);
      await this.fs.writeFile(temp, JSON.stringify(summary));
      await this.fs.rename(temp, file);
      return true;
    } catch (e) {
      this.onWarning({ kind: 'write-failed', code: errCode(e), message: `The learning summary could not be saved (${errCode(e)}).` });
      await this.fs.unlink(temp).catch(() => undefined);
      return false;
    }
  }

  /** Deletes every record, amend and the summary (Clear Learning Data). */
  async clear(): Promise<void> {
    await this.settled();
    const segs = await this.segments();
    await this.drop(segs.map((s) => s.name));
    await this.fs.unlink(path.join(this.root, SUMMARY)).catch(() => undefined);
  }
}
