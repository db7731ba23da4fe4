// crypto.getRandomValues / crypto.randomUUID on host.randomBytes. (No crypto.subtle.)
import { host } from './host.js';
import { DOMException } from './dom-exception.js';
import { platformClass, requireArgs } from './util.js';

const integerArrays = ['Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array', 'BigInt64Array', 'BigUint64Array'];
const typedArrayTag = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag).get;

function randomBytes(n) {
  const bytes = host.randomBytes(n);
  if (!(bytes instanceof Uint8Array) || bytes.length !== n) throw new Error('host.randomBytes returned the wrong number of bytes');
  return bytes;
}

export class Crypto {
  constructor() { throw new TypeError('Illegal constructor'); }

  getRandomValues(array) {
    requireArgs(arguments.length, 1, "Failed to execute 'getRandomValues' on 'Crypto'");
    const tag = ArrayBuffer.isView(array) ? typedArrayTag.call(array) : undefined;
    if (!integerArrays.includes(tag)) {
      throw new DOMException(`Failed to execute 'getRandomValues' on 'Crypto': The provided ArrayBufferView is of type '${tag ?? (ArrayBuffer.isView(array) ? 'DataView' : typeof array)}', which is not an integer array type.`, 'TypeMismatchError');
    }
    if (array.byteLength > 65536) {
      throw new DOMException(`Failed to execute 'getRandomValues' on 'Crypto': The ArrayBufferView's byte length (${array.byteLength}) exceeds the number of bytes of entropy available via this API (65536).`, 'QuotaExceededError');
    }
    if (array.byteLength > 0) new Uint8Array(array.buffer, array.byteOffset, array.byteLength).set(randomBytes(array.byteLength));
    return array;
  }

  randomUUID() {
    const b = randomBytes(16);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
}
platformClass(Crypto);

export const crypto = Object.create(Crypto.prototype);
