// The service-worker global scope: globalThis becomes a ServiceWorkerGlobalScope (an EventTarget) and gets
// every API of the prelude as WebIDL-like (non-enumerable) properties.
import { host } from './host.js';
import { DOMException } from './dom-exception.js';
import { Event, EventTarget, CustomEvent, ErrorEvent, PromiseRejectionEvent, adoptEventTarget, defineEventHandlers, reportException } from './events.js';
import {
  ExtendableEvent, InstallEvent, FetchEvent, SyncEvent, PeriodicSyncEvent, ExtendableMessageEvent, PushEvent,
  PushMessageData, NotificationEvent, BackgroundFetchEvent, BackgroundFetchUpdateUIEvent,
} from './sw-events.js';
import { setTimeout, setInterval, clearTimeout, clearInterval, queueMicrotask } from './timers.js';
import { installDate, performance, Performance } from './clock.js';
import { createConsole } from './console.js';
import { Headers } from './headers.js';
import { Request } from './request.js';
import { Response } from './response.js';
import { fetch } from './fetch.js';
import { URL } from './url.js';
import { URLSearchParams } from './url-search-params.js';
import { TextEncoder, TextDecoder } from './encoding.js';
import { atob, btoa } from './base64.js';
import { crypto, Crypto } from './crypto.js';
import { AbortController, AbortSignal } from './abort.js';
import { structuredClone } from './clone.js';
import { Blob, File } from './blob.js';
import { ReadableStream, ReadableStreamDefaultReader, ReadableStreamDefaultController } from './streams.js';
import { Client, WindowClient, Clients, clients } from './clients.js';
import {
  ServiceWorker, ServiceWorkerRegistration, SyncManager, PeriodicSyncManager, NavigationPreloadManager,
  registration, serviceWorker,
} from './registration.js';
import { engineCall } from './engine.js';
import {
  indexedDB, IDBFactory, IDBDatabase, IDBTransaction, IDBObjectStore, IDBIndex, IDBCursor, IDBCursorWithValue,
  IDBKeyRange, IDBRequest, IDBOpenDBRequest, IDBVersionChangeEvent, IDBRecord,
} from './idb.js';
import { caches, CacheStorage, Cache } from './cache-storage.js';
import { location, navigator, WorkerLocation, WorkerNavigator, workerInfo, baseURL } from './location.js';
import { StorageManager } from './storage-manager.js';
import { parseURL } from './url.js';
import { defineHidden, platformClass, toUSVString } from './util.js';

export class WorkerGlobalScope extends EventTarget {
  constructor() { throw new TypeError('Illegal constructor'); }
}
defineEventHandlers(WorkerGlobalScope.prototype, ['error', 'languagechange', 'offline', 'online', 'rejectionhandled', 'unhandledrejection']);
platformClass(WorkerGlobalScope);

export class ServiceWorkerGlobalScope extends WorkerGlobalScope {
  constructor() { throw new TypeError('Illegal constructor'); }
}
defineEventHandlers(ServiceWorkerGlobalScope.prototype, [
  'install', 'activate', 'fetch', 'message', 'messageerror', 'sync', 'periodicsync',
  'backgroundfetchsuccess', 'backgroundfetchfail', 'backgroundfetchabort', 'backgroundfetchclick',
  'push', 'pushsubscriptionchange', 'notificationclick', 'notificationclose',
]);
platformClass(ServiceWorkerGlobalScope);

function skipWaiting() {
  return engineCall('skipWaiting', []).then(() => undefined);
}

function importScripts(...urls) {
  // Resolve every URL first (a bad one throws before anything runs), then fetch and run them in order.
  const resolved = urls.map((u) => {
    const r = parseURL(toUSVString(u), baseURL());
    if (!r) throw new DOMException(`Failed to execute 'importScripts' on 'WorkerGlobalScope': The URL '${u}' is invalid.`, 'SyntaxError');
    return r.href;
  });
  for (const href of resolved) host.importScripts(href);
}

function reportError(e) {
  if (arguments.length < 1) throw new TypeError("Failed to execute 'reportError' on 'WorkerGlobalScope': 1 argument required, but only 0 present.");
  reportException(e);
}

export function installGlobalScope() {
  const g = globalThis;
  adoptEventTarget(g);
  Object.setPrototypeOf(g, ServiceWorkerGlobalScope.prototype);
  installDate();

  defineHidden(g, {
    // interfaces
    DOMException, Event, EventTarget, CustomEvent, ErrorEvent, PromiseRejectionEvent,
    ExtendableEvent, InstallEvent, FetchEvent, SyncEvent, PeriodicSyncEvent, ExtendableMessageEvent,
    PushEvent, PushMessageData, NotificationEvent, BackgroundFetchEvent, BackgroundFetchUpdateUIEvent,
    Headers, Request, Response, URL, URLSearchParams, TextEncoder, TextDecoder, Crypto,
    AbortController, AbortSignal, Blob, File, ReadableStream, ReadableStreamDefaultReader,
    ReadableStreamDefaultController, Client, WindowClient, Clients, ServiceWorker, ServiceWorkerRegistration,
    SyncManager, PeriodicSyncManager, NavigationPreloadManager, WorkerLocation, WorkerNavigator, StorageManager,
    WorkerGlobalScope, ServiceWorkerGlobalScope, Performance, CacheStorage, Cache,
    // functions and objects
    self: g, fetch, atob, btoa, structuredClone, setTimeout, setInterval, clearTimeout, clearInterval,
    queueMicrotask, reportError, importScripts, skipWaiting,
    console: createConsole(), performance, crypto,
  });
  // The bundler may rename a class internally (`class _URL`); interfaces must keep their web names.
  for (const key of Object.getOwnPropertyNames(g)) {
    const d = Object.getOwnPropertyDescriptor(g, key);
    if (typeof d.value === 'function' && /^[A-Za-z]+$/.test(key) && d.value.name !== key && /^_?[A-Za-z]+\d*$/.test(d.value.name)
      && d.value.name.replace(/^_|\d+$/g, '') === key) {
      Object.defineProperty(d.value, 'name', { value: key, configurable: true });
    }
  }
  // IndexedDB: fake-indexeddb's classes under their web names (the bundle names them FDB…).
  const idbInterfaces = {
    IDBFactory, IDBDatabase, IDBTransaction, IDBObjectStore, IDBIndex, IDBCursor, IDBCursorWithValue, IDBKeyRange,
    IDBRequest, IDBOpenDBRequest, IDBVersionChangeEvent, IDBRecord,
  };
  for (const [name, cls] of Object.entries(idbInterfaces)) Object.defineProperty(cls, 'name', { value: name, configurable: true });
  defineHidden(g, idbInterfaces);
  for (const [name, value] of Object.entries({ location, navigator, registration, clients, serviceWorker, indexedDB, caches })) {
    Object.defineProperty(g, name, { value, writable: false, enumerable: true, configurable: true });
  }
  Object.defineProperty(g, 'origin', { get: () => workerInfo.origin, enumerable: true, configurable: true });
  Object.defineProperty(g, 'isSecureContext', { get: () => true, enumerable: true, configurable: true });
  Object.defineProperty(g, 'crossOriginIsolated', { get: () => false, enumerable: true, configurable: true });
}
