// Starts code-server on loopback with scratch HOME, user data and extensions folders, in its
// own process group. Shared by `npm start`, the integration runner and the UI tests.
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, lstatSync } from 'node:fs';
import { join } from 'node:path';
import { CODE_SERVER_ENTRY, ROOT, SCRATCH_DIR } from './paths.mjs';
import { freePort, pipeLines, portIsFree, spawnGroup, waitForHttp } from './processes.mjs';

/**
 * A scratch profile: HOME, user data and extensions folders for one code-server.
 * @typedef {object} Profile
 * @property {string} dir
 * @property {string} home
 * @property {string} userDataDir
 * @property {string} extensionsDir
 * @property {string} settingsFile
 */

/**
 * A code-server that answers on `url`.
 * @typedef {object} RunningCodeServer
 * @property {string} url
 * @property {number} port
 * @property {import('./processes.mjs').Group} group
 * @property {() => string[]} tail the most recent lines code-server printed
 */

/** Folder name code-server expects for an installed copy of this extension (publisher.name-version). */
function extensionFolderName() {
  /** @type {{ publisher: string, name: string, version: string }} */
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  return `${manifest.publisher}.${manifest.name}-${manifest.version}`;
}

/** @type {Record<string, unknown>} Settings every scratch profile gets: quiet, offline, no welcome page. */
const BASE_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'git.enabled': false,
};

/**
 * Creates (or reuses) a scratch profile and writes its user settings.
 * @param {string} name folder below `.vscode-test/scratch/`
 * @param {{ fresh?: boolean, settings?: Record<string, unknown>, removeSettings?: string[] }} [options]
 *   `fresh` wipes the folder first; `settings` are merged over the existing user settings;
 *   `removeSettings` deletes keys (e.g. a baseUrl left over from an offline run).
 * @returns {Profile}
 */
export function prepareProfile(name, { fresh = false, settings = {}, removeSettings = [] } = {}) {
  const dir = join(SCRATCH_DIR, name);
  if (fresh) rmSync(dir, { recursive: true, force: true });
  const profile = {
    dir,
    home: join(dir, 'home'),
    userDataDir: join(dir, 'user-data'),
    extensionsDir: join(dir, 'extensions'),
    settingsFile: join(dir, 'user-data', 'User', 'settings.json'),
  };
  for (const d of [profile.home, profile.extensionsDir, join(profile.userDataDir, 'User')]) mkdirSync(d, { recursive: true });
  /** @type {Record<string, unknown>} */
  let current = {};
  if (existsSync(profile.settingsFile)) {
    try {
      current = JSON.parse(readFileSync(profile.settingsFile, 'utf8'));
    } catch {
      current = {};
    }
  }
  const merged = { ...BASE_SETTINGS, ...current, ...settings };
  for (const key of removeSettings) delete merged[key];
  writeFileSync(profile.settingsFile, JSON.stringify(merged, null, 2) + '\n');
  return profile;
}

/**
 * Links the repository into the profile's extensions folder, so code-server loads it as installed.
 * @param {Profile} profile
 * @returns {string} the link's path
 */
export function linkExtension(profile) {
  const link = join(profile.extensionsDir, extensionFolderName());
  let present = false;
  try {
    present = lstatSync(link).isSymbolicLink();
  } catch {
    present = false;
  }
  if (!present) {
    rmSync(link, { recursive: true, force: true });
    symlinkSync(ROOT, link, 'dir');
  }
  return link;
}

/**
 * Starts code-server and resolves once it answers on `/healthz`.
 * @param {Profile} profile
 * @param {{ folder?: string, env?: Record<string, string>, port?: number, log?: (line: string) => void }} [options]
 * @returns {Promise<RunningCodeServer>}
 */
export async function startCodeServer(profile, { folder, env = {}, port, log = () => {} } = {}) {
  if (!existsSync(CODE_SERVER_ENTRY)) throw new Error(`code-server is not installed (${CODE_SERVER_ENTRY}); run: npm run provision`);
  const chosenPort = port ?? (await freePort());
  const args = [
    CODE_SERVER_ENTRY,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${chosenPort}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--user-data-dir',
    profile.userDataDir,
    '--extensions-dir',
    profile.extensionsDir,
  ];
  if (folder) args.push(folder);
  const group = spawnGroup('code-server', process.execPath, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      HOME: profile.home,
      XDG_CONFIG_HOME: join(profile.home, '.config'),
      XDG_DATA_HOME: join(profile.home, '.local', 'share'),
      XDG_CACHE_HOME: join(profile.home, '.cache'),
      // An empty gallery switches the marketplace off: no lookups leave the machine.
      EXTENSIONS_GALLERY: '{}',
      ...env,
    },
  });
  const tail = pipeLines(group, log);
  const url = `http://127.0.0.1:${chosenPort}`;
  try {
    await waitForHttp(`${url}/healthz`, { exited: group.exited, what: 'code-server', timeoutMs: 60_000 });
  } catch (error) {
    await group.stop();
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- code-server output ---\n${tail().join('\n')}`);
  }
  return { url, port: chosenPort, group, tail };
}

/**
 * The port a persistent profile is served on, the same every run. VS Code in the browser keys a
 * folder's workspace storage (chat history, learning records) by the folder's URI, which
 * includes the host and port, and keeps its UI state per origin: a new port is a new workspace.
 * The first run picks a free port and writes it to `<profile>/port`; later runs reuse it.
 * `requested` (e.g. `--port`) wins and is remembered. When the remembered port is taken,
 * `onBusy` is told and a free port is used for this run only.
 * @param {Profile} profile
 * @param {{ requested?: number, onBusy?: (port: number) => void }} [options]
 * @returns {Promise<number>}
 */
export async function stablePort(profile, { requested, onBusy = () => {} } = {}) {
  const file = join(profile.dir, 'port');
  if (requested !== undefined) {
    writeFileSync(file, `${requested}\n`);
    return requested;
  }
  const saved = existsSync(file) ? Number(readFileSync(file, 'utf8').trim()) : NaN;
  if (Number.isInteger(saved) && saved > 0 && saved < 65536) {
    if (await portIsFree(saved)) return saved;
    onBusy(saved);
    return freePort();
  }
  const port = await freePort();
  writeFileSync(file, `${port}\n`);
  return port;
}
