// The engine clock: Date.now(), new Date() and performance.now() follow host.now() (real or virtual time).
import { host } from './host.js';
import { kInspect, platformClass } from './util.js';

export function clockNow() { return Number(host.now()); }

/** Engine time (ms since the epoch) when the prelude ran: performance.timeOrigin. */
export const timeOrigin = clockNow();

const NativeDate = Date;

/** Replace the global Date so that Date.now() / new Date() / Date() read the engine clock. */
export function installDate() {
  // A plain function (not a class) so `Date()` without `new` keeps working; instances are real Dates.
  const PatchedDate = function Date(...args) {
    if (new.target === undefined) return new NativeDate(Math.floor(clockNow())).toString();
    if (args.length === 0) return Reflect.construct(NativeDate, [Math.floor(clockNow())], new.target);
    return Reflect.construct(NativeDate, args, new.target);
  };
  Object.defineProperty(PatchedDate, 'length', { value: 7 });
  Object.defineProperty(PatchedDate, 'name', { value: 'Date' });
  Object.defineProperty(PatchedDate, 'prototype', { value: NativeDate.prototype, writable: false });
  Object.defineProperty(NativeDate.prototype, 'constructor', { value: PatchedDate, writable: true, configurable: true });
  for (const key of ['parse', 'UTC']) {
    Object.defineProperty(PatchedDate, key, { value: NativeDate[key], writable: true, configurable: true });
  }
  Object.defineProperty(PatchedDate, 'now', {
    value: function now() { return Math.floor(clockNow()); },
    writable: true,
    configurable: true,
  });
  Object.defineProperty(globalThis, 'Date', { value: PatchedDate, writable: true, configurable: true, enumerable: false });
}

export class Performance {
  constructor() { throw new TypeError('Illegal constructor'); }
  get timeOrigin() { return timeOrigin; }
  now() { return clockNow() - timeOrigin; }
  toJSON() { return { timeOrigin }; }
  [kInspect]() { return { timeOrigin }; }
}
platformClass(Performance);

export const performance = Object.create(Performance.prototype);
