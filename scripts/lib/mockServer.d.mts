// Types for mockServer.mjs, so TypeScript callers get checked imports.
export declare const MOCK_SERVER_CLI: string;
export declare function startMockServerProcess(options?: {
  demo?: boolean;
  key?: string;
  log?: (line: string) => void;
  timeoutMs?: number;
}): Promise<{ url: string; key: string; info: Record<string, unknown>; stop(): Promise<void> }>;
