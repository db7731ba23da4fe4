// self.registration (ServiceWorkerRegistration) with SyncManager / PeriodicSyncManager on engine ops,
// the ServiceWorker object for this worker, and navigationPreload as a stub.
import { Promise } from './intrinsics.js';
import { EventTarget, Event, defineEventHandlers, markTrusted, dispatchEventInternal } from './events.js';
import { engineCall } from './engine.js';
import { cloneValue } from './clone.js';
import { internalTimeout } from './timers.js';
import { workerInfo } from './location.js';
import { kInspect, platformClass, requireArgs, toDictionary, toDOMString, toUnsignedLongLong } from './util.js';

let allowed = false;
function construct(Cls, ...args) {
  allowed = true;
  try { return new Cls(...args); } finally { allowed = false; }
}
function checkConstruct() {
  if (!allowed) throw new TypeError('Illegal constructor');
  allowed = false;
}

/** Run an operation that may throw synchronously (argument conversion) as a promise. */
function promised(fn) {
  try { return Promise.resolve(fn()); } catch (e) { return Promise.reject(e); }
}

export class SyncManager {
  constructor() { checkConstruct(); }
  register(tag) {
    return promised(() => {
      requireArgs(arguments.length, 1, "Failed to execute 'register' on 'SyncManager'");
      return engineCall('sync.register', [toDOMString(tag)]).then(() => undefined);
    });
  }
  getTags() {
    return engineCall('sync.getTags', []).then((tags) => Array.from(tags ?? [], String));
  }
}
platformClass(SyncManager);

export class PeriodicSyncManager {
  constructor() { checkConstruct(); }
  register(tag, options = undefined) {
    return promised(() => {
      requireArgs(arguments.length, 1, "Failed to execute 'register' on 'PeriodicSyncManager'");
      const t = toDOMString(tag);
      const o = toDictionary(options, "Failed to execute 'register' on 'PeriodicSyncManager'");
      const minInterval = toUnsignedLongLong(o.minInterval ?? 0);
      return engineCall('periodicSync.register', [t, minInterval]).then(() => undefined);
    });
  }
  unregister(tag) {
    return promised(() => {
      requireArgs(arguments.length, 1, "Failed to execute 'unregister' on 'PeriodicSyncManager'");
      return engineCall('periodicSync.unregister', [toDOMString(tag)]).then(() => undefined);
    });
  }
  getTags() {
    return engineCall('periodicSync.getTags', []).then((tags) => Array.from(tags ?? [], String));
  }
}
platformClass(PeriodicSyncManager);

export class NavigationPreloadManager {
  #enabled = false;
  #headerValue = 'true';
  constructor() { checkConstruct(); }
  enable() { this.#enabled = true; return Promise.resolve(undefined); }
  disable() { this.#enabled = false; return Promise.resolve(undefined); }
  setHeaderValue(value) {
    return promised(() => { this.#headerValue = String(value); });
  }
  getState() { return Promise.resolve({ enabled: this.#enabled, headerValue: this.#headerValue }); }
}
platformClass(NavigationPreloadManager);

let setWorkerStateInternal;
let placeWorker;

/** Hook set by index.js: deliver a message from this ServiceWorker object to the global scope. */
export const messageHooks = { deliver: (data, source) => { void data; void source; } };

export class ServiceWorker extends EventTarget {
  #state = 'activated';
  constructor() { checkConstruct(); super(); }
  get scriptURL() { return workerInfo.scriptURL; }
  get state() { return this.#state; }
  postMessage(message, options = undefined) {
    requireArgs(arguments.length, 1, "Failed to execute 'postMessage' on 'ServiceWorker'");
    const transfer = Array.isArray(options) ? options : (options && options.transfer) || [];
    const data = cloneValue(message, transfer, "Failed to execute 'postMessage' on 'ServiceWorker'");
    // A worker messaging itself: a "message" event in a later task, with this object as source.
    internalTimeout(() => messageHooks.deliver(data, this), 0);
  }
  [kInspect]() { return { scriptURL: workerInfo.scriptURL, state: this.#state }; }
  static {
    setWorkerStateInternal = (sw, state) => {
      if (sw.#state === state) return false;
      sw.#state = state;
      dispatchEventInternal(sw, markTrusted(new Event('statechange')));
      return true;
    };
  }
}
defineEventHandlers(ServiceWorker.prototype, ['statechange', 'error']);
platformClass(ServiceWorker);

export class ServiceWorkerRegistration extends EventTarget {
  #sync = construct(SyncManager);
  #periodicSync = construct(PeriodicSyncManager);
  #navigationPreload = construct(NavigationPreloadManager);
  #installing = null;
  #waiting = null;
  #active = null;

  constructor() {
    checkConstruct();
    super();
    this.#active = thisWorker;
  }

  get scope() { return workerInfo.scope; }
  get updateViaCache() { return 'imports'; }
  get installing() { return this.#installing; }
  get waiting() { return this.#waiting; }
  get active() { return this.#active; }
  get sync() { return this.#sync; }
  get periodicSync() { return this.#periodicSync; }
  get navigationPreload() { return this.#navigationPreload; }

  update() { return Promise.resolve(this); }
  unregister() { return engineCall('registration.unregister', []).then((r) => r !== false); }
  showNotification() {
    return Promise.reject(new TypeError("Failed to execute 'showNotification' on 'ServiceWorkerRegistration': No notification permission has been granted for this origin."));
  }
  getNotifications() { return Promise.resolve([]); }

  [kInspect]() { return { scope: workerInfo.scope, active: this.#active, installing: this.#installing, waiting: this.#waiting }; }

  static {
    placeWorker = (reg, state) => {
      reg.#installing = state === 'installing' ? thisWorker : null;
      reg.#waiting = state === 'installed' ? thisWorker : null;
      reg.#active = state === 'activating' || state === 'activated' ? thisWorker : null;
    };
  }
}
defineEventHandlers(ServiceWorkerRegistration.prototype, ['updatefound']);
platformClass(ServiceWorkerRegistration);

const thisWorker = construct(ServiceWorker);
export const serviceWorker = thisWorker;
export const registration = construct(ServiceWorkerRegistration);

const states = ['parsed', 'installing', 'installed', 'activating', 'activated', 'redundant'];

/** Move this worker through its lifecycle (default 'activated'); fires statechange. */
export function setWorkerState(state) {
  state = String(state);
  if (!states.includes(state)) throw new TypeError(`__syncscope.setWorkerState: unknown state ${state}`);
  placeWorker(registration, state);
  setWorkerStateInternal(thisWorker, state);
}
