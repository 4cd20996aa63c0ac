#!/usr/bin/env node
// Runs the integration suite in desktop VS Code (Electron) through @vscode/test-electron, for
// machines where a VS Code build can be downloaded (`npm run test:electron`). CI and this
// project's default path use code-server instead (test/runners/codeServer.mjs); both load the
// same out/test/integration/index.js and talk to the same local server.
//
//   node test/runners/electron.mjs [--grep <pattern>] [--version <vscode version>]
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runTests } from '@vscode/test-electron';
import { prepareProfile } from '../../scripts/lib/codeServer.mjs';
import { MOCK_SERVER_CLI, startMockServerProcess } from '../../scripts/lib/mockServer.mjs';
import { ROOT, SAMPLES_DIR } from '../../scripts/lib/paths.mjs';
import { cleanupAll } from '../../scripts/lib/processes.mjs';

const { values: options } = parseArgs({
  options: {
    grep: { type: 'string' },
    version: { type: 'string', default: process.env.VSCODE_VERSION ?? 'stable' },
  },
});

async function main() {
  const testsIndex = join(ROOT, 'out', 'test', 'integration', 'index.js');
  if (!existsSync(testsIndex)) throw new Error(`${testsIndex} is missing; build first: node esbuild.mjs --tests`);
  if (!existsSync(MOCK_SERVER_CLI)) throw new Error(`${MOCK_SERVER_CLI} is missing`);
  const server = await startMockServerProcess();
  const profile = prepareProfile('electron', { fresh: true, settings: { 'claudeStream.baseUrl': server.url } });
  const reportFile = join(profile.dir, 'report.json');
  try {
    await runTests({
      version: options.version,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: testsIndex,
      launchArgs: [
        SAMPLES_DIR,
        '--user-data-dir',
        profile.userDataDir,
        '--extensions-dir',
        profile.extensionsDir,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
      ],
      extensionTestsEnv: {
        ANTHROPIC_API_KEY: server.key,
        CLAUDE_STREAM_TEST_REPORT: reportFile,
        CLAUDE_STREAM_USER_SETTINGS: profile.settingsFile,
        CLAUDE_STREAM_LOCAL_SERVER_URL: server.url,
        CLAUDE_STREAM_TEST_HOOKS: '1',
        ...(options.grep ? { CLAUDE_STREAM_TEST_GREP: options.grep } : {}),
      },
    });
    return 0;
  } catch (error) {
    // Electron already printed mocha's output on its stdout; the report says what failed.
    if (existsSync(reportFile)) {
      const report = JSON.parse(readFileSync(reportFile, 'utf8'));
      console.error(`[electron] ${report.failed} failed, ${report.passed} passed`);
    } else {
      console.error(`[electron] ${error instanceof Error ? error.message : error}`);
    }
    return 1;
  }
}

let code = 1;
try {
  code = await main();
} catch (error) {
  console.error(`[electron] ${error instanceof Error ? error.message : error}`);
} finally {
  await cleanupAll();
}
process.exit(code);
