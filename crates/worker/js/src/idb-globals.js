// What fake-indexeddb's modules see as the globals DOMException, structuredClone and Promise (build.mjs adds
// an import of this file to each of them): the prelude's own, so a developer's script that replaces those
// globals cannot change how IndexedDB works, and the classes exist before the global scope is installed.
import { cloneValue } from './clone.js';

export { DOMException } from './dom-exception.js';
export { Promise } from './intrinsics.js';

export function structuredClone(value) {
  return cloneValue(value, [], "Failed to execute 'put' on 'IDBObjectStore'");
}
