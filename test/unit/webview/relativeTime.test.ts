import * as assert from 'node:assert/strict';
import { relativeTime } from '../../../webview/lib/relativeTime';

const NOW = Date.UTC(2026, 5, 15, 12, 0, 0);
const ago = (ms: number) => NOW - ms;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('relative times in the webviews', () => {
  it('says "just now" for the last few seconds and "in the future" for a clock ahead by more than a minute', () => {
    assert.equal(relativeTime(ago(10_000), NOW), 'just now');
    assert.equal(relativeTime(NOW + 30_000, NOW), 'just now');
    assert.equal(relativeTime(NOW + 2 * MINUTE, NOW), 'in the future');
  });

  it('counts minutes, hours and days in words, with "yesterday" for one day', () => {
    assert.equal(relativeTime(ago(MINUTE), NOW), '1 minute ago');
    assert.equal(relativeTime(ago(5 * MINUTE), NOW), '5 minutes ago');
    assert.equal(relativeTime(ago(2 * HOUR), NOW), '2 hours ago');
    assert.equal(relativeTime(ago(DAY), NOW), 'yesterday');
    assert.equal(relativeTime(ago(3 * DAY), NOW), '3 days ago');
  });

  it('shows the date once the time is further back than the cut-off', () => {
    const old = ago(90 * DAY);
    assert.equal(relativeTime(old, NOW), new Date(old).toLocaleDateString());
    assert.equal(relativeTime(ago(3 * DAY), NOW, { dateAfterDays: 2 }), new Date(ago(3 * DAY)).toLocaleDateString());
  });

  it('has a short style for tight lists such as the chat history', () => {
    assert.equal(relativeTime(ago(3 * MINUTE), NOW, { style: 'short' }), '3 min. ago');
    assert.equal(relativeTime(ago(5 * HOUR), NOW, { style: 'short' }), '5 hr. ago');
    assert.equal(relativeTime(ago(DAY), NOW, { style: 'short', dateAfterDays: 2 }), 'yesterday');
  });
});
