// Headers: case-insensitive, sorted and combined iteration, getSetCookie, guards (immutable, request, response).
import { isObject, kInspect, platformClass, toByteString } from './util.js';

const token = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const forbiddenRequest = new Set([
  'accept-charset', 'accept-encoding', 'access-control-request-headers', 'access-control-request-method',
  'connection', 'content-length', 'cookie', 'cookie2', 'date', 'dnt', 'expect', 'host', 'keep-alive', 'origin',
  'referer', 'set-cookie', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'via',
]);
const forbiddenResponse = new Set(['set-cookie', 'set-cookie2']);

function isForbiddenRequestHeader(name, value) {
  if (forbiddenRequest.has(name) || name.startsWith('proxy-') || name.startsWith('sec-')) return true;
  if (name === 'x-http-method' || name === 'x-http-method-override' || name === 'x-method-override') {
    return value.split(',').some((m) => ['CONNECT', 'TRACE', 'TRACK'].includes(m.trim().toUpperCase()));
  }
  return false;
}

function normalizeValue(v) {
  return toByteString(v).replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
}

function validate(name, value, where) {
  if (!token.test(name)) throw new TypeError(`Failed to execute '${where}' on 'Headers': Invalid name`);
  if (/[\0\r\n]/.test(value)) throw new TypeError(`Failed to execute '${where}' on 'Headers': Invalid value`);
}

let hs;

export class Headers {
  #list = []; // [lowercased name, value][] in insertion order
  #guard = 'none';

  constructor(init = undefined) {
    if (init !== undefined) fill(this, init);
  }

  #check(name, value, where) {
    validate(name, value, where);
    if (this.#guard === 'immutable') throw new TypeError(`Failed to execute '${where}' on 'Headers': Headers are immutable`);
    const lower = name.toLowerCase();
    if (this.#guard === 'request' && isForbiddenRequestHeader(lower, value)) return null;
    if (this.#guard === 'response' && forbiddenResponse.has(lower)) return null;
    return lower;
  }

  append(name, value) {
    if (arguments.length < 2) throw new TypeError(`Failed to execute 'append' on 'Headers': 2 arguments required, but only ${arguments.length} present.`);
    const v = normalizeValue(value);
    const lower = this.#check(toByteString(name), v, 'append');
    if (lower !== null) this.#list.push([lower, v]);
  }

  delete(name) {
    if (arguments.length < 1) throw new TypeError("Failed to execute 'delete' on 'Headers': 1 argument required, but only 0 present.");
    const lower = this.#check(toByteString(name), '', 'delete');
    if (lower !== null) this.#list = this.#list.filter(([n]) => n !== lower);
  }

  get(name) {
    if (arguments.length < 1) throw new TypeError("Failed to execute 'get' on 'Headers': 1 argument required, but only 0 present.");
    name = toByteString(name);
    if (!token.test(name)) throw new TypeError("Failed to execute 'get' on 'Headers': Invalid name");
    const lower = name.toLowerCase();
    const values = this.#list.filter(([n]) => n === lower).map(([, v]) => v);
    return values.length ? values.join(', ') : null;
  }

  getSetCookie() {
    return this.#list.filter(([n]) => n === 'set-cookie').map(([, v]) => v);
  }

  has(name) {
    if (arguments.length < 1) throw new TypeError("Failed to execute 'has' on 'Headers': 1 argument required, but only 0 present.");
    name = toByteString(name);
    if (!token.test(name)) throw new TypeError("Failed to execute 'has' on 'Headers': Invalid name");
    const lower = name.toLowerCase();
    return this.#list.some(([n]) => n === lower);
  }

  set(name, value) {
    if (arguments.length < 2) throw new TypeError(`Failed to execute 'set' on 'Headers': 2 arguments required, but only ${arguments.length} present.`);
    const v = normalizeValue(value);
    const lower = this.#check(toByteString(name), v, 'set');
    if (lower === null) return;
    const i = this.#list.findIndex(([n]) => n === lower);
    if (i < 0) this.#list.push([lower, v]);
    else {
      this.#list[i] = [lower, v];
      this.#list = this.#list.filter(([n], j) => j <= i || n !== lower);
    }
  }

  /** Sort and combine (Fetch spec): names sorted, values joined with ", " except set-cookie. */
  #sorted() {
    const names = [...new Set(this.#list.map(([n]) => n))].sort();
    const out = [];
    for (const n of names) {
      if (n === 'set-cookie') {
        for (const [m, v] of this.#list) if (m === n) out.push([n, v]);
      } else {
        out.push([n, this.#list.filter(([m]) => m === n).map(([, v]) => v).join(', ')]);
      }
    }
    return out;
  }

  forEach(callback, thisArg = undefined) {
    if (typeof callback !== 'function') throw new TypeError("Failed to execute 'forEach' on 'Headers': The callback provided as parameter 1 is not a function.");
    for (const [n, v] of this.#sorted()) Reflect.apply(callback, thisArg, [v, n, this]);
  }

  *entries() { yield* this.#sorted(); }
  *keys() { for (const [n] of this.#sorted()) yield n; }
  *values() { for (const [, v] of this.#sorted()) yield v; }

  [kInspect]() { return Object.fromEntries(this.#sorted()); }

  static {
    hs = {
      is: (h) => isObject(h) && #list in h,
      list: (h) => h.#list,
      setGuard: (h, g) => { h.#guard = g; },
      guard: (h) => h.#guard,
      /** Append bypassing the guard (for headers the engine hands us). */
      appendRaw: (h, name, value) => { h.#list.push([String(name).toLowerCase(), String(value)]); },
    };
  }
}
Object.defineProperty(Headers.prototype, Symbol.iterator, { value: Headers.prototype.entries, writable: true, configurable: true });
platformClass(Headers);

/** Fill headers from a HeadersInit (Headers, sequence of pairs, or record). */
export function fill(headers, init) {
  if (!isObject(init)) throw new TypeError("Failed to construct 'Headers': The provided value is not of type '(record<ByteString, ByteString> or sequence<sequence<ByteString>>)'.");
  if (hs.is(init)) {
    for (const [n, v] of hs.list(init)) headers.append(n, v);
    return;
  }
  const iter = init[Symbol.iterator];
  if (iter !== undefined && iter !== null) {
    for (const pair of init) {
      const items = isObject(pair) && typeof pair[Symbol.iterator] === 'function' ? [...pair] : null;
      if (!items || items.length !== 2) throw new TypeError("Failed to construct 'Headers': The provided value cannot be converted to a sequence.");
      headers.append(items[0], items[1]);
    }
    return;
  }
  for (const key of Reflect.ownKeys(init)) {
    const desc = Reflect.getOwnPropertyDescriptor(init, key);
    if (!desc || !desc.enumerable) continue;
    if (typeof key === 'symbol') throw new TypeError('Cannot convert a Symbol value to a string');
    headers.append(key, init[key]);
  }
}

export const isHeaders = (h) => hs.is(h);
export const headerList = (h) => hs.list(h);
export const setGuard = (h, g) => hs.setGuard(h, g);
export const headersGuard = (h) => hs.guard(h);
/** Copy another Headers' list as is (no guard filtering), as `new Request(request)` does. */
export function copyHeaderList(dst, src) {
  for (const [n, v] of hs.list(src)) hs.appendRaw(dst, n, v);
}

/** Headers from [name, value] pairs the engine produced, with the given guard. */
export function headersFromPairs(pairs, guard) {
  const h = new Headers();
  for (const [n, v] of pairs ?? []) hs.appendRaw(h, n, v);
  hs.setGuard(h, guard);
  return h;
}

/** Pairs for the host, in insertion order (duplicates kept). */
export function headerPairs(h) {
  return hs.list(h).map(([n, v]) => [n, v]);
}
