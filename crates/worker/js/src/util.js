// Small WebIDL-ish helpers shared by the modules.

/** Symbol under which platform classes describe themselves to console formatting. */
export const kInspect = Symbol('syncscope.inspect');
/** Present (on the prototype) for platform objects that structuredClone must refuse. */
export const kPlatform = Symbol('syncscope.platform');

/** Default value of a required parameter (cheaper than looking at `arguments`, which QuickJS materializes). */
export const kMissing = Symbol('missing argument');

export function isObject(v) {
  return v !== null && (typeof v === 'object' || typeof v === 'function');
}

export function toDOMString(v) {
  if (typeof v === 'symbol') throw new TypeError('Cannot convert a Symbol value to a string');
  return String(v);
}

const loneSurrogates = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function toUSVString(v) {
  const s = toDOMString(v);
  if (typeof s.toWellFormed === 'function') return s.toWellFormed();
  return s.replace(loneSurrogates, '\uFFFD');
}

export function toByteString(v) {
  const s = toDOMString(v);
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) > 0xff) throw new TypeError(`Cannot convert "${s}" to a ByteString: character at index ${i} has a value above 255`);
  }
  return s;
}

/** WebIDL `long` (ToInt32 semantics). */
export function toLong(v) {
  const n = Number(v);
  return Number.isFinite(n) ? n | 0 : 0;
}

/** WebIDL `unsigned short`. */
export function toUnsignedShort(v) {
  const n = Number(v);
  if (!Number.isFinite(n)) return 0;
  const t = Math.trunc(n) % 65536;
  return t < 0 ? t + 65536 : t;
}

/** WebIDL `unsigned long long` without [EnforceRange], kept as a Number. */
export function toUnsignedLongLong(v) {
  const n = Number(v);
  if (!Number.isFinite(n)) return 0;
  return Math.trunc(n);
}

export function requireArgs(count, needed, where) {
  if (count < needed) {
    throw new TypeError(`${where}: ${needed} argument${needed === 1 ? '' : 's'} required, but only ${count} present.`);
  }
}

/** A WebIDL dictionary argument: undefined/null → {}, objects as they are, anything else → TypeError. */
export function toDictionary(v, where) {
  if (v === undefined || v === null) return {};
  if (!isObject(v)) throw new TypeError(`${where}: The provided value is not of type 'object'.`);
  return v;
}

/** Define WebIDL-like (non-enumerable, writable, configurable) properties on an object. */
export function defineHidden(target, props) {
  for (const key of Reflect.ownKeys(props)) {
    Object.defineProperty(target, key, { value: props[key], writable: true, enumerable: false, configurable: true });
  }
}

/** A class's web name: the bundler may call it `_Request` (a self-referencing class) or `Blob2` (a collision). */
function webName(cls) {
  return cls.name.replace(/^_|\d+$/g, '');
}

/** Mark a class as a platform interface: Symbol.toStringTag, kPlatform (not cloneable). */
export function platformClass(cls, { cloneable = false, tag = webName(cls) } = {}) {
  Object.defineProperty(cls.prototype, Symbol.toStringTag, { value: tag, configurable: true });
  if (!cloneable) Object.defineProperty(cls.prototype, kPlatform, { value: tag, configurable: true });
  return cls;
}

/** Copy the bytes a BufferSource designates into a fresh Uint8Array, or null when it is not one. */
export function bufferSourceBytes(v) {
  if (v instanceof ArrayBuffer || isSharedArrayBuffer(v)) return new Uint8Array(v.slice(0));
  if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength));
  return null;
}

/** A view (no copy) of the bytes a BufferSource designates, or null. */
export function bufferSourceView(v) {
  if (v instanceof ArrayBuffer || isSharedArrayBuffer(v)) return new Uint8Array(v);
  if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  return null;
}

function isSharedArrayBuffer(v) {
  return typeof SharedArrayBuffer === 'function' && v instanceof SharedArrayBuffer;
}

/** "name: message" for Errors and DOMExceptions, String(v) otherwise, never throwing. */
export function describeReason(v) {
  try {
    if (isObject(v) && (v instanceof Error || ('name' in v && 'message' in v && typeof v.message === 'string'))) {
      const name = v.name === undefined ? 'Error' : String(v.name);
      const message = String(v.message ?? '');
      return message ? `${name}: ${message}` : name;
    }
    return String(v);
  } catch {
    try { return Object.prototype.toString.call(v); } catch { return '[unprintable]'; }
  }
}
