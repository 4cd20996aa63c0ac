import type { ServerResponse } from 'node:http';

const BATCH_CHARS = 32 * 1024;
const SPLIT_PAUSE_MS = 3;

/**
 * Writes SSE events to one response. Events are batched into large writes when nothing asks
 * for pacing, so a 100k-token answer costs a few hundred writes; `flush()` waits until the
 * bytes are handed to the kernel, so a socket destroyed afterwards has really sent them.
 */
export class SseWriter {
  private buffer = '';
  private closedFlag = false;
  private readonly wakers = new Set<() => void>();

  constructor(
    private readonly res: ServerResponse,
    private readonly splitUtf8: boolean,
  ) {
    res.on('close', () => {
      this.closedFlag = true;
      for (const wake of this.wakers) wake();
    });
  }

  /** True once the client or the server closed the connection. */
  get closed(): boolean {
    return this.closedFlag;
  }

  /** Queues one event (flushing the batch when it is large). */
  async event(name: string, data: unknown): Promise<void> {
    await this.raw(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  /** Queues raw SSE text, e.g. a deliberately malformed line. */
  async raw(text: string): Promise<void> {
    if (this.closedFlag) return;
    if (this.splitUtf8 && /[^\x00-\x7f]/.test(text)) {
      await this.flush();
      await this.writeSplit(text);
      return;
    }
    this.buffer += text;
    if (this.buffer.length >= BATCH_CHARS) await this.flush();
  }

  /** Writes what is queued and waits until it left the process. */
  async flush(): Promise<void> {
    if (!this.buffer || this.closedFlag) return;
    const chunk = this.buffer;
    this.buffer = '';
    await this.write(chunk);
  }

  /** Waits `ms`, or less if the connection closes first. */
  sleep(ms: number): Promise<void> {
    if (this.closedFlag || ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wakers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakers.add(done);
    });
  }

  // Cuts the bytes inside the first multi-byte character, so a client decoding each TCP
  // chunk on its own would corrupt it.
  private async writeSplit(text: string): Promise<void> {
    const bytes = Buffer.from(text, 'utf8');
    const lead = bytes.findIndex((b) => b >= 0xc0);
    const cut = lead === -1 ? bytes.length : lead + 1;
    await this.write(bytes.subarray(0, cut));
    await this.sleep(SPLIT_PAUSE_MS);
    if (cut < bytes.length) await this.write(bytes.subarray(cut));
  }

  private write(chunk: string | Buffer): Promise<void> {
    if (this.closedFlag) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        this.wakers.delete(done);
        resolve();
      };
      this.wakers.add(done);
      this.res.write(chunk, () => done());
    });
  }
}
