// Syncscope's page overlay. Evaluated after the prelude in a page context (a window client of the origin):
// it turns the global scope into a window's (navigator.serviceWorker, registration.sync / periodicSync,
// postMessage both ways) and provides the `syncscope` test controls with test() / expect() / assert().
// Host: __syncscopePageHost.call(id, op, args) → Rust settles with __syncscopePage.settle(id, error, result).
(() => {
  'use strict';
  const host = globalThis.__syncscopePageHost;
  delete globalThis.__syncscopePageHost;

  const pending = new Map();
  let nextId = 1;
  const toError = (e) => {
    if (e && e.name === 'TypeError') return new TypeError(e.message);
    return new DOMException(e ? e.message : 'unknown error', e ? e.name : 'Error');
  };
  const call = (op, ...args) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      host.call(id, op, args);
    });

  // ---- window globals ----
  for (const name of ['registration', 'serviceWorker', 'clients', 'skipWaiting', 'importScripts']) {
    try {
      delete globalThis[name];
    } catch {
      // A non-configurable service-worker global: shadow it instead.
      try {
        Object.defineProperty(globalThis, name, { value: undefined, configurable: true });
      } catch {}
    }
  }
  Object.defineProperty(globalThis, 'window', { value: globalThis, configurable: true, enumerable: true });

  // Pages have MessageEvent (workers get ExtendableMessageEvent from the prelude).
  if (typeof globalThis.MessageEvent !== 'function') {
    class MessageEvent extends Event {
      constructor(type, init = {}) {
        super(type, init);
        this.data = init.data;
        this.origin = init.origin ?? '';
        this.lastEventId = init.lastEventId ?? '';
        this.source = init.source ?? null;
        this.ports = init.ports ?? [];
      }
    }
    Object.defineProperty(globalThis, 'MessageEvent', { value: MessageEvent, configurable: true, writable: true });
  }

  class ServiceWorker extends EventTarget {
    #id;
    constructor(info) {
      super();
      this.#id = info.id;
      this.scriptURL = info.scriptURL;
      this.state = 'activated';
    }
    postMessage(message) {
      // Structured serialization, as the worker will deserialize it (Date, Map, typed arrays... survive).
      const wire = globalThis.__syncscope.encodeMessage(message);
      call('sw.postMessage', this.#id, wire).catch((e) => console.error(String(e)));
    }
  }

  class SyncManager {
    #id;
    constructor(id) {
      this.#id = id;
    }
    register(tag) {
      if (arguments.length < 1) {
        return Promise.reject(new TypeError("Failed to execute 'register' on 'SyncManager': 1 argument required, but only 0 present."));
      }
      return call('sync.register', this.#id, String(tag)).catch((e) => Promise.reject(toError(e)));
    }
    getTags() {
      return call('sync.getTags', this.#id).catch((e) => Promise.reject(toError(e)));
    }
  }

  class PeriodicSyncManager {
    #id;
    constructor(id) {
      this.#id = id;
    }
    register(tag, options = {}) {
      if (arguments.length < 1) {
        return Promise.reject(new TypeError("Failed to execute 'register' on 'PeriodicSyncManager': 1 argument required, but only 0 present."));
      }
      const min = options && options.minInterval !== undefined ? Number(options.minInterval) : 0;
      return call('periodicSync.register', this.#id, String(tag), min).catch((e) => Promise.reject(toError(e)));
    }
    unregister(tag) {
      return call('periodicSync.unregister', this.#id, String(tag)).catch((e) => Promise.reject(toError(e)));
    }
    getTags() {
      return call('periodicSync.getTags', this.#id).catch((e) => Promise.reject(toError(e)));
    }
  }

  class ServiceWorkerRegistration extends EventTarget {
    constructor(info) {
      super();
      this.scope = info.scope;
      this.active = new ServiceWorker(info);
      this.installing = null;
      this.waiting = null;
      this.updateViaCache = 'imports';
      this.sync = new SyncManager(info.id);
      this.periodicSync = new PeriodicSyncManager(info.id);
    }
    update() {
      return Promise.resolve(this);
    }
    unregister() {
      return Promise.resolve(true);
    }
  }

  let registration = null;
  let resolveReady;
  const ready = new Promise((r) => (resolveReady = r));

  class ServiceWorkerContainer extends EventTarget {
    get controller() {
      return registration ? registration.active : null;
    }
    get ready() {
      return ready;
    }
    register(url, options = {}) {
      let scriptURL;
      let scope;
      try {
        scriptURL = new URL(String(url), location.href).href;
        scope = new URL(options && options.scope !== undefined ? String(options.scope) : './', scriptURL).href;
      } catch (e) {
        return Promise.reject(new TypeError(`Failed to register a ServiceWorker: ${e.message}`));
      }
      // Blink's ServiceWorkerContainer::registerServiceWorker: script and scope on the page's own origin.
      const here = location.origin;
      for (const [what, u] of [['scriptURL', scriptURL], ['scope', scope]]) {
        if (new URL(u).origin !== here) {
          return Promise.reject(new DOMException(
            `Failed to register a ServiceWorker: The origin of the provided ${what} ('${u}') does not match the current origin ('${here}').`,
            'SecurityError',
          ));
        }
      }
      const type = options && options.type === 'module' ? 'module' : 'classic';
      return call('sw.register', scriptURL, scope, type).then(
        (info) => {
          registration = new ServiceWorkerRegistration(info);
          resolveReady(registration);
          this.dispatchEvent(new Event('controllerchange'));
          return registration;
        },
        (e) => Promise.reject(new TypeError(`Failed to register a ServiceWorker for scope ('${scope}') with script ('${scriptURL}'): ${e.message}`)),
      );
    }
    getRegistration() {
      return Promise.resolve(registration ?? undefined);
    }
    getRegistrations() {
      return Promise.resolve(registration ? [registration] : []);
    }
    startMessages() {}
  }
  const container = new ServiceWorkerContainer();
  let onmessage = null;
  Object.defineProperty(container, 'onmessage', {
    get: () => onmessage,
    set: (f) => {
      if (onmessage) container.removeEventListener('message', onmessage);
      onmessage = typeof f === 'function' ? f : null;
      if (onmessage) container.addEventListener('message', onmessage);
    },
  });
  Object.defineProperty(navigator, 'serviceWorker', { value: container, configurable: true, enumerable: true });

  // ---- the syncscope test controls ----
  const syncscope = Object.freeze({
    setOffline: (offline) => call('syncscope.setOffline', Boolean(offline)),
    advance: (by) => call('syncscope.advance', typeof by === 'number' ? by : String(by)),
    idle: () => call('syncscope.idle'),
    events: (filter = {}) => call('syncscope.events', filter ?? {}),
    tags: () => call('syncscope.tags'),
    setPermission: (name, state) => call('syncscope.setPermission', String(name), String(state)),
    setEngagement: (level) => call('syncscope.setEngagement', String(level)),
    setParams: (params) => call('syncscope.setParams', params),
    dispatchSync: (tag, options = {}) => call('syncscope.dispatchSync', String(tag), { lastChance: Boolean(options && options.lastChance) }),
    dispatchPeriodicSync: (tag) => call('syncscope.dispatchPeriodicSync', String(tag)),
    now: () => Date.now(),
  });
  Object.defineProperty(globalThis, 'syncscope', { value: syncscope, enumerable: true });

  // ---- test() / expect() / assert() ----
  const tests = [];
  const show = (v) => {
    try {
      if (typeof v === 'string') return JSON.stringify(v);
      if (v === undefined) return 'undefined';
      if (typeof v === 'bigint') return `${v}n`;
      return JSON.stringify(v) ?? String(v);
    } catch {
      return String(v);
    }
  };
  const deepEqual = (a, b) => {
    if (Object.is(a, b)) return true;
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => deepEqual(a[k], b[k]));
  };
  const matches = (actual, expected) => {
    if (typeof expected !== 'object' || expected === null) return Object.is(actual, expected);
    if (typeof actual !== 'object' || actual === null) return false;
    return Object.keys(expected).every((k) => matches(actual[k], expected[k]));
  };
  class AssertionError extends Error {
    constructor(message) {
      super(message);
      this.name = 'AssertionError';
    }
  }
  const fail = (message) => {
    throw new AssertionError(message);
  };
  const expect = (actual) => {
    const make = (negate) => {
      const check = (ok, message) => {
        if (ok === negate) fail(negate ? `not: ${message}` : message);
      };
      const m = {
        toBe: (e) => check(Object.is(actual, e), `expected ${show(actual)} to be ${show(e)}`),
        toEqual: (e) => check(deepEqual(actual, e), `expected ${show(actual)} to equal ${show(e)}`),
        toMatchObject: (e) => check(matches(actual, e), `expected ${show(actual)} to match ${show(e)}`),
        toBeTruthy: () => check(Boolean(actual), `expected ${show(actual)} to be truthy`),
        toBeFalsy: () => check(!actual, `expected ${show(actual)} to be falsy`),
        toBeDefined: () => check(actual !== undefined, `expected a value, got undefined`),
        toBeUndefined: () => check(actual === undefined, `expected undefined, got ${show(actual)}`),
        toBeNull: () => check(actual === null, `expected null, got ${show(actual)}`),
        toContain: (e) =>
          check(
            typeof actual === 'string' ? actual.includes(e) : Array.isArray(actual) && actual.some((x) => deepEqual(x, e)),
            `expected ${show(actual)} to contain ${show(e)}`,
          ),
        toHaveLength: (n) => check(actual != null && actual.length === n, `expected length ${n}, got ${actual == null ? show(actual) : actual.length} (${show(actual)})`),
        toBeGreaterThan: (n) => check(actual > n, `expected ${show(actual)} > ${show(n)}`),
        toBeGreaterThanOrEqual: (n) => check(actual >= n, `expected ${show(actual)} >= ${show(n)}`),
        toBeLessThan: (n) => check(actual < n, `expected ${show(actual)} < ${show(n)}`),
        toBeLessThanOrEqual: (n) => check(actual <= n, `expected ${show(actual)} <= ${show(n)}`),
        toThrow: (what) => {
          let threw = false;
          let error;
          try {
            actual();
          } catch (e) {
            threw = true;
            error = e;
          }
          const ok = threw && (what === undefined || (typeof what === 'string' ? String(error && error.message).includes(what) : error instanceof what));
          check(ok, threw ? `expected ${what} to be thrown, got ${error}` : 'expected the function to throw');
        },
      };
      return m;
    };
    const api = make(false);
    api.not = make(true);
    api.rejects = {
      toThrow: async (what) => {
        try {
          await actual;
        } catch (e) {
          const text = e && e.name ? `${e.name}: ${e.message}` : String(e);
          if (what === undefined || (typeof what === 'string' ? text.includes(what) : e instanceof what)) return;
          fail(`expected a rejection matching ${what}, got ${text}`);
        }
        fail('expected the promise to reject');
      },
    };
    api.resolves = new Proxy(
      {},
      {
        get: (_, name) => async (...args) => expect(await actual)[name](...args),
      },
    );
    return api;
  };
  const assert = (value, message) => {
    if (!value) fail(message ?? `expected ${show(value)} to be truthy`);
  };
  assert.ok = assert;
  assert.equal = (a, b, message) => {
    if (!Object.is(a, b)) fail(message ?? `expected ${show(a)} to be ${show(b)}`);
  };
  assert.notEqual = (a, b, message) => {
    if (Object.is(a, b)) fail(message ?? `expected ${show(a)} not to be ${show(b)}`);
  };
  assert.deepEqual = (a, b, message) => {
    if (!deepEqual(a, b)) fail(message ?? `expected ${show(a)} to deep-equal ${show(b)}`);
  };
  assert.fail = (message) => fail(message ?? 'failed');
  assert.rejects = (p, what) => expect(p).rejects.toThrow(what);

  Object.defineProperty(globalThis, 'test', {
    value: (name, fn) => {
      if (typeof fn !== 'function') throw new TypeError(`test(${show(name)}): the second argument must be a function`);
      tests.push({ name: String(name), fn });
    },
    enumerable: true,
  });
  Object.defineProperty(globalThis, 'expect', { value: expect, enumerable: true });
  Object.defineProperty(globalThis, 'assert', { value: assert, enumerable: true });

  Object.defineProperty(globalThis, '__syncscopePage', {
    value: Object.freeze({
      init() {},
      settle(id, error, result) {
        const p = pending.get(id);
        if (!p) return;
        pending.delete(id);
        if (error) p.reject(toError(error));
        else p.resolve(result);
      },
      deliverMessage(wire, source) {
        void source;
        let data;
        try {
          data = globalThis.__syncscope.decodeMessage(wire);
        } catch {
          container.dispatchEvent(new MessageEvent('messageerror', { data: null, source: registration ? registration.active : null, origin: location.origin }));
          return;
        }
        container.dispatchEvent(new MessageEvent('message', { data, source: registration ? registration.active : null, origin: location.origin }));
      },
      async runTests() {
        const results = [];
        for (const t of tests) {
          const started = Date.now();
          try {
            await t.fn();
            results.push({ name: t.name, ok: true, virtualMs: Date.now() - started });
          } catch (e) {
            const message = e && e.name ? `${e.name}: ${e.message}` : String(e);
            results.push({ name: t.name, ok: false, error: message, stack: e && e.stack ? String(e.stack) : '' });
          }
        }
        return results;
      },
      testCount() {
        return tests.length;
      },
      // Calls a global function of the page (e.g. a demo's story) and settles with its result.
      callGlobal(name, ...args) {
        const f = globalThis[name];
        if (typeof f !== 'function') throw new TypeError(`${name} is not a function in the page`);
        return f(...args);
      },
    }),
  });
})();
