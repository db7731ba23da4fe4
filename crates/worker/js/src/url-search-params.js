// URLSearchParams: application/x-www-form-urlencoded parsing and serializing (URL spec), pure JS.
import { utf8Encode, utf8Decode } from './encoding.js';
import { isObject, kInspect, platformClass, requireArgs, toUSVString } from './util.js';

/** Percent-decode then UTF-8 decode (invalid sequences → U+FFFD). */
function percentDecode(s) {
  if (!s.includes('%')) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    // Malformed escapes or invalid UTF-8: decode byte by byte like the spec does.
    const input = utf8Encode(s);
    const out = new Uint8Array(input.length);
    let o = 0;
    const hex = (b) => (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66);
    for (let i = 0; i < input.length; i++) {
      const b = input[i];
      if (b === 0x25 && i + 2 < input.length && hex(input[i + 1]) && hex(input[i + 2])) {
        out[o++] = parseInt(String.fromCharCode(input[i + 1], input[i + 2]), 16);
        i += 2;
      } else {
        out[o++] = b;
      }
    }
    return utf8Decode(out.subarray(0, o), false);
  }
}

/** application/x-www-form-urlencoded parser: string → [name, value][] */
export function parseUrlencoded(input) {
  const list = [];
  if (!input) return list;
  for (const sequence of input.split('&')) {
    if (sequence === '') continue;
    const eq = sequence.indexOf('=');
    const name = eq < 0 ? sequence : sequence.slice(0, eq);
    const value = eq < 0 ? '' : sequence.slice(eq + 1);
    list.push([percentDecode(name.replace(/\+/g, ' ')), percentDecode(value.replace(/\+/g, ' '))]);
  }
  return list;
}

/** application/x-www-form-urlencoded byte serializer for one (well-formed) string. */
export function serializeComponent(s) {
  return encodeURIComponent(s)
    .replace(/%20/g, '+')
    .replace(/[!'()~]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

export function serializeUrlencoded(list) {
  return list.map(([n, v]) => `${serializeComponent(n)}=${serializeComponent(v)}`).join('&');
}

let usp;

export class URLSearchParams {
  #list = [];
  #onUpdate = null; // set when the object belongs to a URL

  constructor(init = '') {
    if (isObject(init)) {
      const iter = init[Symbol.iterator];
      if (iter !== undefined && iter !== null) {
        if (typeof iter !== 'function') throw new TypeError("Failed to construct 'URLSearchParams': The object must have a callable @@iterator property.");
        for (const pair of init) {
          if (!isObject(pair) || typeof pair[Symbol.iterator] !== 'function') {
            throw new TypeError("Failed to construct 'URLSearchParams': The provided value cannot be converted to a sequence.");
          }
          const items = [...pair];
          if (items.length !== 2) {
            throw new TypeError("Failed to construct 'URLSearchParams': Sequence initializer must only contain pair elements");
          }
          this.#list.push([toUSVString(items[0]), toUSVString(items[1])]);
        }
      } else {
        for (const key of Reflect.ownKeys(init)) {
          const desc = Reflect.getOwnPropertyDescriptor(init, key);
          if (!desc || !desc.enumerable) continue;
          if (typeof key === 'symbol') throw new TypeError('Cannot convert a Symbol value to a string');
          this.#list.push([toUSVString(key), toUSVString(init[key])]);
        }
      }
    } else {
      let s = toUSVString(init);
      if (s.startsWith('?')) s = s.slice(1);
      this.#list = parseUrlencoded(s);
    }
  }

  #update() {
    if (this.#onUpdate) this.#onUpdate(serializeUrlencoded(this.#list));
  }

  get size() { return this.#list.length; }

  append(name, value) {
    requireArgs(arguments.length, 2, "Failed to execute 'append' on 'URLSearchParams'");
    this.#list.push([toUSVString(name), toUSVString(value)]);
    this.#update();
  }

  delete(name, value = undefined) {
    requireArgs(arguments.length, 1, "Failed to execute 'delete' on 'URLSearchParams'");
    name = toUSVString(name);
    if (value === undefined) this.#list = this.#list.filter(([n]) => n !== name);
    else {
      value = toUSVString(value);
      this.#list = this.#list.filter(([n, v]) => !(n === name && v === value));
    }
    this.#update();
  }

  get(name) {
    requireArgs(arguments.length, 1, "Failed to execute 'get' on 'URLSearchParams'");
    name = toUSVString(name);
    const e = this.#list.find(([n]) => n === name);
    return e ? e[1] : null;
  }

  getAll(name) {
    requireArgs(arguments.length, 1, "Failed to execute 'getAll' on 'URLSearchParams'");
    name = toUSVString(name);
    return this.#list.filter(([n]) => n === name).map(([, v]) => v);
  }

  has(name, value = undefined) {
    requireArgs(arguments.length, 1, "Failed to execute 'has' on 'URLSearchParams'");
    name = toUSVString(name);
    if (value === undefined) return this.#list.some(([n]) => n === name);
    value = toUSVString(value);
    return this.#list.some(([n, v]) => n === name && v === value);
  }

  set(name, value) {
    requireArgs(arguments.length, 2, "Failed to execute 'set' on 'URLSearchParams'");
    name = toUSVString(name);
    value = toUSVString(value);
    const i = this.#list.findIndex(([n]) => n === name);
    if (i < 0) this.#list.push([name, value]);
    else {
      this.#list[i] = [name, value];
      this.#list = this.#list.filter(([n], j) => j <= i || n !== name);
    }
    this.#update();
  }

  sort() {
    // Stable sort by code units of the names (Array.prototype.sort is stable).
    this.#list.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    this.#update();
  }

  forEach(callback, thisArg = undefined) {
    requireArgs(arguments.length, 1, "Failed to execute 'forEach' on 'URLSearchParams'");
    if (typeof callback !== 'function') throw new TypeError("Failed to execute 'forEach' on 'URLSearchParams': The callback provided as parameter 1 is not a function.");
    for (let i = 0; i < this.#list.length; i++) {
      const [n, v] = this.#list[i];
      Reflect.apply(callback, thisArg, [v, n, this]);
    }
  }

  *entries() { for (let i = 0; i < this.#list.length; i++) yield [this.#list[i][0], this.#list[i][1]]; }
  *keys() { for (let i = 0; i < this.#list.length; i++) yield this.#list[i][0]; }
  *values() { for (let i = 0; i < this.#list.length; i++) yield this.#list[i][1]; }

  toString() { return serializeUrlencoded(this.#list); }

  [kInspect]() { return Object.fromEntries(this.#list); }

  static {
    usp = {
      /** Bind to a URL: `onUpdate(serialized)` runs after every mutation. */
      attach(p, onUpdate) { p.#onUpdate = onUpdate; },
      /** The URL's query changed: re-parse without notifying. */
      reset(p, query) { p.#list = parseUrlencoded(query); },
    };
  }
}
Object.defineProperty(URLSearchParams.prototype, Symbol.iterator, {
  value: URLSearchParams.prototype.entries, writable: true, configurable: true,
});
platformClass(URLSearchParams);

export const attachSearchParams = (p, fn) => usp.attach(p, fn);
export const resetSearchParams = (p, query) => usp.reset(p, query);
