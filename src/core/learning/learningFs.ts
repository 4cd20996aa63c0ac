/**
 * The file operations the learning store needs, as a port: the default is Node's `fs`,
 * tests wrap it to inject EACCES or ENOSPC. Paths are absolute.
 */
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';

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
  /** Streams the file's bytes in chunks without loading it whole. */
  readChunks(file: string): AsyncIterable<Buffer>;
}

const CHUNK = 1 << 20;

async function* nodeReadChunks(file: string): AsyncIterable<Buffer> {
  for await (const chunk of fs.createReadStream(file, { highWaterMark: CHUNK })) yield chunk as Buffer;
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
  readChunks: nodeReadChunks,
};
