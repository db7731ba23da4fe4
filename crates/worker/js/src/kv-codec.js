// Byte encodings for the host's ordered key-value store (keys compare bytewise, shorter prefix first).
//
// IndexedDB keys are encoded ORDER-PRESERVINGLY: for valid keys a and b,
// sign(indexedDB.cmp(a, b)) === sign(memcmp(encodeKey(a), encodeKey(b))), so key ranges map to byte ranges.
//   number  0x10 + 8 bytes    IEEE-754 big-endian; positive: sign bit set, negative: all bits flipped; -0 → +0
//   date    0x20 + 8 bytes    its time value, as a number
//   string  0x30 + units + 00 each UTF-16 code unit c: c ≤ 0x7E → [c+1]; c ≤ 0x407E → 2 bytes 0x8000+(c−0x7F);
//                              else 3 bytes (c << 6) | 0xC00000 (Firefox's scheme: ASCII is 1 byte, and no
//                              unit starts with 0x00, so the terminator sorts first at any unit boundary)
//   binary  0x40 + bytes + 00 each 0x00 byte escaped as 00 FF
//   array   0x50 + items + 00
// The terminator 0x00 sorts below every type tag, so a prefix (shorter string/binary/array) sorts first.
import { ByteWriter } from './byte-writer.js';
import { DOMException } from './dom-exception.js';

const NUMBER = 0x10;
const DATE = 0x20;
const STRING = 0x30;
const BINARY = 0x40;
const ARRAY = 0x50;

const f64 = new DataView(new ArrayBuffer(8));

function writeNumber(w, n) {
  f64.setFloat64(0, n === 0 ? 0 : n); // -0 and +0 are the same key
  w.ensure(8);
  const negative = f64.getUint8(0) & 0x80;
  for (let i = 0; i < 8; i++) {
    const b = f64.getUint8(i);
    w.buf[w.len++] = negative ? ~b & 0xff : (i === 0 ? b | 0x80 : b);
  }
}

function readNumber(bytes, pos) {
  const negative = !(bytes[pos] & 0x80);
  for (let i = 0; i < 8; i++) {
    const b = bytes[pos + i];
    f64.setUint8(i, negative ? ~b & 0xff : (i === 0 ? b & 0x7f : b));
  }
  return f64.getFloat64(0);
}

function writeString(w, s) {
  w.ensure(s.length * 3 + 1);
  const buf = w.buf;
  let len = w.len;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c <= 0x7e) {
      buf[len++] = c + 1;
    } else if (c <= 0x407e) {
      const v = c - 0x7f + 0x8000;
      buf[len++] = v >> 8;
      buf[len++] = v & 0xff;
    } else {
      const v = (c << 6) | 0xc00000;
      buf[len++] = v >> 16;
      buf[len++] = (v >> 8) & 0xff;
      buf[len++] = v & 0xff;
    }
  }
  buf[len++] = 0;
  w.len = len;
}

function readString(bytes, pos) {
  let out = '';
  let chunk = [];
  for (;;) {
    const b = bytes[pos];
    if (b === undefined) throw corrupt();
    if (b === 0) { pos++; break; }
    let c;
    if (b < 0x80) {
      c = b - 1;
      pos += 1;
    } else if (b < 0xc0) {
      c = ((b << 8) | bytes[pos + 1]) - 0x8000 + 0x7f;
      pos += 2;
    } else {
      c = (((b << 16) | (bytes[pos + 1] << 8) | bytes[pos + 2]) & 0x3fffff) >> 6;
      pos += 3;
    }
    chunk.push(c);
    if (chunk.length === 4096) {
      out += String.fromCharCode.apply(null, chunk);
      chunk = [];
    }
  }
  return [out + String.fromCharCode.apply(null, chunk), pos];
}

function writeBinary(w, bytes) {
  w.ensure(bytes.length * 2 + 1);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    w.buf[w.len++] = b;
    if (b === 0) w.buf[w.len++] = 0xff;
  }
  w.buf[w.len++] = 0;
}

function readBinary(bytes, pos) {
  const out = [];
  for (;;) {
    const b = bytes[pos];
    if (b === undefined) throw corrupt();
    if (b === 0) {
      if (bytes[pos + 1] === 0xff) {
        out.push(0);
        pos += 2;
        continue;
      }
      pos++;
      break;
    }
    out.push(b);
    pos++;
  }
  return [new Uint8Array(out).buffer, pos];
}

function corrupt() {
  return new DOMException('Stored IndexedDB key is corrupt', 'UnknownError');
}

const dateTime = Date.prototype.getTime;
const isDate = (v) => {
  try { dateTime.call(v); return true; } catch { return false; }
};

function writeKey(w, key) {
  if (typeof key === 'number') {
    w.byte(NUMBER);
    writeNumber(w, key);
  } else if (typeof key === 'string') {
    w.byte(STRING);
    writeString(w, key);
  } else if (Array.isArray(key)) {
    w.byte(ARRAY);
    for (let i = 0; i < key.length; i++) writeKey(w, key[i]);
    w.byte(0);
  } else if (key instanceof ArrayBuffer) {
    w.byte(BINARY);
    writeBinary(w, new Uint8Array(key));
  } else if (ArrayBuffer.isView(key)) {
    w.byte(BINARY);
    writeBinary(w, new Uint8Array(key.buffer, key.byteOffset, key.byteLength));
  } else if (isDate(key)) {
    w.byte(DATE);
    writeNumber(w, dateTime.call(key));
  } else {
    throw new DOMException('Data provided to an operation does not meet requirements.', 'DataError');
  }
}

function readKey(bytes, pos) {
  const tag = bytes[pos++];
  switch (tag) {
    case NUMBER: return [readNumber(bytes, pos), pos + 8];
    case DATE: return [new Date(readNumber(bytes, pos)), pos + 8];
    case STRING: return readString(bytes, pos);
    case BINARY: return readBinary(bytes, pos);
    case ARRAY: {
      const out = [];
      while (bytes[pos] !== 0) {
        if (bytes[pos] === undefined) throw corrupt();
        const [item, next] = readKey(bytes, pos);
        out.push(item);
        pos = next;
      }
      return [out, pos + 1];
    }
    default: throw corrupt();
  }
}

/** The order-preserving bytes of a valid IndexedDB key (number, Date, string, BufferSource, array of keys). */
export function encodeKey(key) {
  const w = new ByteWriter();
  writeKey(w, key);
  return w.result();
}

/** The key encodeKey encoded (binary keys come back as ArrayBuffers, dates as Dates). */
export function decodeKey(bytes) {
  const [key, pos] = readKey(bytes, 0);
  if (pos !== bytes.length) throw corrupt();
  return key;
}

/** A string's order-preserving, lossless bytes (lone surrogates included), without a type tag. */
export function encodeString(s) {
  const w = new ByteWriter();
  writeString(w, s);
  return w.result();
}

export function decodeString(bytes) {
  return readString(bytes, 0)[0];
}

/** Bytes of an ASCII string (namespaced meta keys, URLs). Non-ASCII characters must not occur. */
export function asciiBytes(s) {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

export function bytesToAscii(bytes, start = 0, end = bytes.length) {
  let s = '';
  for (let i = start; i < end; i += 4096) s += String.fromCharCode.apply(null, bytes.subarray(i, Math.min(end, i + 4096)));
  return s;
}

/** A name inside a namespace string: `%` and `:` escaped, so `prefix:` never matches another name's namespaces. */
export function escapeName(name) {
  return String(name).replace(/[%:]/g, (c) => (c === '%' ? '%25' : '%3A'));
}

export function unescapeName(s) {
  return s.replace(/%3A|%25/g, (c) => (c === '%25' ? '%' : ':'));
}

/** Concatenate byte arrays. */
export function concatBytes(...parts) {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The exclusive upper bound of all keys that start with `prefix` (null when there is none: all 0xFF). */
export function prefixEnd(prefix) {
  const out = prefix.slice();
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i] !== 0xff) {
      out[i]++;
      return out.slice(0, i + 1);
    }
  }
  return null;
}
