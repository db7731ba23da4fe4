// IndexedDB over the host's key-value store: the API (fake-indexeddb), persistence, sharing between contexts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { context, kvCalls, lockCalls, FakeKv } from './idb-helpers.js';

const schema = `(db, old) => {
  if (old < 1) {
    const s = db.createObjectStore('people', { keyPath: 'id' });
    s.createIndex('by_email', 'email', { unique: true });
    s.createIndex('by_tag', 'tags', { multiEntry: true });
    s.createIndex('by_age', 'age');
    db.createObjectStore('log', { autoIncrement: true });
    db.createObjectStore('kv');
  }
}`;

const people = `[
  { id: 1, name: 'Ada', email: 'ada@x', tags: ['math', 'code'], age: 36 },
  { id: 2, name: 'Bob', email: 'bob@x', tags: ['code'], age: 25 },
  { id: 3, name: 'Cy', email: 'cy@x', tags: [], age: 36 },
]`;

async function seeded(kv = new FakeKv()) {
  const w = context(kv);
  await w.settle(`(async () => {
    const db = await openDb('app', 1, ${schema});
    const tx = db.transaction(['people', 'log'], 'readwrite');
    for (const p of ${people}) tx.objectStore('people').add(p);
    tx.objectStore('log').add('created');
    await done(tx);
    db.close();
  })()`);
  return w;
}

test('CRUD: add/put/get/getAll/getKey/count/delete/clear', async () => {
  const w = await seeded();
  const r2 = await w.settle(`(async () => {
    const db = await openDb('app', 1);
    const tx = db.transaction('people', 'readwrite');
    const s = tx.objectStore('people');
    const out = {};
    out.get = (await req(s.get(2))).name;
    out.missing = await req(s.get(99));
    out.count = await req(s.count());
    const dup = s.add({ id: 1, email: 'other@x' });
    dup.onerror = (e) => { e.preventDefault(); out.addDup = dup.error.name; };
    await req(s.put({ id: 2, name: 'Bobby', email: 'bob@x', tags: ['ops'], age: 26 }));
    out.put = (await req(s.get(2))).name;
    await req(s.delete(3));
    out.after = (await req(s.getAll())).map((p) => p.name);
    out.keys = await req(s.getAllKeys());
    out.getKey = await req(s.getKey(IDBKeyRange.lowerBound(2)));
    await done(tx);
    const t2 = db.transaction('log', 'readwrite');
    await req(t2.objectStore('log').clear());
    out.cleared = await req(t2.objectStore('log').count());
    await done(t2);
    return out;
  })()`);
  assert.deepEqual(r2, { get: 'Bob', missing: undefined, count: 3, addDup: 'ConstraintError', put: 'Bobby', after: ['Ada', 'Bobby'], keys: [1, 2], getKey: 2, cleared: 0 });

  // A fresh context (an engine restart) over the same storage sees exactly that.
  const fresh = context(w.kv);
  assert.deepEqual(await fresh.settle(`(async () => {
    const db = await openDb('app');
    const tx = db.transaction(['people', 'log']);
    return [(await req(tx.objectStore('people').getAll())).map((p) => [p.id, p.name]), await req(tx.objectStore('log').count())];
  })()`), [[[1, 'Ada'], [2, 'Bobby']], 0]);
});

test('cursors: directions, ranges, continue(key), advance, update and delete through a cursor', async () => {
  const w = await seeded();
  const r = await w.settle(`(async () => {
    const db = await openDb('app', 1);
    const walk = (source, range, dir) => new Promise((res, rej) => {
      const seen = [];
      const c = source.openCursor(range, dir);
      c.onsuccess = () => { const cur = c.result; if (!cur) return res(seen); seen.push([cur.key, cur.primaryKey]); cur.continue(); };
      c.onerror = () => rej(c.error);
    });
    const s = db.transaction('people').objectStore('people');
    const out = {};
    out.next = await walk(s);
    out.prev = await walk(s, null, 'prev');
    out.range = await walk(s, IDBKeyRange.bound(1, 3, true, false));
    out.ageNext = await walk(s.index('by_age'));
    out.ageUnique = await walk(s.index('by_age'), null, 'nextunique');
    out.agePrevUnique = await walk(s.index('by_age'), null, 'prevunique');
    out.keyCursor = await new Promise((res) => { const seen = []; const c = s.openKeyCursor(null, 'prev'); c.onsuccess = () => { if (!c.result) return res(seen); seen.push(c.result.key); c.result.continue(); }; });
    out.jump = await new Promise((res) => { const seen = []; const c = s.openCursor(); c.onsuccess = () => { const cur = c.result; if (!cur) return res(seen); seen.push(cur.key); if (cur.key === 1) cur.continue(3); else cur.continue(); }; });
    out.advance = await new Promise((res) => { const seen = []; let first = true; const c = s.openCursor(); c.onsuccess = () => { const cur = c.result; if (!cur) return res(seen); seen.push(cur.key); if (first) { first = false; cur.advance(2); } else cur.continue(); }; });

    const tx = db.transaction('people', 'readwrite');
    await new Promise((res) => {
      const c = tx.objectStore('people').openCursor();
      c.onsuccess = () => {
        const cur = c.result;
        if (!cur) return res();
        if (cur.value.id === 1) cur.update({ ...cur.value, name: 'Ada L.' });
        if (cur.value.id === 3) cur.delete();
        cur.continue();
      };
    });
    await done(tx);
    return out;
  })()`);
  assert.deepEqual(r, {
    next: [[1, 1], [2, 2], [3, 3]], prev: [[3, 3], [2, 2], [1, 1]], range: [[2, 2], [3, 3]],
    ageNext: [[25, 2], [36, 1], [36, 3]], ageUnique: [[25, 2], [36, 1]], agePrevUnique: [[36, 1], [25, 2]],
    keyCursor: [3, 2, 1], jump: [1, 3], advance: [1, 3],
  });
  const fresh = context(w.kv);
  assert.deepEqual(await fresh.settle(`(async () => {
    const db = await openDb('app');
    return (await req(db.transaction('people').objectStore('people').getAll())).map((p) => p.name);
  })()`), ['Ada L.', 'Bob']);
});

test('indexes: unique constraint, multiEntry, index key ranges and counts, rebuilt from the records after a restart', async () => {
  const w = await seeded();
  const query = `(async () => {
    const db = await openDb('app', 1);
    const s = db.transaction('people').objectStore('people');
    return {
      byEmail: (await req(s.index('by_email').get('bob@x'))).id,
      codeKeys: await req(s.index('by_tag').getAllKeys('code')),
      mathCount: await req(s.index('by_tag').count('math')),
      tagKeys: await new Promise((res) => { const seen = []; const c = s.index('by_tag').openKeyCursor(); c.onsuccess = () => { if (!c.result) return res(seen); seen.push(c.result.key); c.result.continue(); }; }),
      ages: await req(s.index('by_age').getAllKeys(IDBKeyRange.bound(30, 40))),
      ageKey: await req(s.index('by_age').getKey(25)),
    };
  })()`;
  const expected = { byEmail: 2, codeKeys: [1, 2], mathCount: 1, tagKeys: ['code', 'code', 'math'], ages: [1, 3], ageKey: 2 };
  assert.deepEqual(await w.settle(query), expected);
  assert.deepEqual(await context(w.kv).settle(query), expected);

  const r = await w.settle(`(async () => {
    const db = await openDb('app', 1);
    const tx = db.transaction('people', 'readwrite');
    tx.objectStore('people').put({ id: 4, email: 'ada@x', tags: [] });
    return errorName(done(tx));
  })()`);
  assert.equal(r, 'ConstraintError: A mutation operation in the transaction failed because a constraint was not satisfied. For example, an object such as an object store or index already exists and a request attempted to create a new one.');
  // Nothing of the aborted transaction reached storage.
  assert.equal(await context(w.kv).settle(`openDb('app').then((db) => req(db.transaction('people').objectStore('people').count()))`), 3);
});

test('keys of every type sort as indexedDB.cmp says, in memory and in storage', async () => {
  const w = context();
  // (An empty ArrayBuffer is a valid key, but fake-indexeddb takes it for a detached one where
  // ArrayBuffer.prototype.detached is missing, as in Node 20; kv-codec.test.js covers its encoding.)
  const keys = `[
    -Infinity, -1e300, -2.5, -1, 0, 1e-300, 1, 2.5, 1e300, Infinity,
    new Date(-1), new Date(0), new Date(8.64e15),
    '', '\\u0000', '\\u0000\\u0000', 'A', 'a', 'ab', 'b', '\\u007e', '\\u007f', '\\u00e9', '\\u407e', '\\u407f', '\\ud800', '\\ud83d\\ude00', '\\ue000', '\\uffff',
    new Uint8Array([0]).buffer, new Uint8Array([0, 0]).buffer, new Uint8Array([0, 255]).buffer, new Uint8Array([1]).buffer, new Uint8Array([255]).buffer,
    [], [-1], [0], [0, 'a'], [0, []], [1], ['a'], [[]], [[], 0], [[0]],
  ]`;
  const r = await w.settle(`(async () => {
    const keys = ${keys};
    const db = await openDb('keys', 1, (db) => db.createObjectStore('k'));
    const tx = db.transaction('k', 'readwrite');
    // Insert in a scrambled order; -0 is the same key as 0.
    const order = keys.map((k, i) => i).sort((a, b) => ((a * 7919) % 53) - ((b * 7919) % 53));
    for (const i of order) tx.objectStore('k').put(i, keys[i]);
    tx.objectStore('k').put(4, -0);
    await done(tx);
    return {
      inCmpOrder: keys.every((k, i) => i === 0 || indexedDB.cmp(keys[i - 1], k) < 0),
      stored: await req(db.transaction('k').objectStore('k').getAll()),
      count: keys.length,
    };
  })()`);
  assert.equal(r.inCmpOrder, true, 'the list is in strictly increasing cmp order');
  const all = [...Array(r.count).keys()];
  assert.deepEqual(r.stored, all);
  // In storage (a new context reloads from kv): the same order, types, and ranges over mixed types.
  const fresh = context(w.kv);
  assert.deepEqual(await fresh.settle(`(async () => {
    const db = await openDb('keys');
    const s = db.transaction('k').objectStore('k');
    const keys = await req(s.getAllKeys());
    return {
      values: await req(s.getAll()),
      stringsAndBinary: (await req(s.getAllKeys(IDBKeyRange.bound('', [], false, true)))).length,
      dates: (await req(s.getAll(IDBKeyRange.bound(new Date(-10), 'x')))).slice(0, 3),
      types: keys.map((k) => Array.isArray(k) ? 'array' : k instanceof Date ? 'date' : k instanceof ArrayBuffer ? 'binary' : typeof k),
      binary: Array.from(new Uint8Array(keys.find((k) => k instanceof ArrayBuffer && k.byteLength === 2 && new Uint8Array(k)[1] === 255))),
      nested: JSON.stringify(keys.filter(Array.isArray)),
      strs: keys.filter((k) => typeof k === 'string').map((k) => [...k].map((c) => c.charCodeAt(0).toString(16)).join('.')).join(' '),
      roundTrip: keys.every((k, i) => indexedDB.cmp(k, ${keys}[i]) === 0),
    };
  })()`), {
    values: all,
    stringsAndBinary: 21,
    dates: [10, 11, 12],
    types: [...Array(10).fill('number'), 'date', 'date', 'date', ...Array(16).fill('string'), ...Array(5).fill('binary'), ...Array(10).fill('array')],
    binary: [0, 255],
    nested: '[[],[-1],[0],[0,"a"],[0,[]],[1],["a"],[[]],[[],0],[[0]]]',
    strs: ' 0 0.0 41 61 61.62 62 7e 7f e9 407e 407f d800 d83d e000 ffff',
    roundTrip: true,
  });
});

test('values keep their structured-clone types across a restart (Date, Map, Set, binary, cycles, errors, blobs)', async () => {
  const w = context();
  await w.settle(`(async () => {
    const db = await openDb('vals', 1, (db) => db.createObjectStore('v'));
    const buf = new ArrayBuffer(8);
    const cyc = { name: 'cycle', when: new Date(1700000000000), map: new Map([['k', new Set([1, 'two', 3n])]]) };
    cyc.self = cyc;
    cyc.list = [cyc.map, , 'hole-before'];
    cyc.list.extra = true;
    cyc.views = [new Uint8Array(buf, 2, 3), new Float64Array(buf), new DataView(buf, 1, 2)];
    cyc.views[0].set([1, 2, 3]);
    cyc.misc = [new Boolean(false), new String('s'), -0, NaN, undefined, null, /re+/gi, new RangeError('bad', { cause: 'why' }), new DOMException('m', 'NotFoundError'), new Blob(['blob!'], { type: 'text/plain' }), 'é\\ud800😀'];
    const tx = db.transaction('v', 'readwrite');
    tx.objectStore('v').put(cyc, 'c');
    tx.objectStore('v').put(12345678901234567890n, 'big');
    await done(tx);
  })()`);
  const fresh = context(w.kv);
  const r = await fresh.settle(`(async () => {
    const db = await openDb('vals');
    const s = db.transaction('v').objectStore('v');
    const c = await req(s.get('c'));
    const [b, str, negZero, nan, undef, nul, re, err, dom, blob, text] = c.misc;
    return {
      cycle: c.self === c, date: c.when instanceof Date && c.when.getTime(),
      map: c.map instanceof Map && [...c.map.get('k')].map(String), sharedMap: c.list[0] === c.map,
      hole: !(1 in c.list) && c.list.length === 3, extra: c.list.extra,
      sharedBuffer: c.views[0].buffer === c.views[1].buffer && c.views[2].buffer === c.views[0].buffer,
      view: [Array.from(c.views[0]), c.views[0].byteOffset, c.views[2].byteOffset, c.views[2].byteLength, c.views[1] instanceof Float64Array],
      misc: [typeof b, b.valueOf(), typeof str, str.valueOf(), Object.is(negZero, -0), Number.isNaN(nan), undef, nul, re.source, re.flags],
      err: [err instanceof RangeError, err.message, err.cause], dom: [dom instanceof DOMException, dom.name, dom.message, dom.code],
      blob: [blob instanceof Blob, blob.type, await blob.text()], text: text === 'é\\ud800😀',
      big: await req(s.get('big')) === 12345678901234567890n,
    };
  })()`);
  assert.deepEqual(r, {
    cycle: true, date: 1700000000000, map: ['1', 'two', '3'], sharedMap: true, hole: true, extra: true, sharedBuffer: true,
    view: [[1, 2, 3], 2, 1, 2, true],
    misc: ['object', false, 'object', 's', true, true, undefined, null, 're+', 'gi'],
    err: [true, 'bad', 'why'], dom: [true, 'NotFoundError', 'm', 8], blob: [true, 'text/plain', 'blob!'], text: true, big: true,
  });
  // Values structuredClone refuses are refused by put, before anything is stored.
  assert.equal(await fresh.settle(`(async () => {
    const db = await openDb('vals');
    const tx = db.transaction('v', 'readwrite');
    try { tx.objectStore('v').put({ f() {} }, 'fn'); } catch (e) { tx.abort(); return e.name + ': ' + e.message; }
  })()`), "DataCloneError: Failed to execute 'put' on 'IDBObjectStore': f() {} could not be cloned.");
});

test('autoIncrement: generated keys and the key generator persist (also with a keyPath), explicit keys move it', async () => {
  const kv = new FakeKv();
  const a = context(kv);
  assert.deepEqual(await a.settle(`(async () => {
    const db = await openDb('gen', 1, (db) => { db.createObjectStore('plain', { autoIncrement: true }); db.createObjectStore('withPath', { keyPath: 'id', autoIncrement: true }); });
    const tx = db.transaction(['plain', 'withPath'], 'readwrite');
    const keys = [];
    keys.push(await req(tx.objectStore('plain').add('a')));
    keys.push(await req(tx.objectStore('plain').add('b')));
    keys.push(await req(tx.objectStore('plain').add('c', 10)));
    keys.push(await req(tx.objectStore('withPath').add({ v: 1 })));
    await done(tx);
    const t2 = db.transaction('plain', 'readwrite');
    await req(t2.objectStore('plain').delete(10));
    await done(t2);
    db.close();
    return keys;
  })()`), [1, 2, 10, 1]);
  const b = context(kv);
  assert.deepEqual(await b.settle(`(async () => {
    const db = await openDb('gen');
    const tx = db.transaction(['plain', 'withPath'], 'readwrite');
    const k = await req(tx.objectStore('plain').add('d'));
    const obj = { v: 2 };
    const k2 = await req(tx.objectStore('withPath').put(obj));
    await done(tx);
    return [k, k2, (await req(db.transaction('withPath').objectStore('withPath').get(2))).id];
  })()`), [11, 2, 2]);
});

test('versionchange upgrades: stores and indexes created, renamed and deleted are persisted; data migrates', async () => {
  const w = await seeded();
  const b = context(w.kv);
  assert.deepEqual(await b.settle(`(async () => {
    const events = [];
    const db = await openDb('app', 3, (db, old, tx) => {
      events.push(['upgrade', old, db.version]);
      db.deleteObjectStore('kv');
      const people = tx.objectStore('people');
      people.name = 'persons';
      people.deleteIndex('by_age');
      people.createIndex('by_name', 'name', { unique: true });
      const notes = db.createObjectStore('notes', { keyPath: ['persons', 'n'] });
      notes.put({ persons: 1, n: 1, text: 'hi' });
      people.openCursor().onsuccess = (e) => { const c = e.target.result; if (c) { notes.put({ persons: c.key, n: 2, text: c.value.name }); c.continue(); } };
    });
    return [events, db.version, [...db.objectStoreNames]];
  })()`), [[['upgrade', 1, 3]], 3, ['log', 'notes', 'persons']]);

  const c = context(w.kv);
  assert.deepEqual(await c.settle(`(async () => {
    const db = await openDb('app');
    const tx = db.transaction(['persons', 'notes']);
    const persons = tx.objectStore('persons');
    return {
      version: db.version, stores: [...db.objectStoreNames], indexes: [...persons.indexNames],
      byName: (await req(persons.index('by_name').get('Cy'))).id,
      notes: (await req(tx.objectStore('notes').getAll())).map((n) => [n.persons, n.n, n.text]),
      dbs: await indexedDB.databases(),
      lowerVersion: await errorName(openDb('app', 2)),
    };
  })()`), {
    version: 3, stores: ['log', 'notes', 'persons'], indexes: ['by_email', 'by_name', 'by_tag'], byName: 3,
    notes: [[1, 1, 'hi'], [1, 2, 'Ada'], [2, 2, 'Bob'], [3, 2, 'Cy']], dbs: [{ name: 'app', version: 3 }],
    lowerVersion: 'VersionError: An attempt was made to open a database using a lower version than the existing version.',
  });
  // The deleted store's records and the deleted index's entries are gone from storage too; the indexes are kept
  // in their own namespaces (by_age was deleted, by_name built by the upgrade).
  assert.deepEqual(Object.keys(w.kv.dump()).sort(), [
    'idb-meta:app', 'idb:app:1', 'idb:app:1:by_email', 'idb:app:1:by_name', 'idb:app:1:by_tag', 'idb:app:2', 'idb:app:4',
  ]);
});

test('an aborted upgrade leaves the stored schema and data as they were', async () => {
  const w = await seeded();
  const before = JSON.stringify(w.kv.dump());
  assert.equal(await w.settle(`errorName(openDb('app', 2, (db, old, tx) => {
    db.createObjectStore('extra');
    db.deleteObjectStore('people');
    tx.abort();
  }))`), 'AbortError: A request was aborted, for example through a call to IDBTransaction.abort.');
  assert.equal(JSON.stringify(w.kv.dump()), before);
  assert.deepEqual(await context(w.kv).settle(`openDb('app').then((db) => [db.version, [...db.objectStoreNames]])`), [1, ['kv', 'log', 'people']]);
});

test('abort rolls back: abort(), a failed request, an exception in a handler (reported to the console)', async () => {
  const w = await seeded();
  const r = await w.settle(`(async () => {
    const db = await openDb('app', 1);
    const out = [];
    let tx = db.transaction('kv', 'readwrite');
    tx.objectStore('kv').put('x', 'a');
    tx.objectStore('kv').put('y', 'b').onsuccess = () => tx.abort();
    out.push(await errorName(done(tx)));
    tx = db.transaction('people', 'readwrite');
    tx.objectStore('people').put({ id: 9, email: 'nine@x' });
    tx.objectStore('people').add({ id: 1, email: 'dup@x' });
    out.push(await errorName(done(tx)));
    tx = db.transaction('kv', 'readwrite');
    tx.objectStore('kv').put('z', 'c').onsuccess = () => { throw new TypeError('handler bug'); };
    out.push(await errorName(done(tx)));
    const check = db.transaction(['kv', 'people']);
    out.push(await req(check.objectStore('kv').count()), await req(check.objectStore('people').get(9)));
    return out;
  })()`);
  assert.deepEqual(r, [
    'AbortError: aborted by abort()',
    'ConstraintError: A mutation operation in the transaction failed because a constraint was not satisfied. For example, an object such as an object store or index already exists and a request attempted to create a new one.',
    'AbortError: A request was aborted, for example through a call to IDBTransaction.abort.',
    0, undefined,
  ]);
  assert.ok(w.lines().some((l) => l.startsWith('error: Uncaught TypeError: handler bug')), w.lines().join('\n'));
  assert.equal(await context(w.kv).settle(`openDb('app').then((db) => req(db.transaction('kv').objectStore('kv').count()))`), 0);
});

test('one transaction is one atomic kvCommit; it reads only the records and index entries it needs', async () => {
  const w = await seeded();
  await w.settle(`openDb('app', 1).then((db) => { globalThis.db = db; })`);
  const write = await kvCalls(w.kv, () => w.settle(`(async () => {
    const tx = db.transaction(['people', 'kv'], 'readwrite');
    tx.objectStore('kv').put(1, 'a');
    tx.objectStore('kv').put(2, 'b');
    tx.objectStore('kv').delete('nothing');
    tx.objectStore('people').delete(3);
    await done(tx);
  })()`));
  assert.deepEqual(write, [
    'kvGeneration',
    // one lookup per key written or deleted (is it there?), and per index entry of the deleted person
    'kvGet idb:app:3', 'kvGet idb:app:3', 'kvGet idb:app:3', 'kvGet idb:app:1', 'kvGet idb:app:1:by_email', 'kvGet idb:app:1:by_age',
    'kvCommit delete idb:app:1, delete idb:app:1:by_email, delete idb:app:1:by_age, put idb-meta:app, put idb:app:3, put idb:app:3, put idb-meta:app',
  ]);
  const read = await kvCalls(w.kv, () => w.settle(`(async () => {
    const tx = db.transaction(['people', 'kv']);
    await req(tx.objectStore('people').getAll());
    await req(tx.objectStore('kv').get('a'));
  })()`));
  // getAll reads the store in growing chunks (1, then 4, … records); get reads one record
  assert.deepEqual(read, ['kvGeneration', 'kvRange idb:app:1', 'kvRange idb:app:1', 'kvGet idb:app:3']);
  const add = await kvCalls(w.kv, () => w.settle(`(async () => {
    const tx = db.transaction('log', 'readwrite');
    await req(tx.objectStore('log').add('x'));
    await done(tx);
  })()`));
  assert.deepEqual(add, ['kvGeneration', 'kvGet idb:app:2', 'kvGeneration', 'kvCommit put idb:app:2, put idb-meta:app']);
  assert.equal(w.kv.calls.filter((c) => c.fn === 'kvCommit').length, w.kv.generation);
});

test('each transaction takes its cross-context lock before it reads and gives it back when it ends', async () => {
  const w = await seeded();
  await w.settle(`openDb('app', 1).then((db) => { globalThis.db = db; })`);
  const write = await lockCalls(w.kv, () => w.settle(`(async () => {
    const tx = db.transaction(['people', 'kv'], 'readwrite');
    tx.objectStore('kv').put(1, 'a');
    await done(tx);
  })()`));
  assert.deepEqual(write, ['idbLock app people+kv exclusive', 'kvGeneration', 'kvGet', 'kvCommit', 'idbUnlock']);
  const read = await lockCalls(w.kv, () => w.settle(`req(db.transaction('kv').objectStore('kv').get('a'))`));
  assert.deepEqual(read, ['idbLock app kv shared', 'kvGeneration', 'kvGet', 'idbUnlock'], 'it reads while it holds the lock');
  const aborted = await lockCalls(w.kv, () => w.settle(`(async () => {
    const tx = db.transaction('kv', 'readwrite');
    tx.objectStore('kv').put(2, 'b');
    tx.abort();
    return errorName(done(tx));
  })()`));
  assert.deepEqual(aborted, [], 'aborted before it started: it never asked for a lock');
  const abortedLater = await lockCalls(w.kv, () => w.settle(`(async () => {
    const tx = db.transaction('kv', 'readwrite');
    await req(tx.objectStore('kv').put(2, 'b'));
    tx.abort();
    return errorName(done(tx));
  })()`));
  assert.deepEqual(abortedLater, ['idbLock app kv exclusive', 'kvGeneration', 'kvGet', 'idbUnlock']);
  const upgrade = await lockCalls(w.kv, () => w.settle(`(async () => { db.close(); const d = await openDb('app', 2); d.close(); })()`));
  assert.ok(upgrade.includes('idbLock app * exclusive'), upgrade.join(' | '));
});

test('a context sees what another context of the origin committed in its next transaction', async () => {
  const kv = new FakeKv();
  const sw = await seeded(kv);
  const page = context(kv, { scriptURL: 'https://app.example/index.html' });
  await sw.settle(`openDb('app', 1).then((db) => { globalThis.db = db; })`);
  await page.settle(`openDb('app', 1).then((db) => { globalThis.db = db; })`);
  const count = `(async () => { const tx = db.transaction('log'); return [await req(tx.objectStore('log').count()), await req(tx.objectStore('log').getAll())]; })()`;
  assert.deepEqual(await page.settle(count), [1, ['created']]);
  const people = `(async () => { const tx = db.transaction('people'); return req(tx.objectStore('people').count()); })()`;
  assert.equal(await page.settle(people), 3);
  await sw.settle(`(async () => { const tx = db.transaction('log', 'readwrite'); tx.objectStore('log').add('from sw'); await done(tx); })()`);
  assert.deepEqual(await page.settle(count), [2, ['created', 'from sw']]);
  await page.settle(`(async () => { const tx = db.transaction('log', 'readwrite'); tx.objectStore('log').add('from page'); await done(tx); })()`);
  assert.deepEqual(await sw.settle(count), [3, ['created', 'from sw', 'from page']]);
  // A store the other context did not touch is not reloaded.
  await sw.settle(`(async () => { const tx = db.transaction('log', 'readwrite'); tx.objectStore('log').add('again'); await done(tx); })()`);
  const calls = await kvCalls(kv, () => page.settle(people));
  assert.deepEqual(calls, ['kvGeneration', 'kvRange idb-meta:app', 'kvGeneration', 'kvCount idb:app:1'], 'count() is counted by the host');
  // Indexes follow the reloaded records.
  await sw.settle(`(async () => { const tx = db.transaction('people', 'readwrite'); tx.objectStore('people').put({ id: 7, email: 'new@x', tags: ['new'] }); await done(tx); })()`);
  assert.deepEqual(await page.settle(`(async () => { const s = db.transaction('people').objectStore('people'); return [await req(s.index('by_email').getKey('new@x')), await req(s.index('by_tag').getAllKeys('new'))]; })()`), [7, [7]]);
});

test('concurrent transactions of two contexts: different keys merge; the same new key is a ConstraintError, not an overwrite', async () => {
  const kv = new FakeKv();
  const a = await seeded(kv);
  const b = context(kv);
  await a.settle(`openDb('app', 1).then((db) => { globalThis.db = db; })`);
  await b.settle(`openDb('app', 1).then((db) => { globalThis.db = db; })`);
  // Both contexts start a transaction on `log` and `kv` before either commits.
  a.run(`globalThis.txA = db.transaction(['log', 'kv'], 'readwrite'); globalThis.keyA = req(txA.objectStore('log').add('A')); txA.objectStore('kv').put('A', 'a-only'); globalThis.doneA = errorName(done(txA));`);
  b.run(`globalThis.txB = db.transaction(['log', 'kv'], 'readwrite'); globalThis.keyB = req(txB.objectStore('log').add('B')); txB.objectStore('kv').put('B', 'b-only'); globalThis.doneB = errorName(done(txB));`);
  // B's transaction starts (its mirror is current, its add gets key 2), then A runs and commits, then B commits.
  assert.equal(await b.fireOne(), true);
  await a.settle(`doneA`);
  const rB = await b.settle(`Promise.all([keyB, doneB])`);
  assert.deepEqual(await a.settle(`keyA`), 2);
  assert.deepEqual(rB, [2, 'ConstraintError: Key already exists in the object store: another context of this origin added it while this transaction ran.']);
  assert.deepEqual(await context(kv).settle(`(async () => { const d = await openDb('app'); const tx = d.transaction(['log', 'kv']); return [await req(tx.objectStore('log').getAll()), await req(tx.objectStore('kv').getAllKeys())]; })()`), [['created', 'A'], ['a-only']]);

  // Puts of different keys from both sides merge.
  a.run(`globalThis.t1 = db.transaction('kv', 'readwrite'); t1.objectStore('kv').put(1, 'x'); globalThis.d1 = errorName(done(t1));`);
  b.run(`globalThis.t2 = db.transaction('kv', 'readwrite'); t2.objectStore('kv').put(2, 'y'); globalThis.d2 = errorName(done(t2));`);
  assert.equal(await b.fireOne(), true);
  assert.equal(await a.settle('d1'), 'resolved: complete');
  assert.equal(await b.settle('d2'), 'resolved: complete');
  assert.deepEqual(await b.settle(`req(db.transaction('kv').objectStore('kv').getAllKeys())`), ['a-only', 'x', 'y']);

  // clear() then add() of a key that existed is no conflict, even when another context committed meanwhile.
  b.run(`globalThis.t3 = db.transaction('kv', 'readwrite'); t3.objectStore('kv').clear(); t3.objectStore('kv').add('again', 'x'); globalThis.d3 = errorName(done(t3));`);
  assert.equal(await b.fireOne(), true);
  await a.settle(`(async () => { const t = db.transaction('log', 'readwrite'); t.objectStore('log').add('unrelated'); await done(t); })()`);
  assert.equal(await b.settle('d3'), 'resolved: complete');
  assert.deepEqual(await a.settle(`req(db.transaction('kv').objectStore('kv').getAll())`), ['again']);
});

test('a kill between transactions loses nothing committed; at no point is a transaction half in storage', async () => {
  const kv = new FakeKv();
  const w = await seeded(kv);
  await w.settle(`openDb('app', 1).then((db) => { globalThis.db = db; })`);
  w.run(`{
    const tx = db.transaction(['kv', 'log'], 'readwrite');
    for (let i = 0; i < 5; i++) tx.objectStore('kv').put(i, 'k' + i);
    tx.objectStore('log').add('x');
  }`);
  // Run the transaction one task at a time; after each, a fresh context (a restarted engine) looks at storage.
  const look = () => context(kv).settle(`openDb('app').then(async (db) => { const tx = db.transaction(['kv', 'log']); return [await req(tx.objectStore('kv').count()), await req(tx.objectStore('log').count())]; })`);
  const seen = [JSON.stringify(await look())];
  while (await w.fireOne()) seen.push(JSON.stringify(await look()));
  const states = [...new Set(seen)];
  assert.deepEqual(states, ['[0,1]', '[5,2]']);
  assert.ok(seen.indexOf('[5,2]') > 3, `committed only after its requests ran: ${seen}`);
  // A transaction whose context dies before its tasks run writes nothing.
  w.run(`{ const tx = db.transaction('kv', 'readwrite'); tx.objectStore('kv').clear(); }`);
  assert.deepEqual(await look(), [5, 2]);
});

test('storage errors: a failed commit aborts with UnknownError and rolls back; failed reads fail the open or the transaction', async () => {
  const w = await seeded();
  await w.settle(`openDb('app', 1).then((db) => { globalThis.db = db; })`);
  w.kv.failNextCommit = new Error('database is locked');
  assert.deepEqual(await w.settle(`(async () => {
    const tx = db.transaction('kv', 'readwrite');
    const put = req(tx.objectStore('kv').put('v', 'k'));
    tx.oncomplete = () => { throw new Error('must not complete'); };
    return [await put, await errorName(done(tx)), await req(db.transaction('kv').objectStore('kv').count())];
  })()`), ['k', 'UnknownError: Committing the IndexedDB transaction failed: database is locked', 0]);
  assert.equal(await context(w.kv).settle(`openDb('app').then((db) => req(db.transaction('kv').objectStore('kv').count()))`), 0);

  w.kv.failReads = 'database is locked';
  assert.deepEqual(await w.settle(`(async () => {
    const tx = db.transaction('kv');
    const get = errorName(req(tx.objectStore('kv').get('k')));
    return [await errorName(done(tx)), await get, await errorName(openDb('app', 1)), await errorName(openDb('other', 1)),
      await errorName(indexedDB.databases()), await errorName(req(indexedDB.deleteDatabase('app')))];
  })()`), [
    'UnknownError: Reading IndexedDB data failed: database is locked',
    'AbortError: A request was aborted, for example through a call to IDBTransaction.abort.',
    'UnknownError: Opening the IndexedDB database failed: database is locked',
    'UnknownError: Opening the IndexedDB database failed: database is locked',
    'UnknownError: Listing IndexedDB databases failed: database is locked',
    'UnknownError: Deleting the IndexedDB database failed: database is locked',
  ]);
  w.kv.failReads = null;
  assert.equal(await w.settle(`(async () => { const tx = db.transaction('kv', 'readwrite'); tx.objectStore('kv').put(1, 'ok'); return done(tx); })()`), 'complete');
});

test('deleteDatabase: waits for this context to close, drops every namespace, other contexts see it gone', async () => {
  const kv = new FakeKv();
  const w = await seeded(kv);
  const other = context(kv);
  await w.settle(`openDb('app', 1, undefined).then((db) => { globalThis.db = db; db.onversionchange = () => { globalThis.vc = true; db.close(); }; })`);
  await other.settle(`openDb('keep', 1, (db) => db.createObjectStore('s').put(1, 1))`);
  assert.deepEqual(await w.settle(`(async () => {
    const r = indexedDB.deleteDatabase('app');
    const ev = await new Promise((res, rej) => { r.onsuccess = res; r.onerror = () => rej(r.error); });
    return [globalThis.vc, ev.oldVersion, ev.newVersion, await indexedDB.databases()];
  })()`), [true, 1, null, [{ name: 'keep', version: 1 }]]);
  assert.deepEqual(Object.keys(kv.dump()), ['idb-meta:keep', 'idb:keep:1']);
  // A context that knew the database opens a new, empty one.
  assert.deepEqual(await other.settle(`openDb('app', 1, (db, old) => { globalThis.oldSeen = old; }).then((db) => [oldSeen, [...db.objectStoreNames]])`), [0, []]);
  // Deleting a database that does not exist succeeds without writing.
  const gen = kv.generation;
  assert.equal(await w.settle(`new Promise((res) => { indexedDB.deleteDatabase('nope').onsuccess = (e) => res(e.oldVersion); })`), 0);
  assert.equal(kv.generation, gen);
});

test('database names with ":" and "%" do not collide; the queueing flag reaches the host', async () => {
  const w = context();
  await w.settle(`Promise.all(['a', 'a:b', 'a%3Ab', ''].map((n, i) => openDb(n, i + 1, (db) => db.createObjectStore('s').put(n, 'name')).then((db) => db.close())))`);
  assert.deepEqual(Object.keys(w.kv.dump()).filter((k) => k.startsWith('idb:')), ['idb::1', 'idb:a%253Ab:1', 'idb:a%3Ab:1', 'idb:a:1']);
  await w.settle(`new Promise((res) => { indexedDB.deleteDatabase('a').onsuccess = res; })`);
  assert.deepEqual((await w.settle(`indexedDB.databases()`)).map((d) => [d.name, d.version]).sort(), [['', 4], ['a%3Ab', 3], ['a:b', 2]]);
  const fresh = context(w.kv);
  assert.deepEqual(await fresh.settle(`Promise.all(['a:b', 'a%3Ab', ''].map((n) => openDb(n).then((db) => req(db.transaction('s').objectStore('s').get('name')))))`), ['a:b', 'a%3Ab', '']);
  // IndexedDB tasks are flagged as tasks (no timer-nesting clamp); user timers are not.
  w.run('setTimeout(() => {}, 0); indexedDB.open("x")');
  const flags = [...w.state.timers.values()].map((t) => t.task);
  assert.ok(flags.includes(true) && flags.includes(false), String(flags));
});

test('a blocked open or deleteDatabase waits without running anything until the connection closes', async () => {
  const w = await seeded();
  await w.settle(`openDb('app', 1).then((db) => { globalThis.db = db; })`);
  w.run(`globalThis.log = [];
    db.onversionchange = (e) => log.push('versionchange ' + e.oldVersion + '→' + e.newVersion);
    const del = indexedDB.deleteDatabase('app');
    del.onblocked = (e) => log.push('blocked');
    del.onsuccess = (e) => log.push('deleted ' + e.oldVersion);`);
  await w.advance(0);
  assert.deepEqual(await w.eval('log.slice()'), ['versionchange 1→null', 'blocked']);
  assert.equal(w.state.timers.size, 0, 'no task polls while it waits');
  await w.advance(60_000);
  assert.equal(w.state.timers.size, 0);
  w.run('db.close()');
  await w.advance(0);
  assert.deepEqual(await w.eval('log.slice()'), ['versionchange 1→null', 'blocked', 'deleted 1']);
  assert.deepEqual(Object.keys(w.kv.dump()), []);

  // The same for an upgrade blocked by an open connection, and for close() while a transaction runs.
  await w.settle(`openDb('app', 1, (db) => db.createObjectStore('s')).then((db) => { globalThis.db1 = db; })`);
  w.run(`globalThis.log = [];
    const tx = db1.transaction('s', 'readwrite'); tx.objectStore('s').put(1, 1); tx.oncomplete = () => log.push('tx complete');
    db1.close();
    const up = indexedDB.open('app', 2);
    up.onblocked = () => log.push('blocked');
    up.onupgradeneeded = () => log.push('upgrade');
    up.onsuccess = () => { log.push('open v' + up.result.version); up.result.close(); };`);
  await w.advance(0);
  assert.deepEqual(await w.eval('log.slice()'), ['tx complete', 'upgrade', 'open v2']);
  assert.equal(w.state.timers.size, 0);
});

test('IndexedDB takes no engine time: its tasks escape the timer-nesting clamp that nested setTimeout(0) gets', async () => {
  const w = context();
  const start = w.state.clock;
  w.run(`globalThis.out = {};
    (async () => {
      const db = await openDb('t', 1, (db) => db.createObjectStore('s'));
      for (let i = 0; i < 30; i++) { const tx = db.transaction('s', 'readwrite'); tx.objectStore('s').put(i, i); await done(tx); }
      out.idb = Date.now();
    })();
    let n = 0; const chain = () => { if (++n < 10) setTimeout(chain, 0); else out.timers = Date.now(); }; setTimeout(chain, 0);`);
  await w.advance(0);
  const out = await w.eval('out');
  assert.equal(out.idb, start, '30 transactions at the same virtual instant');
  assert.equal(out.timers, undefined, 'the nested timers are clamped past now');
  await w.advance(100);
  assert.equal((await w.eval('out')).timers, start + 4 * 5);
});

test('an upgrade whose commit fails fails the open (AbortError) and stores nothing; the next open upgrades again', async () => {
  const w = context();
  w.kv.failNextCommit = new Error('database is locked');
  assert.equal(await w.settle(`errorName(openDb('u', 1, (db) => db.createObjectStore('s').put('v', 'k')))`),
    'AbortError: A request was aborted, for example through a call to IDBTransaction.abort.');
  assert.deepEqual(w.kv.dump(), {});
  assert.deepEqual(await w.settle(`(async () => {
    let upgraded = null;
    const db = await openDb('u', 1, (db, old) => { upgraded = old; db.createObjectStore('s').put('v', 'k'); });
    return [upgraded, await req(db.transaction('s').objectStore('s').get('k')), await indexedDB.databases()];
  })()`), [0, 'v', [{ name: 'u', version: 1 }]]);
});
