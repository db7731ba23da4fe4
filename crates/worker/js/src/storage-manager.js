// navigator.storage (StorageManager): the origin's quota and use, as the host counts them (keys + values of
// IndexedDB and Cache Storage, and the worker's scripts as `serviceWorkerRegistrations`, as Chromium counts its
// service worker storage). Writes past the quota fail with QuotaExceededError (idb.js, cache-storage.js).
import { Promise } from './intrinsics.js';
import { host } from './host.js';
import { kInspect, platformClass } from './util.js';

export class StorageManager {
  constructor() { throw new TypeError('Illegal constructor'); }

  /** `{quota, usage, usageDetails}`; as in Chromium, usageDetails lists only the kinds in use. */
  estimate() {
    try {
      const [usage, quota, indexedDB, caches, serviceWorkerRegistrations = 0] = host.kvUsage();
      const usageDetails = {};
      if (indexedDB > 0) usageDetails.indexedDB = indexedDB;
      if (caches > 0) usageDetails.caches = caches;
      if (serviceWorkerRegistrations > 0) usageDetails.serviceWorkerRegistrations = serviceWorkerRegistrations;
      return Promise.resolve({ quota, usage, usageDetails });
    } catch (e) {
      return Promise.reject(new TypeError(`Failed to execute 'estimate' on 'StorageManager': ${e?.message ?? e}`));
    }
  }

  /** Syncscope's storage is never evicted, but it is not "persistent" in the browser's sense either. */
  persisted() { return Promise.resolve(false); }

  [kInspect]() { return {}; }
}
platformClass(StorageManager);

export const storage = Object.create(StorageManager.prototype);
