// What kind of built-in a value really is, for structuredClone (clone.js) and the storage serializer
// (serialize.js): brand checks through the intrinsics captured when the prelude loads (so a script that replaces
// prototype methods cannot fool them), and the name a value goes by in a DataCloneError.
import { Promise } from './intrinsics.js';
import { kPlatform } from './util.js';

export const typedArrayTag = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag).get;
export const abByteLength = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength').get;
export const dvBuffer = Object.getOwnPropertyDescriptor(DataView.prototype, 'buffer').get;
export const mapSize = Object.getOwnPropertyDescriptor(Map.prototype, 'size').get;
export const setSize = Object.getOwnPropertyDescriptor(Set.prototype, 'size').get;
export const regexpSource = Object.getOwnPropertyDescriptor(RegExp.prototype, 'source').get;
/** The error types structured clone keeps (others become `Error`). */
export const errorCtors = { Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError };

/** Whether `v` has the internal slot `fn` (an intrinsic getter or method) reads. */
export function brand(fn, v) {
  try { fn.call(v); return true; } catch { return false; }
}

export function isError(v) {
  if (typeof Error.isError === 'function') return Error.isError(v);
  return v instanceof Error;
}

/** Platform objects, promises and weak collections: what structured clone refuses even though it is an object. */
export function isUncloneableObject(v) {
  return kPlatform in v || v instanceof Promise || brand(WeakMap.prototype.has, v) || brand(WeakSet.prototype.has, v)
    || (typeof WeakRef === 'function' && brand(WeakRef.prototype.deref, v));
}

/** How a value is named in "… could not be cloned." (a function's text, a symbol, `#<Name>`). */
export function cloneName(v) {
  try {
    if (typeof v === 'function') return Function.prototype.toString.call(v);
    if (typeof v === 'symbol') return v.toString();
    return `#<${v?.[kPlatform] ?? v?.constructor?.name ?? 'Object'}>`;
  } catch {
    return 'value';
  }
}
