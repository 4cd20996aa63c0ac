/**
 * The editor as a user drives it in the workbench: Quick Open a file, go to a line, select lines
 * with the keyboard. Each step waits for what a user would see before the next key, because
 * VS Code runs keybindings such as Ctrl+G through the command service, which can wait on a busy
 * extension host: a key typed before the picker opens lands in the editor instead.
 */
import type { Page } from 'playwright-core';

const QUICK_INPUT = '.quick-input-widget .quick-input-box input';

/** The status bar's cursor item, e.g. "Ln 12, Col 28 (120 selected)". An attribute selector: it needs no escapes, so the failure report can use it inside page code. */
export const CURSOR_STATUS = '[id="status.editor.selection"]';

/** Opens `name` with Quick Open (Ctrl+P) and waits until its editor shows text. */
export async function openFile(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator(QUICK_INPUT).first();
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
  await page.locator(`.tab.active[aria-label^="${name}"]`).waitFor({ timeout: 10_000 });
  await page.locator('.editor-group-container.active .monaco-editor .view-line').first().waitFor({ timeout: 10_000 });
}

/**
 * Right-clicks at (`x`, `y`) and chooses `label` from the context menu, clicking again while
 * the menu stays open. VS Code's menu items start listening for the mouse 100 ms after they
 * are drawn, so the release of a right-click cannot choose one; on a busy machine that timer
 * can run after the item is already visible, and a click before it is ignored. A user would
 * see the menu still open and click again, and so does this.
 */
export async function chooseFromContextMenu(page: Page, x: number, y: number, label: string): Promise<void> {
  await page.mouse.click(x, y, { button: 'right' });
  const item = page.locator('.context-view .action-item', { hasText: label }).first();
  await item.waitFor({ timeout: 10_000 });
  for (let attempt = 1; ; attempt++) {
    await item.click({ timeout: 5_000 }).catch(() => undefined);
    const closed = await item
      .waitFor({ state: 'hidden', timeout: 2_000 })
      .then(() => true)
      .catch(() => false);
    if (closed) {
      if (attempt > 1) console.log(`      the context menu took ${attempt} clicks on "${label}"`);
      return;
    }
    if (attempt === 5) throw new Error(`the context menu stayed open after ${attempt} clicks on "${label}"`);
  }
}

/** Selects whole lines `from`..`to` (1-based) in the active editor with the keyboard. */
export async function selectLines(page: Page, from: number, to: number): Promise<void> {
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+G');
  const input = page.locator(QUICK_INPUT).first();
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.pressSequentially(String(from));
  await poll(async () => (await input.inputValue()).endsWith(String(from)), `the Go to Line box holds ${from}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 10_000 });
  await waitForCursor(page, new RegExp(`^Ln ${from},`));
  await page.locator('.editor-group-container.active .monaco-editor.focused').first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Home');
  await page.keyboard.press('Home');
  for (let line = from; line < to; line++) await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+End');
  await waitForCursor(page, new RegExp(`^Ln ${to}, Col \\d+ \\(\\d+ selected\\)`));
}

/** Waits until the status bar's cursor item matches `expected`, e.g. /\(\d+ selected\)/. */
export async function waitForCursor(page: Page, expected: RegExp): Promise<void> {
  const status = page.locator(CURSOR_STATUS).first();
  let shown = '';
  await poll(
    async () => expected.test((shown = (await status.innerText().catch(() => '')).trim())),
    () => `the status bar shows "${shown}", not ${expected}`,
  );
}

async function poll(done: () => Promise<boolean>, failure: string | (() => string), timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await done()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(typeof failure === 'string' ? failure : failure());
}
