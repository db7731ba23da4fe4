// Event, EventTarget, on<type> handlers, ExtendableEvent.waitUntil and __syncscope.dispatch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWorker } from './fake-host.js';

test('EventTarget: order, once, handleEvent objects, duplicates, removal, signal', async () => {
  const w = createWorker();
  const r = await w.eval(`(() => {
    const t = new EventTarget();
    const log = [];
    const a = (e) => log.push('a:' + e.type + ':' + (e.target === t) + ':' + (e.currentTarget === t) + ':' + e.eventPhase);
    t.addEventListener('x', a);
    t.addEventListener('x', a); // duplicate ignored
    t.addEventListener('x', { handleEvent(e) { log.push('obj:' + (this !== t)); } });
    t.addEventListener('x', () => log.push('once'), { once: true });
    const ac = new AbortController();
    t.addEventListener('x', () => log.push('signal'), { signal: ac.signal });
    t.dispatchEvent(new Event('x'));
    ac.abort();
    t.removeEventListener('x', a);
    t.dispatchEvent(new Event('x'));
    t.addEventListener('x', () => log.push('never'), { signal: AbortSignal.abort() });
    t.dispatchEvent(new Event('x'));
    return log;
  })()`);
  assert.deepEqual(r, ['a:x:true:true:2', 'obj:true', 'once', 'signal', 'obj:true', 'obj:true']);
});

test('Event: preventDefault only when cancelable, stopImmediatePropagation, passive, isTrusted false for user events', async () => {
  const w = createWorker();
  const r = await w.eval(`(() => {
    const t = new EventTarget();
    const out = [];
    t.addEventListener('c', (e) => { e.preventDefault(); out.push(e.defaultPrevented); e.stopImmediatePropagation(); });
    t.addEventListener('c', () => out.push('not reached'));
    out.push(t.dispatchEvent(new Event('c', { cancelable: true })));
    out.push(t.dispatchEvent(new Event('c')));
    const p = new EventTarget();
    p.addEventListener('p', (e) => { e.preventDefault(); out.push('passive:' + e.defaultPrevented); }, { passive: true });
    out.push(p.dispatchEvent(new Event('p', { cancelable: true })));
    const e = new Event('z', { bubbles: true });
    out.push(e.isTrusted, e.bubbles, e.eventPhase, e.target, typeof e.timeStamp, Event.AT_TARGET);
    const ce = new CustomEvent('k', { detail: { n: 1 } });
    out.push(ce.detail.n, ce instanceof Event);
    try { new Event(); } catch (err) { out.push(err.constructor.name); }
    return out;
  })()`);
  assert.deepEqual(r, [true, false, false, true, 'passive:false', true, false, true, 0, null, 'number', 2, 1, true, 'TypeError']);
});

test('capture listeners run first at the target; dispatching an event twice at once is InvalidStateError', async () => {
  const w = createWorker();
  const r = await w.eval(`(() => {
    const t = new EventTarget();
    const out = [];
    const e = new Event('x');
    t.addEventListener('x', () => { out.push('bubble'); try { t.dispatchEvent(e); } catch (err) { out.push(err.name); } });
    t.addEventListener('x', () => out.push('capture'), true);
    t.dispatchEvent(e);
    return out;
  })()`);
  assert.deepEqual(r, ['capture', 'bubble', 'InvalidStateError']);
});

test('a throwing listener is reported to the console and other listeners still run', async () => {
  const w = createWorker();
  const r = await w.eval(`(() => {
    const t = new EventTarget();
    const out = [];
    t.addEventListener('x', () => { throw new RangeError('bad'); });
    t.addEventListener('x', () => out.push('second'));
    t.dispatchEvent(new Event('x'));
    return out;
  })()`);
  assert.deepEqual(r, ['second']);
  assert.equal(w.logs.length, 1);
  assert.equal(w.logs[0].level, 'error');
  assert.match(w.logs[0].text, /^Uncaught RangeError: bad\n\s+at .*test\.js/);
});

test('on<type> handlers keep their place, can be replaced and removed, and self.onerror can cancel reporting', async () => {
  const w = createWorker();
  w.run(`
    globalThis.out = [];
    self.addEventListener('message', () => out.push('first'));
    self.onmessage = () => out.push('handler1');
    self.addEventListener('message', () => out.push('last'));
    self.onmessage = (e) => out.push('handler2:' + e.data);
  `);
  await w.dispatch('message', { data: 'hi' });
  w.run(`self.onmessage = null;`);
  await w.dispatch('message', { data: 'again' });
  assert.deepEqual(await w.eval('out'), ['first', 'handler2:hi', 'last', 'first', 'last']);
  assert.equal(await w.eval('self.onmessage'), null);
  w.run(`self.onerror = (message, filename, lineno, colno, error) => { out.push('onerror:' + message + ':' + (error instanceof Error)); return true; };
    reportError(new Error('quiet'));`);
  assert.deepEqual((await w.eval('out')).slice(-1), ['onerror:Uncaught Error: quiet:true']);
  assert.equal(w.logs.length, 0);
});

test('bare addEventListener / dispatchEvent in a worker script target the global scope', async () => {
  const w = createWorker();
  w.run(`var got = []; addEventListener('custom', (e) => got.push(e.type)); dispatchEvent(new Event('custom'));`);
  assert.deepEqual(await w.eval('got'), ['custom']);
});

test('dispatch(sync): SyncEvent with tag and lastChance, waitUntil resolving → succeeded', async () => {
  const w = createWorker();
  w.run(`
    var seen = [];
    self.addEventListener('sync', (event) => {
      seen.push([event.constructor.name, event.tag, event.lastChance, event.isTrusted, event instanceof ExtendableEvent]);
      event.waitUntil(new Promise((resolve) => setTimeout(resolve, 1000)));
    });
  `);
  let done = false;
  const p = w.dispatch('sync', { tag: 'outbox', lastChance: true }).then((r) => { done = true; return r; });
  await w.advance(999);
  assert.equal(done, false, 'waits for the waitUntil promise');
  await w.advance(1);
  assert.deepEqual(await p, { status: 'succeeded' });
  assert.deepEqual(await w.eval('seen'), [['SyncEvent', 'outbox', true, true, true]]);
});

test('dispatch: a rejected waitUntil promise → rejected with "name: message"', async () => {
  const w = createWorker();
  w.run(`self.addEventListener('sync', (e) => e.waitUntil(fetchLater()));
    async function fetchLater() { throw new TypeError('Failed to fetch'); }`);
  assert.deepEqual(await w.dispatch('sync', { tag: 'a' }), { status: 'rejected', reason: 'TypeError: Failed to fetch' });
  w.run(`self.onperiodicsync = (e) => e.waitUntil(Promise.reject('plain string'));`);
  assert.deepEqual(await w.dispatch('periodicsync', { tag: 'p' }), { status: 'rejected', reason: 'plain string' });
  w.run(`self.oninstall = (e) => e.waitUntil(Promise.reject(new DOMException('nope', 'QuotaExceededError')));`);
  assert.deepEqual(await w.dispatch('install'), { status: 'rejected', reason: 'QuotaExceededError: nope' });
});

test('dispatch: a throwing handler → rejected, console error with stack, after pending promises settle', async () => {
  const w = createWorker();
  w.run(`
    var finished = false;
    self.addEventListener('sync', (e) => { e.waitUntil(new Promise((r) => setTimeout(() => { finished = true; r(); }, 50))); });
    self.addEventListener('sync', function handler(e) { throw new Error('handler broke'); });
  `, 'https://app.example/sw.js');
  let settled = false;
  const p = w.dispatch('sync', { tag: 't' }).then((r) => { settled = true; return r; });
  await w.advance(10);
  assert.equal(settled, false);
  await w.advance(50);
  assert.deepEqual(await p, { status: 'rejected', reason: 'Error: handler broke' });
  assert.equal(await w.eval('finished'), true);
  const errors = w.logs.filter((l) => l.level === 'error');
  assert.equal(errors.length, 1);
  assert.match(errors[0].text, /^Uncaught Error: handler broke\n\s+at handler \(https:\/\/app\.example\/sw\.js:4:/);
  assert.doesNotMatch(errors[0].text, /syncscope:prelude/);
});

test('waitUntil: extends while promises are pending, InvalidStateError after everything settled, untrusted events refuse', async () => {
  const w = createWorker();
  w.run(`
    var log = [];
    var saved;
    self.addEventListener('sync', (e) => {
      saved = e;
      e.waitUntil(Promise.resolve().then(() => {
        // still pending: allowed, and waited for
        e.waitUntil(new Promise((r) => setTimeout(() => { log.push('late'); r(); }, 100)));
      }));
    });
  `);
  const p = w.dispatch('sync', { tag: 'x' });
  await w.advance(100);
  assert.deepEqual(await p, { status: 'succeeded' });
  assert.deepEqual(await w.eval('log'), ['late']);
  assert.deepEqual(await w.eval(`(() => { try { saved.waitUntil(Promise.resolve()); return 'no throw'; } catch (e) { return [e.name, e instanceof DOMException, e.code]; } })()`),
    ['InvalidStateError', true, 11]);
  assert.equal(await w.eval(`(() => { try { new ExtendableEvent('x').waitUntil(1); } catch (e) { return e.name; } })()`), 'InvalidStateError');
});

test('waitUntil inside the reaction of a promise that was passed to waitUntil still counts', async () => {
  const w = createWorker();
  w.run(`
    var order = [];
    self.addEventListener('activate', (e) => {
      const first = new Promise((r) => setTimeout(r, 10));
      e.waitUntil(first);
      first.then(() => e.waitUntil(new Promise((r) => setTimeout(() => { order.push('second'); r(); }, 10))));
    });
  `);
  const p = w.dispatch('activate');
  await w.advance(30);
  assert.deepEqual(await p, { status: 'succeeded' });
  assert.deepEqual(await w.eval('order'), ['second']);
});

test('dispatch(periodicsync): PeriodicSyncEvent with its tag, no lastChance', async () => {
  const w = createWorker();
  w.run(`var got; self.addEventListener('periodicsync', (e) => { got = [e.constructor.name, e.tag, 'lastChance' in e, e instanceof ExtendableEvent]; });`);
  assert.deepEqual(await w.dispatch('periodicsync', { tag: 'news' }), { status: 'succeeded' });
  assert.deepEqual(await w.eval('got'), ['PeriodicSyncEvent', 'news', false, true]);
  assert.deepEqual(await w.eval(`(() => { try { new SyncEvent('sync', {}); } catch (e) { return e.constructor.name; } })()`), 'TypeError');
  assert.deepEqual(await w.eval(`[new SyncEvent('sync', { tag: 't' }).lastChance, new PeriodicSyncEvent('periodicsync', { tag: 'p' }).tag]`), [false, 'p']);
});

test('dispatch with no listeners succeeds; hasListeners reflects listeners and handlers', async () => {
  const w = createWorker();
  assert.deepEqual(await w.dispatch('sync', { tag: 'none' }), { status: 'succeeded' });
  assert.equal(w.sc.hasListeners('sync'), false);
  w.run(`self.onperiodicsync = () => {}; const f = () => {}; addEventListener('sync', f);`);
  assert.equal(w.sc.hasListeners('sync'), true);
  assert.equal(w.sc.hasListeners('periodicsync'), true);
  assert.equal(w.sc.hasListeners('fetch'), false);
  w.run(`removeEventListener('sync', f); self.onperiodicsync = null;`);
  assert.equal(w.sc.hasListeners('sync'), false);
  assert.equal(w.sc.hasListeners('periodicsync'), false);
});

test('dispatch(message): ExtendableMessageEvent with data, origin and a Client source that can reply', async () => {
  const engine = (await import('./fake-host.js')).defaultEngine();
  const w = createWorker({ engine });
  w.run(`self.addEventListener('message', (e) => {
    e.source.postMessage({ echo: e.data, origin: e.origin, type: e.source.constructor.name, ports: e.ports.length });
  });`);
  const r = await w.dispatch('message', {
    data: { text: 'hello' }, origin: 'https://app.example',
    source: { id: 'client-1', url: 'https://app.example/', type: 'window', frameType: 'top-level', focused: true, visibilityState: 'visible' },
  });
  assert.deepEqual(r, { status: 'succeeded' });
  await new Promise((res) => setImmediate(res));
  const posted = engine.posted.map((p) => ({ clientId: p.clientId, data: w.decodeMessage(p.data) }));
  assert.deepEqual(posted, [{ clientId: 'client-1', data: { echo: { text: 'hello' }, origin: 'https://app.example', type: 'WindowClient', ports: 0 } }]);
});

test('dispatch(message) from another context: wire data is a structured clone; undecodable data is a messageerror', async () => {
  const w = createWorker();
  w.run(`globalThis.got = [];
    self.addEventListener('message', (e) => got.push(['message', e.data.when instanceof Date && e.data.when.getTime(), e.data.m instanceof Map && e.data.m.get('k'), e.data.self === e.data]));
    self.addEventListener('messageerror', (e) => got.push(['messageerror', e.data]));`);
  const wire = w.sc.encodeMessage(w.run(`(() => { const d = { when: new Date(5), m: new Map([['k', 10n]]) }; d.self = d; return d; })()`));
  assert.equal(typeof wire, 'string');
  assert.deepEqual(await w.dispatch('message', { dataWire: wire }), { status: 'succeeded' });
  assert.deepEqual(await w.dispatch('message', { dataWire: '%%% not wire' }), { status: 'succeeded' });
  assert.deepEqual(await w.eval('got'), [['message', 5, 10n, true], ['messageerror', null]]);
});

test('dispatch(fetch): respondWith → response bytes; no respondWith → network; errors → network error', async () => {
  const w = createWorker();
  w.run(`
    self.addEventListener('fetch', (event) => {
      const url = new URL(event.request.url);
      if (url.pathname === '/hello') {
        event.respondWith((async () => new Response('hi ' + event.request.method + ' ' + await event.request.text(), {
          status: 201, statusText: 'Made', headers: { 'X-From': 'sw' },
        }))());
      } else if (url.pathname === '/reject') {
        event.respondWith(Promise.reject(new Error('offline cache miss')));
      } else if (url.pathname === '/not-a-response') {
        event.respondWith({ status: 200 });
      } else if (url.pathname === '/twice') {
        event.respondWith(new Response('one'));
        try { event.respondWith(new Response('two')); } catch (e) { console.log('second respondWith:', e.name); }
      }
    });
  `);
  const hello = await w.dispatch('fetch', {
    request: { url: 'https://app.example/hello', method: 'POST', headers: [['content-type', 'text/plain']], body: Buffer.from('body!') },
    clientId: 'client-1',
  });
  assert.equal(hello.status, 'succeeded');
  assert.equal(hello.response.status, 201);
  assert.equal(hello.response.statusText, 'Made');
  assert.deepEqual(hello.response.headers, [['x-from', 'sw'], ['content-type', 'text/plain;charset=UTF-8']]);
  assert.equal(Buffer.from(hello.response.body).toString(), 'hi POST body!');

  // The Rust side passes a controlled page's request body as text (JSON has no bytes): it is UTF-8.
  const text = await w.dispatch('fetch', { request: { url: 'https://app.example/hello', method: 'POST', body: '{"msg":"héllo ✓"}' } });
  assert.equal(Buffer.from(text.response.body).toString(), 'hi POST {"msg":"héllo ✓"}');

  assert.deepEqual(await w.dispatch('fetch', { request: { url: 'https://app.example/other' } }), { status: 'succeeded', response: { network: true } });

  const rejected = await w.dispatch('fetch', { request: { url: 'https://app.example/reject' } });
  assert.equal(rejected.status, 'rejected');
  assert.equal(rejected.reason, 'Error: offline cache miss');
  assert.match(rejected.response.error, /network error response: the promise was rejected/);

  const bad = await w.dispatch('fetch', { request: { url: 'https://app.example/not-a-response' } });
  assert.match(bad.response.error, /not a Response/);

  const twice = await w.dispatch('fetch', { request: { url: 'https://app.example/twice' } });
  assert.equal(Buffer.from(twice.response.body).toString(), 'one');
  assert.deepEqual(w.lines(), ['log: second respondWith: InvalidStateError']);
});

test('dispatch(fetch): the request is a real Request with immutable headers; respondWith after dispatch throws', async () => {
  const w = createWorker();
  w.run(`
    var info;
    self.addEventListener('fetch', (event) => {
      const r = event.request;
      let immutable;
      try { r.headers.set('x', '1'); } catch (e) { immutable = e instanceof TypeError; }
      info = { isRequest: r instanceof Request, url: r.url, method: r.method, mode: r.mode, accept: r.headers.get('accept'), cookie: r.headers.get('cookie'), immutable, clientId: event.clientId, resultingClientId: event.resultingClientId };
      setTimeout(() => { try { event.respondWith(new Response('late')); } catch (e) { info.late = e.name; } }, 0);
    });
  `);
  const r = await w.dispatch('fetch', { request: { url: 'https://app.example/page', mode: 'navigate', headers: [['Accept', 'text/html'], ['Cookie', 'a=1']] }, resultingClientId: 'new-client' });
  assert.deepEqual(r, { status: 'succeeded', response: { network: true } });
  await w.advance(1);
  assert.deepEqual(await w.eval('info'), {
    isRequest: true, url: 'https://app.example/page', method: 'GET', mode: 'navigate', accept: 'text/html', cookie: 'a=1',
    immutable: true, clientId: '', resultingClientId: 'new-client', late: 'InvalidStateError',
  });
});

test('dispatch: install/activate are ExtendableEvents, push and notification events carry their data', async () => {
  const w = createWorker();
  w.run(`
    var seen = [];
    self.oninstall = (e) => seen.push(e.constructor.name + ':' + (e instanceof ExtendableEvent));
    self.onactivate = (e) => seen.push(e.constructor.name);
    self.onpush = (e) => seen.push(e.data.json().n + ':' + e.data.text());
    self.onnotificationclick = (e) => seen.push(e.notification.title + ':' + e.action);
    self.onbackgroundfetchsuccess = (e) => { seen.push(e.registration.id); e.waitUntil(e.updateUI({ title: 'Done' })); };
  `);
  for (const [type, init] of [['install', {}], ['activate', {}], ['push', { data: '{"n":7}' }], ['notificationclick', { notification: { title: 'T' }, action: 'open' }], ['backgroundfetchsuccess', { registration: { id: 'bf-1' } }]]) {
    const r = await w.dispatch(type, init);
    assert.equal(r.status, 'succeeded', type);
    if (type === 'backgroundfetchsuccess') assert.deepEqual(r.updateUI, { title: 'Done' });
  }
  assert.deepEqual(await w.eval('seen'), ['InstallEvent:true', 'ExtendableEvent', '7:{"n":7}', 'T:open', 'bf-1']);
});

test('dispatch reports failed (not a throw) when the event cannot be built', async () => {
  const w = createWorker();
  const r = await w.dispatch('fetch', { request: { url: 'http://[::1' } });
  assert.equal(r.status, 'failed');
  assert.match(r.reason, /TypeError/);
});

test('the onResponse callback gets the fetch response before waitUntil work finishes', async () => {
  const w = createWorker();
  w.run(`self.onfetch = (e) => { e.respondWith(new Response('fast')); e.waitUntil(new Promise((r) => setTimeout(r, 500))); };`);
  let early = null;
  const init = w.toRealm({ request: { url: 'https://app.example/x' } });
  init.onResponse = (resp) => { early = Buffer.from(resp.body).toString(); };
  const p = w.sc.dispatch('fetch', init);
  await new Promise((r) => setImmediate(r));
  assert.equal(early, 'fast');
  await w.advance(500);
  assert.equal((await p).status, 'succeeded');
});
