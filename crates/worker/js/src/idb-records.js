// IndexedDB records read from the host's key-value store on demand: no object store or index is ever loaded
// whole, so a store may be far larger than the worker's heap (as in a browser, where IndexedDB sits on disk).
//
// fake-indexeddb keeps the records of every object store and index in a RecordStore (a sorted tree). Here a
// RecordStore can be ATTACHED to a kv namespace, which holds its committed records. The tree then holds only
// what the running transaction changed (the overlay), `gone` marks committed records it deleted and `cleared`
// that it cleared the store; `touched` lists every record the overlay speaks for. Reads merge the overlay with
// the committed records in key order, fetching those in small chunks (then more, at most
// about CHUNK_BYTES a chunk; two records first, so a cursor step is one read). When the transaction commits, `commitOps()` gives its changes as kv operations;
// once they are written (or the transaction aborted) `resetOverlay()` forgets them.
//
// Reading committed records while a transaction runs is safe because the transaction holds its cross-context
// lock (see idb.js): no other context of the origin writes those stores until it finishes.
//
// Layout of an attached namespace, by kind:
//   store   key: encodeKey(primary key)              value: serialize(value)
//   unique  key: encodeKey(index key)                value: encodeKey(primary key)   (a unique index)
//   multi   key: encodeKey([index key, primary key]) value: empty                    (any other index)
// A RecordStore that is not attached (an object store or index created by a running upgrade) is fake-indexeddb's
// own, in memory; the upgrade's commit writes it out whole and attaches it.
import RecordStore from 'fake-indexeddb/internal/lib/RecordStore.js';
import ObjectStore from 'fake-indexeddb/internal/lib/ObjectStore.js';
import Index from 'fake-indexeddb/internal/lib/Index.js';
import BinarySearchTree from 'fake-indexeddb/internal/lib/binarySearchTree.js';
import FDBKeyRange from 'fake-indexeddb/internal/FDBKeyRange.js';
import FDBCursor from 'fake-indexeddb/internal/FDBCursor.js';
import { cmpKeys } from 'fake-indexeddb/internal/lib/cmp.js';
import { ConstraintError } from 'fake-indexeddb/internal/lib/errors.js';
import { host } from './host.js';
import { encodeKey, decodeKey, bytesToAscii, concatBytes } from './kv-codec.js';
import { serialize, deserialize } from './serialize.js';

/** About how many bytes one read of committed records asks for (a single larger record is read alone). */
const CHUNK_BYTES = 1 << 20;
const MAX_CHUNK_RECORDS = 256;
const EMPTY = new Uint8Array(0);
/** Above every type tag of kv-codec.js: `prefix + AFTER` sorts after every `[k, primaryKey]` of an index key k. */
const AFTER = new Uint8Array([0x51]);

/** A committed object-store record: its value is deserialized when first read (key scans never pay for it). */
class StoredRecord {
  #bytes;
  #value;
  constructor(key, bytes) {
    this.key = key;
    this.#bytes = bytes;
  }
  get value() {
    if (this.#bytes !== null) {
      this.#value = deserialize(this.#bytes);
      this.#bytes = null;
    }
    return this.#value;
  }
  set value(v) {
    this.#bytes = null;
    this.#value = v;
  }
}

const KINDS = {
  store: {
    encode: (r) => encodeKey(r.key),
    value: (r) => serialize(r.value),
    decode: (k, v) => new StoredRecord(decodeKey(k), v),
  },
  unique: {
    encode: (r) => encodeKey(r.key),
    value: (r) => encodeKey(r.value),
    decode: (k, v) => ({ key: decodeKey(k), value: decodeKey(v) }),
  },
  multi: {
    encode: (r) => encodeKey([r.key, r.value]),
    value: () => EMPTY,
    decode: (k) => {
      const [key, value] = decodeKey(k);
      return { key, value };
    },
  },
};

/** The kind of namespace an index's records go to. */
export const indexKind = (index) => (index.unique ? 'unique' : 'multi');

/** The bytes all `[k, …]` of index key k start with (encodeKey([k]) without the array's terminator). */
const indexPrefix = (k) => encodeKey([k]).slice(0, -1);

/** A key range as kv bounds for a namespace of `kind`. */
function kvBounds(kind, range) {
  if (range === undefined || range === null) return [null, null, false, false];
  if (kind !== 'multi') {
    return [
      range.lower === undefined ? null : encodeKey(range.lower),
      range.upper === undefined ? null : encodeKey(range.upper),
      !!range.lowerOpen,
      !!range.upperOpen,
    ];
  }
  const lower = range.lower === undefined ? null : range.lowerOpen ? concatBytes(indexPrefix(range.lower), AFTER) : indexPrefix(range.lower);
  const upper = range.upper === undefined ? null : range.upperOpen ? indexPrefix(range.upper) : concatBytes(indexPrefix(range.upper), AFTER);
  return [lower, upper, false, true];
}

function nextLimit(limit, bytes, rows) {
  const perRecord = Math.max(1, bytes / rows);
  return Math.max(1, Math.min(limit * 4, MAX_CHUNK_RECORDS, Math.floor(CHUNK_BYTES / perRecord)));
}

/** The one key a range holds (`only(k)`), or undefined. */
function singleKey(range) {
  if (!(range instanceof FDBKeyRange)) return { key: range };
  if (range.lower === undefined || range.upper === undefined || range.lowerOpen || range.upperOpen) return undefined;
  return cmpKeys(range.lower, range.upper) === 0 ? { key: range.lower } : undefined;
}

function first(iterable) {
  for (const r of iterable) return r;
  return undefined;
}

const original = {
  get: RecordStore.prototype.get,
  put: RecordStore.prototype.put,
  delete: RecordStore.prototype.delete,
  deleteByKeyAndValue: RecordStore.prototype.deleteByKeyAndValue,
  clear: RecordStore.prototype.clear,
  values: RecordStore.prototype.values,
  size: RecordStore.prototype.size,
};

/** Whether `records` (a RecordStore) reads from kv. */
export const isAttached = (records) => records.kvNs !== undefined;

/** Attach `records` to namespace `ns` (its committed records), with an empty overlay. */
export function attach(records, kind, ns) {
  records.kvKind = kind;
  records.kvNs = ns;
  resetOverlay(records);
}

/** Forget the overlay (after the transaction's changes were written, or when it aborted). */
export function resetOverlay(records) {
  if (!isAttached(records)) return;
  records.records = new BinarySearchTree(records.keysAreUnique);
  records.gone = new Set();
  records.touched = new Map();
  records.cleared = false;
}

/** Whether the overlay holds changes to write. */
export const hasChanges = (records) => isAttached(records) && (records.cleared || records.touched.size > 0);

/** The overlay's state, to restore when an operation is rolled back. */
function snapshot(records) {
  return { records: records.records, gone: new Set(records.gone), touched: new Map(records.touched), cleared: records.cleared };
}

function restore(records, s) {
  Object.assign(records, s);
}

/**
 * The overlay's record for a key (and, in a `multi` index, primary key). (Not BinarySearchTree.get: it also
 * returns records deleted from the tree.)
 */
function ownRecord(records, key, value) {
  for (const r of records.records.getRecords(FDBKeyRange.only(key))) {
    if (records.kvKind !== 'multi' || cmpKeys(r.value, value) === 0) return r;
  }
  return undefined;
}

const overlayRecord = (records, t) => ownRecord(records, t.key, t.value);

/** The committed records in `range`, in order, leaving out those the overlay deleted: {record, id}. */
function* committed(records, range, descending) {
  const kind = KINDS[records.kvKind];
  let [lower, upper, lowerOpen, upperOpen] = kvBounds(records.kvKind, range);
  // Two at first: a cursor's next step asks for a range that starts at the record it is on.
  let limit = 2;
  for (;;) {
    const rows = host.kvRange(records.kvNs, lower, upper, lowerOpen, upperOpen, descending, limit);
    let bytes = 0;
    for (const [k, v] of rows) {
      bytes += k.length + v.length;
      const id = bytesToAscii(k);
      if (!records.gone.has(id)) yield { record: kind.decode(k, v), id };
    }
    if (rows.length < limit) return;
    const last = rows[rows.length - 1][0];
    if (descending) [upper, upperOpen] = [last, true];
    else [lower, lowerOpen] = [last, true];
    limit = nextLimit(limit, bytes, rows.length);
  }
}

/** The overlay merged with the committed records, in key order (then primary key, for a `multi` index). */
function* merged(records, range, descending) {
  const multi = records.kvKind === 'multi';
  const cmp = (a, b) => {
    const c = cmpKeys(a.key, b.key);
    return c !== 0 || !multi ? c : cmpKeys(a.value, b.value);
  };
  const own = range ? records.records.getRecords(range, descending) : records.records.getAllRecords(descending);
  const base = records.cleared ? [][Symbol.iterator]() : committed(records, range, descending);
  let o = own.next();
  let b = base.next();
  while (!o.done || !b.done) {
    if (!b.done && records.gone.has(b.value.id)) {
      b = base.next();
      continue;
    }
    if (b.done) {
      yield o.value;
      o = own.next();
    } else if (o.done) {
      yield b.value.record;
      b = base.next();
    } else {
      const c = descending ? -cmp(o.value, b.value.record) : cmp(o.value, b.value.record);
      if (c <= 0) {
        yield o.value;
        o = own.next();
        if (c === 0) b = base.next(); // the overlay's version of that record replaces the committed one
      } else {
        yield b.value.record;
        b = base.next();
      }
    }
  }
}

/** Remove one record (found by a read) from the merged view. */
function removeOne(records, record) {
  const kind = KINDS[records.kvKind];
  const enc = kind.encode(record);
  const id = bytesToAscii(enc);
  let t = records.touched.get(id);
  if (t === undefined) {
    // Not in the overlay, so the read found it committed.
    t = { enc, inBase: !records.cleared, key: record.key, value: records.kvKind === 'multi' ? record.value : undefined, guarded: false };
    records.touched.set(id, t);
  }
  records.records.delete(record);
  if (t.inBase) records.gone.add(id);
}

// A put the running ObjectStore.storeRecord makes with add() or a generated key: the commit checks that no
// other context created that key meanwhile (see idb.js, CommitConflict).
let guardedPut = false;
const storeRecord = ObjectStore.prototype.storeRecord;
ObjectStore.prototype.storeRecord = function (newRecord, noOverwrite, rollbackLog) {
  const prev = guardedPut;
  guardedPut = !!noOverwrite || (this.keyGenerator !== null && newRecord.key === undefined);
  try {
    return Reflect.apply(storeRecord, this, [newRecord, noOverwrite, rollbackLog]);
  } finally {
    guardedPut = prev;
  }
};

RecordStore.prototype.get = function get(key) {
  if (!isAttached(this)) return Reflect.apply(original.get, this, [key]);
  const single = singleKey(key);
  if (single === undefined || this.kvKind === 'multi') {
    return first(merged(this, key instanceof FDBKeyRange ? key : FDBKeyRange.only(key), false));
  }
  key = single.key;
  const own = ownRecord(this, key);
  if (own !== undefined) return own;
  if (this.cleared) return undefined;
  const enc = encodeKey(key);
  if (this.touched.has(bytesToAscii(enc))) return undefined; // deleted by this transaction
  const v = host.kvGet(this.kvNs, enc);
  return v === null ? undefined : KINDS[this.kvKind].decode(enc, v);
};

RecordStore.prototype.put = function put(record, noOverwrite = false) {
  if (!isAttached(this)) return Reflect.apply(original.put, this, [record, noOverwrite]);
  const kind = KINDS[this.kvKind];
  const enc = kind.encode(record);
  const id = bytesToAscii(enc);
  let t = this.touched.get(id);
  let existing;
  if (t === undefined) {
    let inBase = false;
    if (!this.cleared) {
      const v = host.kvGet(this.kvNs, enc);
      if (v !== null) {
        inBase = true;
        existing = kind.decode(enc, v);
      }
    }
    t = { enc, inBase, key: record.key, value: this.kvKind === 'multi' ? record.value : undefined, guarded: false };
  } else {
    existing = overlayRecord(this, t);
  }
  if (existing !== undefined && noOverwrite) throw new ConstraintError();
  this.records.put(record);
  this.gone.delete(id);
  if (this.kvKind === 'store' && guardedPut && existing === undefined) t.guarded = true;
  this.touched.set(id, t);
  return existing;
};

RecordStore.prototype.delete = function del(key) {
  if (!isAttached(this)) return Reflect.apply(original.delete, this, [key]);
  let deleted;
  const single = singleKey(key);
  if (single === undefined || this.kvKind === 'multi') {
    deleted = [...merged(this, key instanceof FDBKeyRange ? key : FDBKeyRange.only(key), false)];
  } else {
    const record = this.get(single.key); // one key: one lookup
    deleted = record === undefined ? [] : [record];
  }
  for (const record of deleted) removeOne(this, record);
  return deleted;
};

RecordStore.prototype.deleteByKeyAndValue = function deleteByKeyAndValue(key, value) {
  if (!isAttached(this)) return Reflect.apply(original.deleteByKeyAndValue, this, [key, value]);
  if (this.kvKind === 'unique') {
    const record = this.get(key);
    if (record !== undefined && cmpKeys(record.value, value) === 0) removeOne(this, record);
    return;
  }
  const record = { key, value };
  const enc = KINDS.multi.encode(record);
  const t = this.touched.get(bytesToAscii(enc));
  const present = t !== undefined ? overlayRecord(this, t) !== undefined : !this.cleared && host.kvGet(this.kvNs, enc) !== null;
  if (present) removeOne(this, record);
};

RecordStore.prototype.clear = function clear() {
  if (!isAttached(this)) return Reflect.apply(original.clear, this, []);
  this.records = new BinarySearchTree(this.keysAreUnique);
  this.gone = new Set();
  this.touched = new Map();
  this.cleared = true;
  return []; // (ObjectStore.clear below keeps what a rollback needs instead)
};

RecordStore.prototype.values = function values(range, direction = 'next') {
  if (!isAttached(this)) return Reflect.apply(original.values, this, [range, direction]);
  const descending = direction === 'prev' || direction === 'prevunique';
  const self = this;
  return {
    *[Symbol.iterator]() {
      const records = merged(self, range, descending);
      if (direction === 'next' || direction === 'prev') {
        yield* records;
        return;
      }
      // nextunique / prevunique: the first record of each key, the lowest primary key for both directions
      let held;
      for (const r of records) {
        if (held !== undefined && cmpKeys(held.key, r.key) === 0) {
          if (descending) held = r;
          continue;
        }
        if (held !== undefined) yield held;
        held = r;
      }
      if (held !== undefined) yield held;
    },
  };
};

RecordStore.prototype.size = function size() {
  if (!isAttached(this)) return Reflect.apply(original.size, this, []);
  return countRange(this, undefined);
};

/** How many records are in `range` (undefined: all), counted by the host, not read. */
function countRange(records, range) {
  let n = 0;
  if (!records.cleared) {
    const [lower, upper, lowerOpen, upperOpen] = kvBounds(records.kvKind, range);
    n = host.kvCount(records.kvNs, lower, upper, lowerOpen, upperOpen);
  }
  for (const t of records.touched.values()) {
    if (range !== undefined && range !== null && !range.includes(t.key)) continue;
    n += (overlayRecord(records, t) !== undefined ? 1 : 0) - (t.inBase ? 1 : 0);
  }
  return n;
}

for (const Cls of [ObjectStore, Index]) {
  const count = Cls.prototype.count;
  Cls.prototype.count = function (range) {
    if (!isAttached(this.records)) return Reflect.apply(count, this, [range]);
    return countRange(this.records, range);
  };
}

// Clearing an attached store: the rollback restores the overlays as they were, instead of re-adding every
// record one by one (which would read the whole store).
const clearStore = ObjectStore.prototype.clear;
ObjectStore.prototype.clear = function (rollbackLog) {
  if (!isAttached(this.records)) return Reflect.apply(clearStore, this, [rollbackLog]);
  const all = [this.records, ...[...this.rawIndexes.values()].map((i) => i.records)];
  const saved = all.map((r) => [r, snapshot(r)]);
  if (rollbackLog) rollbackLog.push(() => { for (const [r, s] of saved) restore(r, s); });
  for (const r of all) r.clear();
};

// A cursor's step asks for a range from the cursor's position, but fake-indexeddb combines a cursor's own range
// with its position by taking the WIDER bound (FDBCursor.js makeKeyRange), so each step of a cursor opened on a
// range starts reading at the range's start again (in memory that only costs time; from kv, a walk over n
// records would read n²/2). Narrow the range to the position for the step; what lies before the position is
// what the step skips anyway.
const iterate = FDBCursor.prototype._iterate;
FDBCursor.prototype._iterate = function (key, primaryKey) {
  const range = this._range;
  const pos = this._position;
  if (range === undefined || pos === undefined) return Reflect.apply(iterate, this, [key, primaryKey]);
  const forward = this.direction === 'next' || this.direction === 'nextunique';
  if (forward && (range.lower === undefined || cmpKeys(pos, range.lower) > 0)) {
    this._range = new FDBKeyRange(pos, range.upper, false, range.upperOpen);
  } else if (!forward && (range.upper === undefined || cmpKeys(pos, range.upper) < 0)) {
    this._range = new FDBKeyRange(range.lower, pos, range.lowerOpen, false);
  }
  try {
    return Reflect.apply(iterate, this, [key, primaryKey]);
  } finally {
    this._range = range;
  }
};

/**
 * The kv operations that write the overlay of `records` (attached) to its namespace, and the records this
 * transaction created with add() or a generated key ({ns, enc}: the commit checks nobody else made them).
 */
export function commitOps(records) {
  const kind = KINDS[records.kvKind];
  const ns = records.kvNs;
  const ops = [];
  const guarded = [];
  if (records.cleared) ops.push({ op: 'deleteRange', ns, lower: null, upper: null, lowerOpen: false, upperOpen: false });
  for (const t of records.touched.values()) {
    const record = overlayRecord(records, t);
    if (record !== undefined) {
      ops.push({ op: 'put', ns, key: t.enc, value: kind.value(record) });
      if (t.guarded && !t.inBase && !records.cleared) guarded.push({ ns, enc: t.enc });
    } else if (t.inBase) {
      ops.push({ op: 'delete', ns, key: t.enc });
    }
  }
  return { ops, guarded };
}

/** Put operations writing every record of `records` (attached or not) into namespace `ns` as `kind`. */
export function writeAllOps(records, kind, ns) {
  const k = KINDS[kind];
  const ops = [];
  const all = isAttached(records) ? merged(records, undefined, false) : records.records.getAllRecords();
  for (const record of all) ops.push({ op: 'put', ns, key: k.encode(record), value: k.value(record) });
  return ops;
}

/**
 * Put operations for the index entries of every committed record of `store` (attached), as `Index.storeRecord`
 * makes them; records whose entry would break a unique index are left out of it. Used to build the index
 * namespaces of a database stored before indexes were kept in kv.
 */
export function buildIndexOps(store, index, ns) {
  const kind = indexKind(index);
  const scratch = new RecordStore(index.unique);
  const probe = Object.create(index, { records: { value: scratch } });
  for (const record of merged(store.records, undefined, false)) {
    try {
      Reflect.apply(Index.prototype.storeRecord, probe, [record]);
    } catch (e) {
      if (e?.name !== 'ConstraintError') throw e;
    }
  }
  return writeAllOps(scratch, kind, ns);
}
