/**
 * Small helpers for suites that run inside the real extension host: find our extension,
 * change settings and put them back, wait for a condition, read the user settings file,
 * run the local Anthropic-compatible server in-process and read the chat's state.
 */
import { readFileSync, existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { startMockAnthropicServer, type MockAnthropicServer, type ServerOptions } from '../server';

/** `publisher.name` from package.json. */
const EXTENSION_ID = 'claude-stream.claude-stream';

/** Our extension as VS Code knows it; fails loudly when it is not loaded at all. */
export function ourExtension(): vscode.Extension<unknown> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded in this extension host`);
  return extension;
}

/** The `contributes` block of our package.json, as the extension host read it. */
export function contributedCommands(): string[] {
  const manifest = ourExtension().packageJSON as { contributes?: { commands?: Array<{ command: string }> } };
  return (manifest.contributes?.commands ?? []).map((c) => c.command);
}

/**
 * Sets `claudeStream.<key>` at user level and returns a function that restores the old value.
 * Resolves after VS Code has announced the change, so the extension has seen it too.
 */
export async function setSetting(key: string, value: unknown): Promise<() => Promise<void>> {
  const section = vscode.workspace.getConfiguration('claudeStream');
  const previous = section.inspect(key)?.globalValue;
  await updateAndWait(key, value);
  return () => updateAndWait(key, previous);
}

async function updateAndWait(key: string, value: unknown): Promise<void> {
  const announced = new Promise<void>((resolve) => {
    const sub = vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration(`claudeStream.${key}`)) return;
      sub.dispose();
      resolve();
    });
    // An update to the value it already has announces nothing.
    setTimeout(() => {
      sub.dispose();
      resolve();
    }, 2_000);
  });
  await vscode.workspace.getConfiguration('claudeStream').update(key, value, vscode.ConfigurationTarget.Global);
  await announced;
}

/** Options for {@link waitFor}. */
export interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
  /** Says what was awaited, for the failure message. */
  what?: string;
}

/**
 * Polls `probe` until it returns something other than `undefined`/`false`, and returns that.
 * Rejects after `timeoutMs` with the last value seen, so a failure says how far it got.
 */
export async function waitFor<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, options: WaitOptions = {}): Promise<T> {
  const { timeoutMs = 10_000, intervalMs = 25, what = 'condition' } = options;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const detail = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${detail}`);
    }
    await sleep(intervalMs);
  }
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Text of the user settings.json of this VS Code instance. The runners pass its path in
 * `CLAUDE_STREAM_USER_SETTINGS` because the extension host has no API that reveals it.
 */
export function readUserSettingsText(): string {
  const file = process.env.CLAUDE_STREAM_USER_SETTINGS;
  if (!file) throw new Error('CLAUDE_STREAM_USER_SETTINGS is not set by the runner');
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

/** A message as the `claudeStream._test.chatState` hook reports it. */
export interface ChatMessageState {
  id: string;
  role: 'user' | 'assistant';
  state: 'streaming' | 'done' | 'cancelled' | 'error';
  text: string;
  /** The API's stop reason of a finished answer. */
  stop?: string;
  /** The error card's message of a failed answer. */
  error?: string;
}

/** What the chat holds now, through the extension's test hook (registered when CLAUDE_STREAM_TEST_HOOKS=1). */
export async function chatState(): Promise<{ conversationId: string; streaming: boolean; messages: ChatMessageState[] }> {
  return (await vscode.commands.executeCommand('claudeStream._test.chatState')) as {
    conversationId: string;
    streaming: boolean;
    messages: ChatMessageState[];
  };
}

/**
 * Runs `claudeStream.openChat` with `{ prompt }` and waits until the answer to that prompt has
 * left `streaming` (a new assistant message, not one from an earlier exchange).
 */
export async function askInChat(prompt: string, timeoutMs = 15_000): Promise<ChatMessageState> {
  const before = (await chatState()).messages.length;
  await vscode.commands.executeCommand('claudeStream.openChat', { prompt });
  return waitFor(
    async () => {
      const { messages } = await chatState();
      const last = messages[messages.length - 1];
      return messages.length >= before + 2 && last?.role === 'assistant' && last.state !== 'streaming' ? last : undefined;
    },
    { timeoutMs, what: `the answer to "${prompt}"` },
  );
}

/** A local server started in this extension host, with `claudeStream.baseUrl` pointing at it. */
export interface LocalServer {
  server: MockAnthropicServer;
  /** Closes the server and puts the previous baseUrl back. */
  dispose(): Promise<void>;
}

/**
 * Starts the local Anthropic-compatible server in-process and points the extension at it.
 * By default it accepts the key the runner put in `ANTHROPIC_API_KEY`.
 */
export async function useLocalServer(options: ServerOptions = {}): Promise<LocalServer> {
  const server = await startMockAnthropicServer({ apiKey: process.env.ANTHROPIC_API_KEY, ...options });
  const restore = await setSetting('baseUrl', server.url);
  return {
    server,
    dispose: async () => {
      await restore();
      await server.close();
    },
  };
}

/** The key the newest Messages request carried, as `x-api-key` or as a bearer token. */
export function lastApiKey(server: MockAnthropicServer): string | undefined {
  const messages = server.requests.filter((r) => r.path.startsWith('/v1/messages'));
  const headers = messages[messages.length - 1]?.headers ?? {};
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  return first(headers['x-api-key']) ?? /^Bearer\s+(.+)$/i.exec(first(headers.authorization) ?? '')?.[1];
}
