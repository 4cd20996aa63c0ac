/**
 * Splits a file's byte chunks into lines without decoding them first, and parses record
 * lines, so a reader can decode only the part of a line it needs (summaries skip the prompt
 * and answer text, which are most of a record's bytes).
 */

/** One line as a byte range of `buf`; `terminated` is false only for a last line with no newline. */
export interface RawLine {
  buf: Buffer;
  start: number;
  end: number;
  terminated: boolean;
  /** Bytes of the file up to the end of this line, for progress. */
  endOffset: number;
}

const NL = 0x0a;

/** Lines of the file, batched per chunk read. */
export async function* lineBatches(chunks: AsyncIterable<Buffer>): AsyncIterable<RawLine[]> {
  let carry: Buffer | undefined;
  let offset = 0;
  for await (const chunk of chunks) {
    const lines: RawLine[] = [];
    let start = 0;
    let nl = chunk.indexOf(NL, start);
    if (carry && nl !== -1) {
      // The line that began in an earlier chunk: join just that line.
      const joined = Buffer.concat([carry, chunk.subarray(0, nl)]);
      lines.push({ buf: joined, start: 0, end: joined.length, terminated: true, endOffset: offset + nl + 1 });
      carry = undefined;
      start = nl + 1;
      nl = chunk.indexOf(NL, start);
    }
    while (nl !== -1) {
      lines.push({ buf: chunk, start, end: nl, terminated: true, endOffset: offset + nl + 1 });
      start = nl + 1;
      nl = chunk.indexOf(NL, start);
    }
    if (start < chunk.length) carry = carry ? Buffer.concat([carry, chunk.subarray(start)]) : Buffer.from(chunk.subarray(start));
    offset += chunk.length;
    if (lines.length > 0) yield lines;
  }
  if (carry && carry.length > 0) yield [{ buf: carry, start: 0, end: carry.length, terminated: false, endOffset: offset }];
}

/**
 * Finds the first occurrence of `needle` in each line of one buffer, scanning the buffer at
 * most once however many lines lack it (a per-line `indexOf` would rescan to the next hit).
 */
export class LineSearch {
  private buf: Buffer | undefined;
  private next = -1;
  private exhausted = false;

  constructor(private readonly needle: Buffer) {}

  /** Position of the needle within [start, end), or -1. */
  find(line: RawLine): number {
    if (line.buf !== this.buf) {
      this.buf = line.buf;
      this.next = -1;
      this.exhausted = false;
    }
    if (!this.exhausted && this.next < line.start) {
      this.next = line.buf.indexOf(this.needle, line.start);
      if (this.next === -1) this.exhausted = true;
    }
    return !this.exhausted && this.next < line.end ? this.next : -1;
  }
}

/** A line parsed as a JSON object, with where it came from. */
export interface ParsedLine {
  value: Record<string, unknown>;
  offset: number;
  line: RawLine;
  /** True when only the part before the text was parsed. */
  lean: boolean;
}

export const PROMPT_KEY = Buffer.from(',"prompt":');
export const ANSWER_KEY = Buffer.from(',"answer":');

/** The whole line parsed, or undefined when it is not JSON. */
export function parseOrUndefined(line: RawLine): unknown {
  try {
    return JSON.parse(line.buf.toString('utf8', line.start, line.end));
  } catch {
    return undefined;
  }
}

/**
 * Decodes and parses a record line up to its text fields. Records are written with `prompt`
 * and `answer` last, and a raw `,"prompt":` can only be that key (inside a JSON string the
 * quotes are escaped), so cutting there leaves valid JSON of everything else. Anything
 * unexpected gives undefined and the caller parses the whole line.
 */
export function parseWithoutText(line: RawLine, prompt: LineSearch, answer: LineSearch): unknown {
  const p = prompt.find(line);
  const a = answer.find(line);
  const cut = p === -1 ? a : a === -1 ? p : Math.min(p, a);
  if (cut <= line.start) return undefined;
  try {
    return JSON.parse(`${line.buf.toString('utf8', line.start, cut)}}`);
  } catch {
    return undefined;
  }
}
