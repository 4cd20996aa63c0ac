/**
 * The closed word lists the host, the protocol and storage share, each one `as const` list with
 * its type derived from it. Validators check against these lists, so adding a word here is the
 * one change that lets it through everywhere. Webview code reaches them through
 * `src/shared/protocol.ts`.
 */

/** How an answer ended (a stream's terminal state). */
export const ANSWER_OUTCOMES = ['done', 'cancelled', 'error'] as const;
export type AnswerOutcome = (typeof ANSWER_OUTCOMES)[number];

/** Lifecycle of one message in the chat or an inline thread (also its `data-state`). */
export const MESSAGE_STATES = ['streaming', ...ANSWER_OUTCOMES] as const;
export type MessageState = (typeof MESSAGE_STATES)[number];

/** Kind of entity found in a streamed answer. */
export const ENTITY_TYPES = [
  'url',
  'email',
  'path',
  'file',
  'package',
  'version',
  'error',
  'cve',
  'env',
  'flag',
  'decorator',
  'call',
  'identifier',
  'person',
  'organization',
  'product',
] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/**
 * Every fix the UI can offer next to an error, in one list: the protocol validates against it,
 * the chat card labels it and the inline thread registers a command per entry it supports.
 * `newChat` and `dropOldest` are the context actions: they fit any answer that did not fit the
 * model's context window (a "prompt is too long" error or a `model_context_window_exceeded` stop).
 */
export const ERROR_ACTIONS = ['setApiKey', 'pickModel', 'openConsole', 'retry', 'openSettings', 'newChat', 'dropOldest'] as const;
export type ErrorAction = (typeof ERROR_ACTIONS)[number];

/** The context actions, which act on a chat conversation and so exist only in the chat. */
export const CHAT_ONLY_ERROR_ACTIONS = ['newChat', 'dropOldest'] as const satisfies readonly ErrorAction[];

/** True when `value` is one of `list`: narrows an untrusted value to the list's type. */
export function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}
