// TextEncoder / TextDecoder (UTF-8 only) on host.utf8Encode / host.utf8Decode.
import { host } from './host.js';
import { bufferSourceView, isObject, kInspect, platformClass, requireArgs, toUSVString } from './util.js';

/** UTF-8 bytes of a string (lone surrogates become U+FFFD). */
export function utf8Encode(s) {
  return host.utf8Encode(toUSVString(s));
}

/** Decode UTF-8 bytes, replacing invalid sequences (or throwing TypeError when fatal). */
export function utf8Decode(bytes, fatal = false) {
  if (bytes.length === 0) return '';
  return host.utf8Decode(bytes, !!fatal);
}

export class TextEncoder {
  get encoding() { return 'utf-8'; }

  encode(input = '') {
    return utf8Encode(input);
  }

  encodeInto(source, destination) {
    requireArgs(arguments.length, 2, "Failed to execute 'encodeInto' on 'TextEncoder'");
    if (!(destination instanceof Uint8Array)) {
      throw new TypeError("Failed to execute 'encodeInto' on 'TextEncoder': parameter 2 is not of type 'Uint8Array'.");
    }
    const s = toUSVString(source);
    let read = 0;
    let written = 0;
    const cap = destination.length;
    for (let i = 0; i < s.length; i++) {
      let cp = s.charCodeAt(i);
      let units = 1;
      if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < s.length) {
        const lo = s.charCodeAt(i + 1);
        if (lo >= 0xdc00 && lo <= 0xdfff) { cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00); units = 2; }
      }
      const size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (written + size > cap) break;
      if (size === 1) destination[written] = cp;
      else if (size === 2) { destination[written] = 0xc0 | (cp >> 6); destination[written + 1] = 0x80 | (cp & 63); }
      else if (size === 3) {
        destination[written] = 0xe0 | (cp >> 12);
        destination[written + 1] = 0x80 | ((cp >> 6) & 63);
        destination[written + 2] = 0x80 | (cp & 63);
      } else {
        destination[written] = 0xf0 | (cp >> 18);
        destination[written + 1] = 0x80 | ((cp >> 12) & 63);
        destination[written + 2] = 0x80 | ((cp >> 6) & 63);
        destination[written + 3] = 0x80 | (cp & 63);
      }
      written += size;
      read += units;
      i += units - 1;
    }
    return { read, written };
  }

  [kInspect]() { return { encoding: 'utf-8' }; }
}
platformClass(TextEncoder);

const utf8Labels = new Set(['unicode-1-1-utf-8', 'unicode11utf8', 'unicode20utf8', 'utf-8', 'utf8', 'x-unicode20utf8']);

/** Length of an incomplete (but so far valid) UTF-8 sequence at the end of `b`, 0 when it ends cleanly. */
function incompleteTail(b) {
  const n = b.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const byte = b[n - back];
    if ((byte & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead byte
    const need = byte >= 0xf0 && byte <= 0xf4 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc2 && byte < 0xe0 ? 2 : 1;
    return need > back ? back : 0;
  }
  return 0;
}

export class TextDecoder {
  #fatal; #ignoreBOM; #pending = null; #bomSeen = false;

  constructor(label = 'utf-8', options = undefined) {
    const name = String(label).trim().toLowerCase();
    if (!utf8Labels.has(name)) {
      throw new RangeError(`Failed to construct 'TextDecoder': The encoding label provided ('${label}') is invalid or not supported (only utf-8 is available).`);
    }
    if (options !== undefined && options !== null && !isObject(options)) {
      throw new TypeError("Failed to construct 'TextDecoder': The provided value is not of type 'TextDecoderOptions'.");
    }
    this.#fatal = !!options?.fatal;
    this.#ignoreBOM = !!options?.ignoreBOM;
  }

  get encoding() { return 'utf-8'; }
  get fatal() { return this.#fatal; }
  get ignoreBOM() { return this.#ignoreBOM; }

  decode(input = undefined, options = undefined) {
    let bytes;
    if (input === undefined || input === null) bytes = new Uint8Array(0);
    else {
      bytes = bufferSourceView(input);
      if (!bytes) {
        throw new TypeError("Failed to execute 'decode' on 'TextDecoder': The provided value is not of type '(ArrayBuffer or ArrayBufferView)'.");
      }
    }
    const stream = !!options?.stream;
    if (this.#pending) {
      const joined = new Uint8Array(this.#pending.length + bytes.length);
      joined.set(this.#pending);
      joined.set(bytes, this.#pending.length);
      bytes = joined;
      this.#pending = null;
    }
    if (stream) {
      const tail = incompleteTail(bytes);
      if (tail) {
        this.#pending = bytes.slice(bytes.length - tail);
        bytes = bytes.subarray(0, bytes.length - tail);
      }
    }
    if (!this.#ignoreBOM && !this.#bomSeen && bytes.length > 0) {
      if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
      this.#bomSeen = true;
    }
    if (!stream) this.#bomSeen = false;
    try {
      return utf8Decode(bytes, this.#fatal);
    } catch (err) {
      this.#pending = null;
      this.#bomSeen = false;
      throw new TypeError("Failed to execute 'decode' on 'TextDecoder': The encoded data was not valid for encoding utf-8", { cause: err });
    }
  }

  [kInspect]() { return { encoding: 'utf-8', fatal: this.#fatal, ignoreBOM: this.#ignoreBOM }; }
}
platformClass(TextDecoder);
