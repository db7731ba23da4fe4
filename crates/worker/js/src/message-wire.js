// Messages between contexts (page ↔ service worker) cross Rust as text: the value's structured serialization
// (serialize.js, the same as IndexedDB's) in base64. So Date, Map, Set, typed arrays, BigInt, Blob, shared
// references and cycles arrive as structuredClone would give them, not as JSON would.
import { serialize, deserialize } from './serialize.js';
import { encodeBase64, decodeBase64 } from './base64.js';
import { DOMException } from './dom-exception.js';

/** A cloneable value as wire text (throws DataCloneError for values structuredClone refuses). */
export function encodeMessage(value) {
  return encodeBase64(serialize(value));
}

/** The value wire text stands for (throws DataCloneError when it is not wire text). */
export function decodeMessage(text) {
  const bytes = typeof text === 'string' ? decodeBase64(text) : null;
  if (bytes === null) throw new DOMException('The message could not be deserialized.', 'DataCloneError');
  return deserialize(bytes);
}
