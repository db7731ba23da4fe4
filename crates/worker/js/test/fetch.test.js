// Headers, Request, Response, Blob/ReadableStream bodies, and fetch() against a real local HTTP server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { createWorker } from './fake-host.js';

let server;
let base;
const received = [];

before(async () => {
  server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      received.push({ method: req.method, url: req.url, headers: req.headers, body: body.toString() });
      const url = new URL(req.url, 'http://x');
      switch (url.pathname) {
        case '/json':
          res.writeHead(200, { 'Content-Type': 'application/json', 'Set-Cookie': ['a=1', 'b=2'], 'X-Custom': 'yes' });
          res.end(JSON.stringify({ ok: true, n: 42 }));
          break;
        case '/echo':
          res.writeHead(201, 'Created Here', { 'Content-Type': req.headers['content-type'] ?? 'none' });
          res.end(`${req.method} ${body.toString()}`);
          break;
        case '/redirect':
          res.writeHead(302, { Location: '/json' });
          res.end();
          break;
        case '/nocontent':
          res.writeHead(204);
          res.end();
          break;
        case '/fail':
          res.writeHead(503, 'Service Unavailable');
          res.end('down');
          break;
        case '/slow':
          setTimeout(() => { res.writeHead(200); res.end('slow'); }, 2000);
          break;
        case '/bytes':
          res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
          res.end(Buffer.from([0, 1, 2, 255]));
          break;
        default:
          res.writeHead(404);
          res.end('not found');
      }
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${server.address().port}`;
});

after(() => new Promise((r) => server.close(r)));

const worker = () => createWorker({ scriptURL: `${base}/sw.js` });

test('Headers: case-insensitive, combined, sorted iteration, getSetCookie, validation', async () => {
  const w = worker();
  assert.deepEqual(await w.eval(`(() => {
    const h = new Headers({ 'Content-Type': 'text/plain', 'X-B': ' spaced  ' });
    h.append('x-a', '1'); h.append('X-A', '2');
    h.append('Set-Cookie', 'a=1'); h.append('set-cookie', 'b=2');
    const out = [h.get('content-type'), h.get('x-b'), h.get('X-A'), h.has('x-a'), h.get('nope'), h.getSetCookie()];
    out.push([...h], [...h.keys()]);
    h.set('x-a', '3'); out.push(h.get('x-a'));
    h.delete('X-B'); out.push(h.has('x-b'));
    for (const bad of [() => h.append('bad name', 'v'), () => h.set('x', 'a\\nb'), () => h.get('bad name'), () => new Headers([['only']]), () => h.append('x', '€')]) {
      try { bad(); out.push('no throw'); } catch (e) { out.push(e.constructor.name); }
    }
    out.push(new Headers(h).get('x-a'), new Headers([['k', 'v']]).get('k'));
    const seen = []; h.forEach((v, k, o) => seen.push(k + (o === h)));
    out.push(seen);
    return out;
  })()`), [
    'text/plain', 'spaced', '1, 2', true, null, ['a=1', 'b=2'],
    [['content-type', 'text/plain'], ['set-cookie', 'a=1'], ['set-cookie', 'b=2'], ['x-a', '1, 2'], ['x-b', 'spaced']],
    ['content-type', 'set-cookie', 'set-cookie', 'x-a', 'x-b'],
    '3', false, 'TypeError', 'TypeError', 'TypeError', 'TypeError', 'TypeError', '3', 'v',
    ['content-typetrue', 'set-cookietrue', 'set-cookietrue', 'x-atrue'],
  ]);
});

test('Request: URL resolution, method normalization, defaults, body rules, clone, forbidden headers', async () => {
  const w = worker();
  const r = await w.eval(`(async () => {
    const out = [];
    const r = new Request('/api/items?x=1', { method: 'post', body: 'hello', headers: { 'X-Test': '1', Cookie: 'dropped', 'Sec-Fetch-Mode': 'dropped' } });
    out.push(r.url, r.method, r.headers.get('content-type'), r.headers.get('x-test'), r.headers.has('cookie'), r.headers.has('sec-fetch-mode'));
    out.push(r.mode, r.credentials, r.cache, r.redirect, r.referrer, r.destination, r.bodyUsed, r.signal instanceof AbortSignal, r.body instanceof ReadableStream);
    const c = r.clone();
    out.push(await r.text(), r.bodyUsed, await c.text());
    try { await r.text(); } catch (e) { out.push(e.constructor.name); }
    try { r.clone(); } catch (e) { out.push('clone:' + e.constructor.name); }
    out.push(new Request('http://x/', { method: 'patch' }).method, new Request('http://x/', { method: 'Delete' }).method);
    for (const bad of [() => new Request('http://x/', { method: 'GET', body: 'x' }), () => new Request('http://x/', { method: 'CONNECT' }),
      () => new Request('http://u:p@x/'), () => new Request('http://[bad'), () => new Request('http://x/', { mode: 'navigate' }), () => new Request('http://x/', { redirect: 'nope' })]) {
      try { bad(); out.push('no throw'); } catch (e) { out.push(e.constructor.name); }
    }
    const src = new Request('http://x/', { method: 'PUT', body: new Uint8Array([1, 2]) });
    const copy = new Request(src);
    out.push(src.bodyUsed, Array.from(new Uint8Array(await copy.arrayBuffer())), copy.method);
    const json = new Request('http://x/', { method: 'POST', body: JSON.stringify({ a: 1 }) });
    out.push((await json.json()).a);
    const form = new Request('http://x/', { method: 'POST', body: new URLSearchParams({ q: 'a b' }) });
    out.push(form.headers.get('content-type'), await form.text());
    try { await new Request('http://x/', { method: 'POST', body: 'x' }).formData(); } catch (e) { out.push(e.name); }
    return out;
  })()`);
  assert.deepEqual(r, [
    `${base}/api/items?x=1`, 'POST', 'text/plain;charset=UTF-8', '1', false, false,
    'cors', 'same-origin', 'default', 'follow', 'about:client', '', false, true, true,
    'hello', true, 'hello', 'TypeError', 'clone:TypeError',
    'patch', 'DELETE',
    'TypeError', 'TypeError', 'TypeError', 'TypeError', 'TypeError', 'TypeError',
    true, [1, 2], 'PUT', 1,
    'application/x-www-form-urlencoded;charset=UTF-8', 'q=a+b', 'NotSupportedError',
  ]);
});

test('Response: constructor, statics, bodies, clone, status rules', async () => {
  const w = worker();
  const r = await w.eval(`(async () => {
    const out = [];
    const res = new Response('body text', { status: 202, statusText: 'Accepted', headers: { 'X-A': '1' } });
    out.push(res.status, res.ok, res.statusText, res.type, res.url, res.redirected, res.headers.get('content-type'), res.headers.get('x-a'));
    const c = res.clone();
    out.push(await res.text(), res.bodyUsed, await c.text());
    const j = Response.json({ a: [1, 2] }, { status: 200 });
    out.push(j.headers.get('content-type'), await j.json());
    const e = Response.error();
    out.push(e.type, e.status, e.ok);
    try { e.headers.set('x', '1'); } catch (err) { out.push('immutable'); }
    const rd = Response.redirect('/elsewhere', 301);
    out.push(rd.status, rd.headers.get('location'));
    for (const bad of [() => new Response('', { status: 199 }), () => new Response('', { status: 600 }), () => new Response('x', { status: 204 }), () => Response.redirect('/x', 200), () => new Response('', { statusText: 'bad\\n' })]) {
      try { bad(); out.push('no throw'); } catch (err) { out.push(err.constructor.name); }
    }
    out.push(new Response(null, { status: 204 }).body, new Response().status, await new Response().text());
    const bytes = new Response(new Uint8Array([104, 105]));
    out.push(Array.from(await bytes.bytes()));
    const buf = await new Response(new Uint16Array([1]).buffer).arrayBuffer();
    out.push(buf instanceof ArrayBuffer, buf.byteLength);
    const blob = await new Response('blob!', { headers: { 'content-type': 'Text/Plain' } }).blob();
    out.push(blob instanceof Blob, blob.size, blob.type, await blob.text());
    const fromBlob = new Response(new Blob(['a', new Uint8Array([98])], { type: 'x/y' }));
    out.push(fromBlob.headers.get('content-type'), await fromBlob.text());
    const setCookie = new Response('', { headers: { 'Set-Cookie': 'no' } });
    out.push(setCookie.headers.has('set-cookie'));
    return out;
  })()`);
  assert.deepEqual(r, [
    202, true, 'Accepted', 'default', '', false, 'text/plain;charset=UTF-8', '1',
    'body text', true, 'body text',
    'application/json', { a: [1, 2] },
    'error', 0, false, 'immutable',
    301, `${base}/elsewhere`,
    'RangeError', 'RangeError', 'TypeError', 'RangeError', 'TypeError',
    null, 200, '',
    [104, 105], true, 2, true, 5, 'text/plain', 'blob!', 'x/y', 'ab', false,
  ]);
});

test('body streams: response.body is a ReadableStream; new Response(other.body) takes it over; user streams work', async () => {
  const w = worker();
  const r = await w.eval(`(async () => {
    const out = [];
    const a = new Response('stream me');
    const reader = a.body.getReader();
    out.push(a.body.locked, a.bodyUsed);
    const chunks = [];
    for (;;) { const { done, value } = await reader.read(); if (done) break; chunks.push(...value); }
    out.push(new TextDecoder().decode(new Uint8Array(chunks)), a.bodyUsed);
    try { await a.text(); } catch (e) { out.push(e.constructor.name); }
    const b = new Response('copied', { headers: { 'x-orig': '1' } });
    const copy = new Response(b.body, { status: 200, headers: { 'x-new': '2' } });
    out.push(await copy.text(), b.bodyUsed);
    const s = new ReadableStream({
      start(c) { c.enqueue(new TextEncoder().encode('one ')); },
      pull(c) { c.enqueue(new TextEncoder().encode('two')); c.close(); },
    });
    out.push(await new Response(s).text());
    const t = new Response('tee');
    const [t1, t2] = t.body.tee();
    out.push(await new Response(t1).text(), await new Response(t2).text());
    const it = [];
    for await (const chunk of new Response('iter').body) it.push(chunk.length);
    out.push(it);
    const cloned = new Response(new ReadableStream({ start(c) { c.enqueue(new Uint8Array([65])); c.close(); } }));
    const cc = cloned.clone();
    out.push(await cloned.text(), await cc.text());
    return out;
  })()`);
  assert.deepEqual(r, [true, false, 'stream me', true, 'TypeError', 'copied', true, 'one two', 'tee', 'tee', [4], 'A', 'A']);
});

test('fetch: GET JSON from a real local server, headers filtered (no set-cookie), type basic', async () => {
  const w = worker();
  const r = await w.eval(`(async () => {
    const res = await fetch('/json');
    return [res instanceof Response, res.status, res.ok, res.statusText, res.url, res.type, res.redirected,
      res.headers.get('content-type'), res.headers.get('x-custom'), res.headers.has('set-cookie'), await res.json()];
  })()`);
  assert.deepEqual(r, [true, 200, true, 'OK', `${base}/json`, 'basic', false, 'application/json', 'yes', false, { ok: true, n: 42 }]);
});

test('fetch: POST body and headers reach the server; status text and non-2xx come back', async () => {
  const w = worker();
  const r = await w.eval(`(async () => {
    const res = await fetch('${'${base}'}/echo', { method: 'POST', body: JSON.stringify({ msg: 'hi' }), headers: { 'Content-Type': 'application/json', 'X-Client': 'sw' } });
    const fail = await fetch('/fail');
    return [res.status, res.statusText, await res.text(), res.headers.get('content-type'), fail.status, fail.ok, fail.statusText, await fail.text()];
  })()`.replace('${base}', base));
  assert.deepEqual(r, [201, 'Created Here', 'POST {"msg":"hi"}', 'application/json', 503, false, 'Service Unavailable', 'down']);
  const echo = received.find((x) => x.url === '/echo');
  assert.equal(echo.headers['x-client'], 'sw');
  assert.equal(echo.body, '{"msg":"hi"}');
});

test('fetch: Request objects, binary bodies, 204, redirects (follow / manual / error)', async () => {
  const w = worker();
  const r = await w.eval(`(async () => {
    const out = [];
    const req = new Request('/echo', { method: 'PUT', body: new Uint8Array([104, 105]) });
    const res = await fetch(req);
    out.push(await res.text(), req.bodyUsed);
    const bytes = await (await fetch('/bytes')).arrayBuffer();
    out.push(Array.from(new Uint8Array(bytes)));
    const nc = await fetch('/nocontent');
    out.push(nc.status, nc.body, await nc.text());
    const followed = await fetch('/redirect');
    out.push(followed.status, followed.redirected, new URL(followed.url).pathname);
    const manual = await fetch('/redirect', { redirect: 'manual' });
    out.push(manual.type, manual.status);
    try { await fetch('/redirect', { redirect: 'error' }); } catch (e) { out.push(e.name + ': ' + e.message); }
    const head = await fetch('/json', { method: 'HEAD' });
    out.push(head.status, head.body);
    return out;
  })()`);
  assert.deepEqual(r, ['PUT hi', true, [0, 1, 2, 255], 204, null, '', 200, true, '/json', 'opaqueredirect', 0, 'TypeError: Failed to fetch', 200, null]);
});

test('fetch: network failure and offline reject with TypeError "Failed to fetch"', async () => {
  const w = worker();
  const closed = await new Promise((resolve) => {
    const s = http.createServer();
    s.listen(0, '127.0.0.1', () => { const port = s.address().port; s.close(() => resolve(port)); });
  });
  const r1 = await w.eval(`fetch('http://127.0.0.1:${closed}/').then(() => 'resolved', (e) => [e.constructor === TypeError, e.message, typeof e.cause])`);
  assert.deepEqual(r1, [true, 'Failed to fetch', 'string']);
  w.setOnline(false);
  const r2 = await w.eval(`fetch('/json').then(() => 'resolved', (e) => [e.name, e.message, e.cause, navigator.onLine])`);
  assert.deepEqual(r2, ['TypeError', 'Failed to fetch', 'net::ERR_INTERNET_DISCONNECTED', false]);
  w.setOnline(true);
  assert.equal(await w.eval(`fetch('/json').then((r) => r.status)`), 200);
});

test('fetch: aborting rejects with the signal reason and tells the host', async () => {
  const w2 = worker();
  const pending = w2.eval(`(async () => {
    const ac = new AbortController();
    globalThis.__abort = () => ac.abort();
    try { await fetch('/slow', { signal: ac.signal }); return 'resolved'; } catch (e) { return [e.name, e instanceof DOMException]; }
  })()`);
  await new Promise((res) => setTimeout(res, 50));
  w2.run('__abort()');
  assert.deepEqual(await pending, ['AbortError', true]);
  assert.equal(w2.state.fetches.at(-1).aborted, true);
  assert.deepEqual(await w2.eval(`fetch('/json', { signal: AbortSignal.abort(new Error('custom')) }).catch((e) => e.message)`), 'custom');
  const w3 = worker();
  const timed = w3.eval(`fetch('/slow', { signal: AbortSignal.timeout(100) }).catch((e) => e.name)`);
  await new Promise((res) => setTimeout(res, 30));
  await w3.advance(100);
  assert.equal(await timed, 'TimeoutError');
});

test('fetch: cross-origin no-cors gives an opaque response; cors keeps only safelisted headers', async () => {
  const w = createWorker({ scriptURL: 'https://app.example/sw.js' });
  const r = await w.eval(`(async () => {
    const opaque = await fetch('${base}/json', { mode: 'no-cors' });
    const cors = await fetch('${base}/json');
    return [opaque.type, opaque.status, opaque.body, [...opaque.headers].length, cors.type, cors.headers.get('content-type'), cors.headers.get('x-custom')];
  })()`);
  assert.deepEqual(r, ['opaque', 0, null, 0, 'cors', 'application/json', null]);
});

test('fetch: a request it cannot build rejects naming fetch, as in Chromium', async () => {
  const w = createWorker({ scriptURL: 'https://app.example/sw.js' });
  const r = await w.eval(`(async () => {
    const why = (p) => p.then(() => 'resolved', (e) => e.name + ': ' + e.message);
    return [
      await why(fetch('${base}/json', { mode: 'no-cors', method: 'PUT' })),
      await why(fetch('${base}/json', { cache: 'only-if-cached' })),
      (() => { try { new Request('${base}/json', { mode: 'no-cors', method: 'DELETE' }); return 'built'; } catch (e) { return e.message; } })(),
      await why(fetch('${base}/json', { mode: 'no-cors', method: 'post' }).then((x) => x.type)),
    ];
  })()`);
  assert.deepEqual(r, [
    "TypeError: Failed to execute 'fetch' on 'WorkerGlobalScope': 'PUT' is unsupported in no-cors mode.",
    "TypeError: Failed to execute 'fetch' on 'WorkerGlobalScope': 'only-if-cached' can be set only with 'same-origin' mode",
    "Failed to construct 'Request': 'DELETE' is unsupported in no-cors mode.",
    'resolved',
  ]);
});

test('fetch: the host receives method, absolute url without fragment, header pairs, body bytes, modes', async () => {
  const w = worker();
  await w.eval(`fetch('/echo#frag', { method: 'POST', body: 'x', headers: [['X-One', '1'], ['x-one', '2']], credentials: 'include', redirect: 'manual' }).then((r) => r.text())`);
  const f = w.state.fetches.at(-1);
  assert.equal(f.method, 'POST');
  assert.equal(f.url, `${base}/echo`);
  assert.deepEqual(f.headers, [['x-one', '1'], ['x-one', '2'], ['content-type', 'text/plain;charset=UTF-8']]);
  assert.equal(f.body.toString(), 'x');
  assert.deepEqual([f.credentials, f.redirect, f.mode], ['include', 'manual', 'cors']);
});

test('a fetch handler can proxy the page request to the network: respondWith(fetch(event.request))', async () => {
  const w = worker();
  w.run(`self.addEventListener('fetch', (event) => {
    event.respondWith(fetch(event.request).then((res) => {
      const headers = new Headers(res.headers);
      headers.set('x-via', 'sw');
      return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
    }));
  });`);
  const before = received.length;
  const r = await w.dispatch('fetch', {
    request: { url: `${base}/echo`, method: 'POST', headers: [['content-type', 'text/plain'], ['cookie', 'session=1']], body: Buffer.from('from page'), mode: 'cors' },
    clientId: 'client-1',
  });
  assert.equal(r.status, 'succeeded');
  assert.equal(r.response.status, 201);
  assert.equal(r.response.statusText, 'Created Here');
  assert.equal(Buffer.from(r.response.body).toString(), 'POST from page');
  assert.deepEqual(r.response.headers.find(([n]) => n === 'x-via'), ['x-via', 'sw']);
  const seen = received.slice(before).find((x) => x.url === '/echo');
  assert.equal(seen.headers.cookie, 'session=1', 'headers of the intercepted request are forwarded unfiltered');
});

test('Blob and File hold bytes and a type; slice and text work', async () => {
  const w = worker();
  assert.deepEqual(await w.eval(`(async () => {
    const b = new Blob(['héllo', new Uint8Array([33])], { type: 'Text/Plain' });
    const f = new File([b], 'a.txt', { type: 'text/plain', lastModified: 5 });
    return [b.size, b.type, await b.text(), await b.slice(1, 3).text(), await b.slice(-1).text(), f.name, f.lastModified, f instanceof Blob, await f.text(),
      Array.from(await new Blob([new Uint16Array([1])]).bytes())];
  })()`), [7, 'text/plain', 'héllo!', 'é', '!', 'a.txt', 5, true, 'héllo!', [1, 0]]);
});
