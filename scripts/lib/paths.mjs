// Where the harness keeps its tools and scratch state. Everything under `.vscode-test/` is
// ignored by git, so a clean clone provisions it again.
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

/** Absolute path of the repository root. */
export const ROOT = dirname(dirname(dirname(fileURLToPath(import.meta.url))));

/** The code-server release the harness is pinned to (needs Node 20). */
export const CODE_SERVER_VERSION = '4.100.3';

/** Folder with its own package.json where code-server is installed, apart from the project's deps. */
export const TOOLS_DIR = join(ROOT, '.vscode-test', 'tools');

/** Root of the installed code-server package. */
export const CODE_SERVER_DIR = join(TOOLS_DIR, 'node_modules', 'code-server');

/** code-server's Node entry point; run with the same `node` that runs the harness. */
export const CODE_SERVER_ENTRY = join(CODE_SERVER_DIR, 'out', 'node', 'entry.js');

/** Scratch folders (HOME, user data, extensions) for each run live below this. */
export const SCRATCH_DIR = join(ROOT, '.vscode-test', 'scratch');

/** The sample workspace opened by `npm start` and the tests. */
export const SAMPLES_DIR = join(ROOT, 'samples');

/** Chromium from Debian; Playwright must never download its own browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Flags that keep headless Chromium quiet and off the network. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
