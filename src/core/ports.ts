/**
 * What the core needs from its host, as small interfaces. The VS Code shell adapts
 * `SecretStorage`, `Memento`, `storageUri` and the output channel to these; tests pass
 * in-memory or temp-dir versions.
 */

/** Milliseconds since the epoch; injectable so time-dependent code is testable. */
export type Clock = () => number;

/** A log sink. Implementations must never be given secrets; callers redact first. */
export interface Logger {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string | Error): void;
}

/** A logger that drops everything, for tests and benchmarks. */
export const silentLogger: Logger = {
  trace() {},
  debug() {},
  info() {},
  warn() {},
  error() {},
};

/** Where the API key comes from. Returns undefined when none is set. */
export interface KeySource {
  getApiKey(): Promise<string | undefined>;
}

/** Small key-value state (VS Code `Memento`). */
export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}
