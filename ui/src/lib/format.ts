// Formatting shared by the views: times, durations, outcomes, and DevTools' wording.
import type { EventMetadata } from './bindings/EventMetadata';
import type { Outcome } from './bindings/Outcome';
import type { Service } from './bindings/Service';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `2026-11-21 10:15:00.123`, in local time (or UTC). */
export function formatTime(ms: number, utc = false): string {
  const d = new Date(ms);
  const [y, mo, da, h, mi, s, milli] = utc
    ? [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()]
    : [d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds(), d.getMilliseconds()];
  return `${y}-${pad(mo)}-${pad(da)} ${pad(h)}:${pad(mi)}:${pad(s)}.${pad(milli, 3)}`;
}

/** A duration in its two largest units: `5m`, `1h 30m`, `3d`, `1.5s`, `250ms`. */
export function formatDuration(ms: number): string {
  const neg = ms < 0;
  let left = Math.round(Math.abs(ms));
  if (left < 1000) return `${neg ? '-' : ''}${left}ms`;
  if (left < 60_000 && left % 1000 !== 0) return `${neg ? '-' : ''}${(left / 1000).toFixed(1).replace(/\.0$/, '')}s`;
  const units: [string, number][] = [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000]];
  const counts = units.map(([name, size]) => {
    const n = Math.floor(left / size);
    left -= n * size;
    return [n, name] as const;
  });
  const first = counts.findIndex(([n]) => n > 0);
  const shown = counts.slice(first, first + 2).filter(([n]) => n > 0);
  return (neg ? '-' : '') + shown.map(([n, name]) => `${n}${name}`).join(' ');
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
