// The origin's storage quota: navigator.storage.estimate(), and QuotaExceededError from IndexedDB and Cache
// Storage writes that would pass it (nothing of such a write is kept).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { context, FakeKv } from './idb-helpers.js';

test('estimate() reports the quota and the use of IndexedDB and Cache Storage', async () => {
  const kv = new FakeKv();
  kv.quota = 1_000_000;
  const w = context(kv);
  assert.deepEqual(await w.settle(`(async () => {
    const empty = await navigator.storage.estimate();
    const c = await caches.open('v1');
    await c.put('/a', new Response('x'.repeat(1000)));
    const after = await navigator.storage.estimate();
    return [empty, after.quota, after.usage > 1000, after.usageDetails.caches === after.usage, 'indexedDB' in after.usageDetails,
      await navigator.storage.persisted(), Object.prototype.toString.call(navigator.storage)];
  })()`), [{ quota: 1_000_000, usage: 0, usageDetails: {} }, 1_000_000, true, true, false, false, '[object StorageManager]']);
});

test('a transaction past the quota aborts with QuotaExceededError and keeps nothing', async () => {
  const kv = new FakeKv();
  kv.quota = 5_000;
  const w = context(kv);
  assert.deepEqual(await w.settle(`(async () => {
    const db = await new Promise((resolve, reject) => {
      const r = indexedDB.open('q', 1);
      r.onupgradeneeded = () => r.result.createObjectStore('s');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const write = (key, size) => new Promise((resolve) => {
      const tx = db.transaction('s', 'readwrite');
      tx.objectStore('s').put('x'.repeat(size), key);
      tx.oncomplete = () => resolve('complete');
      tx.onabort = () => resolve(tx.error.name);
    });
    const small = await write('small', 100);
    const big = await write('big', 10_000);
    const keys = await new Promise((resolve) => {
      const q = db.transaction('s').objectStore('s').getAllKeys();
      q.onsuccess = () => resolve(q.result);
    });
    return [small, big, keys];
  })()`), ['complete', 'QuotaExceededError', ['small']]);
});

test('Cache.put past the quota rejects with QuotaExceededError', async () => {
  const kv = new FakeKv();
  kv.quota = 2_000;
  const w = context(kv);
  assert.deepEqual(await w.settle(`(async () => {
    const c = await caches.open('v1');
    const e = await c.put('/big', new Response('x'.repeat(5000))).then(() => null, (e) => [e.name, e instanceof DOMException]);
    return [e, (await c.keys()).length];
  })()`), [['QuotaExceededError', true], 0]);
});
