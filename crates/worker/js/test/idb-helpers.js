// Shared by the IndexedDB / Cache Storage tests: workers (contexts) over one FakeKv, with small promise helpers
// defined inside each context.
import { createWorker } from './fake-host.js';
import { FakeKv } from './fake-kv.js';

export { FakeKv };

const HELPERS = `
globalThis.req = (r) => new Promise((res, rej) => { r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
globalThis.done = (tx) => new Promise((res, rej) => {
  tx.oncomplete = () => res('complete');
  tx.onabort = () => rej(tx.error ?? new DOMException('aborted by abort()', 'AbortError'));
});
globalThis.openDb = (name, version, upgrade) => new Promise((res, rej) => {
  const r = version === undefined ? indexedDB.open(name) : indexedDB.open(name, version);
  r.onupgradeneeded = (e) => { if (upgrade) upgrade(r.result, e.oldVersion, r.transaction); };
  r.onsuccess = () => res(r.result);
  r.onerror = () => rej(r.error);
});
globalThis.errorName = (p) => p.then((v) => 'resolved: ' + v, (e) => e && e.name + ': ' + e.message);
`;

/** A context of the origin whose storage is `kv` (a new FakeKv by default). */
export function context(kv = new FakeKv(), options = {}) {
  const w = createWorker({ kv, ...options });
  w.run(HELPERS, 'helpers.js');
  return w;
}

/** The kv calls made while `fn` runs, as "fn ns-or-ops" strings. */
export async function kvCalls(kv, fn) {
  const from = kv.calls.length;
  await fn();
  return kv.calls.slice(from).filter((c) => c.fn.startsWith('kv')).map((c) => [c.fn, c.ns ?? c.prefix ?? c.ops?.join(', ')].filter((x) => x !== undefined).join(' '));
}

/** The cross-context lock calls (idbLock / idbUnlock) and kv calls `fn` makes, in order, briefly. */
export async function lockCalls(kv, fn) {
  const from = kv.calls.length;
  await fn();
  return kv.calls.slice(from).map((c) => (c.fn === 'idbLock' ? `idbLock ${c.db} ${c.scope === null ? '*' : c.scope.join('+')} ${c.exclusive ? 'exclusive' : 'shared'}` : c.fn));
}
