// Types for paths.mjs, so TypeScript callers (the UI tests) get checked imports.
export declare const ROOT: string;
export declare const CODE_SERVER_VERSION: string;
export declare const TOOLS_DIR: string;
export declare const CODE_SERVER_DIR: string;
export declare const CODE_SERVER_ENTRY: string;
export declare const SCRATCH_DIR: string;
export declare const SAMPLES_DIR: string;
export declare const CHROMIUM: string;
export declare const CHROMIUM_ARGS: string[];
