import * as vscode from 'vscode';
import type { Logger } from '../core/ports';
import { redactSecrets } from '../core/redact';

/**
 * The "Claude Stream" log channel. Every line is redacted against the current key before
 * it is written, so a key can never reach the output panel even through an error message.
 */
export function createLogger(knownSecrets: () => ReadonlyArray<string | undefined>): { logger: Logger; channel: vscode.LogOutputChannel } {
  const channel = vscode.window.createOutputChannel('Claude Stream', { log: true });
  const clean = (message: string | Error) => redactSecrets(message instanceof Error ? `${message.name}: ${message.message}` : message, knownSecrets());
  const logger: Logger = {
    trace: (m) => channel.trace(clean(m)),
    debug: (m) => channel.debug(clean(m)),
    info: (m) => channel.info(clean(m)),
    warn: (m) => channel.warn(clean(m)),
    error: (m) => channel.error(clean(m)),
  };
  return { logger, channel };
}
