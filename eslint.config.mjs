// @ts-check
// Lint for every TypeScript file of the repo. Type-aware rules use each file's nearest
// tsconfig (project service), so webview code is checked against the DOM lib and host code
// against Node. The layering rules below are the ones CONTRIBUTING.md describes.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Imports that would break the one-way flow shell → core, and the pure core's testability. */
const coreRestrictions = {
  paths: [{ name: 'vscode', message: 'src/core is pure: ask the shell through a port (src/core/ports.ts) instead.' }],
  patterns: [{ group: ['**/vscode/*', '**/vscode'], message: 'src/core may not import the VS Code shell (src/vscode).' }],
};
/**
 * Webview bundles run in the browser and talk to the host only through the protocol, each
 * through its own module (protocol/chat.ts or protocol/insights.ts) and the shared ones, so
 * a change to one webview's messages cannot reach into the other's bundle.
 */
const webviewRestrictions = (otherView) => ({
  paths: [
    { name: 'vscode', message: 'webview code runs in the browser; talk to the host through src/shared/protocol/.' },
    // The barrel, from webview/<view>/ and from webview/.
    ...['../../src/shared/protocol', '../src/shared/protocol'].map((name) => ({
      name,
      message: 'import the protocol module that defines the name (protocol/chat, protocol/common, …), not the barrel.',
    })),
  ],
  patterns: [
    { group: ['**/src/core/*', '**/src/core', '**/src/vscode/*'], message: 'webview/ may import only src/shared from the host side.' },
    { group: [`**/src/shared/protocol/${otherView}`], message: `this webview does not speak the ${otherView} view's protocol.` },
  ],
});

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'out/**',
      'dist-vsix/**',
      'node_modules/**',
      '.vscode-test/**',
      '.tools/**',
      'test-results/**',
      'screenshots/**',
      'samples/**',
      'test/fixtures/**',
      'bench/webview/*.js',
      // A one-off detector comparison run by hand (`npx tsx`), outside every tsconfig.
      'bench/compareDetectors.mts',
    ],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // TypeScript itself reports undefined names, with the right lib per tsconfig.
      'no-undef': 'off',
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'separate-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-floating-promises': ['error', { ignoreVoid: true }],
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }],
      // Reports every function-typed *property* passed along (`deps.setTimeout`, `observer.onMetrics`),
      // which is how ports and observers are shaped here; no method of ours relies on `this` that way.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // The SSE and UTF-8 checks match raw bytes on purpose.
    files: ['test/server/sseWriter.ts', 'test/unit/core/streaming/continueTurn.test.ts'],
    rules: { 'no-control-regex': 'off' },
  },
  {
    // Declarations of third-party modules must mirror their default export.
    files: ['**/*.d.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', coreRestrictions] },
  },
  {
    files: ['webview/chat/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', webviewRestrictions('insights')] },
  },
  {
    files: ['webview/insights/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', webviewRestrictions('chat')] },
  },
  {
    files: ['webview/lib/**/*.ts', 'webview/*.ts'],
    rules: { 'no-restricted-imports': ['error', webviewRestrictions('chat')] },
  },
  {
    // Tests start a stream and assert on its effects before awaiting it, and test doubles
    // implement async ports without awaiting anything; fixtures are parsed JSON.
    files: ['test/**/*.ts', 'bench/**/*.ts', 'bench/**/*.mts'],
    rules: {
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/require-await': 'off',
      // `(await page.evaluate(...)) as T` reads as what the page hands back; the rule wants it
      // moved into a type argument, which says the same thing.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // `a && b()` / `(x = 1), y++` are a compact style the CSV and SSE parsers in tests use.
      '@typescript-eslint/no-unused-expressions': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },
  {
    // TEMPORARY, until issue #15's structure branch (which rewrites these files) is merged:
    // the findings below are reported as warnings here so the two branches do not collide;
    // the lead fixes them after the merge and deletes this block.
    files: ['src/extension.ts', 'src/core/chat/chatController.ts', 'src/core/chat/conversation.ts', 'src/core/learning/records.ts'],
    rules: {
      'prefer-const': 'warn',
      '@typescript-eslint/no-floating-promises': 'warn',
      '@typescript-eslint/no-unnecessary-type-assertion': 'warn',
      '@typescript-eslint/no-unsafe-return': 'warn',
      '@typescript-eslint/require-await': 'warn',
    },
  },
);
