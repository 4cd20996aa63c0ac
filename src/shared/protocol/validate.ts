/**
 * The checks every webview message goes through before the host trusts it: each message type
 * has a `Shape` listing its fields and the rule for each, and a message with any other field is
 * rejected. Shared by the chat and insights protocols.
 */

/** Longest string accepted from a webview; longer input is rejected, not truncated. */
export const MAX_WEBVIEW_STRING = 1_000_000;

/** Each field of a message and the rule its value must pass; `id` is a protocol id, `string` any bounded string. */
export type Shape = Record<string, 'string' | 'id' | ((v: unknown) => boolean)>;

/** A plain object (not null, not an array). */
export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

/** True when `value` has exactly the fields of `shape` (besides `type`), each passing its rule. */
export function matches(value: Record<string, unknown>, shape: Shape): boolean {
  for (const key of Object.keys(value)) {
    // hasOwnProperty, not `in`: `__proto__` and `constructor` are "in" every object.
    if (key !== 'type' && !Object.prototype.hasOwnProperty.call(shape, key)) return false;
  }
  for (const [key, rule] of Object.entries(shape)) {
    const field = value[key];
    if (rule === 'string') {
      if (typeof field !== 'string' || field.length > MAX_WEBVIEW_STRING) return false;
    } else if (rule === 'id') {
      if (typeof field !== 'string' || !ID_PATTERN.test(field)) return false;
    } else if (!rule(field)) return false;
  }
  return true;
}

/** Absent, or a short string. */
export const optionalString = (v: unknown) => v === undefined || (typeof v === 'string' && v.length <= 200);
/** A rule that takes one of `values`. */
export const oneOf =
  (...values: string[]) =>
  (v: unknown) =>
    typeof v === 'string' && values.includes(v);

/** A 1-based line number. */
export const isLine = (x: unknown): boolean => typeof x === 'number' && Number.isInteger(x) && x >= 1 && x <= 10_000_000;
/** A non-negative integer count. */
export const isCount = (x: unknown): boolean => typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= 1e9;
/** A rule that also takes an absent value. */
export const optional =
  (check: (v: unknown) => boolean) =>
  (v: unknown): boolean =>
    v === undefined || check(v);

/** The message if its `type` is one of `shapes` and it matches that shape, else undefined. */
export function parseWith<T extends { type: string }>(shapes: Record<string, Shape>, raw: unknown): T | undefined {
  if (!isRecord(raw) || typeof raw.type !== 'string') return undefined;
  if (!Object.prototype.hasOwnProperty.call(shapes, raw.type)) return undefined;
  return matches(raw, shapes[raw.type]) ? (raw as T) : undefined;
}

/**
 * A short, log-safe description of a message a parser rejected: its `type` when that is a
 * string, else the kind of value. Never throws, even for a `type` that cannot be converted to
 * a string (`{ toString: 'x' }` survives structured cloning and makes `String()` throw).
 */
export function describeRejectedMessage(raw: unknown): string {
  if (typeof raw !== 'object' || raw === null) return typeof raw;
  if (Array.isArray(raw)) return 'array';
  const type = Object.prototype.hasOwnProperty.call(raw, 'type') ? (raw as { type?: unknown }).type : undefined;
  if (typeof type === 'string') return JSON.stringify(type.slice(0, 40));
  return type === null ? 'null' : typeof type;
}
