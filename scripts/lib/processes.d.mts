// Types for processes.mjs, so TypeScript callers (the UI tests) get checked imports.
import type { ChildProcess, SpawnOptions } from 'node:child_process';

/** A child running as the leader of its own process group. */
export interface Group {
  name: string;
  child: ChildProcess;
  exited: Promise<number | null>;
  /** SIGTERM then SIGKILL to the whole group; idempotent. */
  stop(): Promise<void>;
}
export declare function spawnGroup(name: string, cmd: string, args: string[], options?: SpawnOptions): Group;
export declare function onCleanup(fn: () => Promise<void> | void, options?: { last?: boolean }): void;
export declare function cleanupAll(): Promise<void>;
export declare function stopping(): boolean;
export declare function freePort(): Promise<number>;
/** True when nothing listens on `port` on loopback. */
export declare function portIsFree(port: number): Promise<boolean>;
export declare function delay(ms: number): Promise<void>;
export declare function waitForHttp(url: string, options?: { timeoutMs?: number; exited?: Promise<unknown>; what?: string }): Promise<void>;
export declare function pipeLines(group: Group, sink: (line: string) => void): () => string[];
