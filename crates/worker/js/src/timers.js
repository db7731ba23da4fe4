// setTimeout/setInterval/clearTimeout/clearInterval/queueMicrotask on host timers (Rust owns the queue and
// calls fireTimer(id) when a timer is due on the engine clock).
import { Promise } from './intrinsics.js';
import { host } from './host.js';
import { toLong } from './util.js';
import { reportException } from './events.js';

const timers = new Map();
let nextId = 1;

function allocateId() {
  let id = nextId;
  do {
    id = id >= 0x7fffffff ? 1 : id + 1;
  } while (timers.has(id));
  const result = nextId;
  nextId = id;
  return result;
}

function toHandler(handler) {
  if (typeof handler === 'function') return handler;
  // HTML compiles a string handler as a classic script in the global scope.
  const code = String(handler);
  if (code === '') return () => {};
  return () => (0, eval)(code);
}

function initTimer(handler, timeout, args, repeat, internal, task = false) {
  const fn = toHandler(handler);
  let delay = toLong(timeout);
  if (delay < 0) delay = 0;
  const id = allocateId();
  timers.set(id, { fn, args, repeat, delay, internal });
  if (task) host.setTimer(id, delay, true);
  else host.setTimer(id, delay);
  return id;
}

export function setTimeout(handler, timeout = 0, ...args) {
  return initTimer(handler, timeout, args, false, false);
}

export function setInterval(handler, timeout = 0, ...args) {
  return initTimer(handler, timeout, args, true, false);
}

export function clearTimeout(id = 0) {
  id = toLong(id);
  const t = timers.get(id);
  if (!t || t.internal) return;
  timers.delete(id);
  host.clearTimer(id);
}

export function clearInterval(id = 0) {
  clearTimeout(id);
}

/**
 * A timer the developer's code cannot clear (AbortSignal.timeout, self-postMessage, …). `task`: not a timer but
 * a task of another task source (IndexedDB): the host must not apply HTML's nesting clamp to it, nor count it
 * as a nesting level of the timers its callback sets.
 */
export function internalTimeout(fn, delay, task = false) {
  return initTimer(fn, delay, [], false, true, task);
}

export function clearInternalTimeout(id) {
  const t = timers.get(id);
  if (!t || !t.internal) return;
  timers.delete(id);
  host.clearTimer(id);
}

/** Called by Rust when timer `id` is due. Returns false for unknown (already cleared) ids. */
export function fireTimer(id) {
  id = Number(id);
  const t = timers.get(id);
  if (!t) return false;
  if (!t.repeat) timers.delete(id);
  try {
    Reflect.apply(t.fn, globalThis, t.args);
  } catch (err) {
    reportException(err);
  }
  // An interval re-arms after its callback, unless the callback cleared it.
  if (t.repeat && timers.get(id) === t) host.setTimer(id, t.delay);
  return true;
}

export function activeTimerCount() {
  let n = 0;
  for (const t of timers.values()) if (!t.internal) n++;
  return n;
}

const resolved = Promise.resolve();
const then = Promise.prototype.then;

export function queueMicrotask(callback) {
  if (arguments.length < 1) throw new TypeError("Failed to execute 'queueMicrotask': 1 argument required, but only 0 present.");
  if (typeof callback !== 'function') {
    throw new TypeError("Failed to execute 'queueMicrotask': parameter 1 is not of type 'Function'.");
  }
  Reflect.apply(then, resolved, [() => {
    try { callback(); } catch (err) { reportException(err); }
  }]);
}
