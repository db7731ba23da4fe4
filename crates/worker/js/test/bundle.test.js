// The committed bundle: fresh, self-contained, and the global scope it builds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { buildPrelude, OUTFILE } from '../build.mjs';
import { createWorker, PRELUDE_PATH } from './fake-host.js';

test('dist/prelude.js matches a fresh build of src/ (run `npm run build`)', async () => {
  const fresh = await buildPrelude();
  assert.equal(OUTFILE, PRELUDE_PATH);
  assert.ok(readFileSync(OUTFILE, 'utf8') === fresh, 'dist/prelude.js is stale: run `npm run build`');
});

test('bundle is one readable IIFE with a sourceURL and no imports', () => {
  const text = readFileSync(PRELUDE_PATH, 'utf8');
  assert.match(text, /^\/\/ Syncscope service-worker prelude/);
  assert.match(text, /\(\(\) => \{/);
  assert.match(text.trimEnd(), /\/\/# sourceURL=syncscope:prelude$/);
  assert.doesNotMatch(text, /^\s*(import|export)\s/m);
  assert.ok(text.split('\n').length > 1000, 'not minified');
  // ~195 KB of src/ (with comments) + ~95 KB of fake-indexeddb (comments dropped): compile it to bytecode once.
  assert.ok(text.length < 320 * 1024, `bundle is ${text.length} bytes`);
});

test('the host object is captured and removed; __syncscope is hidden and read-only', async () => {
  const w = createWorker();
  const r = await w.eval(`({
    host: typeof __syncscopeHost,
    enumerable: Object.keys(globalThis).includes('__syncscope'),
    desc: (({ writable, configurable, enumerable }) => ({ writable, configurable, enumerable }))(Object.getOwnPropertyDescriptor(globalThis, '__syncscope')),
    frozen: Object.isFrozen(__syncscope),
  })`);
  assert.deepEqual(r, { host: 'undefined', enumerable: false, desc: { writable: false, configurable: false, enumerable: false }, frozen: true });
  assert.throws(() => w.run('"use strict"; __syncscope = 1'), (e) => e.name === 'TypeError');
  assert.throws(() => w.sc.init({ scriptURL: 'https://x.example/sw.js' }), /already/);
});

test('self is the global object, an EventTarget and a ServiceWorkerGlobalScope', async () => {
  const w = createWorker();
  assert.deepEqual(await w.eval(`[
    self === globalThis, self instanceof EventTarget, self instanceof WorkerGlobalScope,
    self instanceof ServiceWorkerGlobalScope, Object.prototype.toString.call(self), String(caches), String(indexedDB),
    typeof navigator.serviceWorker, isSecureContext,
  ]`), [true, true, true, true, '[object ServiceWorkerGlobalScope]', '[object CacheStorage]', '[object IDBFactory]', 'undefined', true]);
});

test('every interface and function has its web name and WebIDL-like property flags', async () => {
  const w = createWorker();
  const names = [
    'DOMException', 'Event', 'EventTarget', 'CustomEvent', 'ErrorEvent', 'PromiseRejectionEvent', 'ExtendableEvent',
    'InstallEvent', 'FetchEvent', 'SyncEvent', 'PeriodicSyncEvent', 'ExtendableMessageEvent', 'PushEvent',
    'NotificationEvent', 'BackgroundFetchEvent', 'BackgroundFetchUpdateUIEvent', 'Headers', 'Request', 'Response',
    'URL', 'URLSearchParams', 'TextEncoder', 'TextDecoder', 'Crypto', 'AbortController', 'AbortSignal', 'Blob', 'File',
    'ReadableStream', 'Client', 'WindowClient', 'Clients', 'ServiceWorker', 'ServiceWorkerRegistration', 'SyncManager',
    'PeriodicSyncManager', 'WorkerLocation', 'WorkerNavigator', 'Date', 'fetch', 'atob', 'btoa', 'structuredClone',
    'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'queueMicrotask', 'reportError', 'importScripts',
    'skipWaiting', 'IDBFactory', 'IDBDatabase', 'IDBTransaction', 'IDBObjectStore', 'IDBIndex', 'IDBCursor',
    'IDBCursorWithValue', 'IDBKeyRange', 'IDBRequest', 'IDBOpenDBRequest', 'IDBVersionChangeEvent', 'IDBRecord',
    'CacheStorage', 'Cache',
  ];
  const r = await w.eval(`${JSON.stringify(names)}.map((n) => {
    const d = Object.getOwnPropertyDescriptor(globalThis, n);
    return [n, typeof d.value, d.value.name, d.enumerable, d.writable, d.configurable];
  })`);
  for (const [n, type, name, enumerable, writable, configurable] of r) {
    assert.equal(type, 'function', n);
    assert.equal(name, n, `${n}.name`);
    assert.deepEqual([enumerable, writable, configurable], [false, true, true], n);
  }
  assert.deepEqual(await w.eval(`[typeof console.log, typeof performance.now, typeof crypto.getRandomValues,
    Object.prototype.toString.call(new Headers()), Object.prototype.toString.call(new DOMException())]`),
  ['function', 'function', 'function', '[object Headers]', '[object DOMException]']);
  // The bundler calls some classes _Request or Blob2 internally: toStringTag still says the web name.
  assert.deepEqual(await w.eval(`[new Request('/'), new Response(''), new Blob([]), new ReadableStream(), AbortSignal.abort(), new URL('https://a.example/'), IDBKeyRange.only(1), indexedDB, caches]
    .map((o) => Object.prototype.toString.call(o))`),
  ['[object Request]', '[object Response]', '[object Blob]', '[object ReadableStream]', '[object AbortSignal]', '[object URL]', '[object IDBKeyRange]', '[object IDBFactory]', '[object CacheStorage]']);
});

test('illegal constructors throw TypeError', async () => {
  const w = createWorker();
  const r = await w.eval(`['AbortSignal', 'Clients', 'Client', 'ServiceWorkerRegistration', 'SyncManager', 'WorkerLocation', 'ServiceWorkerGlobalScope', 'Crypto', 'CacheStorage', 'Cache']
    .map((n) => { try { new globalThis[n](); return n + ': no throw'; } catch (e) { return e instanceof TypeError ? 'ok' : n + ': ' + e; } })`);
  assert.deepEqual(r, Array(10).fill('ok'));
});
