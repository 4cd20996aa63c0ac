// Types for codeServer.mjs, so TypeScript callers (the UI tests) get checked imports.
import type { Group } from './processes.mjs';

/** A scratch profile: HOME, user data and extensions folders for one code-server. */
export interface Profile {
  dir: string;
  home: string;
  userDataDir: string;
  extensionsDir: string;
  settingsFile: string;
}
export interface RunningCodeServer {
  url: string;
  port: number;
  group: Group;
  /** The most recent lines code-server printed. */
  tail(): string[];
}
export declare const BASE_SETTINGS: Record<string, unknown>;
export declare function extensionFolderName(): string;
export declare function prepareProfile(
  name: string,
  options?: { fresh?: boolean; settings?: Record<string, unknown>; removeSettings?: string[] },
): Profile;
export declare function linkExtension(profile: Profile): string;
export declare function stablePort(profile: Profile, options?: { requested?: number; onBusy?: (port: number) => void }): Promise<number>;
export declare function startCodeServer(
  profile: Profile,
  options?: { folder?: string; env?: Record<string, string>; port?: number; log?: (line: string) => void },
): Promise<RunningCodeServer>;
