/**
 * Mocha root hooks for the UI tests: when a test fails, say what each open workbench showed, so
 * a failure in CI (where no one sees the browser) explains itself. Prints the focused element,
 * the quick input, any context menu, the status bar's cursor and any notifications, and saves a screenshot.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Context } from 'mocha';
import { CURSOR_STATUS } from './editor';
import { openWorkbenchPages, SCREENSHOT_DIR } from './workbench';

/**
 * What a user would look at first, read in the page. A string, not a function: tsx compiles
 * functions with esbuild's `__name` helper, which the page does not have.
 */
const WHAT_THE_USER_SEES = `(() => {
  const texts = (selector) => [...document.querySelectorAll(selector)].map((n) => (n.textContent || '').trim()).filter(Boolean);
  const focused = document.activeElement;
  const quick = document.querySelector('.quick-input-widget');
  const quickShown = !!quick && quick.getBoundingClientRect().height > 0 && getComputedStyle(quick).display !== 'none';
  const quickBox = quick && quick.querySelector('.quick-input-box input');
  // The editor's context menu is drawn in a shadow root, out of reach of document queries.
  const menus = [...document.querySelectorAll('.shadow-root-host')].map((host) => host.shadowRoot).filter(Boolean);
  const menuItems = menus.flatMap((root) => [...root.querySelectorAll('.action-item:not(.disabled) .action-label:not(.separator)')]);
  return {
    focused: focused ? focused.tagName.toLowerCase() + [...focused.classList].map((c) => '.' + c).join('') : 'none',
    quickInput: quickShown ? (quickBox ? quickBox.value : '') : 'closed',
    contextMenu: menuItems.length ? menuItems.map((n) => (n.textContent || '').trim()).filter(Boolean) : 'closed',
    cursor: texts('${CURSOR_STATUS}').join(' ') || 'none',
    notifications: texts('.notifications-toasts .notification-toast .notification-list-item-message'),
  };
})()`;

export const mochaHooks = {
  async afterEach(this: Context): Promise<void> {
    const test = this.currentTest;
    if (!test || test.state !== 'failed') return;
    const slug = test
      .fullTitle()
      .replace(/[^\w]+/g, '-')
      .slice(0, 80);
    for (const [index, page] of [...openWorkbenchPages()].entries()) {
      try {
        mkdirSync(SCREENSHOT_DIR, { recursive: true });
        const file = join(SCREENSHOT_DIR, `failed-${slug}-${index}.png`);
        await page.screenshot({ path: file });
        const seen: unknown = await page.evaluate(WHAT_THE_USER_SEES);
        console.log(`      the workbench at the failure: ${JSON.stringify(seen)}; screenshot ${file}`);
      } catch (error) {
        console.log(`      the workbench could not be read after the failure: ${String(error)}`);
      }
    }
  },
};
