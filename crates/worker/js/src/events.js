// Event, EventTarget and event-handler attributes (on<type>), DOM-spec dispatch on a single target.
import { DOMException } from './dom-exception.js';
import { kInspect, kMissing, isObject, toDOMString, requireArgs, platformClass, describeReason } from './util.js';
import { timeOrigin, clockNow } from './clock.js';
import { writeConsole, formatError } from './console.js';

// Module-private access to Event internals, filled by the static block below.
let ev;

// Event state bits (one private field keeps construction cheap in QuickJS).
const BUBBLES = 1, CANCELABLE = 2, COMPOSED = 4, STOP = 8, STOP_IMMEDIATE = 16, CANCELED = 32, IN_PASSIVE = 64,
  DISPATCHING = 128, TRUSTED = 256;

export class Event {
  #type;
  #flags = 0;
  #target = null;
  #timeStamp;

  constructor(type = kMissing, eventInitDict = undefined) {
    if (type === kMissing) throw new TypeError("Failed to construct 'Event': 1 argument required, but only 0 present.");
    this.#type = typeof type === 'string' ? type : toDOMString(type);
    if (eventInitDict !== undefined && eventInitDict !== null) {
      this.#flags = (eventInitDict.bubbles ? BUBBLES : 0) | (eventInitDict.cancelable ? CANCELABLE : 0) | (eventInitDict.composed ? COMPOSED : 0);
    }
    this.#timeStamp = clockNow() - timeOrigin;
  }

  get type() { return this.#type; }
  get target() { return this.#target; }
  get srcElement() { return this.#target; }
  get currentTarget() { return this.#flags & DISPATCHING ? this.#target : null; }
  get eventPhase() { return this.#flags & DISPATCHING ? 2 : 0; }
  get bubbles() { return (this.#flags & BUBBLES) !== 0; }
  get cancelable() { return (this.#flags & CANCELABLE) !== 0; }
  get composed() { return (this.#flags & COMPOSED) !== 0; }
  get defaultPrevented() { return (this.#flags & CANCELED) !== 0; }
  get isTrusted() { return (this.#flags & TRUSTED) !== 0; }
  get timeStamp() { return this.#timeStamp; }
  get returnValue() { return (this.#flags & CANCELED) === 0; }
  set returnValue(v) { if (!v) this.preventDefault(); }
  get cancelBubble() { return (this.#flags & STOP) !== 0; }
  set cancelBubble(v) { if (v) this.#flags |= STOP; }

  composedPath() { return this.#flags & DISPATCHING ? [this.#target] : []; }
  stopPropagation() { this.#flags |= STOP; }
  stopImmediatePropagation() { this.#flags |= STOP | STOP_IMMEDIATE; }
  preventDefault() { if ((this.#flags & (CANCELABLE | IN_PASSIVE)) === CANCELABLE) this.#flags |= CANCELED; }

  initEvent(type, bubbles = false, cancelable = false) {
    requireArgs(arguments.length, 1, "Failed to execute 'initEvent' on 'Event'");
    if (this.#flags & DISPATCHING) return;
    this.#type = toDOMString(type);
    this.#flags = (bubbles ? BUBBLES : 0) | (cancelable ? CANCELABLE : 0) | (this.#flags & COMPOSED);
    this.#target = null;
  }

  [kInspect]() { return { type: this.#type, defaultPrevented: this.defaultPrevented, cancelable: this.cancelable, timeStamp: this.#timeStamp }; }

  static {
    ev = {
      is: (e) => isObject(e) && #type in e,
      setTrusted: (e) => { e.#flags |= TRUSTED; },
      isDispatching: (e) => (e.#flags & DISPATCHING) !== 0,
      begin(e, target) { e.#flags |= DISPATCHING; e.#target = target; },
      end(e) { e.#flags &= ~(DISPATCHING | STOP | STOP_IMMEDIATE); },
      stoppedImmediately: (e) => (e.#flags & STOP_IMMEDIATE) !== 0,
      setPassive: (e, p) => { if (p) e.#flags |= IN_PASSIVE; else e.#flags &= ~IN_PASSIVE; },
      canceled: (e) => (e.#flags & CANCELED) !== 0,
    };
  }
}

for (const [name, value] of [['NONE', 0], ['CAPTURING_PHASE', 1], ['AT_TARGET', 2], ['BUBBLING_PHASE', 3]]) {
  const d = { value, enumerable: true, writable: false, configurable: false };
  Object.defineProperty(Event, name, d);
  Object.defineProperty(Event.prototype, name, d);
}
platformClass(Event);

export const isEvent = (e) => ev.is(e);
export const markTrusted = (e) => { ev.setTrusted(e); return e; };
export const isDispatching = (e) => ev.isDispatching(e);

export class CustomEvent extends Event {
  #detail;
  constructor(type = kMissing, init = undefined) {
    super(type, init);
    this.#detail = init?.detail ?? null;
  }
  get detail() { return this.#detail; }
}
platformClass(CustomEvent);

export class ErrorEvent extends Event {
  #message; #filename; #lineno; #colno; #error;
  constructor(type = kMissing, init = undefined) {
    super(type, init);
    this.#message = init?.message === undefined ? '' : String(init.message);
    this.#filename = init?.filename === undefined ? '' : String(init.filename);
    this.#lineno = (init?.lineno ?? 0) >>> 0;
    this.#colno = (init?.colno ?? 0) >>> 0;
    this.#error = init?.error;
  }
  get message() { return this.#message; }
  get filename() { return this.#filename; }
  get lineno() { return this.#lineno; }
  get colno() { return this.#colno; }
  get error() { return this.#error; }
}
platformClass(ErrorEvent);

export class PromiseRejectionEvent extends Event {
  #promise; #reason;
  constructor(type, init) {
    requireArgs(arguments.length, 2, "Failed to construct 'PromiseRejectionEvent'");
    super(type, init);
    this.#promise = init.promise;
    this.#reason = init.reason;
  }
  get promise() { return this.#promise; }
  get reason() { return this.#reason; }
}
platformClass(PromiseRejectionEvent);

// ---------------------------------------------------------------------------------------------------------
// EventTarget. Listener lists live in a WeakMap so the global object (not made by the constructor) can be one.

const targets = new WeakMap();

function stateOf(target, where) {
  const s = targets.get(target);
  if (!s) throw new TypeError(`Failed to execute '${where}' on 'EventTarget': Illegal invocation`);
  return s;
}

/** Make an arbitrary object (the global object) an event target. */
export function adoptEventTarget(obj) {
  if (!targets.has(obj)) targets.set(obj, { listeners: new Map(), handlers: new Map() });
}

function flattenOptions(options) {
  if (typeof options === 'boolean') return { capture: options, once: false, passive: false, signal: null };
  if (!isObject(options)) return { capture: !!options, once: false, passive: false, signal: null };
  const signal = options.signal ?? null;
  return { capture: !!options.capture, once: !!options.once, passive: !!options.passive, signal };
}

// AbortSignal hooks, installed by abort.js (avoids a module cycle at evaluation time).
export const signalHooks = { isSignal: () => false, aborted: () => false, onAbort: () => {} };

function removeEntry(list, entry) {
  entry.removed = true;
  const i = list.indexOf(entry);
  if (i >= 0) list.splice(i, 1);
}

export class EventTarget {
  constructor() { adoptEventTarget(this); }

  addEventListener(type, callback, options = undefined) {
    requireArgs(arguments.length, 2, "Failed to execute 'addEventListener' on 'EventTarget'");
    const s = stateOf(this ?? globalThis, 'addEventListener');
    type = toDOMString(type);
    if (callback === null || callback === undefined) return;
    if (!isObject(callback)) {
      throw new TypeError("Failed to execute 'addEventListener' on 'EventTarget': parameter 2 is not of type 'Object'.");
    }
    const o = flattenOptions(options);
    if (o.signal !== null && !signalHooks.isSignal(o.signal)) {
      throw new TypeError("Failed to execute 'addEventListener' on 'EventTarget': member signal is not of type 'AbortSignal'.");
    }
    if (o.signal && signalHooks.aborted(o.signal)) return;
    let list = s.listeners.get(type);
    if (!list) s.listeners.set(type, (list = []));
    if (list.some((e) => e.callback === callback && e.capture === o.capture)) return;
    const entry = { callback, capture: o.capture, once: o.once, passive: o.passive, removed: false };
    list.push(entry);
    if (o.signal) signalHooks.onAbort(o.signal, () => removeEntry(list, entry));
  }

  removeEventListener(type, callback, options = undefined) {
    requireArgs(arguments.length, 2, "Failed to execute 'removeEventListener' on 'EventTarget'");
    const s = stateOf(this ?? globalThis, 'removeEventListener');
    type = toDOMString(type);
    const capture = typeof options === 'boolean' ? options : !!(isObject(options) && options.capture);
    const list = s.listeners.get(type);
    if (!list) return;
    const entry = list.find((e) => e.callback === callback && e.capture === capture);
    if (entry) removeEntry(list, entry);
  }

  dispatchEvent(event) {
    requireArgs(arguments.length, 1, "Failed to execute 'dispatchEvent' on 'EventTarget'");
    const target = this ?? globalThis; // a bare dispatchEvent(e) in a worker script targets the global scope
    stateOf(target, 'dispatchEvent');
    if (!isEvent(event)) {
      throw new TypeError("Failed to execute 'dispatchEvent' on 'EventTarget': parameter 1 is not of type 'Event'.");
    }
    if (isDispatching(event)) {
      throw new DOMException("Failed to execute 'dispatchEvent' on 'EventTarget': The event is already being dispatched.", 'InvalidStateError');
    }
    return dispatchEventInternal(target, event);
  }
}
platformClass(EventTarget);

/**
 * Dispatch `event` at `target`. Listener exceptions are reported (console + "error" event) and passed to
 * `onError` when given. Returns false when the event was canceled.
 */
export function dispatchEventInternal(target, event, onError = null) {
  const s = targets.get(target);
  ev.begin(event, target);
  try {
    const list = s === undefined ? undefined : s.listeners.get(event.type);
    if (list !== undefined && list.length !== 0) {
      const snapshot = list.slice();
      let hasCapture = false;
      for (let i = 0; i < snapshot.length; i++) if (snapshot[i].capture) { hasCapture = true; break; }
      // At the target, capturing listeners run first, then the others (DOM spec).
      if (hasCapture) invokeListeners(target, event, list, snapshot, true, onError);
      invokeListeners(target, event, list, snapshot, false, onError);
    }
  } finally {
    ev.end(event);
  }
  return !ev.canceled(event);
}

function invokeListeners(target, event, list, snapshot, capturePass, onError) {
  for (let i = 0; i < snapshot.length; i++) {
    const entry = snapshot[i];
    if (entry.capture !== capturePass || entry.removed) continue;
    if (ev.stoppedImmediately(event)) break;
    if (entry.once) removeEntry(list, entry);
    if (entry.passive) ev.setPassive(event, true);
    try {
      const cb = entry.callback;
      if (typeof cb === 'function') {
        cb.call(target, event);
      } else {
        const handleEvent = cb.handleEvent;
        if (typeof handleEvent !== 'function') throw new TypeError("The provided callback is not a function and has no 'handleEvent' method.");
        handleEvent.call(cb, event);
      }
    } catch (err) {
      reportException(err);
      if (onError) onError(err);
    } finally {
      if (entry.passive) ev.setPassive(event, false);
    }
  }
}

export function hasListeners(target, type) {
  const list = targets.get(target)?.listeners.get(String(type));
  return !!list && list.some((e) => !e.removed);
}

// ---------------------------------------------------------------------------------------------------------
// Event handler attributes: `self.onsync = fn` behaves like one listener that keeps its place in the list.

export function defineEventHandlers(proto, names) {
  for (const name of names) {
    const type = name;
    Object.defineProperty(proto, `on${name}`, {
      configurable: true,
      enumerable: true,
      get() {
        const s = targets.get(this);
        return s?.handlers.get(type)?.value ?? null;
      },
      set(value) {
        const s = targets.get(this);
        if (!s) throw new TypeError('Illegal invocation');
        const current = s.handlers.get(type);
        if (typeof value !== 'function' && !isObject(value)) value = null;
        if (value === null) {
          if (current) {
            const list = s.listeners.get(type);
            if (list) removeEntry(list, current.entry);
            s.handlers.delete(type);
          }
          return;
        }
        if (current) { current.value = value; return; }
        const handler = { value, entry: null };
        const self = this;
        const callback = function (event) {
          const fn = handler.value;
          if (typeof fn !== 'function') return undefined;
          let result;
          if (type === 'error' && event instanceof ErrorEvent) {
            result = Reflect.apply(fn, self, [event.message, event.filename, event.lineno, event.colno, event.error]);
            if (result === true) event.preventDefault();
          } else {
            result = Reflect.apply(fn, self, [event]);
            if (result === false) event.preventDefault();
          }
          return undefined;
        };
        handler.entry = { callback, capture: false, once: false, passive: false, removed: false };
        let list = s.listeners.get(type);
        if (!list) s.listeners.set(type, (list = []));
        list.push(handler.entry);
        s.handlers.set(type, handler);
      },
    });
  }
}

// ---------------------------------------------------------------------------------------------------------
// Reporting an exception: an "error" ErrorEvent at the global scope; unless canceled, the console shows it.

let reporting = false;

export function reportException(err) {
  let canceled = false;
  if (!reporting && targets.has(globalThis)) {
    reporting = true;
    try {
      const e = new ErrorEvent('error', { message: `Uncaught ${describeReason(err)}`, error: err, cancelable: true });
      markTrusted(e);
      canceled = !dispatchEventInternal(globalThis, e);
    } catch {
      // an error listener failing must not hide the original error
    } finally {
      reporting = false;
    }
  }
  if (!canceled) writeConsole('error', `Uncaught ${formatError(err)}`);
}
