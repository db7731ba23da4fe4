// AbortController / AbortSignal (abort, timeout, any, throwIfAborted, onabort).
import { DOMException } from './dom-exception.js';
import { EventTarget, Event, markTrusted, dispatchEventInternal, defineEventHandlers, signalHooks } from './events.js';
import { internalTimeout } from './timers.js';
import { isObject, kInspect, platformClass, requireArgs } from './util.js';

let creating = false;
let sig;

export class AbortSignal extends EventTarget {
  #aborted = false;
  #reason = undefined;
  #algorithms = [];
  #dependents = [];

  constructor() {
    if (!creating) throw new TypeError("Failed to construct 'AbortSignal': Illegal constructor");
    super();
    creating = false;
  }

  get aborted() { return this.#aborted; }
  get reason() { return this.#reason; }

  throwIfAborted() {
    if (this.#aborted) throw this.#reason;
  }

  static abort(reason = undefined) {
    const s = newSignal();
    s.#aborted = true;
    s.#reason = reason === undefined ? new DOMException('signal is aborted without reason', 'AbortError') : reason;
    return s;
  }

  static timeout(milliseconds) {
    requireArgs(arguments.length, 1, "Failed to execute 'timeout' on 'AbortSignal'");
    const ms = Number(milliseconds);
    if (!Number.isFinite(ms) || ms < 0) {
      throw new TypeError("Failed to execute 'timeout' on 'AbortSignal': Value is outside the 'unsigned long long' value range.");
    }
    const s = newSignal();
    internalTimeout(() => {
      signalAbort(s, new DOMException('signal timed out', 'TimeoutError'));
    }, Math.trunc(ms));
    return s;
  }

  static any(signals) {
    requireArgs(arguments.length, 1, "Failed to execute 'any' on 'AbortSignal'");
    const list = [...signals];
    for (const s of list) {
      if (!sig.is(s)) throw new TypeError("Failed to execute 'any' on 'AbortSignal': Failed to convert value to 'AbortSignal'.");
    }
    return createDependentSignal(list);
  }

  [kInspect]() { return { aborted: this.#aborted }; }

  static {
    sig = {
      is: (s) => isObject(s) && #aborted in s,
      make: () => { creating = true; return new AbortSignal(); },
      abort(s, reason) {
        if (s.#aborted) return;
        s.#aborted = true;
        s.#reason = reason === undefined ? new DOMException('signal is aborted without reason', 'AbortError') : reason;
        const dependents = [];
        const collect = (x) => {
          for (const d of x.#dependents) {
            if (d.#aborted) continue;
            d.#aborted = true;
            d.#reason = s.#reason;
            dependents.push(d);
            collect(d);
          }
          x.#dependents = [];
        };
        collect(s);
        runAbortSteps(s);
        for (const d of dependents) runAbortSteps(d);
      },
      steps(s) {
        const algorithms = s.#algorithms;
        s.#algorithms = [];
        for (const fn of algorithms) {
          try { fn(); } catch { /* algorithms are internal and must not break abort */ }
        }
        const e = markTrusted(new Event('abort'));
        dispatchEventInternal(s, e);
      },
      addAlgorithm(s, fn) { if (!s.#aborted) s.#algorithms.push(fn); },
      follow(dependent, source) {
        if (source.#aborted) { dependent.#aborted = true; dependent.#reason = source.#reason; return; }
        source.#dependents.push(dependent);
      },
    };
  }
}
defineEventHandlers(AbortSignal.prototype, ['abort']);
platformClass(AbortSignal);

function newSignal() { return sig.make(); }
function runAbortSteps(s) { sig.steps(s); }

/** Abort `signal` with `reason` (signal abort, DOM spec). */
export function signalAbort(signal, reason) { sig.abort(signal, reason); }
export const isAbortSignal = (s) => sig.is(s);
/** Run `fn` when the signal aborts (before its "abort" event). */
export function onAbort(signal, fn) { sig.addAlgorithm(signal, fn); }

/** A new signal aborted when any of `sources` aborts (AbortSignal.any / Request's signal). */
export function createDependentSignal(sources) {
  const s = newSignal();
  for (const source of sources) {
    if (source.aborted) { sig.abort(s, source.reason); return s; }
  }
  for (const source of sources) sig.follow(s, source);
  return s;
}

signalHooks.isSignal = (s) => sig.is(s);
signalHooks.aborted = (s) => s.aborted;
signalHooks.onAbort = (s, fn) => sig.addAlgorithm(s, fn);

export class AbortController {
  #signal = newSignal();
  get signal() { return this.#signal; }
  abort(reason = undefined) { sig.abort(this.#signal, reason); }
  [kInspect]() { return { signal: this.#signal }; }
}
platformClass(AbortController);
