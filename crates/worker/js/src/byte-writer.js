// A growable byte buffer (doubling), the base of the key encoder (kv-codec.js) and the value serializer
// (serialize.js).

export class ByteWriter {
  constructor(initial = 32) {
    this.buf = new Uint8Array(initial);
    this.len = 0;
  }
  /** Room for `n` more bytes. */
  ensure(n) {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }
  byte(b) {
    this.ensure(1);
    this.buf[this.len++] = b;
  }
  bytes(arr) {
    this.ensure(arr.length);
    this.buf.set(arr, this.len);
    this.len += arr.length;
  }
  /** A copy of what was written. */
  result() { return this.buf.slice(0, this.len); }
}
