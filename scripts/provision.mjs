#!/usr/bin/env node
// Provisions what the integration and UI tests need on a fresh machine: Debian packages,
// a seeded ripgrep cache (so code-server's install does not try to download ripgrep), and
// code-server itself in `.vscode-test/tools/`. Every step checks first and skips when done,
// so a second run costs seconds. A step that cannot run stops with the manual command.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CODE_SERVER_DIR, CODE_SERVER_VERSION, TOOLS_DIR } from './lib/paths.mjs';

// fonts-wqy-microhei: a small CJK font, so Japanese, Chinese and Korean answers render in the UI tests' screenshots instead of boxes.
const APT_PACKAGES = ['libkrb5-dev', 'pkg-config', 'ripgrep', 'chromium', 'fonts-wqy-microhei'];
/** Tools node-gyp needs to build code-server's native modules, and the Debian package providing each. */
const BUILD_TOOLS = { make: 'make', 'g++': 'g++', python3: 'python3' };
const RG_CACHE_DIR = join(process.env.TMPDIR || '/tmp', 'vscode-ripgrep-cache-1.15.11');
const RG_TARBALL = join(RG_CACHE_DIR, 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz');

class ProvisionError extends Error {}

/**
 * @param {string} step
 * @param {string} message
 */
function log(step, message) {
  console.log(`[provision] ${step.padEnd(12)} ${message}`);
}

/** @param {string} name */
function commandExists(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

/** @param {string} pkg */
function aptInstalled(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

/**
 * Runs a command with inherited output; a non-zero exit stops provisioning.
 * @param {string} cmd
 * @param {string[]} args
 * @param {import('node:child_process').SpawnSyncOptions} [options]
 */
function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...options });
  if (r.status !== 0) throw new ProvisionError(`\`${cmd} ${args.join(' ')}\` exited with ${r.status ?? r.signal}`);
}

function provisionAptPackages() {
  const hasDpkg = commandExists('dpkg-query');
  const missing = hasDpkg ? APT_PACKAGES.filter((p) => !aptInstalled(p)) : [...APT_PACKAGES];
  for (const [tool, pkg] of Object.entries(BUILD_TOOLS)) {
    if (!commandExists(tool) && !missing.includes(pkg)) missing.push(pkg);
  }
  if (missing.length === 0) return log('apt', `present: ${APT_PACKAGES.join(', ')}`);
  const manual = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  if (!commandExists('apt-get')) throw new ProvisionError(`missing ${missing.join(', ')} and no apt-get here; install them by hand (${manual})`);
  if (process.getuid?.() !== 0) throw new ProvisionError(`missing ${missing.join(', ')}; needs root: sudo sh -c '${manual}'`);
  log('apt', `installing ${missing.join(', ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update'], { env });
  run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env });
}

/** @param {string} file */
function tarballHoldsRg(file) {
  if (!existsSync(file)) return false;
  const r = spawnSync('tar', ['-tzf', file], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.split('\n').some((l) => l.replace(/^\.\//, '') === 'rg');
}

function provisionRipgrepCache() {
  if (tarballHoldsRg(RG_TARBALL)) return log('rg cache', `present: ${RG_TARBALL}`);
  const rg = '/usr/bin/rg';
  if (!existsSync(rg)) throw new ProvisionError(`${rg} not found; install it first: apt-get install -y ripgrep`);
  const staging = mkdtempSync(join(tmpdir(), 'rg-seed-'));
  try {
    copyFileSync(rg, join(staging, 'rg'));
    chmodSync(join(staging, 'rg'), 0o755);
    mkdirSync(RG_CACHE_DIR, { recursive: true });
    run('tar', ['-czf', RG_TARBALL, '-C', staging, 'rg']);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  log('rg cache', `seeded ${RG_TARBALL}`);
}

function installedCodeServerVersion() {
  const manifest = join(CODE_SERVER_DIR, 'package.json');
  if (!existsSync(manifest)) return undefined;
  return JSON.parse(readFileSync(manifest, 'utf8')).version;
}

function provisionCodeServer() {
  const postinstallDone = existsSync(join(CODE_SERVER_DIR, 'lib', 'vscode', 'node_modules.asar'));
  const version = installedCodeServerVersion();
  if (version === CODE_SERVER_VERSION && postinstallDone) return log('code-server', `present: ${CODE_SERVER_VERSION}`);
  const major = Number(process.versions.node.split('.')[0]);
  if (major !== 20) throw new ProvisionError(`code-server ${CODE_SERVER_VERSION} needs Node 20, this is ${process.version}`);
  mkdirSync(TOOLS_DIR, { recursive: true });
  writeFileSync(join(TOOLS_DIR, 'package.json'), JSON.stringify({ name: 'tools', private: true }, null, 2) + '\n');
  log('code-server', `installing ${CODE_SERVER_VERSION} into ${TOOLS_DIR} (about a minute)…`);
  const started = Date.now();
  // npm 11 blocks dependency install scripts by default; code-server's postinstall builds
  // VS Code's native modules, so this one install must allow them.
  const env = {
    ...process.env,
    npm_config_yes: 'true',
    npm_config_unsafe_perm: 'true',
    npm_config_dangerously_allow_all_scripts: 'true',
  };
  run('npm', ['install', `code-server@${CODE_SERVER_VERSION}`, '--unsafe-perm', '--no-audit', '--no-fund'], { cwd: TOOLS_DIR, env });
  if (!existsSync(join(CODE_SERVER_DIR, 'lib', 'vscode', 'node_modules.asar'))) {
    throw new ProvisionError(
      `code-server installed but its postinstall did not run (no lib/vscode/node_modules.asar); rerun: cd ${TOOLS_DIR} && npm_config_dangerously_allow_all_scripts=true npm install code-server@${CODE_SERVER_VERSION} --unsafe-perm`,
    );
  }
  log('code-server', `installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const started = Date.now();
try {
  provisionAptPackages();
  provisionRipgrepCache();
  provisionCodeServer();
  log('done', `${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (error) {
  if (!(error instanceof ProvisionError)) throw error;
  console.error(`[provision] FAILED: ${error.message}`);
  process.exit(1);
}
