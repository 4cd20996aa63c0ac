/** Small building blocks the storage schemas share (zod/mini: tree-shaken, so the host bundle stays small). */
import * as z from 'zod/mini';

/** A finite number ≥ 0: a count, a duration, a size. */
export const count = z.number().check(z.nonnegative());

/** A string of at most `max` characters. */
export const text = (max: number) => z.string().check(z.maxLength(max));

/** An array of at most `max` items. */
export const list = <T extends z.ZodMiniType>(item: T, max: number) => z.array(item).check(z.maxLength(max));

/** An optional field that is lenient: absent or unreadable both read as absent, the rest of the object stays. */
export const opt = <T extends z.ZodMiniType>(schema: T) => z.catch(z.optional(schema), undefined);

/** A number in [min, 1]. */
export const upToOne = (min: number) => z.number().check(z.gte(min), z.lte(1));
