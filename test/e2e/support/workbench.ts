/**
 * A real VS Code workbench for UI tests: code-server with the extension installed (a symlink
 * of this repo in a scratch extensions folder, as `npm start` does), opened on `samples/`,
 * driven by headless Chromium through playwright-core.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type FrameLocator, type Page } from 'playwright-core';
import { linkExtension, prepareProfile, startCodeServer, type Profile, type RunningCodeServer } from '../../../scripts/lib/codeServer.mjs';
import { CHROMIUM, CHROMIUM_ARGS, ROOT, SAMPLES_DIR } from '../../../scripts/lib/paths.mjs';
import { onCleanup } from '../../../scripts/lib/processes.mjs';

/** Colour themes the screenshots are taken in. */
const THEMES = { light: 'Default Light Modern', dark: 'Default Dark Modern' } as const;
type ThemeKind = keyof typeof THEMES;

/** Where UI tests put screenshots (ignored by git). */
export const SCREENSHOT_DIR = join(ROOT, 'screenshots');

/** The pages of the workbenches open now, for the failure report (failureReport.ts). */
const openPages = new Set<Page>();
export const openWorkbenchPages = (): ReadonlySet<Page> => openPages;

/** Options for {@link launchWorkbench}. */
export interface WorkbenchOptions {
  /** Scratch profile name below `.vscode-test/scratch/`; the process id is appended so runs never share one. */
  name: string;
  /** `claudeStream.baseUrl`: the local server. */
  baseUrl: string;
  /** Given to code-server as `ANTHROPIC_API_KEY`. */
  apiKey: string;
  theme?: ThemeKind;
  /** Extra user settings. */
  settings?: Record<string, unknown>;
}

/** A running workbench; `close()` stops the browser and code-server's whole process group. */
export interface Workbench {
  page: Page;
  profile: Profile;
  codeServer: RunningCodeServer;
  /** Runs a palette command by its title, e.g. "Claude: Open Chat", the way a user does (F1). */
  runCommand(title: string): Promise<void>;
  /** The inner frame of the webview that contains `selector` (waits until one does). */
  webviewWith(selector: string, timeoutMs?: number): Promise<FrameLocator>;
  /** Switches the colour theme with "Preferences: Color Theme", as a user would. */
  setTheme(theme: ThemeKind): Promise<void>;
  /** Saves a full-page PNG under `screenshots/` and returns its path. */
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/** Starts code-server and a browser on it, and waits until the workbench has loaded the folder. */
export async function launchWorkbench(options: WorkbenchOptions): Promise<Workbench> {
  const theme = options.theme ?? 'light';
  const profile = prepareProfile(`${options.name}-${process.pid}`, {
    fresh: true,
    settings: {
      'claudeStream.baseUrl': options.baseUrl,
      'workbench.colorTheme': THEMES[theme],
      'window.commandCenter': false,
      ...options.settings,
    },
  });
  linkExtension(profile);
  const codeServer = await startCodeServer(profile, {
    folder: SAMPLES_DIR,
    env: { ANTHROPIC_API_KEY: options.apiKey },
    log: process.env.CLAUDE_STREAM_VERBOSE === '1' ? (line) => console.log(`    [code-server] ${line}`) : undefined,
  });
  let browser: Browser | undefined;
  let opened: Page | undefined;
  const close = async () => {
    if (opened) openPages.delete(opened);
    await browser?.close().catch(() => undefined);
    await codeServer.group.stop();
    rmSync(profile.dir, { recursive: true, force: true });
  };
  try {
    // Our signal handling (scripts/lib/processes.mjs) closes the browser, then stops code-server;
    // Playwright's own would exit the process before code-server is stopped.
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false });
    const launched = browser;
    onCleanup(() => launched.close().catch(() => undefined));
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    opened = page;
    openPages.add(page);
    await page.goto(`${codeServer.url}/?folder=${encodeURIComponent(SAMPLES_DIR)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    // The explorer lists the sample files once the remote file system is connected.
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
    // Our activity-bar entry shows once the extension's contributions are registered.
    await page.locator('.activitybar .action-item a[aria-label^="Claude"]').first().waitFor({ timeout: 60_000 });
    return {
      page,
      profile,
      codeServer,
      runCommand: (title) => runCommand(page, title),
      webviewWith: (selector, timeoutMs) => webviewWith(page, selector, timeoutMs),
      setTheme: (next) => setTheme(page, next),
      screenshot: async (name) => {
        mkdirSync(SCREENSHOT_DIR, { recursive: true });
        const file = join(SCREENSHOT_DIR, `${name}.png`);
        await page.screenshot({ path: file });
        return file;
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Runs a palette command by its title on any workbench page (see {@link Workbench.runCommand}). */
export async function runCommand(page: Page, title: string): Promise<void> {
  await pickInPalette(page, `>${title}`, title);
  // The palette is done once it closes, or once the command has put its own picker in it
  // (Ask About Selection does): then the input no longer holds the ">" command query.
  await page.waitForFunction(PALETTE_LEFT_COMMAND_QUERY, undefined, { timeout: 10_000 });
}

/**
 * True once the palette is hidden or no longer holds a ">" query. Plain JS in a string: bench/
 * imports this file under the host tsconfig, which has no DOM types.
 */
const PALETTE_LEFT_COMMAND_QUERY = `(() => {
  const widget = document.querySelector('.quick-input-widget');
  if (!widget) return true;
  const input = widget.querySelector('.quick-input-box input');
  const box = widget.getBoundingClientRect();
  const shown = box.width > 0 && box.height > 0 && getComputedStyle(widget).visibility !== 'hidden';
  return !shown || !(input && input.value.startsWith('>'));
})()`;

/**
 * Opens the palette (F1) if needed, types `query` and clicks the row labelled exactly `label`.
 * The palette lists what was registered when it opened, so a missing row means reopening it.
 */
async function pickInPalette(page: Page, query: string, label: string, timeoutMs = 20_000): Promise<void> {
  const input = page.locator('.quick-input-widget .quick-input-box input').first();
  // Enter would take the top row, which fuzzy ranking may give to a look-alike command.
  const exact = new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
  const row = page
    .locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: exact }) })
    .first();
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    if (attempt > 0 || !(await input.isVisible())) {
      if (attempt > 0) await page.keyboard.press('Escape');
      await page.keyboard.press('F1');
      await input.waitFor({ state: 'visible', timeout: 10_000 });
    }
    await input.fill(query);
    try {
      await row.waitFor({ state: 'visible', timeout: 3_000 });
      break;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
  }
  await row.click();
}

/** The inner frame of the webview on `page` that contains `selector` (see {@link Workbench.webviewWith}). */
export async function webviewWith(page: Page, selector: string, timeoutMs = 30_000): Promise<FrameLocator> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const count = await page.locator('iframe.webview.ready').count();
    for (let i = 0; i < count; i++) {
      const inner = page.frameLocator('iframe.webview.ready').nth(i).frameLocator('iframe#active-frame');
      if (
        (await inner
          .locator(selector)
          .count()
          .catch(() => 0)) > 0
      )
        return inner;
    }
    await page.waitForTimeout(100);
  }
  throw new Error(`no webview containing ${selector} within ${timeoutMs} ms`);
}

async function setTheme(page: Page, theme: ThemeKind): Promise<void> {
  await pickInPalette(page, '>Preferences: Color Theme', 'Preferences: Color Theme');
  // The same quick input now lists the themes by label ("Dark Modern" for "Default Dark Modern").
  const label = THEMES[theme].replace(/^Default /, '');
  await pickInPalette(page, label, label);
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
  await page.locator(`.monaco-workbench.${theme === 'dark' ? 'vs-dark' : 'vs'}`).waitFor({ timeout: 15_000 });
}
