// One base config, two kinds of bundle: the extension host (Node, CommonJS, `vscode` external)
// and the webviews (browser, IIFE). `--production` minifies, `--watch` rebuilds on change,
// `--tests` also bundles the integration suite that runs inside the real extension host.
import * as esbuild from 'esbuild';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');
const withTests = args.has('--tests');

/** @type {esbuild.BuildOptions} */
const base = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'info',
  legalComments: 'none',
};

/** @type {esbuild.BuildOptions} */
const hostBase = {
  ...base,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
};

// `streaming` is required lazily by the extension on the first request (src/vscode/lazyStreaming.ts).
/** @type {Record<string, string>} */
const hostEntries = { extension: 'src/extension.ts', streaming: 'src/core/streaming/index.ts' };
if (existsSync('src/core/analysis/worker.ts')) hostEntries.analysisWorker = 'src/core/analysis/worker.ts';

/** @type {esbuild.BuildOptions[]} */
const builds = [
  { ...hostBase, entryPoints: hostEntries, outdir: 'dist' },
  {
    ...base,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    entryPoints: webviewEntries(),
    outdir: 'dist/webview',
  },
];

if (withTests) {
  builds.push({
    ...hostBase,
    sourcemap: 'inline',
    entryPoints: listTests('test/integration'),
    outdir: 'out/test/integration',
    external: ['vscode', 'mocha'],
  });
}

/** The webview bundles that exist, by output name. */
function webviewEntries() {
  /** @type {Record<string, string>} */
  const entries = {};
  for (const name of ['chat', 'insights']) {
    const file = `webview/${name}/main.ts`;
    if (existsSync(file)) entries[name] = file;
  }
  return entries;
}

/**
 * Every TypeScript file below `dir`: the integration suite is bundled file by file.
 * @param {string} dir
 * @returns {string[]}
 */
function listTests(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(dir, f));
}

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('[esbuild] watching…');
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
