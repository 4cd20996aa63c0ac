/**
 * Types of the one eld entry we load. eld publishes `exports` with an `import` condition
 * only, which this project's `node10` module resolution does not read, so its own
 * index.d.ts is not found for the `eld/extrasmall` subpath.
 */
declare module 'eld/extrasmall' {
  /** A preloaded detector on the "extrasmall" n-gram database. */
  export const eld: {
    detect(text: string): { language: string; isReliable(): boolean; getScores(): Record<string, number> };
  };
}

/** stopwords-iso ships one JSON object (ISO 639-1 code → stop words) and no types. */
declare module 'stopwords-iso' {
  const lists: Record<string, string[]>;
  export default lists;
}
