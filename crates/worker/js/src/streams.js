// A small ReadableStream: enough for `response.body`, `new Response(otherResponse.body)`, getReader(),
// async iteration, tee() and streams built with {start, pull, cancel}. No byte streams, no pipeTo.
import { Promise } from './intrinsics.js';
import { isObject, kInspect, platformClass } from './util.js';

let rs;

export class ReadableStream {
  #queue = [];
  #state = 'readable'; // 'readable' | 'closed' | 'errored'
  #error = undefined;
  #reader = null;
  #disturbed = false;
  #closeRequested = false;
  #pulling = false;
  #source = null;
  #waiting = []; // pending read requests {resolve, reject}
  #bytes = null; // set while the stream is an untouched view over known bytes (fast path for bodies)

  constructor(underlyingSource = undefined, strategy = undefined) {
    if (underlyingSource !== undefined && underlyingSource !== null && !isObject(underlyingSource)) {
      throw new TypeError("Failed to construct 'ReadableStream': The provided value is not of type 'UnderlyingSource'.");
    }
    if (underlyingSource?.type === 'bytes') {
      throw new RangeError("Failed to construct 'ReadableStream': byte streams are not supported by Syncscope.");
    }
    void strategy;
    this.#source = underlyingSource ?? {};
    const controller = Object.create(ReadableStreamDefaultController.prototype);
    controllers.set(controller, this);
    this.#controller = controller;
    let started;
    if (typeof this.#source.start === 'function') started = Reflect.apply(this.#source.start, this.#source, [controller]);
    Promise.resolve(started).then(() => { this.#started = true; rs.pull(this); }, (e) => rs.error(this, e));
  }

  #controller = null;
  #started = false;

  get locked() { return this.#reader !== null; }

  getReader(options = undefined) {
    if (options?.mode !== undefined) throw new RangeError("Failed to execute 'getReader' on 'ReadableStream': BYOB readers are not supported.");
    if (this.#reader) throw new TypeError("Failed to execute 'getReader' on 'ReadableStream': ReadableStreamDefaultReader constructor can only accept readable streams that are not yet locked to a reader");
    const reader = Object.create(ReadableStreamDefaultReader.prototype);
    readers.set(reader, { stream: this, closed: null });
    this.#reader = reader;
    return reader;
  }

  cancel(reason = undefined) {
    if (this.#reader) return Promise.reject(new TypeError('Cannot cancel a locked stream'));
    return rs.cancel(this, reason);
  }

  tee() {
    if (this.#reader) throw new TypeError("Failed to execute 'tee' on 'ReadableStream': Cannot tee a locked stream");
    if (this.#bytes && !this.#disturbed) {
      const bytes = this.#bytes;
      rs.lock(this);
      return [streamFromBytes(bytes), streamFromBytes(bytes)];
    }
    const reader = this.getReader();
    const branches = [];
    let reading = null;
    const pullBoth = () => {
      if (!reading) {
        reading = reader.read().then(({ done, value }) => {
          reading = null;
          for (const b of branches) {
            if (rs.state(b.stream) !== 'readable' || b.canceled) continue;
            if (done) b.ctl.close(); else b.ctl.enqueue(value);
          }
        }, (e) => { reading = null; for (const b of branches) b.ctl.error(e); });
      }
      return reading;
    };
    for (let i = 0; i < 2; i++) {
      const b = { ctl: null, stream: null, canceled: false };
      b.stream = new ReadableStream({
        start(c) { b.ctl = c; },
        pull: pullBoth,
        cancel: () => { b.canceled = true; if (branches.every((x) => x.canceled)) reader.cancel(); },
      });
      branches.push(b);
    }
    return [branches[0].stream, branches[1].stream];
  }

  values({ preventCancel = false } = {}) {
    const reader = this.getReader();
    return {
      next: () => reader.read(),
      return: async (value) => {
        if (!preventCancel) await reader.cancel(value);
        reader.releaseLock();
        return { done: true, value };
      },
      [Symbol.asyncIterator]() { return this; },
    };
  }

  [kInspect]() { return { locked: this.#reader !== null, state: this.#state }; }

  static {
    rs = {
      is: (s) => isObject(s) && #queue in s,
      state: (s) => s.#state,
      errorOf: (s) => s.#error,
      disturbed: (s) => s.#disturbed,
      bytes: (s) => (s.#disturbed || s.#reader ? null : s.#bytes),
      setBytes: (s, b) => { s.#bytes = b; },
      enqueue(s, chunk) {
        if (s.#state !== 'readable' || s.#closeRequested) throw new TypeError('Cannot enqueue a chunk into a closed readable stream');
        s.#bytes = null;
        const w = s.#waiting.shift();
        if (w) w.resolve({ value: chunk, done: false });
        else s.#queue.push(chunk);
      },
      close(s) {
        if (s.#state !== 'readable' || s.#closeRequested) throw new TypeError('Cannot close a readable stream that is already closing');
        s.#closeRequested = true;
        if (s.#queue.length === 0) rs.finishClose(s);
      },
      finishClose(s) {
        s.#state = 'closed';
        for (const w of s.#waiting.splice(0)) w.resolve({ value: undefined, done: true });
        const r = s.#reader && readers.get(s.#reader);
        if (r?.closed) r.closed.resolve(undefined);
      },
      error(s, e) {
        if (s.#state !== 'readable') return;
        s.#state = 'errored';
        s.#error = e;
        s.#queue = [];
        for (const w of s.#waiting.splice(0)) w.reject(e);
        const r = s.#reader && readers.get(s.#reader);
        if (r?.closed) { r.closed.promise.catch(() => {}); r.closed.reject(e); }
      },
      pull(s) {
        if (!s.#started || s.#pulling || s.#state !== 'readable' || s.#closeRequested) return;
        if (typeof s.#source.pull !== 'function' || s.#waiting.length === 0) return;
        s.#pulling = true;
        let p;
        try { p = Reflect.apply(s.#source.pull, s.#source, [s.#controller]); } catch (e) { s.#pulling = false; rs.error(s, e); return; }
        Promise.resolve(p).then(() => { s.#pulling = false; if (s.#waiting.length) rs.pull(s); }, (e) => { s.#pulling = false; rs.error(s, e); });
      },
      read(s) {
        s.#disturbed = true;
        if (s.#queue.length) {
          const value = s.#queue.shift();
          if (s.#closeRequested && s.#queue.length === 0) rs.finishClose(s);
          return Promise.resolve({ value, done: false });
        }
        if (s.#state === 'closed') return Promise.resolve({ value: undefined, done: true });
        if (s.#state === 'errored') return Promise.reject(s.#error);
        return new Promise((resolve, reject) => {
          s.#waiting.push({ resolve, reject });
          rs.pull(s);
        });
      },
      cancel(s, reason) {
        s.#disturbed = true;
        if (s.#state === 'closed') return Promise.resolve(undefined);
        if (s.#state === 'errored') return Promise.reject(s.#error);
        s.#queue = [];
        rs.finishClose(s);
        const cancel = s.#source.cancel;
        if (typeof cancel !== 'function') return Promise.resolve(undefined);
        try { return Promise.resolve(Reflect.apply(cancel, s.#source, [reason])).then(() => undefined); } catch (e) { return Promise.reject(e); }
      },
      release(s) { s.#reader = null; },
      lock(s) { s.#disturbed = true; s.#reader = {}; },
      desiredSize: (s) => (s.#state === 'readable' ? Math.max(0, 1 - s.#queue.length) : s.#state === 'closed' ? 0 : null),
    };
  }
}
Object.defineProperty(ReadableStream.prototype, Symbol.asyncIterator, {
  value: ReadableStream.prototype.values, writable: true, configurable: true,
});
platformClass(ReadableStream);

const controllers = new WeakMap();
const readers = new WeakMap();

export class ReadableStreamDefaultController {
  constructor() { throw new TypeError('Illegal constructor'); }
  get desiredSize() { return rs.desiredSize(controllers.get(this)); }
  enqueue(chunk = undefined) { rs.enqueue(controllers.get(this), chunk); }
  close() { rs.close(controllers.get(this)); }
  error(e = undefined) { rs.error(controllers.get(this), e); }
}
platformClass(ReadableStreamDefaultController);

export class ReadableStreamDefaultReader {
  constructor(stream) {
    if (!rs.is(stream)) throw new TypeError("Failed to construct 'ReadableStreamDefaultReader': parameter 1 is not of type 'ReadableStream'.");
    return stream.getReader();
  }
  get closed() {
    const r = readers.get(this);
    if (!r) return Promise.reject(new TypeError('Illegal invocation'));
    if (!r.closed) {
      let resolve, reject;
      const promise = new Promise((a, b) => { resolve = a; reject = b; });
      r.closed = { promise, resolve, reject };
      const st = r.stream ? rs.state(r.stream) : 'released';
      if (st === 'closed') resolve(undefined);
      else if (st === 'errored') { promise.catch(() => {}); reject(rs.errorOf(r.stream)); }
    }
    return r.closed.promise;
  }
  read() {
    const r = readers.get(this);
    if (!r || !r.stream) return Promise.reject(new TypeError('This readable stream reader has been released and cannot be used to read from its previous owner stream'));
    return rs.read(r.stream);
  }
  cancel(reason = undefined) {
    const r = readers.get(this);
    if (!r || !r.stream) return Promise.reject(new TypeError('This readable stream reader has been released'));
    return rs.cancel(r.stream, reason);
  }
  releaseLock() {
    const r = readers.get(this);
    if (!r || !r.stream) return;
    rs.release(r.stream);
    r.stream = null;
  }
}
platformClass(ReadableStreamDefaultReader);

/** A stream over known bytes (one chunk), remembering them so a body can be taken without reading. */
export function streamFromBytes(bytes) {
  const s = new ReadableStream({
    pull(c) {
      if (bytes.length) c.enqueue(bytes.slice());
      c.close();
    },
  });
  rs.setBytes(s, bytes);
  return s;
}

export const isReadableStream = (s) => rs.is(s);
export const isDisturbed = (s) => rs.disturbed(s);
/** The bytes of an untouched bytes-backed stream (no copy), else null. */
export const knownBytes = (s) => rs.bytes(s);
/** Lock and disturb a stream whose bytes were taken through knownBytes. */
export const takeStream = (s) => rs.lock(s);

/** Read every chunk (Uint8Array or BufferSource) of a stream into one Uint8Array. */
export async function readAllBytes(stream) {
  const reader = stream.getReader();
  const chunks = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    let chunk;
    if (value instanceof Uint8Array) chunk = value;
    else if (ArrayBuffer.isView(value)) chunk = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    else if (value instanceof ArrayBuffer) chunk = new Uint8Array(value);
    else throw new TypeError('Failed to read the body: a chunk is not a Uint8Array');
    chunks.push(chunk);
    total += chunk.length;
  }
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) { out.set(c, o); o += c.length; }
  return out;
}
