// Blob and File held in memory (enough for response.blob(), new Response(blob) and structuredClone).
import { Promise } from './intrinsics.js';
import { utf8Encode, utf8Decode } from './encoding.js';
import { bufferSourceBytes, isObject, kInspect, platformClass, toUSVString } from './util.js';
import { ReadableStream, streamFromBytes } from './streams.js';

let blobs;

function normalizeType(t) {
  const s = t === undefined ? '' : String(t);
  return /^[\x20-\x7e]*$/.test(s) ? s.toLowerCase() : '';
}

export class Blob {
  #bytes;
  #type;

  constructor(blobParts = undefined, options = undefined) {
    const chunks = [];
    if (blobParts !== undefined) {
      if (!isObject(blobParts) || typeof blobParts[Symbol.iterator] !== 'function') {
        throw new TypeError("Failed to construct 'Blob': The provided value cannot be converted to a sequence.");
      }
      for (const part of blobParts) {
        if (isObject(part) && blobs.is(part)) chunks.push(blobs.bytes(part));
        else chunks.push(bufferSourceBytes(part) ?? utf8Encode(toUSVString(part)));
      }
    }
    this.#bytes = concatBytes(chunks);
    this.#type = normalizeType(options?.type);
  }

  get size() { return this.#bytes.length; }
  get type() { return this.#type; }

  slice(start = undefined, end = undefined, contentType = undefined) {
    const size = this.#bytes.length;
    const rel = (v, dflt) => {
      if (v === undefined) return dflt;
      const n = Math.trunc(Number(v)) || 0;
      return n < 0 ? Math.max(size + n, 0) : Math.min(n, size);
    };
    const from = rel(start, 0);
    const to = rel(end, size);
    return blobs.make(this.#bytes.slice(from, Math.max(from, to)), normalizeType(contentType));
  }

  text() { return Promise.resolve(utf8Decode(this.#bytes)); }
  arrayBuffer() { return Promise.resolve(this.#bytes.slice().buffer); }
  bytes() { return Promise.resolve(this.#bytes.slice()); }
  stream() { return streamFromBytes(this.#bytes); }

  [kInspect]() { return { size: this.#bytes.length, type: this.#type }; }

  static {
    blobs = {
      is: (b) => #bytes in b,
      bytes: (b) => b.#bytes,
      make(bytes, type) {
        const b = new Blob();
        b.#bytes = bytes;
        b.#type = type;
        return b;
      },
    };
  }
}
platformClass(Blob, { cloneable: true });

export class File extends Blob {
  #name;
  #lastModified;
  constructor(fileBits, fileName, options = undefined) {
    if (arguments.length < 2) throw new TypeError(`Failed to construct 'File': 2 arguments required, but only ${arguments.length} present.`);
    super(fileBits, options);
    this.#name = toUSVString(fileName);
    this.#lastModified = options?.lastModified === undefined ? Date.now() : Math.trunc(Number(options.lastModified)) || 0;
  }
  get name() { return this.#name; }
  get lastModified() { return this.#lastModified; }
  get webkitRelativePath() { return ''; }
}
platformClass(File, { cloneable: true });

export const isBlob = (v) => isObject(v) && blobs.is(v);
export const blobBytes = (b) => blobs.bytes(b);
export const makeBlob = (bytes, type) => blobs.make(bytes, type);

export function concatBytes(chunks) {
  if (chunks.length === 1) return chunks[0];
  let total = 0;
  for (const c of chunks) total += c.length;
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) { out.set(c, o); o += c.length; }
  return out;
}

export { ReadableStream };
