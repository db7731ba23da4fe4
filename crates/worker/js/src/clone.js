// structuredClone (HTML StructuredSerialize/Deserialize in one pass): primitives incl. BigInt, wrappers, Date,
// RegExp, ArrayBuffer, typed arrays, DataView, Map, Set, Error types, DOMException, Blob/File, arrays and
// plain objects with cycles and shared references. Functions, symbols, and platform objects → DataCloneError.
import { DOMException, isDOMException } from './dom-exception.js';
import { isBlob, blobBytes, makeBlob, File } from './blob.js';
import { isObject } from './util.js';
import {
  abByteLength, brand, cloneName, dvBuffer, errorCtors, isError, isUncloneableObject, mapSize, regexpSource, setSize, typedArrayTag,
} from './brands.js';

const describe = cloneName;

function cloneError(v, memory, fail) {
  let name = 'Error';
  try { name = String(v.name); } catch {}
  const Ctor = Object.hasOwn(errorCtors, name) ? errorCtors[name] : Error;
  const msgDesc = Object.getOwnPropertyDescriptor(v, 'message');
  const out = msgDesc && 'value' in msgDesc ? new Ctor(String(msgDesc.value)) : new Ctor();
  memory.set(v, out);
  const stackDesc = Object.getOwnPropertyDescriptor(v, 'stack');
  if (stackDesc && typeof stackDesc.value === 'string') {
    Object.defineProperty(out, 'stack', { value: stackDesc.value, writable: true, configurable: true, enumerable: false });
  }
  const causeDesc = Object.getOwnPropertyDescriptor(v, 'cause');
  if (causeDesc && 'value' in causeDesc) {
    Object.defineProperty(out, 'cause', { value: clone(causeDesc.value, memory, fail), writable: true, configurable: true, enumerable: false });
  }
  return out;
}

function clone(v, memory, fail) {
  if (typeof v === 'symbol') throw fail(`${describe(v)} could not be cloned.`);
  if (typeof v === 'function') throw fail(`${describe(v)} could not be cloned.`);
  if (!isObject(v)) return v;
  if (memory.has(v)) return memory.get(v);

  let out;
  if (brand(Boolean.prototype.valueOf, v)) out = Object(Boolean.prototype.valueOf.call(v));
  else if (brand(Number.prototype.valueOf, v)) out = Object(Number.prototype.valueOf.call(v));
  else if (brand(String.prototype.valueOf, v)) out = Object(String.prototype.valueOf.call(v));
  else if (brand(BigInt.prototype.valueOf, v)) out = Object(BigInt.prototype.valueOf.call(v));
  else if (brand(Symbol.prototype.valueOf, v)) throw fail(`${describe(v)} could not be cloned.`);
  else if (brand(Date.prototype.getTime, v)) out = new Date(Date.prototype.getTime.call(v));
  else if (v !== RegExp.prototype && brand(regexpSource, v)) out = new RegExp(regexpSource.call(v), v.flags);
  else if (brand(abByteLength, v)) {
    if (v.detached) throw fail('An ArrayBuffer is detached and could not be cloned.');
    out = v.slice(0);
  } else if (ArrayBuffer.isView(v)) {
    const buffer = brand(dvBuffer, v) ? dvBuffer.call(v) : v.buffer;
    if (!(buffer instanceof ArrayBuffer)) throw fail(`${describe(v)} could not be cloned.`);
    const copy = clone(buffer, memory, fail);
    const tag = typedArrayTag.call(v);
    out = tag ? new globalThis[tag](copy, v.byteOffset, v.length) : new DataView(copy, v.byteOffset, v.byteLength);
  } else if (brand(mapSize, v)) {
    out = new Map();
    memory.set(v, out);
    const entries = [...Map.prototype.entries.call(v)];
    for (const [k, val] of entries) out.set(clone(k, memory, fail), clone(val, memory, fail));
    return out;
  } else if (brand(setSize, v)) {
    out = new Set();
    memory.set(v, out);
    const values = [...Set.prototype.values.call(v)];
    for (const val of values) out.add(clone(val, memory, fail));
    return out;
  } else if (isDOMException(v)) {
    out = new DOMException(v.message, v.name);
    const stack = Object.getOwnPropertyDescriptor(v, 'stack');
    if (stack && typeof stack.value === 'string') Object.defineProperty(out, 'stack', { value: stack.value, writable: true, configurable: true });
  } else if (isBlob(v)) {
    out = v instanceof File
      ? new File([blobBytes(v)], v.name, { type: v.type, lastModified: v.lastModified })
      : makeBlob(blobBytes(v), v.type);
  } else if (isError(v)) {
    return cloneError(v, memory, fail);
  } else if (isUncloneableObject(v)) {
    throw fail(`${describe(v)} could not be cloned.`);
  } else if (Array.isArray(v)) {
    out = new Array(v.length);
    memory.set(v, out);
    for (const key of Object.keys(v)) out[key] = clone(v[key], memory, fail);
    return out;
  } else {
    out = {};
    memory.set(v, out);
    for (const key of Object.keys(v)) {
      const value = v[key];
      Object.defineProperty(out, key, { value: clone(value, memory, fail), writable: true, enumerable: true, configurable: true });
    }
    return out;
  }
  memory.set(v, out);
  return out;
}

/** structuredClone with `where` naming the API in DataCloneError messages. */
export function cloneValue(value, transfer = [], where = "Failed to execute 'structuredClone' on 'ServiceWorkerGlobalScope'") {
  const fail = (msg) => new DOMException(`${where}: ${msg}`, 'DataCloneError');
  const memory = new Map();
  const transferred = [];
  for (const [i, t] of [...transfer].entries()) {
    if (!brand(abByteLength, t)) throw fail(`Value at index ${i} does not have a transferable type.`);
    if (transferred.includes(t)) throw fail(`ArrayBuffer at index ${i} is a duplicate of an earlier ArrayBuffer.`);
    if (t.detached) throw fail(`ArrayBuffer at index ${i} is already detached.`);
    transferred.push(t);
  }
  const out = clone(value, memory, fail);
  // Transferred buffers end up detached in the sender, as in browsers (where the engine supports it).
  for (const t of transferred) if (typeof t.transfer === 'function') t.transfer();
  return out;
}

export function structuredClone(value, options = undefined) {
  if (arguments.length < 1) throw new TypeError("Failed to execute 'structuredClone' on 'ServiceWorkerGlobalScope': 1 argument required, but only 0 present.");
  const transfer = isObject(options) && options.transfer !== undefined ? options.transfer : [];
  return cloneValue(value, transfer);
}
