import * as vscode from 'vscode';
import type { ErrorAction } from '../core/vocabulary';

/** Console page for spend limits: where "Open Console" goes for a billing or rate-limit error. */
const CONSOLE_LIMITS_URL = 'https://console.anthropic.com/settings/limits';

/** The error fixes that do the same thing wherever the error was shown. */
const SHARED_ERROR_ACTIONS = ['setApiKey', 'openConsole', 'openSettings'] as const;
type SharedErrorAction = (typeof SHARED_ERROR_ACTIONS)[number];

/** What one surface (the chat, an inline thread) does for the fixes that depend on where the error was. */
export type OwnErrorActions<A extends ErrorAction> = { [K in Exclude<A, SharedErrorAction>]: () => unknown };

const isShared = (action: ErrorAction): action is SharedErrorAction => (SHARED_ERROR_ACTIONS as readonly string[]).includes(action);

/**
 * Runs the fix the user picked beside an error. `setting` is the setting the error named, for
 * "Open Settings". The surface supplies every other action it offers, so a new action in the
 * vocabulary is a type error until each surface says what it does.
 */
export async function runErrorAction<A extends ErrorAction>(action: A, setting: string | undefined, own: OwnErrorActions<A>): Promise<void> {
  if (isShared(action)) return runShared(action, setting);
  // `action` is in A and not shared, so `own` has it: the mapped type requires one entry per such action.
  await (own as Partial<Record<ErrorAction, () => unknown>>)[action]?.();
}

async function runShared(action: SharedErrorAction, setting: string | undefined): Promise<void> {
  switch (action) {
    case 'setApiKey':
      await vscode.commands.executeCommand('claudeStream.setApiKey');
      return;
    case 'openConsole':
      await vscode.env.openExternal(vscode.Uri.parse(CONSOLE_LIMITS_URL));
      return;
    case 'openSettings':
      await vscode.commands.executeCommand('workbench.action.openSettings', setting ?? 'claudeStream');
      return;
    default: {
      const unreachable: never = action;
      return unreachable;
    }
  }
}
