// The Body mixin shared by Request and Response: bodies are bytes (or, for network responses, reads of the
// host's body on demand: see fetch.js and body_stream.rs) exposed through a small
// ReadableStream (`body`), consumed by text()/json()/arrayBuffer()/bytes()/blob().
import { Promise } from './intrinsics.js';
import { DOMException } from './dom-exception.js';
import { utf8Encode, utf8Decode } from './encoding.js';
import { isBlob, blobBytes, makeBlob } from './blob.js';
import { URLSearchParams } from './url-search-params.js';
import { streamFromBytes, isReadableStream, isDisturbed, knownBytes, takeStream, readAllBytes } from './streams.js';
import { bufferSourceBytes } from './util.js';

/** A request/response body: a stream, plus the bytes when they are known. */
export class BodyState {
  constructor(stream, length = null) {
    this.stream = stream;
    this.length = length;
    /** For a network body read on demand: reads all of it at once, while `stream` is still `restStream`. */
    this.readRest = null;
    this.restStream = null;
  }
}

/**
 * Extract a body from a BodyInit (Fetch spec). Returns {body: BodyState, type: string|null}.
 */
export function extractBody(init) {
  let bytes;
  let type = null;
  if (typeof init === 'string') {
    bytes = utf8Encode(init);
    type = 'text/plain;charset=UTF-8';
  } else if (init instanceof URLSearchParams) {
    bytes = utf8Encode(init.toString());
    type = 'application/x-www-form-urlencoded;charset=UTF-8';
  } else if (isBlob(init)) {
    bytes = blobBytes(init);
    if (init.type) type = init.type;
  } else if (isReadableStream(init)) {
    if (init.locked || isDisturbed(init)) throw new TypeError('Response body object should not be disturbed or locked');
    const known = knownBytes(init);
    if (known) {
      takeStream(init);
      return { body: new BodyState(streamFromBytes(known), known.length), type };
    }
    return { body: new BodyState(init, null), type };
  } else {
    bytes = bufferSourceBytes(init);
    if (!bytes) {
      if (typeof FormData === 'function' && init instanceof FormData) {
        throw new DOMException('FormData bodies are not supported by Syncscope', 'NotSupportedError');
      }
      bytes = utf8Encode(String(init));
      type = 'text/plain;charset=UTF-8';
    }
  }
  return { body: new BodyState(streamFromBytes(bytes), bytes.length), type };
}

export function bodyUsed(state) {
  return state !== null && isDisturbed(state.stream);
}

function unusable(state) {
  return state !== null && (isDisturbed(state.stream) || state.stream.locked);
}

/** Consume a body to bytes (rejects when already used or locked). */
export function consumeBytes(state, where) {
  if (state === null) return Promise.resolve(new Uint8Array(0));
  if (unusable(state)) {
    return Promise.reject(new TypeError(`Failed to execute '${where}': body stream already read`));
  }
  const known = knownBytes(state.stream);
  if (known) {
    takeStream(state.stream);
    return Promise.resolve(known);
  }
  // A network body nobody has read from: the host reads the rest at once (one call, bounded by the heap).
  if (state.readRest && state.stream === state.restStream) {
    takeStream(state.stream);
    return state.readRest();
  }
  return readAllBytes(state.stream);
}

/** Clone a body (tee); the original keeps working. */
export function cloneBody(state) {
  if (state === null) return null;
  if (unusable(state)) throw new TypeError('Failed to clone: body is already used');
  const known = knownBytes(state.stream);
  if (known) return new BodyState(streamFromBytes(known), state.length);
  const [a, b] = state.stream.tee();
  state.stream = a;
  return new BodyState(b, state.length);
}

export function isUnusable(state) { return unusable(state); }

function mimeEssence(type) {
  return (type ?? '').split(';')[0].trim().toLowerCase();
}

/** Define text/json/arrayBuffer/bytes/blob/formData on a class whose `getState(obj)` returns its body. */
export function mixinBody(cls, getState, getHeaders) {
  const name = cls.name;
  const consume = (obj, method) => {
    let state;
    try { state = getState(obj); } catch (e) { return Promise.reject(e); }
    return consumeBytes(state, `${method}' on '${name}`);
  };
  const methods = {
    text() { return consume(this, 'text').then((b) => utf8Decode(b)); },
    json() { return consume(this, 'json').then((b) => JSON.parse(utf8Decode(b))); },
    arrayBuffer() { return consume(this, 'arrayBuffer').then((b) => b.slice().buffer); },
    bytes() { return consume(this, 'bytes').then((b) => b.slice()); },
    blob() {
      const type = getHeaders(this).get('content-type') ?? '';
      return consume(this, 'blob').then((b) => makeBlob(b.slice(), mimeEssence(type) === '' ? '' : type.toLowerCase()));
    },
    formData() {
      return consume(this, 'formData').then(() => {
        throw new DOMException(`Failed to execute 'formData' on '${name}': FormData is not supported by Syncscope`, 'NotSupportedError');
      });
    },
  };
  for (const [key, fn] of Object.entries(methods)) {
    Object.defineProperty(cls.prototype, key, { value: fn, writable: true, enumerable: true, configurable: true });
  }
}
