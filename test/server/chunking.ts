/** A small seeded PRNG (mulberry32), so a scenario always streams the same chunks. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Cuts text into token-like chunks. Fixed or ranged sizes cut exactly there; the default
 * imitates real tokens: 2-6 chars, preferring to cut just before a space so chunks read like
 * " word". Never splits a surrogate pair. Linear in the text length.
 */
export function chunkText(text: string, tokenChars: number | [number, number] | undefined, seed = 1): string[] {
  const random = seededRandom(seed);
  const [min, max] = typeof tokenChars === 'number' ? [tokenChars, tokenChars] : (tokenChars ?? [2, 6]);
  const wordish = tokenChars === undefined;
  const lo = Math.max(1, Math.floor(min));
  const hi = Math.max(lo, Math.floor(max));
  const chunks: string[] = [];
  let pos = 0;
  while (pos < text.length) {
    let size = lo + Math.floor(random() * (hi - lo + 1));
    if (wordish) {
      const space = text.indexOf(' ', pos + 1);
      if (space !== -1 && space - pos >= 1 && space - pos <= hi) size = space - pos;
    }
    let end = Math.min(text.length, pos + size);
    const code = text.charCodeAt(end - 1);
    if (end < text.length && code >= 0xd800 && code <= 0xdbff) end++;
    chunks.push(text.slice(pos, end));
    pos = end;
  }
  return chunks;
}
