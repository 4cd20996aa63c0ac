import type { MessageState } from '../vocabulary';

/** How many inline threads are kept; beyond it the oldest finished ones are closed and forgotten. */
export const MAX_INLINE_THREADS = 50;

/**
 * Which threads to close so at most `max` remain: the oldest finished ones first (the map keeps
 * insertion order, oldest first). A thread still streaming is never closed.
 */
export function threadsToRetire(threads: ReadonlyArray<{ id: string; state: MessageState }>, max = MAX_INLINE_THREADS): string[] {
  let excess = threads.length - max;
  const retire: string[] = [];
  for (const thread of threads) {
    if (excess <= 0) break;
    if (thread.state === 'streaming') continue;
    retire.push(thread.id);
    excess--;
  }
  return retire;
}
