// An in-memory stand-in for the Rust side's per-origin key-value store (crates/engine/src/kv.rs), with the same
// semantics: namespaces of keys sorted bytewise (memcmp, shorter prefix first), kvCommit applied atomically (a
// failing batch writes nothing), a generation counter bumped by every commit. One FakeKv is one origin's
// storage: pass it to several createWorker() calls to share it between contexts, or to a new one to "restart".

const hex = (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');

function bytes(v, what) {
  if (!ArrayBuffer.isView(v) || Object.prototype.toString.call(v) !== '[object Uint8Array]') {
    throw new TypeError(`${what} must be a Uint8Array`);
  }
  return Buffer.from(v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength));
}

function inRange(h, lower, upper, lowerOpen, upperOpen) {
  if (lower !== null && (lowerOpen ? h <= lower : h < lower)) return false;
  if (upper !== null && (upperOpen ? h >= upper : h > upper)) return false;
  return true;
}

export class FakeKv {
  constructor() {
    /** ns → Map<hex key, {key: Buffer, value: Buffer}> (hex strings sort like the bytes they encode) */
    this.spaces = new Map();
    this.generation = 0;
    /** Every call, in order: {fn, ns?, ops?} — lets tests count what a transaction costs. */
    this.calls = [];
    /** Set to an Error (or message) to make the next kvCommit throw it, writing nothing. */
    this.failNextCommit = null;
    /** Set to make every read throw (a locked database). */
    this.failReads = null;
    /** The origin's quota in bytes (keys + values), as the host enforces it. */
    this.quota = Infinity;
  }

  /** Bytes in use, in all namespaces or in those starting with `prefix`. */
  usage(prefix = '') {
    let n = 0;
    for (const [ns, space] of this.spaces) {
      if (!ns.startsWith(prefix)) continue;
      for (const { key, value } of space.values()) n += key.length + value.length;
    }
    return n;
  }

  #readCheck() {
    // (a method: hostFunctions' arrows call it through `this`)
    if (this.failReads) throw new Error(String(this.failReads));
  }

  get(ns, key) {
    this.#readCheck();
    return this.spaces.get(ns)?.get(hex(key))?.value ?? null;
  }

  range(ns, lower, upper, lowerOpen, upperOpen, reverse, limit) {
    this.#readCheck();
    const space = this.spaces.get(ns);
    if (!space) return [];
    const lo = lower === null ? null : hex(lower);
    const hi = upper === null ? null : hex(upper);
    let keys = [...space.keys()].filter((h) => inRange(h, lo, hi, lowerOpen, upperOpen)).sort();
    if (reverse) keys.reverse();
    if (limit > 0) keys = keys.slice(0, limit);
    return keys.map((h) => [space.get(h).key, space.get(h).value]);
  }

  count(ns, lower, upper, lowerOpen, upperOpen) {
    return this.range(ns, lower, upper, lowerOpen, upperOpen, false, 0).length;
  }

  commit(ops) {
    if (!Array.isArray(ops)) throw new TypeError('kvCommit: ops must be an array');
    const checked = ops.map((o) => {
      if (typeof o.ns !== 'string') throw new TypeError('kvCommit: ns must be a string');
      switch (o.op) {
        case 'put': return { op: 'put', ns: o.ns, key: bytes(o.key, 'key'), value: bytes(o.value, 'value') };
        case 'delete': return { op: 'delete', ns: o.ns, key: bytes(o.key, 'key') };
        case 'deleteRange': return {
          op: 'deleteRange', ns: o.ns, lower: o.lower === null ? null : bytes(o.lower, 'lower'),
          upper: o.upper === null ? null : bytes(o.upper, 'upper'), lowerOpen: !!o.lowerOpen, upperOpen: !!o.upperOpen,
        };
        case 'dropNamespace': return { op: 'dropNamespace', ns: o.ns };
        default: throw new TypeError(`kvCommit: unknown op ${o.op}`);
      }
    });
    if (this.failNextCommit) {
      const e = this.failNextCommit;
      this.failNextCommit = null;
      throw e instanceof Error ? e : new Error(String(e));
    }
    const before = this.usage();
    const saved = new Map([...this.spaces].map(([ns, space]) => [ns, new Map(space)]));
    for (const o of checked) {
      const space = this.spaces.get(o.ns) ?? new Map();
      switch (o.op) {
        case 'put': space.set(hex(o.key), { key: o.key, value: o.value }); break;
        case 'delete': space.delete(hex(o.key)); break;
        case 'deleteRange': {
          const lo = o.lower === null ? null : hex(o.lower);
          const hi = o.upper === null ? null : hex(o.upper);
          for (const h of [...space.keys()]) if (inRange(h, lo, hi, o.lowerOpen, o.upperOpen)) space.delete(h);
          break;
        }
        case 'dropNamespace': space.clear(); break;
      }
      if (space.size) this.spaces.set(o.ns, space);
      else this.spaces.delete(o.ns);
    }
    const after = this.usage();
    if (after > before && after > this.quota) {
      this.spaces = saved;
      const e = new Error('The quota has been exceeded.');
      e.name = 'QuotaExceededError';
      throw e;
    }
    return ++this.generation;
  }

  namespaces(prefix) {
    this.#readCheck();
    return [...this.spaces.keys()].filter((ns) => ns.startsWith(prefix) && this.spaces.get(ns).size > 0).sort();
  }

  /** The host functions for one context; `toRealm` copies results into that context's realm. */
  hostFunctions(toRealm) {
    const log = (entry) => this.calls.push(entry);
    return {
      kvGet: (ns, key) => { log({ fn: 'kvGet', ns }); return toRealm(this.get(ns, key)); },
      kvRange: (ns, lower, upper, lowerOpen, upperOpen, reverse, limit) => {
        if (typeof lowerOpen !== 'boolean' || typeof upperOpen !== 'boolean' || typeof reverse !== 'boolean' || typeof limit !== 'number') {
          throw new TypeError('kvRange: bad arguments');
        }
        log({ fn: 'kvRange', ns });
        return toRealm(this.range(ns, lower, upper, lowerOpen, upperOpen, reverse, limit));
      },
      kvCount: (ns, lower, upper, lowerOpen, upperOpen) => { log({ fn: 'kvCount', ns }); return this.count(ns, lower, upper, lowerOpen, upperOpen); },
      kvCommit: (ops) => { log({ fn: 'kvCommit', ops: ops.map((o) => `${o.op} ${o.ns}`) }); return this.commit(ops); },
      kvNamespaces: (prefix) => { log({ fn: 'kvNamespaces', prefix }); return toRealm(this.namespaces(prefix)); },
      kvGeneration: () => { log({ fn: 'kvGeneration' }); this.#readCheck(); return this.generation; },
      kvUsage: () => toRealm([this.usage(), this.quota, this.usage('idb'), this.usage('cache')]),
      // Cross-context transaction locks: granted at once here (the commit-time guards are what these tests
      // exercise); the real host's lock table, which makes contexts wait, is tested in Rust (idb_locks.rs,
      // tests/worker.rs).
      idbLock: (db, scope, exclusive) => {
        if (typeof db !== 'string' || !(scope === null || Array.isArray(scope)) || typeof exclusive !== 'boolean') throw new TypeError('idbLock: bad arguments');
        log({ fn: 'idbLock', db, scope, exclusive });
        this.locks = (this.locks ?? 0) + 1;
        return toRealm([this.locks, 1]);
      },
      idbUnlock: (id) => { log({ fn: 'idbUnlock', id }); },
    };
  }

  /** Plain view for assertions: {ns: {hexKey: Buffer}}. */
  dump() {
    const out = {};
    for (const [ns, space] of [...this.spaces].sort(([a], [b]) => (a < b ? -1 : 1))) {
      out[ns] = Object.fromEntries([...space].sort(([a], [b]) => (a < b ? -1 : 1)).map(([h, e]) => [h, e.value]));
    }
    return out;
  }
}
