import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { exportRecords } from '../core/learning/export';
import type { LearningStore } from '../core/learning/store';

/**
 * Writes every record of `store` to `path` as JSON or CSV and resolves with the count. Rejects
 * when the file cannot be written (a missing folder, a full disk); the file is closed either way.
 */
export async function writeLearningExport(path: string, format: 'json' | 'csv', store: LearningStore, flush: () => Promise<void>): Promise<number> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  // Listened to at once: a folder that does not exist fails the open while the store still flushes.
  const broken = new Promise<never>((_, reject) => out.once('error', reject));
  broken.catch(() => undefined);
  try {
    return await Promise.race([
      (async () => {
        await flush();
        const written = await exportRecords(store, format, async (chunk) => {
          if (!out.write(chunk)) await Promise.race([once(out, 'drain'), broken]);
        });
        out.end();
        await Promise.race([once(out, 'finish'), broken]);
        return written;
      })(),
      broken,
    ]);
  } finally {
    // A no-op once the file finished; otherwise it closes the file.
    out.destroy();
  }
}
