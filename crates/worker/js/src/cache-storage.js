// Cache Storage (`caches`, CacheStorage, Cache) persisted in the host's key-value store, shared by every
// context of the origin. Each operation reads kv when it runs (no mirror) and writes with ONE kvCommit.
//
// Namespaces:
//   `caches`             name (order-preserving string bytes) → {order, stamp}: the caches, keys() sorts by order
//   `cache:<name>`       e + seq(8)                          → {request: {url, method, headers, …}, response: {…}}
//                        b + seq(8)                          → the response body bytes (absent: null body)
//                        u + url-before-? + 00 + ?query + 00 + seq(8) → empty: the lookup index by URL
// `seq` grows with every put, so keys()/matchAll() list entries in insertion order (a replaced entry moves to
// the end, as in the spec). A Cache object whose cache was deleted (or deleted and created again) is orphaned:
// it finds nothing and its writes are dropped, like a browser's Cache object whose storage was removed.
import { Promise } from './intrinsics.js';
import { host } from './host.js';
import { DOMException } from './dom-exception.js';
import { Request, requestFields, requestFromEngine } from './request.js';
import { isResponse, responseBody, makeResponse } from './response.js';
import { consumeBytes } from './body.js';
import { headerPairs } from './headers.js';
import { fetch } from './fetch.js';
import { utf8Encode } from './encoding.js';
import { serialize, deserialize } from './serialize.js';
import { encodeString, decodeString, asciiBytes, concatBytes, prefixEnd, escapeName } from './kv-codec.js';
import { isObject, kInspect, platformClass, requireArgs, toDOMString } from './util.js';

const REGISTRY = 'caches';
const cacheNs = (name) => `cache:${escapeName(name)}`;
const E = 0x65; // 'e'
const B = 0x62; // 'b'
const U = 0x75; // 'u'

function seqBytes(seq) {
  const out = new Uint8Array(8);
  let n = seq;
  for (let i = 7; i >= 0; i--) {
    out[i] = n % 256;
    n = Math.floor(n / 256);
  }
  return out;
}

function seqOf(bytes, at) {
  let n = 0;
  for (let i = at; i < at + 8; i++) n = n * 256 + bytes[i];
  return n;
}

function urlBytes(s) {
  return /^[\x01-\x7f]*$/.test(s) ? asciiBytes(s) : utf8Encode(s);
}

/** The URL without its fragment, split at the query: [before ?, ?query or '']. */
function splitURL(url) {
  const hash = url.indexOf('#');
  const u = hash < 0 ? url : url.slice(0, hash);
  const q = u.indexOf('?');
  return q < 0 ? [u, ''] : [u.slice(0, q), u.slice(q)];
}

function range(ns, prefix, { reverse = false, limit = 0 } = {}) {
  return host.kvRange(ns, prefix, prefixEnd(prefix), false, true, reverse, limit);
}

function failure(e, what) {
  if (e instanceof DOMException || e instanceof TypeError) return e;
  if (e?.name === 'QuotaExceededError') return new DOMException('Quota exceeded.', 'QuotaExceededError');
  const detail = isObject(e) && 'message' in e ? String(e.message) : String(e);
  return new DOMException(`${what}: ${detail}`, 'UnknownError');
}

/** Run `fn` now and turn its result or exception into a promise (kv errors become UnknownError). */
function attempt(what, fn) {
  try {
    return Promise.resolve(fn());
  } catch (e) {
    return Promise.reject(failure(e, what));
  }
}

function registryEntry(name) {
  const v = host.kvGet(REGISTRY, encodeString(name));
  return v === null ? null : deserialize(v);
}

let stampCounter = 0;
let contextId = null;
function newStamp() {
  if (contextId === null) contextId = Array.from(host.randomBytes(6), (b) => b.toString(16).padStart(2, '0')).join('');
  return `${contextId}.${++stampCounter}`;
}

// ---------------------------------------------------------------------------------------------------------
// Matching (the spec's "query cache" and "request matches cached item").

function toInnerRequest(request) {
  if (request instanceof Request) return request;
  return new Request(request); // throws TypeError for a bad URL, as the spec's Request constructor does
}

function varyMatches(query, entry) {
  const vary = entry.response.headers.filter(([n]) => n.toLowerCase() === 'vary').map(([, v]) => v).join(',');
  if (vary.trim() === '') return true;
  const queryHeaders = requestFields(query).headers;
  for (const raw of vary.split(',')) {
    const field = raw.trim().toLowerCase();
    if (field === '') continue;
    if (field === '*') return false;
    const values = entry.request.headers.filter(([n]) => n.toLowerCase() === field).map(([, v]) => v);
    const cached = values.length === 0 ? null : values.join(', ');
    if (queryHeaders.get(field) !== cached) return false;
  }
  return true;
}

/** Entries {seq, entry} of cache namespace `ns` that match `request` (a Request), in insertion order. */
function queryCache(ns, request, options) {
  const fields = requestFields(request);
  if (!options.ignoreMethod && fields.method !== 'GET') return [];
  const [base, query] = splitURL(fields.url);
  const parts = [Uint8Array.of(U), urlBytes(base), Uint8Array.of(0)];
  if (!options.ignoreSearch) parts.push(urlBytes(query), Uint8Array.of(0));
  const out = [];
  for (const [key] of range(ns, concatBytes(...parts))) {
    const seq = seqOf(key, key.length - 8);
    const value = host.kvGet(ns, concatBytes(Uint8Array.of(E), seqBytes(seq)));
    if (value === null) continue;
    const entry = deserialize(value);
    if (!options.ignoreVary && !varyMatches(request, entry)) continue;
    out.push({ seq, entry });
  }
  return out.sort((a, b) => a.seq - b.seq);
}

function allEntries(ns) {
  return range(ns, Uint8Array.of(E)).map(([key, value]) => ({ seq: seqOf(key, 1), entry: deserialize(value) }));
}

function responseOf(ns, { seq, entry }) {
  const body = entry.response.hasBody ? host.kvGet(ns, concatBytes(Uint8Array.of(B), seqBytes(seq))) ?? new Uint8Array(0) : null;
  const r = entry.response;
  return makeResponse({
    type: r.type, status: r.status, statusText: r.statusText, headers: r.headers,
    urlList: r.url ? [r.url] : [], redirected: r.redirected, body,
  });
}

function requestOf({ entry }) {
  const q = entry.request;
  return requestFromEngine({ url: q.url, method: q.method, headers: q.headers, mode: q.mode, credentials: q.credentials, redirect: q.redirect, cache: q.cache });
}

function deleteOps(ns, { seq, entry }) {
  const [base, query] = splitURL(entry.request.url);
  const s = seqBytes(seq);
  return [
    { op: 'delete', ns, key: concatBytes(Uint8Array.of(E), s) },
    { op: 'delete', ns, key: concatBytes(Uint8Array.of(B), s) },
    { op: 'delete', ns, key: concatBytes(Uint8Array.of(U), urlBytes(base), Uint8Array.of(0), urlBytes(query), Uint8Array.of(0), s) },
  ];
}

function options(o) {
  if (o === undefined || o === null) return { ignoreSearch: false, ignoreMethod: false, ignoreVary: false };
  if (!isObject(o)) throw new TypeError("The provided value is not of type 'CacheQueryOptions'.");
  return { ignoreSearch: !!o.ignoreSearch, ignoreMethod: !!o.ignoreMethod, ignoreVary: !!o.ignoreVary };
}

// ---------------------------------------------------------------------------------------------------------

const kCreate = Symbol('create');

export class Cache {
  #name;
  #stamp;

  constructor(key = undefined, name = undefined, stamp = undefined) {
    if (key !== kCreate) throw new TypeError('Illegal constructor');
    this.#name = name;
    this.#stamp = stamp;
  }

  /** The namespace, or null when this Cache object's cache no longer exists. */
  #ns() {
    const reg = registryEntry(this.#name);
    return reg !== null && reg.stamp === this.#stamp ? cacheNs(this.#name) : null;
  }

  match(request = undefined, opts = undefined) {
    return this.matchAll(request, opts).then((list) => list[0]);
  }

  matchAll(request = undefined, opts = undefined) {
    let inner = null;
    let o;
    try {
      o = options(opts);
      if (request !== undefined) inner = toInnerRequest(request);
    } catch (e) {
      return Promise.reject(e);
    }
    return attempt('Cache.matchAll', () => {
      const ns = this.#ns();
      if (ns === null) return [];
      const found = inner === null ? allEntries(ns) : queryCache(ns, inner, o);
      return found.map((item) => responseOf(ns, item));
    });
  }

  keys(request = undefined, opts = undefined) {
    let inner = null;
    let o;
    try {
      o = options(opts);
      if (request !== undefined) inner = toInnerRequest(request);
    } catch (e) {
      return Promise.reject(e);
    }
    return attempt('Cache.keys', () => {
      const ns = this.#ns();
      if (ns === null) return [];
      const found = inner === null ? allEntries(ns) : queryCache(ns, inner, o);
      return found.map(requestOf);
    });
  }

  add(request) {
    if (arguments.length < 1) return Promise.reject(new TypeError("Failed to execute 'add' on 'Cache': 1 argument required, but only 0 present."));
    return this.addAll([request]);
  }

  addAll(requests) {
    if (arguments.length < 1) return Promise.reject(new TypeError("Failed to execute 'addAll' on 'Cache': 1 argument required, but only 0 present."));
    let list;
    try {
      if (!isObject(requests) || typeof requests[Symbol.iterator] !== 'function') {
        throw new TypeError("Failed to execute 'addAll' on 'Cache': The provided value cannot be converted to a sequence.");
      }
      list = [...requests].map((r) => toInnerRequest(r));
      for (const r of list) {
        const f = requestFields(r);
        if (!/^https?:/.test(f.url)) throw new TypeError(`Failed to execute 'addAll' on 'Cache': Request scheme '${f.url.split(':')[0]}' is unsupported`);
        if (f.method !== 'GET') throw new TypeError("Failed to execute 'addAll' on 'Cache': Add/AddAll only supports the GET request method.");
      }
    } catch (e) {
      return Promise.reject(e);
    }
    return Promise.all(list.map((r) => fetch(r))).then((responses) => {
      for (const res of responses) {
        if (!res.ok) throw new TypeError(`Failed to execute 'addAll' on 'Cache': Request failed`);
        checkResponse(res, 'addAll');
      }
      return Promise.all(responses.map((res) => consumeBytes(responseBody(res), "addAll' on 'Cache")))
        .then((bodies) => attempt('Cache.addAll', () => this.#store(list.map((r, i) => ({ request: r, response: responses[i], body: bodies[i] })), 'addAll')));
    });
  }

  put(request, response) {
    if (arguments.length < 2) return Promise.reject(new TypeError(`Failed to execute 'put' on 'Cache': 2 arguments required, but only ${arguments.length} present.`));
    let inner;
    try {
      inner = toInnerRequest(request);
      const f = requestFields(inner);
      if (!/^https?:/.test(f.url)) throw new TypeError(`Failed to execute 'put' on 'Cache': Request scheme '${f.url.split(':')[0]}' is unsupported`);
      if (f.method !== 'GET') throw new TypeError(`Failed to execute 'put' on 'Cache': Request method '${f.method}' is unsupported`);
      if (!isResponse(response)) throw new TypeError("Failed to execute 'put' on 'Cache': parameter 2 is not of type 'Response'.");
      checkResponse(response, 'put');
      if (response.bodyUsed || response.body?.locked) throw new TypeError("Failed to execute 'put' on 'Cache': Response body is already used");
    } catch (e) {
      return Promise.reject(e);
    }
    const state = responseBody(response);
    const body = state === null ? Promise.resolve(null) : consumeBytes(state, "put' on 'Cache");
    return body.then((bytes) => attempt('Cache.put', () => this.#store([{ request: inner, response, body: bytes }], 'put')));
  }

  delete(request, opts = undefined) {
    if (arguments.length < 1) return Promise.reject(new TypeError("Failed to execute 'delete' on 'Cache': 1 argument required, but only 0 present."));
    let inner;
    let o;
    try {
      o = options(opts);
      inner = toInnerRequest(request);
    } catch (e) {
      return Promise.reject(e);
    }
    return attempt('Cache.delete', () => {
      const ns = this.#ns();
      if (ns === null) return false;
      const found = queryCache(ns, inner, o);
      if (found.length === 0) return false;
      host.kvCommit(found.flatMap((item) => deleteOps(ns, item)));
      return true;
    });
  }

  /** Store request/response pairs in one kvCommit, replacing the entries each request matches. */
  #store(items, method) {
    const ns = this.#ns();
    if (ns === null) return undefined;
    const ops = [];
    const replaced = new Set();
    const added = [];
    const last = range(ns, Uint8Array.of(E), { reverse: true, limit: 1 });
    let seq = last.length ? seqOf(last[0][0], 1) : 0;
    for (const { request, response, body } of items) {
      const f = requestFields(request);
      for (const prev of added) {
        if (prev === splitURL(f.url).join('')) throw new DOMException(`Failed to execute '${method}' on 'Cache': duplicate requests (${f.url})`, 'InvalidStateError');
      }
      added.push(splitURL(f.url).join(''));
      for (const item of queryCache(ns, request, { ignoreSearch: false, ignoreMethod: false, ignoreVary: false })) {
        if (replaced.has(item.seq)) continue;
        replaced.add(item.seq);
        ops.push(...deleteOps(ns, item));
      }
      seq += 1;
      const s = seqBytes(seq);
      const [base, query] = splitURL(f.url);
      const entry = {
        request: {
          url: base + query, method: f.method, headers: headerPairs(f.headers),
          mode: f.mode, credentials: f.credentials, redirect: f.redirect, cache: f.cache,
        },
        response: {
          type: response.type, status: response.status, statusText: response.statusText,
          headers: headerPairs(response.headers), url: response.url, redirected: response.redirected, hasBody: body !== null,
        },
      };
      ops.push({ op: 'put', ns, key: concatBytes(Uint8Array.of(E), s), value: serialize(entry) });
      if (body !== null) ops.push({ op: 'put', ns, key: concatBytes(Uint8Array.of(B), s), value: body });
      ops.push({ op: 'put', ns, key: concatBytes(Uint8Array.of(U), urlBytes(base), Uint8Array.of(0), urlBytes(query), Uint8Array.of(0), s), value: new Uint8Array(0) });
    }
    host.kvCommit(ops);
    return undefined;
  }

  [kInspect]() { return { name: this.#name }; }
}
platformClass(Cache);

function checkResponse(response, method) {
  if (response.status === 206) throw new TypeError(`Failed to execute '${method}' on 'Cache': Partial response (status code 206) is unsupported`);
  const vary = response.headers.get('vary');
  if (vary !== null && vary.split(',').some((v) => v.trim() === '*')) {
    throw new TypeError(`Failed to execute '${method}' on 'Cache': Vary header contains *`);
  }
}

export class CacheStorage {
  constructor() { throw new TypeError('Illegal constructor'); }

  open(cacheName) {
    if (arguments.length < 1) return Promise.reject(new TypeError("Failed to execute 'open' on 'CacheStorage': 1 argument required, but only 0 present."));
    return attempt('caches.open', () => {
      const name = toDOMString(cacheName);
      let reg = registryEntry(name);
      if (reg === null) {
        const all = host.kvRange(REGISTRY, null, null, false, false, false, 0).map(([, v]) => deserialize(v).order);
        reg = { order: all.length ? Math.max(...all) + 1 : 1, stamp: newStamp() };
        host.kvCommit([{ op: 'put', ns: REGISTRY, key: encodeString(name), value: serialize(reg) }]);
      }
      return new Cache(kCreate, name, reg.stamp);
    });
  }

  has(cacheName) {
    if (arguments.length < 1) return Promise.reject(new TypeError("Failed to execute 'has' on 'CacheStorage': 1 argument required, but only 0 present."));
    return attempt('caches.has', () => registryEntry(toDOMString(cacheName)) !== null);
  }

  delete(cacheName) {
    if (arguments.length < 1) return Promise.reject(new TypeError("Failed to execute 'delete' on 'CacheStorage': 1 argument required, but only 0 present."));
    return attempt('caches.delete', () => {
      const name = toDOMString(cacheName);
      if (registryEntry(name) === null) return false;
      host.kvCommit([
        { op: 'delete', ns: REGISTRY, key: encodeString(name) },
        { op: 'dropNamespace', ns: cacheNs(name) },
      ]);
      return true;
    });
  }

  keys() {
    return attempt('caches.keys', () => host.kvRange(REGISTRY, null, null, false, false, false, 0)
      .map(([k, v]) => ({ name: decodeString(k), order: deserialize(v).order }))
      .sort((a, b) => a.order - b.order)
      .map((c) => c.name));
  }

  match(request, opts = undefined) {
    if (arguments.length < 1) return Promise.reject(new TypeError("Failed to execute 'match' on 'CacheStorage': 1 argument required, but only 0 present."));
    let names;
    try {
      if (isObject(opts) && opts.cacheName !== undefined) names = [toDOMString(opts.cacheName)];
    } catch (e) {
      return Promise.reject(e);
    }
    return (names ? Promise.resolve(names) : this.keys()).then((cacheNames) => {
      let chain = Promise.resolve(undefined);
      for (const name of cacheNames) {
        chain = chain.then((found) => (found !== undefined ? found : attempt('caches.match', () => registryEntry(name))
          .then((reg) => (reg === null ? undefined : new Cache(kCreate, name, reg.stamp).match(request, opts)))));
      }
      return chain;
    });
  }
}
platformClass(CacheStorage);

export const caches = Object.create(CacheStorage.prototype);
