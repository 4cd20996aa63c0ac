/**
 * The chat webview as a user drives it in the workbench, for steps several UI tests share.
 */
import type { FrameLocator } from 'playwright-core';

/**
 * Clicks New Chat and waits until the transcript is empty. The chat empties after a round trip
 * through the host, so a test that counts or sends next waits for that, not a fixed time.
 */
export async function startNewChat(chat: FrameLocator): Promise<void> {
  await chat.locator('[data-testid="new-chat"]').click();
  await chat
    .locator('[data-role]')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => {
      throw new Error('New Chat left messages in the chat');
    });
}
