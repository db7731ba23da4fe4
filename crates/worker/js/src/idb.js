// IndexedDB: fake-indexeddb (a pure-JS IndexedDB, bundled unmodified) as the engine, made persistent and
// shared by every JavaScript context of the origin through the host's key-value store.
//
// Design ("records on demand + one commit per transaction"): each context keeps fake-indexeddb's databases,
// object stores and indexes (the schema) in memory, but not their records: every object store's and index's
// RecordStore is attached to a kv namespace and reads what it needs when it needs it (idb-records.js), so a
// store may be larger than the worker's heap.
//  - When a transaction starts, the schema and key generators are brought up to date: if kvGeneration() moved
//    since this context last looked, the database's meta namespace is read (one kvRange: schema + one stamp per
//    object store) and every object store of the transaction's scope whose stamp changed takes its key
//    generator from there.
//  - While it runs, the transaction's writes stay in its stores' overlays (fake-indexeddb's rollback log undoes
//    an abort there).
//  - When it completes (before `complete` fires), its changes go to kv in ONE atomic kvCommit: a put or delete
//    per changed record and index entry, a new stamp and key-generator value per changed store, and for
//    upgrades the schema, the new and renamed indexes written whole, and the namespaces of deleted ones
//    dropped. If the commit fails the transaction aborts (UnknownError) and the overlays are dropped.
// Namespaces: `idb-meta:<db>` (key "schema"; keys "store:<id>" → {stamp, keyGen, ix}), `idb:<db>:<id>`
// (records: order-preserving key bytes → serialized value), `idb:<db>:<id>:<index>` (index entries). Store
// ids never change (renames are free), names are escaped so one database's prefix never matches another's.
// Databases stored before index entries were kept in kv (no `ix` in a store's state) get their index
// namespaces built from the records the first time a transaction uses the store.
import FDBFactory from 'fake-indexeddb/internal/FDBFactory.js';
import FDBDatabase from 'fake-indexeddb/internal/FDBDatabase.js';
import FDBTransaction from 'fake-indexeddb/internal/FDBTransaction.js';
import FDBObjectStore from 'fake-indexeddb/internal/FDBObjectStore.js';
import FDBIndex from 'fake-indexeddb/internal/FDBIndex.js';
import FDBCursor from 'fake-indexeddb/internal/FDBCursor.js';
import FDBCursorWithValue from 'fake-indexeddb/internal/FDBCursorWithValue.js';
import FDBKeyRange from 'fake-indexeddb/internal/FDBKeyRange.js';
import FDBRequest from 'fake-indexeddb/internal/FDBRequest.js';
import FDBOpenDBRequest from 'fake-indexeddb/internal/FDBOpenDBRequest.js';
import FDBVersionChangeEvent from 'fake-indexeddb/internal/FDBVersionChangeEvent.js';
import FDBRecord from 'fake-indexeddb/internal/FDBRecord.js';
import Database from 'fake-indexeddb/internal/lib/Database.js';
import ObjectStore from 'fake-indexeddb/internal/lib/ObjectStore.js';
import Index from 'fake-indexeddb/internal/lib/Index.js';
import FakeEvent from 'fake-indexeddb/internal/lib/FakeEvent.js';
import FakeEventTarget from 'fake-indexeddb/internal/lib/FakeEventTarget.js';
import enforceRange from 'fake-indexeddb/internal/lib/enforceRange.js';
import * as idbErrors from 'fake-indexeddb/internal/lib/errors.js';
import { validateRequiredArguments } from 'fake-indexeddb/internal/lib/validateRequiredArguments.js';
import { queueTask, markReported, wakePolls } from './idb-scheduling.js';
import { Promise } from './intrinsics.js';
import { host } from './host.js';
import { DOMException } from './dom-exception.js';
import { reportException } from './events.js';
import { asciiBytes, bytesToAscii, escapeName, unescapeName } from './kv-codec.js';
import { serialize, deserialize } from './serialize.js';
import { attach, isAttached, hasChanges, resetOverlay, commitOps as overlayOps, writeAllOps, buildIndexOps, indexKind } from './idb-records.js';

const SCHEMA_KEY = asciiBytes('schema');
const metaNs = (db) => `idb-meta:${escapeName(db)}`;
const storeNs = (db, id) => `idb:${escapeName(db)}:${id}`;
const indexNs = (db, id, name) => `idb:${escapeName(db)}:${id}:${escapeName(name)}`;
const storeStateKey = (id) => asciiBytes(`store:${id}`);

// A stamp per committed change of an object store: unique across contexts (random context id + counter).
let contextId = null;
let stampCounter = 0;
function newStamp() {
  if (contextId === null) contextId = Array.from(host.randomBytes(6), (b) => b.toString(16).padStart(2, '0')).join('');
  return `${contextId}.${++stampCounter}`;
}

function hostFailure(e, what) {
  const detail = e && typeof e === 'object' && 'message' in e ? String(e.message) : String(e);
  return new DOMException(`${what}: ${detail}`, 'UnknownError');
}

// ---------------------------------------------------------------------------------------------------------
// Per-database and per-store bookkeeping (on fake-indexeddb's internal objects, which user code never sees
// directly): Database → kv state; ObjectStore → kv id, stamp, and whether its key generator is current.

const dbState = new WeakMap(); // Database → {gen, nextId, ids: Set<id>}
const storeState = new WeakMap(); // ObjectStore → {id, stamp, loaded, stale}

function stateOfDb(rawDb) {
  let s = dbState.get(rawDb);
  if (!s) dbState.set(rawDb, (s = { gen: -1, nextId: 1, ids: new Set() }));
  return s;
}

/** A store that exists in kv has an id; a store created by a running upgrade has none until it commits. */
function stateOfStore(store) {
  let s = storeState.get(store);
  if (!s) storeState.set(store, (s = { id: undefined, stamp: null, loaded: true, stale: false }));
  return s;
}

function readMeta(name) {
  const entries = host.kvRange(metaNs(name), null, null, false, false, false, 0);
  let schema = null;
  const stores = new Map(); // id → {stamp, keyGen}
  for (const [k, v] of entries) {
    const key = bytesToAscii(k);
    if (key === 'schema') schema = deserialize(v);
    else if (key.startsWith('store:')) stores.set(Number(key.slice(6)), deserialize(v));
  }
  return { schema, stores };
}

function versionchangeRunning(rawDb) {
  return rawDb.transactions.some((t) => t.mode === 'versionchange' && t._state !== 'finished')
    || rawDb.connections.some((c) => c._runningVersionchangeTransaction);
}

function sameKeyPath(a, b) {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => x === b[i]);
  }
  return a === b;
}

/** Make the mirror's object stores and indexes those of a schema read from kv (null: no such database). */
function applySchema(rawDb, schema) {
  const ds = stateOfDb(rawDb);
  if (schema === null) {
    if (ds.ids.size === 0 && rawDb.version === 0) return;
    // Deleted by another context.
    for (const store of rawDb.rawObjectStores.values()) store.deleted = true;
    rawDb.rawObjectStores.clear();
    rawDb.version = 0;
    ds.ids.clear();
    ds.nextId = 1;
    return;
  }
  rawDb.version = schema.version;
  ds.nextId = schema.nextId;
  const byId = new Map();
  for (const store of rawDb.rawObjectStores.values()) {
    const id = stateOfStore(store).id;
    if (id !== undefined) byId.set(id, store);
  }
  const next = new Map();
  for (const def of schema.stores) {
    let store = byId.get(def.id);
    if (store && (!sameKeyPath(store.keyPath, def.keyPath) || store.autoIncrement !== def.autoIncrement)) store = undefined;
    if (!store) {
      store = new ObjectStore(rawDb, def.name, def.keyPath, def.autoIncrement);
      attach(store.records, 'store', storeNs(rawDb.name, def.id));
      Object.assign(stateOfStore(store), { id: def.id, loaded: false });
    }
    byId.delete(def.id);
    store.name = def.name;
    const indexes = new Map();
    for (const idx of def.indexes) {
      let index = store.rawIndexes.get(idx.name);
      if (!index || !sameKeyPath(index.keyPath, idx.keyPath) || index.unique !== idx.unique || index.multiEntry !== idx.multiEntry) {
        if (index) index.deleted = true;
        index = new Index(store, idx.name, idx.keyPath, idx.multiEntry, idx.unique);
        index.initialized = true;
        attach(index.records, indexKind(index), indexNs(rawDb.name, def.id, idx.name));
      }
      indexes.set(idx.name, index);
    }
    for (const [name, index] of store.rawIndexes) {
      if (indexes.get(name) !== index) index.deleted = true;
    }
    store.rawIndexes = indexes;
    next.set(def.name, store);
  }
  for (const store of byId.values()) store.deleted = true;
  for (const store of rawDb.rawObjectStores.values()) {
    if (stateOfStore(store).id === undefined) store.deleted = true; // cannot happen outside an upgrade
  }
  rawDb.rawObjectStores = next;
  ds.ids = new Set(schema.stores.map((s) => s.id));
}

/**
 * Make the key generator of `store` the stored one. A store stored before index entries were kept in kv gets
 * its index namespaces built from its records (the transaction holds the store's lock, so nobody writes it
 * meanwhile; two readers building at once write the same entries).
 */
function refreshStore(rawDb, store, meta) {
  const ss = stateOfStore(store);
  const state = meta.stores.get(ss.id);
  if (store.keyGenerator) store.keyGenerator.num = state ? state.keyGen : 0;
  if (!state?.ix && store.rawIndexes.size > 0) {
    const ops = [];
    for (const index of store.rawIndexes.values()) {
      const ns = indexNs(rawDb.name, ss.id, index.name);
      ops.push({ op: 'dropNamespace', ns }, ...buildIndexOps(store, index, ns));
    }
    const stamp = state ? state.stamp : null;
    ops.push({ op: 'put', ns: metaNs(rawDb.name), key: storeStateKey(ss.id), value: serialize({ stamp, keyGen: state ? state.keyGen : 0, ix: 1 }) });
    host.kvCommit(ops);
  }
  ss.stamp = state ? state.stamp : null;
  ss.loaded = true;
  ss.stale = false;
}

/** Stores of the database that another started, unfinished transaction of this context is using. */
function busyStores(rawDb, except) {
  const busy = new Set();
  for (const t of rawDb.transactions) {
    if (t === except || !t._started || t._state === 'finished') continue;
    for (const name of t._scope) {
      const s = rawDb.rawObjectStores.get(name);
      if (s) busy.add(s);
    }
  }
  return busy;
}

/**
 * Bring the mirror of `rawDb` up to date with kv: the schema (unless an upgrade is running here) and the
 * key generators of `stores`. Returns the generation the mirror is consistent with.
 */
function syncDatabase(rawDb, { stores = [], schema = true, except = null } = {}) {
  const ds = stateOfDb(rawDb);
  let gen = -1;
  for (let attempt = 0; attempt < 4; attempt++) {
    gen = host.kvGeneration();
    const fresh = (s) => { const ss = stateOfStore(s); return ss.id === undefined || (ss.loaded && !ss.stale); };
    if (gen === ds.gen && stores.every(fresh)) return gen;
    const meta = readMeta(rawDb.name);
    if (schema && !versionchangeRunning(rawDb)) applySchema(rawDb, meta.schema);
    for (const s of rawDb.rawObjectStores.values()) {
      const ss = stateOfStore(s);
      if (ss.id === undefined || !ss.loaded) continue;
      const state = meta.stores.get(ss.id);
      if ((state ? state.stamp : null) !== ss.stamp) ss.stale = true;
    }
    const busy = busyStores(rawDb, except);
    for (const s of stores) {
      if (s.deleted) continue;
      const ss = stateOfStore(s);
      if (ss.id !== undefined && (!ss.loaded || ss.stale) && !busy.has(s)) refreshStore(rawDb, s, meta);
    }
    ds.gen = gen;
    if (host.kvGeneration() === gen) return gen;
  }
  return gen;
}

/** The mirror of database `name` (created from kv when this context has none), schema brought up to date. */
function syncByName(factory, name) {
  let rawDb = factory._databases.get(name);
  if (rawDb === undefined) {
    const gen = host.kvGeneration();
    const meta = readMeta(name);
    if (meta.schema === null) return;
    rawDb = new Database(name, 0);
    applySchema(rawDb, meta.schema);
    stateOfDb(rawDb).gen = gen; // its stores load when a transaction first uses them
    factory._databases.set(name, rawDb);
    return;
  }
  syncDatabase(rawDb);
}

// ---------------------------------------------------------------------------------------------------------

function forgetChanges(tx) {
  const stores = tx.mode === 'versionchange' ? [...tx.db._rawDatabase.rawObjectStores.values(), ...tx._createdObjectStores] : scopeStores(tx);
  for (const store of stores) {
    resetOverlay(store.records);
    for (const index of store.rawIndexes.values()) resetOverlay(index.records);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Transactions: sync the mirror when one starts; ONE kvCommit when it completes.

const txBegin = new WeakMap(); // FDBTransaction → generation its stores were synced at

function scopeStores(tx) {
  const rawDb = tx.db._rawDatabase;
  const out = [];
  for (const name of tx._scope) {
    const s = rawDb.rawObjectStores.get(name);
    if (s) out.push(s);
  }
  return out;
}

function beginTransaction(tx) {
  const rawDb = tx.db._rawDatabase;
  const gen = syncDatabase(rawDb, { stores: scopeStores(tx), schema: tx.mode !== 'versionchange', except: tx });
  txBegin.set(tx, gen);
}

/** The kv operations that persist transaction `tx`, and what to update in memory once they committed. */
function commitOps(tx) {
  const rawDb = tx.db._rawDatabase;
  const ds = stateOfDb(rawDb);
  const ops = [];
  const after = [];
  const meta = metaNs(rawDb.name);
  const upgrade = tx.mode === 'versionchange';
  let stores = scopeStores(tx);
  let nextId = ds.nextId;

  const newIds = new Map(); // store created by this upgrade → its id
  if (upgrade) {
    stores = [...rawDb.rawObjectStores.values()];
    const schemaStores = [];
    const ids = new Set();
    const wanted = new Set(); // the namespaces the schema keeps
    for (const store of stores) {
      const ss = stateOfStore(store);
      let id = ss.id;
      if (id === undefined) {
        id = nextId++;
        newIds.set(store, id);
      }
      ids.add(id);
      wanted.add(storeNs(rawDb.name, id));
      for (const index of store.rawIndexes.values()) wanted.add(indexNs(rawDb.name, id, index.name));
      schemaStores.push({
        id, name: store.name, keyPath: store.keyPath, autoIncrement: !!store.autoIncrement,
        indexes: [...store.rawIndexes.values()].map((i) => ({ name: i.name, keyPath: i.keyPath, unique: !!i.unique, multiEntry: !!i.multiEntry })),
      });
    }
    for (const ns of host.kvNamespaces(`idb:${escapeName(rawDb.name)}:`)) {
      if (!wanted.has(ns)) ops.push({ op: 'dropNamespace', ns });
    }
    for (const id of ds.ids) {
      if (!ids.has(id)) ops.push({ op: 'delete', ns: meta, key: storeStateKey(id) });
    }
    ops.push({ op: 'put', ns: meta, key: SCHEMA_KEY, value: serialize({ version: rawDb.version, nextId, stores: schemaStores }) });
    const finalNext = nextId;
    after.push(() => {
      for (const [store, id] of newIds) Object.assign(stateOfStore(store), { id, loaded: true, stale: false, stamp: null });
      ds.ids = ids;
      ds.nextId = finalNext;
    });
  }

  const guarded = [];
  for (const store of stores) {
    const ss = stateOfStore(store);
    const id = ss.id ?? newIds.get(store);
    const ns = storeNs(rawDb.name, id);
    let changed = upgrade; // an upgrade writes every store's state (its `ix` says its indexes are in kv)
    if (!isAttached(store.records)) {
      // created by this upgrade: written whole
      ops.push(...writeAllOps(store.records, 'store', ns));
      after.push(() => attach(store.records, 'store', ns));
      changed = true;
    } else if (hasChanges(store.records)) {
      const c = overlayOps(store.records);
      ops.push(...c.ops);
      guarded.push(...c.guarded);
      changed = true;
    }
    for (const index of store.rawIndexes.values()) {
      const records = index.records;
      const ins = indexNs(rawDb.name, id, index.name);
      const kind = indexKind(index);
      if (!isAttached(records) || records.kvNs !== ins || records.kvKind !== kind) {
        // created, renamed or redefined by this upgrade: written whole
        ops.push({ op: 'dropNamespace', ns: ins }, ...writeAllOps(records, kind, ins));
        after.push(() => attach(records, kind, ins));
        changed = true;
      } else if (hasChanges(records)) {
        ops.push(...overlayOps(records).ops);
        changed = true;
      }
    }
    if (!changed) continue;
    const stamp = newStamp();
    ops.push({ op: 'put', ns: meta, key: storeStateKey(id), value: serialize({ stamp, keyGen: store.keyGenerator ? store.keyGenerator.num : 0, ix: 1 }) });
    after.push(() => { ss.stamp = stamp; ss.stale = false; });
  }
  return { ops, after, guarded, stores };
}

class CommitConflict extends Error {}

function commitTransaction(tx) {
  if (tx.mode === 'readonly') return;
  const rawDb = tx.db._rawDatabase;
  const ds = stateOfDb(rawDb);
  const { ops, after, guarded, stores } = commitOps(tx);
  if (ops.length === 0) return;
  // Records this transaction created with add() or a generated key must not silently replace records another
  // context created meanwhile (a browser would have serialized the two transactions): that is a ConstraintError.
  if (guarded.length > 0 && host.kvGeneration() !== txBegin.get(tx)) {
    for (const g of guarded) {
      if (host.kvGet(g.ns, g.enc) !== null) {
        throw new CommitConflict('Key already exists in the object store: another context of this origin added it while this transaction ran.');
      }
    }
  }
  const before = ds.gen;
  const gen = host.kvCommit(ops);
  for (const f of after) f();
  if (before !== -1 && gen === before + 1) {
    ds.gen = gen; // nothing but this commit happened since the mirror was last known current: it still is
  } else {
    // Another context committed meanwhile: its changes to the stores written here were merged in kv (and
    // the stamps now say this commit): reload those stores next time.
    for (const store of stores) stateOfStore(store).stale = true;
  }
}

function abortWith(tx, name, message) {
  tx._abort(name);
  tx.error = new DOMException(message, name);
}

// Cross-context order: before it starts, a transaction takes a lock shared with the origin's other contexts
// (readonly: shared; readwrite: exclusive on its stores; versionchange: the whole database). While another
// context holds a conflicting one it waits — counted as started, so this context's own later transactions
// queue behind it as they would — and starts when the host grants it (idbGranted). The lock goes back when
// the transaction finishes (commit or abort).
const txLock = new WeakMap(); // FDBTransaction → lock id
const waitingForLock = new Map(); // lock id → FDBTransaction

function takeLock(tx) {
  const scope = tx.mode === 'versionchange' ? null : [...tx._scope];
  const [id, granted] = host.idbLock(tx.db._rawDatabase.name, scope, tx.mode !== 'readonly');
  txLock.set(tx, id);
  if (!granted) waitingForLock.set(id, tx);
  return granted;
}

function giveBackLock(tx) {
  const id = txLock.get(tx);
  if (id === undefined) return;
  txLock.delete(tx);
  waitingForLock.delete(id);
  host.idbUnlock(id);
}

/** Called by Rust when a lock another context held is ours. */
export function idbGranted(id) {
  const tx = waitingForLock.get(id);
  if (tx === undefined) return;
  waitingForLock.delete(id);
  if (tx._state === 'finished') giveBackLock(tx);
  else tx._start();
}

const originalStart = FDBTransaction.prototype._start;
FDBTransaction.prototype._start = function _start() {
  if (!txBegin.has(this)) {
    if (!txLock.has(this)) {
      let granted;
      try {
        granted = takeLock(this);
      } catch (e) {
        txBegin.set(this, -1);
        if (this._state !== 'finished') abortWith(this, 'UnknownError', hostFailure(e, 'Starting the IndexedDB transaction failed').message);
        return;
      }
      if (!granted) {
        this._started = true;
        return;
      }
    } else if (waitingForLock.has(txLock.get(this))) {
      return; // still waiting (fake-indexeddb re-queues _start after each request; none ran yet)
    }
    try {
      beginTransaction(this);
    } catch (e) {
      txBegin.set(this, -1);
      if (this._state !== 'finished') abortWith(this, 'UnknownError', hostFailure(e, 'Reading IndexedDB data failed').message);
      return;
    }
  }
  if (this._state !== 'finished' && !this.error && this._requests.every((r) => r.request.readyState === 'done')) {
    try {
      commitTransaction(this);
    } catch (e) {
      forgetChanges(this);
      if (e instanceof CommitConflict) abortWith(this, 'ConstraintError', e.message);
      else if (e?.name === 'DataCloneError') abortWith(this, 'DataCloneError', e.message);
      // (Chromium's transaction error for a write past the quota has no message: measured by
      // crates/cdp/tests/differential_web.rs)
      else if (e?.name === 'QuotaExceededError') abortWith(this, 'QuotaExceededError', '');
      else abortWith(this, 'UnknownError', hostFailure(e, 'Committing the IndexedDB transaction failed').message);
      return;
    }
    forgetChanges(this);
  }
  return Reflect.apply(originalStart, this, []);
};

// What blocked opens, deletes and closes wait for (see idb-scheduling.js).
const originalMarkFinished = FDBTransaction.prototype._markFinished;
FDBTransaction.prototype._markFinished = function _markFinished() {
  const r = Reflect.apply(originalMarkFinished, this, []);
  giveBackLock(this);
  wakePolls();
  return r;
};
const originalClose = FDBDatabase.prototype.close;
FDBDatabase.prototype.close = function close() {
  const r = Reflect.apply(originalClose, this, []);
  wakePolls();
  return r;
};

const originalAbort = FDBTransaction.prototype._abort;
FDBTransaction.prototype._abort = function _abort(errName) {
  const r = Reflect.apply(originalAbort, this, [errName]);
  forgetChanges(this); // after the rollback log ran (it replays mutations that must not count)
  // fake-indexeddb gives the transaction's error no message; use the one its error classes have.
  if (this.error && this.error.message === '' && typeof idbErrors[this.error.name] === 'function') this.error = new idbErrors[this.error.name]();
  return r;
};

// ---------------------------------------------------------------------------------------------------------
// The factory: open/deleteDatabase/databases read and write kv.

function failedRequest(message) {
  const request = new FDBOpenDBRequest();
  request.source = null;
  queueTask(() => {
    request.result = undefined;
    request.readyState = 'done';
    request.error = new DOMException(message, 'UnknownError');
    const event = new FakeEvent('error', { bubbles: true, cancelable: true });
    event.eventPath = [];
    request.dispatchEvent(event);
  });
  return request;
}

const originalOpen = FDBFactory.prototype.open;
FDBFactory.prototype.open = function open(name, version) {
  validateRequiredArguments(arguments.length, 1, 'IDBFactory.open');
  name = String(name);
  if (arguments.length > 1 && version !== undefined) version = enforceRange(version, 'MAX_SAFE_INTEGER');
  if (version === 0) throw new TypeError('Database version cannot be 0');
  try {
    syncByName(this, name);
  } catch (e) {
    return failedRequest(hostFailure(e, 'Opening the IndexedDB database failed').message);
  }
  return Reflect.apply(originalOpen, this, [name, version]);
};

// deleteDatabase: fake-indexeddb removes the mirror once no connection of this context is open, then fires
// `success`; the kv namespaces are dropped (one kvCommit) right before that event.
const pendingDeletes = new WeakMap(); // FDBOpenDBRequest → database name
const originalDelete = FDBFactory.prototype.deleteDatabase;
FDBFactory.prototype.deleteDatabase = function deleteDatabase(name) {
  validateRequiredArguments(arguments.length, 1, 'IDBFactory.deleteDatabase');
  name = String(name);
  try {
    syncByName(this, name);
  } catch (e) {
    return failedRequest(hostFailure(e, 'Deleting the IndexedDB database failed').message);
  }
  const request = Reflect.apply(originalDelete, this, [name]);
  pendingDeletes.set(request, name);
  return request;
};

function dropDatabase(name) {
  const meta = metaNs(name);
  const ops = host.kvNamespaces(`idb:${escapeName(name)}:`).map((ns) => ({ op: 'dropNamespace', ns }));
  if (host.kvNamespaces(meta).includes(meta)) ops.push({ op: 'dropNamespace', ns: meta });
  if (ops.length > 0) host.kvCommit(ops);
}

FDBOpenDBRequest.prototype.dispatchEvent = function dispatchEvent(event) {
  const name = pendingDeletes.get(this);
  if (name !== undefined && event.type === 'success') {
    pendingDeletes.delete(this);
    try {
      dropDatabase(name);
    } catch (e) {
      this.result = undefined;
      this.error = hostFailure(e, 'Deleting the IndexedDB database failed');
      const error = new FakeEvent('error', { bubbles: true, cancelable: true });
      error.eventPath = [];
      return FakeEventTarget.prototype.dispatchEvent.call(this, error);
    }
  }
  return FakeEventTarget.prototype.dispatchEvent.call(this, event);
};

FDBFactory.prototype.databases = function databases() {
  try {
    const out = [];
    for (const ns of host.kvNamespaces('idb-meta:')) {
      const value = host.kvGet(ns, SCHEMA_KEY);
      if (value === null) continue;
      out.push({ name: unescapeName(ns.slice('idb-meta:'.length)), version: deserialize(value).version });
    }
    return Promise.resolve(out);
  } catch (e) {
    return Promise.reject(hostFailure(e, 'Listing IndexedDB databases failed'));
  }
};

// Exceptions thrown by IDB event listeners are reported (as browsers do), then fake-indexeddb sees them too
// (it aborts the transaction) — as an AggregateError that must not be reported a second time.
const originalDispatch = FakeEventTarget.prototype.dispatchEvent;
FakeEventTarget.prototype.dispatchEvent = function dispatchEvent(event) {
  try {
    return Reflect.apply(originalDispatch, this, [event]);
  } catch (e) {
    if (e instanceof AggregateError && Array.isArray(e.errors)) {
      for (const err of e.errors) reportException(err);
      markReported(e);
    }
    throw e;
  }
};

// ---------------------------------------------------------------------------------------------------------

export const indexedDB = new FDBFactory();

export {
  FDBFactory as IDBFactory, FDBDatabase as IDBDatabase, FDBTransaction as IDBTransaction,
  FDBObjectStore as IDBObjectStore, FDBIndex as IDBIndex, FDBCursor as IDBCursor,
  FDBCursorWithValue as IDBCursorWithValue, FDBKeyRange as IDBKeyRange, FDBRequest as IDBRequest,
  FDBOpenDBRequest as IDBOpenDBRequest, FDBVersionChangeEvent as IDBVersionChangeEvent, FDBRecord as IDBRecord,
};
