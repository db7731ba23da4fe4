// IndexedDB records read from kv on demand (src/idb-records.js): the same answers as fake-indexeddb in memory,
// reads in bounded chunks, index entries kept in kv (and built for databases stored before they were).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { context, kvCalls, FakeKv } from './idb-helpers.js';

// A random mix of transactions (committed, aborted, failing on a unique index) and queries of every kind, on an
// object store with a unique, a plain and a multiEntry index. It returns everything it saw. Run once on
// fake-indexeddb's own in-memory IndexedDB (the reference) and once on the prelude's kv-backed one.
const workload = `async (indexedDB, IDBKeyRange, seed, rounds) => {
  let s = seed >>> 0;
  const rnd = (n) => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s % n; };
  const req = (r) => new Promise((res) => { r.onsuccess = () => res(['ok', r.result]); r.onerror = (e) => { e.preventDefault(); res(['error', r.error.name]); }; });
  const done = (tx) => new Promise((res) => { tx.oncomplete = () => res('complete'); tx.onabort = () => res('abort ' + (tx.error ? tx.error.name : '')); });
  const open = () => new Promise((res, rej) => {
    const r = indexedDB.open('w', 1);
    r.onupgradeneeded = () => {
      const st = r.result.createObjectStore('items', { keyPath: 'id' });
      st.createIndex('code', 'code', { unique: true });
      st.createIndex('group', 'g');
      st.createIndex('tags', 'tags', { multiEntry: true });
    };
    r.onsuccess = () => res(r.result);
    r.onerror = () => rej(r.error);
  });
  const key = () => (rnd(5) === 0 ? 'k' + rnd(8) : rnd(30));
  const range = () => {
    switch (rnd(5)) {
      case 0: return undefined;
      case 1: return IDBKeyRange.lowerBound(rnd(30), rnd(2) === 0);
      case 2: return IDBKeyRange.upperBound(rnd(30), rnd(2) === 0);
      case 3: { const a = rnd(30); return IDBKeyRange.bound(a, a + 1 + rnd(12), rnd(2) === 0, rnd(2) === 0); }
      default: return IDBKeyRange.only(rnd(30));
    }
  };
  const groupRange = () => (rnd(2) === 0 ? IDBKeyRange.bound(rnd(3), 3 + rnd(4), rnd(2) === 0, rnd(2) === 0) : rnd(6));
  const item = () => ({ id: key(), code: 'c' + rnd(60), g: rnd(6), tags: Array.from({ length: rnd(3) }, () => 't' + rnd(4)), v: 'x'.repeat(rnd(40)) });
  const dirs = ['next', 'nextunique', 'prev', 'prevunique'];
  const walk = (source, r, dir) => new Promise((res) => {
    const seen = [];
    const c = source.openCursor(r, dir);
    let jumps = 0;
    c.onsuccess = () => {
      const cur = c.result;
      if (!cur || seen.length > 60) return res(seen);
      seen.push([cur.key, cur.primaryKey, cur.value.v.length]);
      if (jumps < 2 && rnd(6) === 0 && typeof cur.key === 'number' && (dir === 'next' || dir === 'nextunique')) { jumps++; cur.continue(cur.key + 1 + rnd(4)); }
      else if (rnd(8) === 0) cur.advance(1 + rnd(3));
      else cur.continue();
    };
    c.onerror = () => res(['error', c.error.name]);
  });
  const query = async (st) => {
    const out = [];
    switch (rnd(9)) {
      case 0: out.push(await req(st.get(key()))); break;
      case 1: out.push(await req(st.getAll(range(), rnd(3) === 0 ? 1 + rnd(5) : undefined))); break;
      case 2: out.push(await req(st.getAllKeys(range()))); break;
      case 3: out.push(await req(st.count(range()))); break;
      case 4: out.push(await walk(st, range(), dirs[rnd(4)])); break;
      case 5: out.push(await req(st.index('group').getAllKeys(groupRange()))); break;
      case 6: out.push(await req(st.index('group').count(groupRange()))); break;
      case 7: { const ix = st.index(['code', 'group', 'tags'][rnd(3)]); out.push(await walk(ix, undefined, dirs[rnd(4)])); break; }
      default: out.push(await req(st.index('code').get('c' + rnd(60)))); out.push(await req(st.index('tags').getAll('t' + rnd(4))));
    }
    return out;
  };
  const db = await open();
  const log = [];
  for (let round = 0; round < rounds; round++) {
    const tx = db.transaction('items', 'readwrite');
    const st = tx.objectStore('items');
    const finished = done(tx);
    const ops = 1 + rnd(8);
    for (let i = 0; i < ops; i++) {
      const what = rnd(20);
      if (what < 7) log.push(['put', await req(st.put(item()))]);
      else if (what < 10) log.push(['add', await req(st.add(item()))]);
      else if (what < 12) log.push(['delete', await req(st.delete(key()))]);
      else if (what === 12) { const a = rnd(30); log.push(['delete range', await req(st.delete(IDBKeyRange.bound(a, a + 3)))]); }
      else if (what === 13 && rnd(4) === 0) log.push(['clear', await req(st.clear())]);
      else log.push(['in tx', await query(st)]);
    }
    if (rnd(5) === 0) tx.abort();
    log.push(['tx', await finished]);
    const rt = db.transaction('items');
    log.push(['after', await query(rt.objectStore('items')), await req(rt.objectStore('items').count())]);
  }
  const all = db.transaction('items').objectStore('items');
  log.push(['end', await req(all.getAll()), await req(all.index('tags').getAllKeys()), await req(all.index('code').getAllKeys())]);
  db.close();
  return log;
}`;

/** Runs the workload on fake-indexeddb's own in-memory IndexedDB in Node. */
async function reference(seed, rounds) {
  const run = new Function(`return (${workload})`)();
  return JSON.parse(JSON.stringify(await run(new IDBFactory(), IDBKeyRange, seed, rounds)));
}

test('records read from kv on demand answer exactly as fake-indexeddb in memory (random transactions and queries)', async () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    const kv = new FakeKv();
    const got = await context(kv).settle(`(${workload})(indexedDB, IDBKeyRange, ${seed}, 60).then((log) => JSON.parse(JSON.stringify(log)))`);
    const want = await reference(seed, 60);
    assert.deepEqual(got, want, `seed ${seed}`);
    // …and a fresh context reading what was stored sees the reference's final state.
    const end = await context(kv).settle(`(async () => {
      const db = await new Promise((res) => { const r = indexedDB.open('w'); r.onsuccess = () => res(r.result); });
      const st = db.transaction('items').objectStore('items');
      return JSON.parse(JSON.stringify([await req(st.getAll()), await req(st.index('tags').getAllKeys()), await req(st.index('code').getAllKeys())]));
    })()`);
    assert.deepEqual(['end', ...end.map((r) => ['ok', r])], want[want.length - 1], `seed ${seed}, read back`);
  }
});

test('a store is read in chunks of about 1 MiB, never whole; a cursor step is one small read', async () => {
  const kv = new FakeKv();
  const biggest = [];
  const range = kv.range.bind(kv);
  kv.range = (...args) => {
    const rows = range(...args);
    biggest.push(rows.reduce((n, [k, v]) => n + k.length + v.length, 0));
    return rows;
  };
  const w = context(kv);
  await w.settle(`(async () => {
    const db = await openDb('big', 1, (db) => db.createObjectStore('blobs'));
    for (let t = 0; t < 8; t++) {
      const tx = db.transaction('blobs', 'readwrite');
      for (let i = 0; i < 25; i++) tx.objectStore('blobs').put(new Uint8Array(64 * 1024).fill(i), t * 25 + i);
      await done(tx);
    }
    globalThis.db = db;
  })()`);
  biggest.length = 0;
  const sum = await w.settle(`(async () => {
    const all = await req(db.transaction('blobs').objectStore('blobs').getAll());
    return all.reduce((n, a) => n + a.byteLength, 0);
  })()`);
  assert.equal(sum, 200 * 64 * 1024);
  assert.ok(biggest.length > 10, `${biggest.length} reads`);
  assert.ok(Math.max(...biggest) <= (1 << 20) + 64 * 1024 + 100, `largest read ${Math.max(...biggest)} bytes`);

  const calls = await kvCalls(kv, () => w.settle(`new Promise((res) => {
    const c = db.transaction('blobs').objectStore('blobs').openCursor(IDBKeyRange.bound(10, 12));
    const seen = [];
    c.onsuccess = () => { if (!c.result) return res(seen); seen.push(c.result.key); c.result.continue(); };
  })`));
  // one read per step (open, three continues), each of at most two records
  assert.deepEqual(calls, ['kvGeneration', 'kvRange idb:big:1', 'kvRange idb:big:1', 'kvRange idb:big:1', 'kvRange idb:big:1']);
  assert.ok(biggest.slice(-4).every((n) => n <= 2 * (64 * 1024 + 20)), biggest.slice(-4).join(', '));
  // count() is the host's count, not a read
  assert.deepEqual(await kvCalls(kv, () => w.settle(`req(db.transaction('blobs').objectStore('blobs').count(IDBKeyRange.lowerBound(100)))`)), ['kvGeneration', 'kvCount idb:big:1']);
});

test('index entries live in kv: renamed, swapped, recreated and deleted indexes keep the right entries', async () => {
  const kv = new FakeKv();
  await context(kv).settle(`(async () => {
    const db = await openDb('app', 1, (db) => {
      const s = db.createObjectStore('s', { keyPath: 'id' });
      s.createIndex('a', 'x');
      s.createIndex('b', 'y');
      s.createIndex('gone', 'x');
    });
    const tx = db.transaction('s', 'readwrite');
    for (let i = 0; i < 5; i++) tx.objectStore('s').put({ id: i, x: 'x' + i, y: 10 - i });
    await done(tx);
    db.close();
  })()`);
  await context(kv).settle(`(async () => {
    const db = await openDb('app', 2, (db, old, tx) => {
      const s = tx.objectStore('s');
      s.index('a').name = 'tmp';
      s.index('b').name = 'a';
      s.index('tmp').name = 'b';
      s.deleteIndex('gone');
      s.createIndex('gone', 'y', { unique: true });
      s.put({ id: 9, x: 'x9', y: 1 });
    });
    db.close();
  })()`);
  const got = await context(kv).settle(`(async () => {
    const db = await openDb('app');
    const s = db.transaction('s').objectStore('s');
    return [await req(s.index('a').getAllKeys(IDBKeyRange.bound(5, 9))), await req(s.index('b').getAllKeys('x2')), await req(s.index('gone').getAllKeys()), await req(s.index('gone').getKey(8))];
  })()`);
  // a (formerly b) indexes y; b (formerly a) indexes x; gone indexes y, uniquely
  assert.deepEqual(got, [[4, 3, 2, 1], [2], [9, 4, 3, 2, 1, 0], 2]);
  assert.deepEqual(Object.keys(kv.dump()).sort(), ['idb-meta:app', 'idb:app:1', 'idb:app:1:a', 'idb:app:1:b', 'idb:app:1:gone']);
});

test('a database stored before index entries were kept in kv gets them built the first time it is used', async () => {
  const kv = new FakeKv();
  await context(kv).settle(`(async () => {
    const db = await openDb('app', 1, (db) => {
      const s = db.createObjectStore('people', { keyPath: 'id' });
      s.createIndex('by_email', 'email', { unique: true });
      s.createIndex('by_tag', 'tags', { multiEntry: true });
    });
    const tx = db.transaction('people', 'readwrite');
    tx.objectStore('people').put({ id: 1, email: 'a@x', tags: ['t', 'u'] });
    tx.objectStore('people').put({ id: 2, email: 'b@x', tags: ['t'] });
    await done(tx);
    db.close();
  })()`);
  // What an older Syncscope stored: the records and the schema, no index namespaces, no store state.
  kv.spaces.delete('idb:app:1:by_email');
  kv.spaces.delete('idb:app:1:by_tag');
  const meta = kv.spaces.get('idb-meta:app');
  for (const [h, e] of [...meta]) if (Buffer.from(e.key).toString('latin1').startsWith('store:')) meta.delete(h);

  const w = context(kv);
  const read = `(async () => {
    const db = await openDb('app');
    const s = db.transaction('people').objectStore('people');
    const r = [await req(s.index('by_email').getKey('b@x')), await req(s.index('by_tag').getAllKeys('t')), await req(s.index('by_tag').count())];
    db.close();
    return r;
  })()`;
  assert.deepEqual(await w.settle(read), [2, [1, 2], 3]);
  assert.ok(kv.spaces.has('idb:app:1:by_email') && kv.spaces.has('idb:app:1:by_tag'), 'the index namespaces were written');
  const again = await kvCalls(kv, () => context(kv).settle(read));
  assert.ok(!again.some((c) => c.startsWith('kvCommit')), `built once: ${again.join(' | ')}`);
  assert.deepEqual(await context(kv).settle(read), [2, [1, 2], 3]);
});

test('clear() inside a transaction hides every stored record until it commits; aborted, they all come back', async () => {
  const w = context();
  const r = await w.settle(`(async () => {
    const db = await openDb('app', 1, (db) => db.createObjectStore('s').createIndex('v', ''));
    let tx = db.transaction('s', 'readwrite');
    for (let i = 0; i < 50; i++) tx.objectStore('s').put(i % 7, i);
    await done(tx);
    tx = db.transaction('s', 'readwrite');
    const s = tx.objectStore('s');
    s.clear();
    s.put(3, 'new');
    const inside = [await req(s.count()), await req(s.getAllKeys()), await req(s.index('v').count(3))];
    tx.abort();
    await errorName(done(tx));
    const t2 = db.transaction('s', 'readwrite');
    const after = [await req(t2.objectStore('s').count()), await req(t2.objectStore('s').index('v').count(3))];
    t2.objectStore('s').clear();
    t2.objectStore('s').put(1, 'only');
    await done(t2);
    const t3 = db.transaction('s').objectStore('s');
    return [inside, after, await req(t3.getAllKeys()), await req(t3.index('v').getAllKeys())];
  })()`);
  assert.deepEqual(r, [[1, ['new'], 1], [50, 7], ['only'], ['only']]);
});
