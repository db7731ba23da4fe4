// StructuredSerializeForStorage / StructuredDeserialize to bytes: what IndexedDB values (and Cache Storage
// metadata) become in the host's key-value store. Round-trips everything structuredClone() accepts: primitives
// (incl. -0, NaN, BigInt), wrapper objects, Date, RegExp, ArrayBuffer, typed arrays and DataView (sharing their
// buffer), Map, Set, Error types, DOMException, Blob/File, arrays (holes and extra properties kept) and plain
// objects, with shared references and cycles. Anything else throws DataCloneError, like structuredClone.
//
// Format: one tag byte per value; unsigned LEB128 varints; float64 little-endian; strings as Latin-1 bytes
// when every code unit is < 0x100, else UTF-16LE code units (lossless: lone surrogates survive). Every object
// gets the next reference number when first written; a repeat is written as REF + number.
import { ByteWriter } from './byte-writer.js';
import { DOMException, isDOMException } from './dom-exception.js';
import { isBlob, blobBytes, makeBlob, File } from './blob.js';
import {
  abByteLength, brand, cloneName, dvBuffer, errorCtors, isError, isUncloneableObject, mapSize, regexpSource, setSize, typedArrayTag,
} from './brands.js';

const T = {
  UNDEFINED: 0, NULL: 1, TRUE: 2, FALSE: 3, NUMBER: 4, INT: 5, BIGINT: 6, STR8: 7, STR16: 8, REF: 9,
  BOOLEAN_OBJ: 10, NUMBER_OBJ: 11, STRING_OBJ: 12, BIGINT_OBJ: 13, DATE: 14, REGEXP: 15, ARRAY_BUFFER: 16,
  VIEW: 17, MAP: 18, SET: 19, ARRAY: 20, SPARSE_ARRAY: 21, OBJECT: 22, ERROR: 23, DOM_EXCEPTION: 24, BLOB: 25,
  FILE: 26,
};
const VERSION = 1;

const viewKinds = ['Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array',
  'Uint32Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array', 'DataView', 'Float16Array'];
const scratch = new DataView(new ArrayBuffer(8));

class Writer extends ByteWriter {
  constructor() {
    super(256);
    this.refs = new Map();
  }
  varint(n) {
    this.ensure(10);
    while (n >= 0x80) {
      this.buf[this.len++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
    this.buf[this.len++] = n;
  }
  f64(n) {
    scratch.setFloat64(0, n, true);
    this.ensure(8);
    for (let i = 0; i < 8; i++) this.buf[this.len++] = scratch.getUint8(i);
  }
  raw(bytes) {
    this.varint(bytes.length);
    this.bytes(bytes);
  }
  str(s) {
    const n = s.length;
    let wide = false;
    for (let i = 0; i < n; i++) {
      if (s.charCodeAt(i) > 0xff) { wide = true; break; }
    }
    this.byte(wide ? T.STR16 : T.STR8);
    this.varint(n);
    this.ensure(wide ? n * 2 : n);
    const buf = this.buf;
    let len = this.len;
    if (wide) {
      for (let i = 0; i < n; i++) {
        const c = s.charCodeAt(i);
        buf[len++] = c & 0xff;
        buf[len++] = c >> 8;
      }
    } else {
      for (let i = 0; i < n; i++) buf[len++] = s.charCodeAt(i);
    }
    this.len = len;
  }
}

function fail(v) {
  return new DOMException(`${cloneName(v)} could not be cloned.`, 'DataCloneError');
}

function ownData(v, key) {
  const d = Object.getOwnPropertyDescriptor(v, key);
  return d && 'value' in d ? d : undefined;
}

function write(w, v) {
  switch (typeof v) {
    case 'undefined': w.byte(T.UNDEFINED); return;
    case 'boolean': w.byte(v ? T.TRUE : T.FALSE); return;
    case 'number':
      if (Number.isInteger(v) && v >= 0 && v <= Number.MAX_SAFE_INTEGER && !Object.is(v, -0)) {
        w.byte(T.INT);
        w.varint(v);
      } else {
        w.byte(T.NUMBER);
        w.f64(v);
      }
      return;
    case 'string': w.str(v); return;
    case 'bigint': w.byte(T.BIGINT); w.str(v.toString()); return;
    case 'symbol': case 'function': throw fail(v);
    default: break;
  }
  if (v === null) { w.byte(T.NULL); return; }
  const ref = w.refs.get(v);
  if (ref !== undefined) {
    w.byte(T.REF);
    w.varint(ref);
    return;
  }
  w.refs.set(v, w.refs.size);

  if (Array.isArray(v)) {
    const keys = Object.keys(v);
    const n = v.length;
    if (keys.length === n && (n === 0 || keys[n - 1] === String(n - 1))) {
      w.byte(T.ARRAY);
      w.varint(n);
      for (let i = 0; i < n; i++) write(w, v[i]);
    } else {
      // Holes or extra properties: the length, then every own enumerable property.
      w.byte(T.SPARSE_ARRAY);
      w.varint(n);
      w.varint(keys.length);
      for (const k of keys) { w.str(k); write(w, v[k]); }
    }
    return;
  }
  if (brand(Date.prototype.getTime, v)) { w.byte(T.DATE); w.f64(Date.prototype.getTime.call(v)); return; }
  if (brand(abByteLength, v)) {
    if (v.detached) throw new DOMException('An ArrayBuffer is detached and could not be cloned.', 'DataCloneError');
    w.byte(T.ARRAY_BUFFER);
    w.raw(new Uint8Array(v));
    return;
  }
  if (ArrayBuffer.isView(v)) {
    const isDataView = brand(dvBuffer, v);
    const buffer = isDataView ? dvBuffer.call(v) : v.buffer;
    if (!brand(abByteLength, buffer)) throw fail(v);
    const kind = viewKinds.indexOf(isDataView ? 'DataView' : typedArrayTag.call(v));
    if (kind < 0) throw fail(v);
    w.byte(T.VIEW);
    w.byte(kind);
    write(w, buffer);
    w.varint(v.byteOffset);
    w.varint(isDataView ? v.byteLength : v.length);
    return;
  }
  if (brand(mapSize, v)) {
    const entries = [...Map.prototype.entries.call(v)];
    w.byte(T.MAP);
    w.varint(entries.length);
    for (const [k, val] of entries) { write(w, k); write(w, val); }
    return;
  }
  if (brand(setSize, v)) {
    const values = [...Set.prototype.values.call(v)];
    w.byte(T.SET);
    w.varint(values.length);
    for (const val of values) write(w, val);
    return;
  }
  if (brand(Boolean.prototype.valueOf, v)) { w.byte(T.BOOLEAN_OBJ); w.byte(Boolean.prototype.valueOf.call(v) ? 1 : 0); return; }
  if (brand(Number.prototype.valueOf, v)) { w.byte(T.NUMBER_OBJ); w.f64(Number.prototype.valueOf.call(v)); return; }
  if (brand(String.prototype.valueOf, v)) { w.byte(T.STRING_OBJ); w.str(String.prototype.valueOf.call(v)); return; }
  if (brand(BigInt.prototype.valueOf, v)) { w.byte(T.BIGINT_OBJ); w.str(BigInt.prototype.valueOf.call(v).toString()); return; }
  if (v !== RegExp.prototype && brand(regexpSource, v)) { w.byte(T.REGEXP); w.str(regexpSource.call(v)); w.str(v.flags); return; }
  if (isDOMException(v)) {
    w.byte(T.DOM_EXCEPTION);
    w.str(v.name);
    w.str(v.message);
    const stack = ownData(v, 'stack');
    write(w, stack && typeof stack.value === 'string' ? stack.value : undefined);
    return;
  }
  if (isBlob(v)) {
    if (v instanceof File) {
      w.byte(T.FILE);
      w.str(v.name);
      w.f64(v.lastModified);
    } else {
      w.byte(T.BLOB);
    }
    w.str(v.type);
    w.raw(blobBytes(v));
    return;
  }
  if (isError(v)) {
    let name = 'Error';
    try { name = String(v.name); } catch {}
    w.byte(T.ERROR);
    w.str(Object.hasOwn(errorCtors, name) ? name : 'Error');
    const message = ownData(v, 'message');
    write(w, message ? String(message.value) : undefined);
    const stack = ownData(v, 'stack');
    write(w, stack && typeof stack.value === 'string' ? stack.value : undefined);
    const cause = ownData(v, 'cause');
    w.byte(cause ? 1 : 0);
    if (cause) write(w, cause.value);
    return;
  }
  if (isUncloneableObject(v)) {
    throw fail(v);
  }
  const keys = Object.keys(v);
  w.byte(T.OBJECT);
  w.varint(keys.length);
  for (const k of keys) { w.str(k); write(w, v[k]); }
}

/** Serialize a value to bytes (throws DataCloneError for values structuredClone refuses). */
export function serialize(value) {
  const w = new Writer();
  w.byte(VERSION);
  write(w, value);
  return w.result();
}

class Reader {
  constructor(bytes) {
    this.b = bytes;
    this.pos = 0;
    this.refs = [];
  }
  byte() {
    if (this.pos >= this.b.length) throw corrupt();
    return this.b[this.pos++];
  }
  varint() {
    let n = 0;
    let mul = 1;
    for (;;) {
      const b = this.byte();
      n += (b & 0x7f) * mul;
      if (b < 0x80) return n;
      mul *= 0x80;
    }
  }
  f64() {
    if (this.pos + 8 > this.b.length) throw corrupt();
    for (let i = 0; i < 8; i++) scratch.setUint8(i, this.b[this.pos++]);
    return scratch.getFloat64(0, true);
  }
  raw() {
    const n = this.varint();
    if (this.pos + n > this.b.length) throw corrupt();
    const out = this.b.slice(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
  str() {
    const tag = this.byte();
    if (tag !== T.STR8 && tag !== T.STR16) throw corrupt();
    return this.strBody(tag);
  }
  strBody(tag) {
    const n = this.varint();
    const wide = tag === T.STR16;
    const end = this.pos + (wide ? n * 2 : n);
    if (end > this.b.length) throw corrupt();
    const b = this.b;
    let out = '';
    const chunk = [];
    for (let p = this.pos; p < end; p += wide ? 2 : 1) {
      chunk.push(wide ? b[p] | (b[p + 1] << 8) : b[p]);
      if (chunk.length === 4096) {
        out += String.fromCharCode.apply(null, chunk);
        chunk.length = 0;
      }
    }
    this.pos = end;
    return out + String.fromCharCode.apply(null, chunk);
  }
}

function corrupt() {
  return new DOMException('Stored value is corrupt', 'UnknownError');
}

function setProp(obj, key, value) {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
  else obj[key] = value;
}

function read(r) {
  const tag = r.byte();
  switch (tag) {
    case T.UNDEFINED: return undefined;
    case T.NULL: return null;
    case T.TRUE: return true;
    case T.FALSE: return false;
    case T.INT: return r.varint();
    case T.NUMBER: return r.f64();
    case T.BIGINT: return BigInt(r.str());
    case T.STR8: case T.STR16: return r.strBody(tag);
    case T.REF: {
      const i = r.varint();
      if (i >= r.refs.length) throw corrupt();
      return r.refs[i];
    }
    default: break;
  }
  const slot = r.refs.length;
  r.refs.push(undefined);
  const keep = (v) => { r.refs[slot] = v; return v; };
  switch (tag) {
    case T.ARRAY: {
      const n = r.varint();
      const out = keep(new Array(n));
      for (let i = 0; i < n; i++) out[i] = read(r);
      return out;
    }
    case T.SPARSE_ARRAY: {
      const out = keep(new Array(r.varint()));
      const count = r.varint();
      for (let i = 0; i < count; i++) {
        const k = r.str();
        setProp(out, k, read(r));
      }
      return out;
    }
    case T.OBJECT: {
      const out = keep({});
      const count = r.varint();
      for (let i = 0; i < count; i++) {
        const k = r.str();
        setProp(out, k, read(r));
      }
      return out;
    }
    case T.DATE: return keep(new Date(r.f64()));
    case T.ARRAY_BUFFER: return keep(r.raw().buffer);
    case T.VIEW: {
      const kind = viewKinds[r.byte()];
      const buffer = read(r);
      const offset = r.varint();
      const length = r.varint();
      const Ctor = globalThis[kind];
      if (typeof Ctor !== 'function' || !(buffer instanceof ArrayBuffer)) throw corrupt();
      return keep(new Ctor(buffer, offset, length));
    }
    case T.MAP: {
      const out = keep(new Map());
      const n = r.varint();
      for (let i = 0; i < n; i++) {
        const k = read(r);
        out.set(k, read(r));
      }
      return out;
    }
    case T.SET: {
      const out = keep(new Set());
      const n = r.varint();
      for (let i = 0; i < n; i++) out.add(read(r));
      return out;
    }
    case T.BOOLEAN_OBJ: return keep(Object(r.byte() === 1));
    case T.NUMBER_OBJ: return keep(Object(r.f64()));
    case T.STRING_OBJ: return keep(Object(r.str()));
    case T.BIGINT_OBJ: return keep(Object(BigInt(r.str())));
    case T.REGEXP: {
      const source = r.str();
      return keep(new RegExp(source, r.str()));
    }
    case T.DOM_EXCEPTION: {
      const name = r.str();
      const out = keep(new DOMException(r.str(), name));
      const stack = read(r);
      if (typeof stack === 'string') Object.defineProperty(out, 'stack', { value: stack, writable: true, configurable: true });
      return out;
    }
    case T.BLOB: {
      const type = r.str();
      return keep(makeBlob(r.raw(), type));
    }
    case T.FILE: {
      const name = r.str();
      const lastModified = r.f64();
      const type = r.str();
      return keep(new File([r.raw()], name, { type, lastModified }));
    }
    case T.ERROR: {
      const Ctor = errorCtors[r.str()] ?? Error;
      const message = read(r);
      const out = keep(message === undefined ? new Ctor() : new Ctor(message));
      const stack = read(r);
      if (typeof stack === 'string') Object.defineProperty(out, 'stack', { value: stack, writable: true, configurable: true });
      else delete out.stack;
      if (r.byte() === 1) Object.defineProperty(out, 'cause', { value: read(r), writable: true, configurable: true });
      return out;
    }
    default: throw corrupt();
  }
}

/** Deserialize bytes made by serialize(). */
export function deserialize(bytes) {
  const r = new Reader(bytes);
  if (r.byte() !== VERSION) throw corrupt();
  const v = read(r);
  if (r.pos !== bytes.length) throw corrupt();
  return v;
}
