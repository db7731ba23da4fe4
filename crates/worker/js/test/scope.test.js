// self.registration (sync / periodicSync), clients, skipWaiting, importScripts, navigator, online/offline,
// unhandled rejections — everything that goes through host.engine or __syncscope.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWorker, defaultEngine } from './fake-host.js';

test('registration.sync.register / getTags go through engine ops and return promises', async () => {
  const engine = defaultEngine();
  const w = createWorker({ engine });
  const r = await w.eval(`(async () => {
    const out = [registration instanceof ServiceWorkerRegistration, registration.sync instanceof SyncManager, 'sync' in registration];
    out.push(await registration.sync.register('outbox'), await registration.sync.register(42));
    out.push(await registration.sync.getTags());
    try { await registration.sync.register(); } catch (e) { out.push(e.constructor.name); }
    try { await registration.sync.register('x'.repeat(10241)); } catch (e) { out.push(e.name + ':' + (e instanceof DOMException) + ':' + e.message); }
    return out;
  })()`);
  assert.deepEqual(r, [true, true, true, undefined, undefined, ['outbox', '42'], 'TypeError',
    'InvalidAccessError:true:Attempted to register a sync event without a window or registration tag too long.']);
  assert.deepEqual(w.state.engineCalls.map((c) => [c.op, c.args]).slice(0, 3), [['sync.register', ['outbox']], ['sync.register', ['42']], ['sync.getTags', []]]);
});

test('registration.periodicSync register/unregister/getTags pass minInterval as a Number', async () => {
  const engine = defaultEngine();
  const w = createWorker({ engine });
  const r = await w.eval(`(async () => {
    const ps = registration.periodicSync;
    await ps.register('news', { minInterval: 24 * 60 * 60 * 1000 });
    await ps.register('default');
    await ps.register('str', { minInterval: '1000' });
    const tags = await ps.getTags();
    await ps.unregister('news');
    const after = await ps.getTags();
    const errors = [];
    try { await ps.register('neg', { minInterval: -1 }); } catch (e) { errors.push(e.constructor.name); }
    try { await ps.register('bad', 5); } catch (e) { errors.push(e.constructor.name); }
    return [ps instanceof PeriodicSyncManager, tags, after, errors];
  })()`);
  assert.deepEqual(r, [true, ['news', 'default', 'str'], ['default', 'str'], ['TypeError', 'TypeError']]);
  assert.deepEqual(w.state.engineCalls.filter((c) => c.op === 'periodicSync.register').map((c) => c.args),
    [['news', 86400000], ['default', 0], ['str', 1000], ['neg', -1]]);
});

test('engine errors become DOMExceptions with the given name (TypeError stays a TypeError)', async () => {
  const w = createWorker({
    engine: async (op) => {
      if (op === 'sync.register') throw Object.assign(new Error('Permission denied.'), { name: 'NotAllowedError' });
      if (op === 'sync.getTags') throw Object.assign(new Error('nope'), { name: 'TypeError' });
      throw Object.assign(new Error('No active worker'), { name: 'InvalidStateError' });
    },
  });
  assert.deepEqual(await w.eval(`Promise.allSettled([registration.sync.register('t'), registration.sync.getTags(), registration.periodicSync.getTags()])
    .then((rs) => rs.map((r) => [r.reason.constructor.name, r.reason.name, r.reason.message]))`), [
    ['DOMException', 'NotAllowedError', 'Permission denied.'],
    ['TypeError', 'TypeError', 'nope'],
    ['DOMException', 'InvalidStateError', 'No active worker'],
  ]);
});

test('registration shape: scope, active ServiceWorker, navigationPreload stub, update', async () => {
  const w = createWorker({ scriptURL: 'https://app.example/sw.js' });
  assert.deepEqual(await w.eval(`(async () => {
    const a = registration.active;
    return [registration.scope, a instanceof ServiceWorker, a.scriptURL, a.state, registration.installing, registration.waiting,
      a === serviceWorker, await registration.update() === registration, await registration.navigationPreload.getState(),
      await registration.navigationPreload.enable(), (await registration.navigationPreload.getState()).enabled];
  })()`), ['https://app.example/', true, 'https://app.example/sw.js', 'activated', null, null, true, true,
    { enabled: false, headerValue: 'true' }, undefined, true]);
});

test('setWorkerState moves the worker through installing → activated with statechange events', async () => {
  const w = createWorker();
  w.run(`var states = []; serviceWorker.onstatechange = () => states.push(serviceWorker.state + ':' + !!registration.installing + !!registration.active);`);
  w.sc.setWorkerState('installing');
  w.sc.setWorkerState('installed');
  w.sc.setWorkerState('activating');
  w.sc.setWorkerState('activated');
  assert.deepEqual(await w.eval('states'), ['installing:truefalse', 'installed:falsefalse', 'activating:falsetrue', 'activated:falsetrue']);
  assert.throws(() => w.sc.setWorkerState('bogus'), /unknown state/);
});

test('registration.active.postMessage delivers a cloned message to the worker itself', async () => {
  const w = createWorker();
  w.run(`var got = []; self.onmessage = (e) => got.push([e.data, e.source === registration.active, e.origin, e instanceof ExtendableMessageEvent]);
    var original = { n: 1 }; registration.active.postMessage(original); original.n = 2;`);
  await w.advance(0);
  assert.deepEqual(await w.eval('got'), [[{ n: 1 }, true, 'https://app.example', true]]);
  assert.throws(() => w.run('registration.active.postMessage(() => 1)'), (e) => e.name === 'DataCloneError');
});

test('clients.matchAll / get / claim / openWindow and Client.postMessage', async () => {
  const engine = defaultEngine();
  const w = createWorker({ engine });
  const r = await w.eval(`(async () => {
    const list = await clients.matchAll({ includeUncontrolled: true });
    const c = list[0];
    c.postMessage({ hello: 'page', when: new Date(0) });
    const out = [clients instanceof Clients, list.length, c instanceof WindowClient, c instanceof Client, c.id, c.url, c.type, c.frameType, c.focused, c.visibilityState];
    out.push((await clients.get('client-1')).id, await clients.get('missing'), (await clients.matchAll({ type: 'worker' })).length);
    out.push(await clients.claim());
    try { await clients.openWindow('/'); } catch (e) { out.push(e.name); }
    try { await clients.matchAll({ type: 'bogus' }); } catch (e) { out.push(e.constructor.name); }
    try { c.postMessage(Symbol('x')); } catch (e) { out.push(e.name); }
    return out;
  })()`);
  assert.deepEqual(r, [true, 1, true, true, 'client-1', 'https://app.example/', 'window', 'top-level', true, 'visible',
    'client-1', undefined, 0, undefined, 'NotSupportedError', 'TypeError', 'DataCloneError']);
  await new Promise((res) => setImmediate(res));
  assert.equal(engine.posted.length, 1);
  assert.equal(engine.posted[0].clientId, 'client-1');
  const data = w.sc.decodeMessage(engine.posted[0].data);
  assert.equal(data.hello, 'page');
  assert.equal(w.run('(d) => d instanceof Date')(data.when), true, 'a Date stays a Date (structured clone, not JSON)');
  const matchAll = w.state.engineCalls.find((c) => c.op === 'clients.matchAll');
  assert.deepEqual(matchAll.args, [{ includeUncontrolled: true, type: 'window' }]);
});

test('skipWaiting resolves through the engine', async () => {
  const w = createWorker();
  assert.equal(await w.eval('skipWaiting().then((v) => v === undefined && self.skipWaiting === skipWaiting)'), true);
  assert.equal(w.state.engineCalls[0].op, 'skipWaiting');
});

test('importScripts resolves URLs against the script and runs them in order; failures throw', async () => {
  const w = createWorker({
    scriptURL: 'https://app.example/js/sw.js',
    scripts: {
      'https://app.example/js/lib-a.js': 'var order = ["a"];',
      'https://app.example/lib/b.js': 'order.push("b");',
    },
  });
  w.run(`importScripts('lib-a.js', '/lib/b.js');`);
  assert.deepEqual(await w.eval('order'), ['a', 'b']);
  assert.throws(() => w.run(`importScripts('missing.js')`), /Failed to load https:\/\/app\.example\/js\/missing\.js/);
  assert.throws(() => w.run(`importScripts('http://[bad')`), (e) => e.name === 'SyntaxError');
  w.run('importScripts()');
});

test('navigator: onLine follows setOnline and fires online/offline events; userAgent', async () => {
  const w = createWorker({ online: false });
  w.run(`var ev = []; self.addEventListener('online', () => ev.push('online:' + navigator.onLine)); self.onoffline = () => ev.push('offline:' + navigator.onLine);`);
  assert.deepEqual(await w.eval('[navigator.onLine, navigator.userAgent, navigator instanceof WorkerNavigator, "serviceWorker" in navigator]'), [false, 'Syncscope', true, false]);
  w.sc.setOnline(true);
  w.sc.setOnline(true);
  w.sc.setOnline(false);
  assert.deepEqual(await w.eval('ev'), ['online:true', 'offline:false']);
});

test('uncaughtRejections: fires unhandledrejection, returns console lines for unhandled ones only', async () => {
  const w = createWorker();
  w.run(`var handledLater = Promise.reject(new Error('later'));
    var p1 = Promise.reject(new TypeError('nobody caught me'));
    var p2 = Promise.reject('string reason');
    var p3 = Promise.reject(new Error('prevented'));
    var events = [];
    self.addEventListener('unhandledrejection', (e) => { events.push(e.reason?.message ?? e.reason); if (e.promise === p3) e.preventDefault(); });`);
  for (const name of ['handledLater', 'p1', 'p2', 'p3']) {
    const p = w.run(name);
    w.sc.promiseRejection(p, await p.catch((e) => e), false);
  }
  w.sc.promiseRejection(w.run('handledLater'), undefined, true);
  const lines = w.sc.uncaughtRejections();
  assert.equal(lines.length, 2);
  assert.match(lines[0], /^Uncaught \(in promise\) TypeError: nobody caught me\n\s+at /);
  assert.equal(lines[1], 'Uncaught (in promise) string reason');
  assert.deepEqual(await w.eval('events'), ['nobody caught me', 'string reason', 'prevented']);
  assert.equal(w.sc.uncaughtRejections().length, 0);
});

test('user code cannot break the prelude by replacing globals after load', async () => {
  const w = createWorker();
  w.run(`self.onsync = (e) => e.waitUntil(new Promise((r) => setTimeout(r, 10)));
    globalThis.setTimeout = null; globalThis.Promise = function Fake() {}; globalThis.DOMException = null; globalThis.console = null;`);
  const p = w.dispatch('sync', { tag: 't' });
  await w.advance(10);
  assert.deepEqual(await p, { status: 'succeeded' });
});
