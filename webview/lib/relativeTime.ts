/**
 * "5 minutes ago", "yesterday", "3 days ago": how long ago something happened, for the chat's
 * history list and the Insights view alike. Pure, so its output is predictable in tests.
 */

/** How `relativeTime` words a time. */
export interface RelativeTimeOptions {
  /** `long` (the default) says "5 minutes ago"; `short` says "5 min. ago", for tight lists. */
  style?: 'long' | 'short';
  /** From this many days back, the date is shown instead; 60 unless said otherwise. */
  dateAfterDays?: number;
}

// `numeric: 'auto'` says "yesterday" rather than "1 day ago".
const formats = {
  long: new Intl.RelativeTimeFormat('en', { numeric: 'auto', style: 'long' }),
  short: new Intl.RelativeTimeFormat('en', { numeric: 'auto', style: 'short' }),
};

/**
 * How long before `now` the time `at` was (both in ms since the epoch): "just now" under 45 s,
 * then minutes, hours and days, and the date from `dateAfterDays` on. A time more than a minute
 * ahead (clock skew) is "in the future".
 */
export function relativeTime(at: number, now = Date.now(), options: RelativeTimeOptions = {}): string {
  const format = formats[options.style ?? 'long'];
  const seconds = Math.round((now - at) / 1000);
  if (seconds < -60) return 'in the future';
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return format.format(-minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (hours < 24) return format.format(-hours, 'hour');
  const days = Math.round(hours / 24);
  if (days < (options.dateAfterDays ?? 60)) return format.format(-days, 'day');
  return new Date(at).toLocaleDateString();
}
