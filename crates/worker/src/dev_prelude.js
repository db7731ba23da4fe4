// Temporary minimal prelude used until js/dist/prelude.js lands. Same host contract.
(() => {
  const host = globalThis.__syncscopeHost;
  delete globalThis.__syncscopeHost;
  const listeners = new Map();
  const timers = new Map();
  const fetches = new Map();
  const calls = new Map();
  let nextId = 1;
  let state = {};
  globalThis.self = globalThis;
  self.addEventListener = (type, fn) => {
    if (!listeners.has(type)) listeners.set(type, []);
    listeners.get(type).push(fn);
  };
  const fmt = (a) => a.map((x) => (typeof x === 'string' ? x : x instanceof Error ? `${x.name}: ${x.message}` : JSON.stringify(x))).join(' ');
  globalThis.console = Object.fromEntries(['log', 'info', 'warn', 'error', 'debug'].map((l) => [l, (...a) => host.console(l, fmt(a))]));
  const RealDate = Date;
  globalThis.Date = class extends RealDate { constructor(...a) { super(...(a.length ? a : [host.now()])); } static now() { return host.now(); } };
  globalThis.setTimeout = (fn, ms = 0, ...args) => { const id = nextId++; timers.set(id, () => fn(...args)); host.setTimer(id, Number(ms) || 0); return id; };
  globalThis.clearTimeout = (id) => { timers.delete(id); host.clearTimer(id); };
  const call = (op, args) => new Promise((resolve, reject) => { const id = nextId++; calls.set(id, { resolve, reject }); host.engine(id, op, args); });
  globalThis.fetch = (url, init = {}) => new Promise((resolve, reject) => {
    const id = nextId++;
    fetches.set(id, { resolve, reject });
    const body = init.body == null ? null : host.utf8Encode(String(init.body));
    host.fetch(id, { method: init.method || 'GET', url: host.urlParse(String(url), state.scriptURL).href, headers: Object.entries(init.headers || {}), body });
  });
  globalThis.importScripts = (...urls) => urls.forEach((u) => host.importScripts(String(u)));
  const registration = {
    sync: { register: (tag) => call('sync.register', [String(tag)]), getTags: () => call('sync.getTags', []) },
    periodicSync: {
      register: (tag, o = {}) => call('periodicSync.register', [String(tag), Number(o.minInterval ?? 0)]),
      unregister: (tag) => call('periodicSync.unregister', [String(tag)]),
      getTags: () => call('periodicSync.getTags', []),
    },
  };
  Object.defineProperty(globalThis, '__syncscope', { value: {
    init(s) { state = s; self.registration = Object.assign(registration, { scope: s.scope }); self.navigator = { onLine: s.online }; },
    setOnline(v) { self.navigator.onLine = v; },
    fireTimer(id) { const f = timers.get(id); timers.delete(id); if (f) f(); },
    settleFetch(id, err, r) {
      const p = fetches.get(id); fetches.delete(id); if (!p) return;
      if (err) p.reject(new TypeError('Failed to fetch'));
      else p.resolve({ ok: r.status >= 200 && r.status < 300, status: r.status, text: async () => host.utf8Decode(r.body, false), json: async () => JSON.parse(host.utf8Decode(r.body, false)) });
    },
    settleEngine(id, err, v) {
      const p = calls.get(id); calls.delete(id); if (!p) return;
      if (err) { const e = new Error(err.message); e.name = err.name; p.reject(e); } else p.resolve(v);
    },
    dispatch(type, init) {
      const pending = [];
      const event = { type, ...init, waitUntil(p) { pending.push(Promise.resolve(p)); } };
      let thrown = null;
      for (const fn of listeners.get(type) || []) {
        try { fn.call(self, event); } catch (e) { thrown = e; console.error(`${e.name}: ${e.message}`); }
      }
      const why = (e) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));
      if (thrown) return Promise.resolve({ status: 'rejected', reason: why(thrown) });
      const settle = async () => {
        let seen = 0;
        while (seen < pending.length) {
          const batch = pending.slice(seen); seen = pending.length;
          const results = await Promise.allSettled(batch);
          const bad = results.find((r) => r.status === 'rejected');
          if (bad) return { status: 'rejected', reason: why(bad.reason) };
        }
        return { status: 'succeeded' };
      };
      return settle();
    },
  } });
})();
