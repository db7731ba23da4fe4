// Timing marks for the desktop app's performance benchmark (scripts/app-perf.sh, docs/benchmarks.md).
//
// - A few startup marks (`performance.mark('syncscope:<name>')`), each made once per page: a handful of entries in
//   the page's performance timeline, harmless in production and readable by any WebDriver client.
// - A hook for live events that is off unless a harness installs `window.__syncscopePerf`: one property read per
//   live message when it is absent.
import type { LiveEvent } from './bindings/LiveEvent';

/** What a benchmark harness may install as `window.__syncscopePerf`. */
export interface PerfHook {
  /** Called as each live message arrives from the backend, before any model sees it. */
  live?: (event: LiveEvent) => void;
}

const once = new Set<string>();

/** Marks `syncscope:<name>` in the page's performance timeline (only the first time for each name). */
export function mark(name: string): void {
  if (once.has(name) || typeof performance === 'undefined' || !performance.mark) return;
  once.add(name);
  performance.mark(`syncscope:${name}`);
}

/**
 * Marks `name` now and `name:painted` once the frame showing the current DOM has been painted (a task queued from
 * the next animation frame runs after that frame's rendering). Once per name.
 */
export function markPainted(name: string): void {
  if (once.has(name)) return;
  mark(name);
  if (typeof requestAnimationFrame === 'undefined') return;
  requestAnimationFrame(() => setTimeout(() => mark(`${name}:painted`), 0));
}

/** The harness's hook, if one is installed. */
export function perfHook(): PerfHook | undefined {
  return (globalThis as { __syncscopePerf?: PerfHook }).__syncscopePerf;
}
