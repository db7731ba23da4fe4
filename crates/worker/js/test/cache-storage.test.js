// Cache Storage over the host's key-value store.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { context, kvCalls, FakeKv } from './idb-helpers.js';

function server(handler) {
  return new Promise((resolve) => {
    const s = http.createServer(handler);
    s.listen(0, '127.0.0.1', () => resolve({ base: `http://127.0.0.1:${s.address().port}`, close: () => new Promise((r) => s.close(r)) }));
  });
}

test('put, match, matchAll, keys and delete; entries survive a restart and keep insertion order', async () => {
  const w = context();
  assert.deepEqual(await w.settle(`(async () => {
    const c = await caches.open('v1');
    await c.put('/a.js', new Response('A', { headers: { 'content-type': 'text/javascript', 'x-n': '1' } }));
    await c.put(new Request('https://app.example/b.css'), new Response(new Uint8Array([0, 1, 255]), { status: 201, statusText: 'Made' }));
    await c.put('/c?x=1#frag', new Response(null, { status: 204 }));
    await c.put('/a.js', new Response('A2'));
    const a = await c.match('https://app.example/a.js');
    const b = await caches.match('/b.css');
    return {
      a: [await a.text(), a.status, a.headers.get('content-type'), a.url, a.type],
      b: [Array.from(new Uint8Array(await b.arrayBuffer())), b.status, b.statusText, b.ok],
      c: [(await c.match('/c?x=1')).status, (await c.match('/c?x=1')).body],
      keys: (await c.keys()).map((r) => r.url),
      all: await Promise.all((await c.matchAll()).map((r) => r.status)),
      missing: await c.match('/nope'),
      del: [await c.delete('/b.css'), await c.delete('/b.css')],
      after: (await c.keys()).map((r) => new URL(r.url).pathname),
    };
  })()`), {
    a: ['A2', 200, 'text/plain;charset=UTF-8', '', 'default'],
    b: [[0, 1, 255], 201, 'Made', true],
    c: [204, null],
    keys: ['https://app.example/b.css', 'https://app.example/c?x=1', 'https://app.example/a.js'],
    all: [201, 204, 200],
    missing: undefined,
    del: [true, false],
    after: ['/c', '/a.js'],
  });
  const fresh = context(w.kv);
  assert.deepEqual(await fresh.settle(`(async () => {
    const c = await caches.open('v1');
    const keys = await c.keys();
    const r = await caches.match('/a.js');
    return [keys.map((k) => [k.method, new URL(k.url).pathname]), await r.text(), Object.prototype.toString.call(keys[0]), await caches.keys()];
  })()`), [[['GET', '/c'], ['GET', '/a.js']], 'A2', '[object Request]', ['v1']]);
});

test('matching: fragment ignored, ignoreSearch, ignoreMethod, Vary and ignoreVary', async () => {
  const w = context();
  assert.deepEqual(await w.settle(`(async () => {
    const c = await caches.open('m');
    await c.put('/p?q=1', new Response('q1'));
    await c.put('/p?q=2', new Response('q2'));
    await c.put('/p', new Response('none'));
    await c.put('/pp', new Response('other path'));
    await c.put(new Request('/v', { headers: { 'accept-language': 'fr' } }), new Response('fr', { headers: { vary: 'Accept-Language' } }));
    await c.put(new Request('/v', { headers: { 'accept-language': 'de' } }), new Response('de', { headers: { vary: 'Accept-Language' } }));
    const text = async (p) => p.then((r) => r ? r.text() : undefined);
    return {
      exact: await text(c.match('/p?q=2#x')),
      noSearch: await text(c.match('/p')),
      ignoreSearch: await Promise.all((await c.matchAll('/p?zzz', { ignoreSearch: true })).map((r) => r.text())),
      post: await c.match(new Request('/p', { method: 'POST' })),
      ignoreMethod: await text(c.match(new Request('/p', { method: 'POST' }), { ignoreMethod: true })),
      varyFr: await text(c.match(new Request('/v', { headers: { 'accept-language': 'fr' } }))),
      varyDe: await text(c.match(new Request('/v', { headers: { 'accept-language': 'de' } }))),
      varyNone: await c.match('/v'),
      ignoreVary: (await c.matchAll('/v', { ignoreVary: true })).length,
      keysFor: (await c.keys('/p', { ignoreSearch: true })).map((r) => r.url.slice(19)),
    };
  })()`), {
    exact: 'q2', noSearch: 'none', ignoreSearch: ['q1', 'q2', 'none'], post: undefined, ignoreMethod: 'none',
    varyFr: 'fr', varyDe: 'de', varyNone: undefined, ignoreVary: 2, keysFor: ['/p?q=1', '/p?q=2', '/p'],
  });
});

test('put rejects what the spec rejects and consumes the response body', async () => {
  const w = context();
  assert.deepEqual(await w.settle(`(async () => {
    const c = await caches.open('x');
    const res = new Response('body');
    await c.put('/ok', res);
    const used = new Response('u');
    await used.text();
    const out = [res.bodyUsed];
    for (const [req, r] of [
      [new Request('/post', { method: 'POST' }), new Response('')],
      ['data:text/plain,hi', new Response('')],
      ['/partial', new Response('', { status: 206 })],
      ['/star', new Response('', { headers: { vary: 'Accept, *' } })],
      ['/used', used],
      ['/notresponse', { status: 200 }],
    ]) out.push(await errorName(c.put(req, r)));
    out.push((await c.keys()).length);
    return out;
  })()`), [
    true,
    "TypeError: Failed to execute 'put' on 'Cache': Request method 'POST' is unsupported",
    "TypeError: Failed to execute 'put' on 'Cache': Request scheme 'data' is unsupported",
    "TypeError: Failed to execute 'put' on 'Cache': Partial response (status code 206) is unsupported",
    "TypeError: Failed to execute 'put' on 'Cache': Vary header contains *",
    "TypeError: Failed to execute 'put' on 'Cache': Response body is already used",
    "TypeError: Failed to execute 'put' on 'Cache': parameter 2 is not of type 'Response'.",
    1,
  ]);
});

test('CacheStorage: open/has/delete/keys in creation order, match across caches and with cacheName; a deleted cache is orphaned', async () => {
  const kv = new FakeKv();
  const w = context(kv);
  assert.deepEqual(await w.settle(`(async () => {
    const old = await caches.open('old');
    await old.put('/x', new Response('old x'));
    const b = await caches.open('b');
    await b.put('/x', new Response('b x'));
    await b.put('/y', new Response('b y'));
    await caches.open('a');
    const out = {};
    out.keys = await caches.keys();
    out.has = [await caches.has('b'), await caches.has('zzz')];
    out.first = await (await caches.match('/x')).text();
    out.named = await (await caches.match('/x', { cacheName: 'b' })).text();
    out.unknownName = await caches.match('/x', { cacheName: 'nope' });
    out.deleted = [await caches.delete('old'), await caches.delete('old')];
    out.afterDelete = [await caches.keys(), await (await caches.match('/x')).text()];
    out.orphan = [await old.match('/x'), await old.put('/z', new Response('z')), (await old.keys()).length];
    const again = await caches.open('old');
    out.reopened = [(await again.keys()).length, await old.match('/z'), (await caches.keys()).at(-1)];
    return out;
  })()`), {
    keys: ['old', 'b', 'a'], has: [true, false], first: 'old x', named: 'b x', unknownName: undefined,
    deleted: [true, false], afterDelete: [['b', 'a'], 'b x'], orphan: [undefined, undefined, 0], reopened: [0, undefined, 'old'],
  });
  assert.deepEqual(Object.keys(kv.dump()), ['cache:b', 'caches']);
});

test('add/addAll fetch and store atomically (a failed response stores nothing); another context sees the entries', async () => {
  const hits = [];
  const srv = await server((req, res) => {
    hits.push(req.url);
    if (req.url === '/missing') { res.writeHead(404); res.end('no'); return; }
    res.writeHead(200, { 'content-type': 'text/plain', 'x-secret': 's' });
    res.end(`body of ${req.url}`);
  });
  try {
    const kv = new FakeKv();
    const w = context(kv);
    assert.deepEqual(await w.settle(`(async () => {
      const c = await caches.open('pre');
      await c.addAll(['${srv.base}/one', new Request('${srv.base}/two')]);
      await c.add('${srv.base}/three');
      const failed = await errorName(c.addAll(['${srv.base}/four', '${srv.base}/missing']));
      const dup = await errorName(c.addAll(['${srv.base}/five', '${srv.base}/five#x']));
      const post = await errorName(c.add(new Request('${srv.base}/p', { method: 'POST' })));
      return [failed, dup, post, (await c.keys()).map((r) => new URL(r.url).pathname)];
    })()`), [
      "TypeError: Failed to execute 'addAll' on 'Cache': Request failed",
      "InvalidStateError: Failed to execute 'addAll' on 'Cache': duplicate requests (" + srv.base + '/five#x)',
      "TypeError: Failed to execute 'addAll' on 'Cache': Add/AddAll only supports the GET request method.",
      ['/one', '/two', '/three'],
    ]);
    const page = context(kv, { scriptURL: 'https://app.example/index.html' });
    assert.deepEqual(await page.settle(`(async () => {
      const r = await caches.match('${srv.base}/two');
      return [await r.text(), r.type, r.url, r.headers.get('content-type'), r.headers.get('x-secret')];
    })()`), ['body of /two', 'cors', `${srv.base}/two`, 'text/plain', null]);
  } finally {
    await srv.close();
  }
});

test('each Cache Storage write is one kvCommit; storage errors reject with UnknownError', async () => {
  const w = context();
  await w.settle(`caches.open('c').then((c) => { globalThis.c = c; })`);
  const calls = await kvCalls(w.kv, () => w.settle(`c.put('/k', new Response('v'))`));
  // The registry check, the last sequence number, the entries to replace (none), then one commit of the entry,
  // its body and its URL index key.
  assert.deepEqual(calls, ['kvGet caches', 'kvRange cache:c', 'kvRange cache:c', 'kvCommit put cache:c, put cache:c, put cache:c']);
  const replace = await kvCalls(w.kv, () => w.settle(`c.put('/k', new Response('v2'))`));
  assert.deepEqual(replace.at(-1), 'kvCommit delete cache:c, delete cache:c, delete cache:c, put cache:c, put cache:c, put cache:c');
  w.kv.failNextCommit = new Error('disk I/O error');
  assert.equal(await w.settle(`errorName(c.put('/k2', new Response('v')))`), 'UnknownError: Cache.put: disk I/O error');
  w.kv.failReads = 'database is locked';
  assert.deepEqual(await w.settle(`Promise.all([errorName(c.match('/k')), errorName(caches.keys()), errorName(caches.open('d'))])`),
    ['UnknownError: Cache.matchAll: database is locked', 'UnknownError: caches.keys: database is locked', 'UnknownError: caches.open: database is locked']);
});
