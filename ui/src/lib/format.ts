// Formatting shared by the views: times, durations, outcomes, and DevTools' wording.
import type { EventMetadata } from './bindings/EventMetadata';
import type { Outcome } from './bindings/Outcome';
import type { Service } from './bindings/Service';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The zone a time is shown in: `+01:00`-style for local time (from the offset at that moment), `Z` for UTC. */
function zoneOf(d: Date, utc: boolean): string {
  if (utc) return 'Z';
  const off = -d.getTimezoneOffset();
  const sign = off < 0 ? '-' : '+';
  const a = Math.abs(off);
  return `${sign}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}

/**
 * `2026-11-21 10:15:00.123 +01:00`, in local time with its offset (or UTC, with `Z`): a time is always shown
 * with its zone. `millis: false` leaves out the milliseconds.
 */
export function formatTime(ms: number, utc = false, millis = true): string {
  const d = new Date(ms);
  const [y, mo, da, h, mi, s, milli] = utc
    ? [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()]
    : [d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds(), d.getMilliseconds()];
  const frac = millis ? `.${pad(milli, 3)}` : '';
  return `${y}-${pad(mo)}-${pad(da)} ${pad(h)}:${pad(mi)}:${pad(s)}${frac} ${zoneOf(d, utc)}`;
}

/**
 * A duration written exactly, as the engine and the CLI write it: `1h30m`, `1s500ms`, `24h`, `0ms` (hours are
 * the largest unit). The cases are shared with the engine: tests/fixtures/durations.json.
 */
export function formatDuration(ms: number): string {
  const neg = ms < 0;
  let left = Math.round(Math.abs(ms));
  if (left === 0) return '0ms';
  const parts: string[] = [];
  for (const [unit, size] of [['h', 3_600_000], ['m', 60_000], ['s', 1000], ['ms', 1]] as const) {
    const n = Math.floor(left / size);
    left -= n * size;
    if (n > 0) parts.push(`${n}${unit}`);
  }
  return (neg ? '-' : '') + parts.join('');
}

/** `in 5m`, `5m ago`, or `now` (within a second). */
export function formatRelative(target: number, now: number): string {
  const diff = target - now;
  if (Math.abs(diff) < 1000) return 'now';
  return diff > 0 ? `in ${formatDuration(diff)}` : `${formatDuration(-diff)} ago`;
}

/** How an event ended, in Chromium's status words. */
export function outcomeText(o: Outcome): string {
  switch (o.status) {
    case 'succeeded':
      return 'succeeded';
    case 'wait-until-rejected':
      return `waitUntil rejected: ${o.reason}`;
    case 'timed-out':
      return 'timeout';
    case 'failed':
      return `failed: ${o.reason}`;
  }
}

/** Metadata sorted by key, as DevTools' preview shows it. */
export function sortedMetadata(meta: readonly EventMetadata[]): EventMetadata[] {
  return [...meta].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** The background services Syncscope shows, in the sidebar's order. */
export const SERVICES: readonly Service[] = ['backgroundFetch', 'backgroundSync', 'periodicBackgroundSync'];

/** DevTools' label, e.g. `Background sync`. */
export function serviceLabel(s: Service): string {
  const labels: Record<Service, string> = {
    backgroundFetch: 'Background fetch',
    backgroundSync: 'Background sync',
    pushMessaging: 'Push messaging',
    notifications: 'Notifications',
    paymentHandler: 'Payment handler',
    periodicBackgroundSync: 'Periodic background sync',
  };
  return labels[s];
}

/** DevTools' empty-state lines for a background service view, with "Syncscope" for "DevTools". */
export function emptyStateText(s: Service, recording: boolean, shortcut = 'Ctrl + E'): [string, string] {
  const activity = serviceLabel(s).toLowerCase();
  return [
    recording ? `Recording ${activity} activity...` : `Click the record button or hit ${shortcut} to start recording.`,
    `Syncscope will record all ${activity} activity for up to 3 days, even when closed.`,
  ];
}
