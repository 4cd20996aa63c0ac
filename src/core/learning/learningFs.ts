/**
 * The file operations the learning store needs, as a port: the default is Node's `fs`,
 * tests wrap it to inject EACCES or ENOSPC. Paths are absolute.
 */
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';

/** A line as read from a file; `terminated` is false only for a last line with no newline. */
export interface FileLine {
  text: string;
  terminated: boolean;
  /** Byte offset just after this line, for progress. */
  endOffset: number;
}

/** File system operations used by `LearningStore`. */
export interface LearningFs {
  mkdir(dir: string): Promise<void>;
  appendFile(file: string, data: string): Promise<void>;
  writeFile(file: string, data: string): Promise<void>;
  /** Undefined when the file does not exist. */
  readFile(file: string): Promise<string | undefined>;
  /** Names in the folder; empty when it does not exist. */
  readdir(dir: string): Promise<string[]>;
  stat(file: string): Promise<{ size: number; mtimeMs: number }>;
  rename(from: string, to: string): Promise<void>;
  unlink(file: string): Promise<void>;
  /** Streams lines without loading the file whole. */
  readLines(file: string): AsyncIterable<FileLine>;
}

const CHUNK = 1 << 20;

async function* nodeReadLines(file: string): AsyncIterable<FileLine> {
  const stream = fs.createReadStream(file, { highWaterMark: CHUNK });
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let offset = 0;
  // Byte offsets are approximate within a chunk (characters, not bytes) but exact at chunk ends, which is all progress needs.
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const text = carry + decoder.write(chunk);
    const chunkEnd = offset + chunk.length;
    let start = 0;
    let nl = text.indexOf('\n', start);
    while (nl !== -1) {
      yield { text: text.slice(start, nl), terminated: true, endOffset: Math.min(chunkEnd, offset + nl + 1) };
      start = nl + 1;
      nl = text.indexOf('\n', start);
    }
    carry = text.slice(start);
    offset = chunkEnd;
  }
  carry += decoder.end();
  if (carry.length > 0) yield { text: carry, terminated: false, endOffset: offset };
}

const isMissing = (e: unknown): boolean => (e as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';

/** The default port over `node:fs`. */
export const nodeLearningFs: LearningFs = {
  async mkdir(dir) {
    await fsp.mkdir(dir, { recursive: true });
  },
  appendFile: (file, data) => fsp.appendFile(file, data, 'utf8'),
  writeFile: (file, data) => fsp.writeFile(file, data, 'utf8'),
  async readFile(file) {
    try {
      return await fsp.readFile(file, 'utf8');
    } catch (e) {
      if (isMissing(e)) return undefined;
      throw e;
    }
  },
  async readdir(dir) {
    try {
      return await fsp.readdir(dir);
    } catch (e) {
      if (isMissing(e)) return [];
      throw e;
    }
  },
  async stat(file) {
    const s = await fsp.stat(file);
    return { size: s.size, mtimeMs: s.mtimeMs };
  },
  rename: (from, to) => fsp.rename(from, to),
  unlink: (file) => fsp.unlink(file),
  readLines: nodeReadLines,
};
