// A fake of the Rust side for tests: loads dist/prelude.js into a fresh node:vm context that has only the
// ECMAScript built-ins QuickJS-NG has, plus a Node implementation of the host contract
// (virtual clock + timer queue, console capture, WHATWG URL, UTF-8, random bytes, real HTTP fetch, engine ops).
import vm from 'node:vm';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { FakeKv } from './fake-kv.js';

export const PRELUDE_PATH = fileURLToPath(new URL('../dist/prelude.js', import.meta.url));
const prelude = readFileSync(PRELUDE_PATH, 'utf8');

/** Wait for a macrotask turn (drains microtasks of every context). */
export const tick = () => new Promise((r) => setImmediate(r));

/**
 * Start a worker. Options:
 *  now           start of the virtual clock (ms since epoch)
 *  scriptURL     the worker's script URL (default https://app.example/sw.js)
 *  online        navigator.onLine at start
 *  engine        (op, args) => result | Promise (throw {name, message} to fail an op)
 *  scripts       {url: source} for importScripts
 *  kv            the origin's storage (a FakeKv): share one between workers, or reuse it for a "restart"
 */
export function createWorker(options = {}) {
  const {
    now = Date.UTC(2024, 0, 1, 12, 0, 0),
    scriptURL = 'https://app.example/sw.js',
    scope,
    origin,
    online = true,
    engine = defaultEngine(),
    scripts = {},
    kv = new FakeKv(),
  } = options;

  const ctx = vm.createContext({});
  // V8 adds a few non-ECMAScript globals to every context; QuickJS-NG has none of them.
  vm.runInContext('delete globalThis.console; delete globalThis.Intl; delete globalThis.WebAssembly;', ctx);
  const R = vm.runInContext('({ Uint8Array, Array, Object, TypeError, Error })', ctx);

  const toRealm = (v) => {
    if (v === null || typeof v !== 'object') return v;
    if (ArrayBuffer.isView(v)) {
      const out = new R.Uint8Array(v.byteLength);
      out.set(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
      return out;
    }
    if (Array.isArray(v)) {
      const out = new R.Array();
      for (const x of v) out.push(toRealm(x));
      return out;
    }
    const out = new R.Object();
    for (const k of Object.keys(v)) out[k] = toRealm(v[k]);
    return out;
  };

  const state = {
    clock: now,
    timers: new Map(), // id -> {due, seq}
    seq: 0,
    logs: [],
    engineCalls: [],
    fetches: [],
    online,
    aborts: new Map(),
    nesting: 0, // timer nesting level of the callback running now
  };

  let sc; // __syncscope, once loaded

  const host = {
    now: () => state.clock,
    setTimer(id, delay, task) {
      if (typeof id !== 'number' || typeof delay !== 'number' || delay < 0) throw new Error(`bad setTimer(${id}, ${delay})`);
      if (task !== undefined && task !== true) throw new Error(`bad setTimer task flag ${task}`);
      // As the Rust side does: HTML's nesting clamp (timers nested more than 5 deep wait at least 4 ms), except
      // for tasks (`task === true`), which are not clamped and do not count as a nesting level.
      const level = task ? 0 : state.nesting + 1;
      if (level > 5 && delay < 4) delay = 4;
      state.timers.set(id, { due: state.clock + delay, seq: state.seq++, task: !!task, level });
    },
    clearTimer(id) { state.timers.delete(id); },
    console(level, text) {
      if (!['log', 'info', 'warn', 'error', 'debug'].includes(level) || typeof text !== 'string') throw new Error('bad console call');
      state.logs.push({ level, text });
    },
    urlParse(input, base) {
      let u;
      try {
        u = base === undefined ? new URL(input) : new URL(input, base);
      } catch {
        throw new R.TypeError('Invalid URL');
      }
      return toRealm({
        href: u.href, origin: u.origin, protocol: u.protocol, username: u.username, password: u.password,
        host: u.host, hostname: u.hostname, port: u.port, pathname: u.pathname, search: u.search, hash: u.hash,
      });
    },
    utf8Encode(s) { return toRealm(Buffer.from(s, 'utf8')); },
    utf8Decode(bytes, fatal) {
      try {
        return new TextDecoder('utf-8', { fatal, ignoreBOM: true }).decode(bytes);
      } catch {
        throw new R.TypeError('The encoded data was not valid utf-8');
      }
    },
    randomBytes(n) { return toRealm(randomBytes(n)); },
    importScripts(url) {
      if (!Object.hasOwn(scripts, url)) throw new R.TypeError(`Failed to load ${url}`);
      vm.runInContext(scripts[url], ctx, { filename: url });
    },
    fetch(id, req) {
      state.fetches.push({ id, ...req, headers: Array.from(req.headers, ([n, v]) => [n, v]), body: req.body ? Buffer.from(req.body) : null });
      if (!state.online) {
        setImmediate(() => sc.settleFetch(id, 'net::ERR_INTERNET_DISCONNECTED'));
        return;
      }
      const ac = new AbortController();
      state.aborts.set(id, ac);
      globalThis.fetch(req.url, {
        method: req.method,
        headers: Array.from(req.headers, ([n, v]) => [n, v]),
        body: req.body && req.body.length ? Buffer.from(req.body) : undefined,
        redirect: req.redirect,
        signal: ac.signal,
      }).then(async (res) => {
        const body = new Uint8Array(await res.arrayBuffer());
        state.aborts.delete(id);
        sc.settleFetch(id, null, toRealm({
          status: res.status, statusText: res.statusText, url: res.url, redirected: res.redirected,
          headers: [...res.headers], body,
        }));
      }, (err) => {
        state.aborts.delete(id);
        if (ac.signal.aborted) return;
        sc.settleFetch(id, String(err.cause?.message ?? err.message));
      });
    },
    abortFetch(id) {
      state.fetches.find((f) => f.id === id).aborted = true;
      state.aborts.get(id)?.abort();
    },
    engine(id, op, args) {
      const plainArgs = JSON.parse(JSON.stringify(args));
      state.engineCalls.push({ op, args: plainArgs });
      setImmediate(async () => {
        try {
          const result = await engine(op, plainArgs);
          sc.settleEngine(id, null, toRealm(result));
        } catch (e) {
          sc.settleEngine(id, toRealm({ name: e.name, message: e.message }));
        }
      });
    },
    ...kv.hostFunctions(toRealm),
  };

  const fire = ({ id, t }) => {
    state.nesting = t.level;
    try {
      sc.fireTimer(id);
    } finally {
      state.nesting = 0;
    }
  };

  ctx.__syncscopeHost = host;
  vm.runInContext(prelude, ctx, { filename: 'syncscope:prelude' });
  sc = vm.runInContext('globalThis.__syncscope', ctx);
  sc.init(toRealm({ scriptURL, scope, origin, online }));

  const w = {
    ctx,
    sc,
    host,
    state,
    kv,
    logs: state.logs,
    toRealm,
    /** Evaluate code in the worker (like the developer's script). */
    run(code, filename = 'sw.js') { return vm.runInContext(code, ctx, { filename }); },
    /** postMessage wire text (message-wire.js) decoded in the worker's realm, as plain data. */
    decodeMessage(text) { return plain(sc.decodeMessage(text)); },
    /** Evaluate and bring the (awaited) result back as plain data. */
    async eval(code) {
      const v = await vm.runInContext(code, ctx, { filename: 'test.js' });
      return plain(v);
    },
    /** Advance the virtual clock by `ms`, firing due timers in (due time, creation order). */
    async advance(ms) {
      await tick(); // let pending microtasks register their timers first
      const target = state.clock + ms;
      for (;;) {
        let next = null;
        for (const [id, t] of state.timers) {
          if (t.due > target) continue;
          if (!next || t.due < next.t.due || (t.due === next.t.due && t.seq < next.t.seq)) next = { id, t };
        }
        if (!next) break;
        state.timers.delete(next.id);
        state.clock = Math.max(state.clock, next.t.due);
        fire(next);
        await tick();
      }
      state.clock = target;
      await tick();
    },
    /**
     * Evaluate `code` (an expression, usually an async IIFE) and run the worker's tasks and timers at the current
     * virtual time until its promise settles (real time passes too, for fetches to the local server). Returns
     * the value as plain data, or throws what it rejected with.
     */
    async settle(code, { timeoutMs = 5000, advanceMs = 0 } = {}) {
      let done = false;
      let value;
      let error;
      Promise.resolve(vm.runInContext(code, ctx, { filename: 'test.js' })).then(
        (v) => { done = true; value = v; },
        (e) => { done = true; error = { e }; },
      );
      const deadline = Date.now() + timeoutMs;
      while (!done) {
        if (Date.now() > deadline) throw new Error(`settle: still pending after ${timeoutMs} ms: ${code.slice(0, 200)}`);
        const before = state.seq;
        await w.advance(advanceMs);
        if (!done && state.seq === before) await new Promise((r) => setTimeout(r, 2));
      }
      if (error) throw error.e;
      return plain(value);
    },
    /** Fire the one earliest timer/task due now (no clock change); false when none is due. */
    async fireOne() {
      await tick();
      let next = null;
      for (const [id, t] of state.timers) {
        if (t.due > state.clock) continue;
        if (!next || t.due < next.t.due || (t.due === next.t.due && t.seq < next.t.seq)) next = { id, t };
      }
      if (!next) return false;
      state.timers.delete(next.id);
      fire(next);
      await tick();
      return true;
    },
    async dispatch(type, init = {}) {
      return plain(await sc.dispatch(type, toRealm(init)));
    },
    setOnline(on) { state.online = on; sc.setOnline(on); },
    /** Console lines as "level: text". */
    lines() { return state.logs.map((l) => `${l.level}: ${l.text}`); },
    clearLogs() { state.logs.length = 0; },
  };
  return w;
}

/** Cross-realm value → plain main-realm data (Uint8Array stays a Uint8Array). */
export function plain(v, seen = new Map()) {
  if (v === null || (typeof v !== 'object' && typeof v !== 'function')) return v;
  if (typeof v === 'function') return v;
  if (seen.has(v)) return seen.get(v);
  if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength));
  if (Array.isArray(v)) {
    const out = [];
    seen.set(v, out);
    for (const x of v) out.push(plain(x, seen));
    return out;
  }
  const tag = Object.prototype.toString.call(v);
  if (tag !== '[object Object]') return v; // leave class instances alone
  const out = {};
  seen.set(v, out);
  for (const k of Object.keys(v)) out[k] = plain(v[k], seen);
  return out;
}

/** Engine ops backed by in-memory state, enough for the prelude's tests. */
export function defaultEngine() {
  const syncTags = new Set();
  const periodic = new Map();
  const posted = [];
  const clients = [
    { id: 'client-1', url: 'https://app.example/', type: 'window', frameType: 'top-level', focused: true, visibilityState: 'visible' },
  ];
  const fn = async (op, args) => {
    switch (op) {
      case 'sync.register':
        if (args[0].length > 10240) throw Object.assign(new Error('Attempted to register a sync event without a window or registration tag too long.'), { name: 'InvalidAccessError' });
        syncTags.add(args[0]);
        return undefined;
      case 'sync.getTags': return [...syncTags];
      case 'periodicSync.register':
        if (args[1] < 0) throw Object.assign(new Error('bad minInterval'), { name: 'TypeError' });
        periodic.set(args[0], args[1]);
        return undefined;
      case 'periodicSync.unregister': periodic.delete(args[0]); return undefined;
      case 'periodicSync.getTags': return [...periodic.keys()];
      case 'clients.matchAll': return args[0].type === 'worker' ? [] : clients;
      case 'clients.postMessage': posted.push({ clientId: args[0], data: args[1] }); return undefined;
      case 'skipWaiting': return undefined;
      case 'clients.claim': return undefined;
      default: throw Object.assign(new Error(`unknown op ${op}`), { name: 'NotSupportedError' });
    }
  };
  fn.syncTags = syncTags;
  fn.periodic = periodic;
  fn.posted = posted;
  fn.clients = clients;
  return fn;
}
