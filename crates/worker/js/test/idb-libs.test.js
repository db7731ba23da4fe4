// Real libraries, unmodified, on the prelude's IndexedDB: idb-keyval and idb (their UMD builds, as shipped) and
// Workbox's background-sync Queue (ESM: bundled here with esbuild, as a developer's build would).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { context, FakeKv } from './idb-helpers.js';

const require = createRequire(import.meta.url);
const JS_DIR = fileURLToPath(new URL('..', import.meta.url));
const idbKeyval = readFileSync(require.resolve('idb-keyval/dist/umd.js'), 'utf8');
const idb = readFileSync(require.resolve('idb/build/umd.js'), 'utf8');

async function workboxBundle(mode) {
  const result = await esbuild.build({
    stdin: {
      contents: `import { Queue, BackgroundSyncPlugin } from 'workbox-background-sync'; self.workbox = { Queue, BackgroundSyncPlugin };`,
      resolveDir: JS_DIR,
      sourcefile: 'sw-entry.js',
    },
    bundle: true,
    format: 'iife',
    target: 'es2022',
    write: false,
    define: { 'process.env.NODE_ENV': JSON.stringify(mode) },
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

function server() {
  const received = [];
  return new Promise((resolve) => {
    const s = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => { body += c; });
      req.on('end', () => {
        received.push({ method: req.method, url: req.url, body, type: req.headers['content-type'], custom: req.headers['x-client'] });
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end('{"ok":true}');
      });
    });
    s.listen(0, '127.0.0.1', () => resolve({ base: `http://127.0.0.1:${s.address().port}`, received, close: () => new Promise((r) => s.close(r)) }));
  });
}

test('idb-keyval (UMD build): get/set/update/getMany/setMany/del/entries/clear, custom stores, shared and persistent', async () => {
  const kv = new FakeKv();
  const sw = context(kv);
  sw.run(idbKeyval, 'idb-keyval/dist/umd.js');
  assert.deepEqual(await sw.settle(`(async () => {
    const { get, set, update, getMany, setMany, del, keys, values, entries, createStore, delMany } = idbKeyval;
    await set('hello', 'world');
    await set(['compound', 1], { nested: new Date(0), list: new Set([1]) });
    await setMany([['a', 1], ['b', 2], ['c', 3]]);
    await update('a', (v) => v + 10);
    await del('b');
    await delMany(['nothing']);
    const custom = createStore('custom-db', 'custom-store');
    await set('k', 'in custom', custom);
    return {
      hello: await get('hello'),
      compound: (await get(['compound', 1])).nested instanceof Date,
      many: await getMany(['a', 'b', 'c']),
      keys: await keys(),
      values: (await values()).length,
      custom: [await get('k', custom), await get('k')],
      entries: (await entries(custom)),
    };
  })()`), {
    hello: 'world', compound: true, many: [11, undefined, 3], keys: ['a', 'c', 'hello', ['compound', 1]], values: 4,
    custom: ['in custom', undefined], entries: [['k', 'in custom']],
  });

  // A page context of the origin, and later a restarted engine, see the same data; updates interleave.
  const page = context(kv, { scriptURL: 'https://app.example/index.html' });
  page.run(idbKeyval, 'idb-keyval/dist/umd.js');
  assert.deepEqual(await page.settle(`(async () => {
    await idbKeyval.update('a', (v) => v + 100);
    return [await idbKeyval.get('hello'), await idbKeyval.get('a'), await idbKeyval.get('k', idbKeyval.createStore('custom-db', 'custom-store'))];
  })()`), ['world', 111, 'in custom']);
  assert.equal(await sw.settle(`idbKeyval.update('a', (v) => v + 1000).then(() => idbKeyval.get('a'))`), 1111);
  const restarted = context(kv);
  restarted.run(idbKeyval, 'idb-keyval/dist/umd.js');
  assert.deepEqual(await restarted.settle(`(async () => { const r = [await idbKeyval.get('a'), (await idbKeyval.keys()).length]; await idbKeyval.clear(); return [...r, await idbKeyval.keys()]; })()`), [1111, 4, []]);
  assert.deepEqual(await sw.settle(`idbKeyval.keys()`), []);
});

test('idb (UMD build): openDB with upgrade, tx.done, indexes, async cursor iteration, versions, deleteDB with blocking', async () => {
  const kv = new FakeKv();
  const w = context(kv);
  w.run(idb, 'idb/build/umd.js');
  assert.deepEqual(await w.settle(`(async () => {
    const db = await idb.openDB('outbox', 1, {
      upgrade(db, oldVersion, newVersion, tx) {
        const store = db.createObjectStore('messages', { keyPath: 'id', autoIncrement: true });
        store.createIndex('by-status', 'status');
      },
    });
    const tx = db.transaction('messages', 'readwrite');
    await Promise.all([
      tx.store.add({ text: 'one', status: 'pending' }),
      tx.store.add({ text: 'two', status: 'sent' }),
      tx.store.add({ text: 'three', status: 'pending' }),
      tx.done,
    ]);
    const pending = await db.getAllFromIndex('messages', 'by-status', 'pending');
    const seen = [];
    for await (const cursor of db.transaction('messages').store.iterate(null, 'prev')) seen.push(cursor.value.text);
    const rw = db.transaction('messages', 'readwrite');
    for await (const cursor of rw.store.index('by-status').iterate('pending')) {
      await cursor.update({ ...cursor.value, status: 'sent' });
    }
    await rw.done;
    db.close();
    return { pending: pending.map((m) => m.text), seen, sent: await (await idb.openDB('outbox')).countFromIndex('messages', 'by-status', 'sent') };
  })()`), { pending: ['one', 'three'], seen: ['three', 'two', 'one'], sent: 3 });

  // Another context upgrades the schema; the data is there; a blocked delete waits until the other closes.
  const other = context(kv);
  other.run(idb, 'idb/build/umd.js');
  assert.deepEqual(await other.settle(`(async () => {
    const db = await idb.openDB('outbox', 2, {
      upgrade(db, oldVersion, newVersion, tx) {
        tx.objectStore('messages').createIndex('by-text', 'text', { unique: true });
      },
    });
    const r = [db.version, (await db.getFromIndex('messages', 'by-text', 'two')).id, [...db.objectStoreNames]];
    const events = [];
    const blocked = await idb.openDB('outbox', 2, { blocking() { events.push('blocking'); blocked.close(); } });
    await idb.deleteDB('outbox', { blocked() { events.push('blocked'); db.close(); } });
    return [...r, events, (await idb.openDB('outbox')).version];
  })()`), [2, 2, ['messages'], ['blocking', 'blocked'], 1]);
});

for (const mode of ['production', 'development']) {
  test(`workbox-background-sync Queue (${mode} build): requests queued offline are replayed to the server by the sync event, after a restart`, async () => {
    const srv = await server();
    try {
      const bundle = await workboxBundle(mode);
      const kv = new FakeKv();
      const sw = context(kv, { online: false });
      sw.run(bundle, 'sw-bundle.js');
      // The developer's service worker: POSTs that fail while offline go to the queue.
      sw.run(`
        const queue = new workbox.Queue('outbox');
        globalThis.send = async (text) => {
          const request = new Request('${srv.base}/api/messages', { method: 'POST', body: JSON.stringify({ text }), headers: { 'content-type': 'application/json', 'x-client': 'sw' } });
          try { return (await fetch(request.clone())).status; } catch (e) { await queue.pushRequest({ request, metadata: { text } }); return 'queued: ' + e.message; }
        };
      `);
      assert.deepEqual(await sw.settle(`(async () => [await send('first'), await send('second'), await send('third')])()`),
        ['queued: Failed to fetch', 'queued: Failed to fetch', 'queued: Failed to fetch']);
      assert.deepEqual(sw.state.engineCalls.filter((c) => c.op === 'sync.register').map((c) => c.args[0]), Array(3).fill('workbox-background-sync:outbox'));
      assert.equal(srv.received.length, 0);

      // The engine restarts; the worker starts again (online now) and gets the sync event.
      const restarted = context(kv, { online: true });
      restarted.run(bundle, 'sw-bundle.js');
      restarted.run(`globalThis.queue = new workbox.Queue('outbox');`);
      assert.equal(await restarted.settle(`queue.size()`), 3);
      // (settle: dispatch's promise needs the worker's tasks to run)
      const result = await restarted.settle(`__syncscope.dispatch('sync', { tag: 'workbox-background-sync:outbox' })`);
      assert.deepEqual(result, { status: 'succeeded' });
      assert.deepEqual(srv.received.map((r) => [r.method, r.url, JSON.parse(r.body).text, r.type, r.custom]), [
        ['POST', '/api/messages', 'first', 'application/json', 'sw'],
        ['POST', '/api/messages', 'second', 'application/json', 'sw'],
        ['POST', '/api/messages', 'third', 'application/json', 'sw'],
      ]);
      assert.equal(await restarted.settle(`queue.size()`), 0);
      assert.deepEqual([...sw.lines(), ...restarted.lines()].filter((l) => l.startsWith('error')), []);
      if (mode === 'development') assert.ok(restarted.lines().some((l) => l.includes("All requests in queue 'outbox' have successfully replayed")), restarted.lines().join('\n'));
      assert.equal(await context(kv).settle(`openDb('workbox-background-sync').then((db) => req(db.transaction('requests').objectStore('requests').count()))`), 0);
    } finally {
      await srv.close();
    }
  });
}

test('workbox-background-sync: replayRequests() once online; a failed replay keeps the request; BackgroundSyncPlugin queues failed fetches', async () => {
  const srv = await server();
  try {
    const bundle = await workboxBundle('production');
    const w = context(new FakeKv(), { online: false });
    w.run(bundle, 'sw-bundle.js');
    w.run(`
      globalThis.queue = new workbox.Queue('direct', { onSync: async () => {} });
      globalThis.plugin = new workbox.BackgroundSyncPlugin('plugin-queue');
    `);
    await w.settle(`(async () => {
      await queue.pushRequest({ request: new Request('${srv.base}/direct/1', { method: 'PUT', body: 'one' }) });
      await queue.pushRequest({ request: new Request('${srv.base}/direct/2', { method: 'PUT', body: 'two' }) });
      await plugin.fetchDidFail({ request: new Request('${srv.base}/plugin', { method: 'POST', body: 'p' }) });
    })()`);
    // Still offline: the first replay fails and stays queued (unshifted back), the error reaches the caller.
    assert.equal(await w.settle(`errorName(queue.replayRequests())`), 'queue-replay-failed: queue-replay-failed :: [{"name":"direct"}]');
    assert.equal(await w.settle(`queue.size()`), 2);
    w.setOnline(true);
    await w.settle(`queue.replayRequests()`);
    assert.equal(await w.settle(`queue.size()`), 0);
    assert.deepEqual(srv.received.map((r) => [r.method, r.url, r.body]), [['PUT', '/direct/1', 'one'], ['PUT', '/direct/2', 'two']]);
    const result = await w.settle(`__syncscope.dispatch('sync', { tag: 'workbox-background-sync:plugin-queue' })`);
    assert.deepEqual(result, { status: 'succeeded' });
    assert.deepEqual(srv.received.at(-1), { method: 'POST', url: '/plugin', body: 'p', type: 'text/plain;charset=UTF-8', custom: undefined });
  } finally {
    await srv.close();
  }
});
