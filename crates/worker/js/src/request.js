// Request (Fetch spec, minus CORS/no-cors header filtering); URLs resolve against self.location.
import { Headers, fill, setGuard, headersGuard, headersFromPairs, copyHeaderList } from './headers.js';
import { BodyState, extractBody, bodyUsed, cloneBody, isUnusable, mixinBody } from './body.js';
import { streamFromBytes } from './streams.js';
import { utf8Encode } from './encoding.js';
import { parseURL } from './url.js';
import { AbortSignal, createDependentSignal, isAbortSignal } from './abort.js';
import { baseURL } from './location.js';
import { isObject, kInspect, platformClass, toByteString, toUSVString, requireArgs } from './util.js';

const token = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const normalizedMethods = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);
const enums = {
  mode: ['navigate', 'same-origin', 'no-cors', 'cors'],
  credentials: ['omit', 'same-origin', 'include'],
  cache: ['default', 'no-store', 'reload', 'no-cache', 'force-cache', 'only-if-cached'],
  redirect: ['follow', 'error', 'manual'],
  referrerPolicy: ['', 'no-referrer', 'no-referrer-when-downgrade', 'same-origin', 'origin', 'strict-origin',
    'origin-when-cross-origin', 'strict-origin-when-cross-origin', 'unsafe-url'],
  priority: ['high', 'low', 'auto'],
  duplex: ['half'],
};

function enumValue(key, v) {
  const s = String(v);
  if (!enums[key].includes(s)) {
    throw new TypeError(`Failed to construct 'Request': Failed to read the '${key}' property from 'RequestInit': The provided value '${s}' is not a valid enum value of type Request${key[0].toUpperCase()}${key.slice(1)}.`);
  }
  return s;
}

let req;

export class Request {
  #method = 'GET';
  #url = '';
  #headers;
  #body = null;
  #signal;
  #mode = 'cors';
  #credentials = 'same-origin';
  #cache = 'default';
  #redirect = 'follow';
  #referrer = 'about:client';
  #referrerPolicy = '';
  #integrity = '';
  #keepalive = false;
  #destination = '';
  #priority = 'auto';
  #isReloadNavigation = false;
  #isHistoryNavigation = false;

  constructor(input, init = undefined) {
    requireArgs(arguments.length, 1, "Failed to construct 'Request'");
    if (init !== undefined && init !== null && !isObject(init)) {
      throw new TypeError("Failed to construct 'Request': The provided value is not of type 'RequestInit'.");
    }
    init ??= {};
    let inputBody = null;
    let fromRequest = null;
    let signal = null;
    if (isObject(input) && #url in input) {
      fromRequest = input;
      this.#method = input.#method;
      this.#url = input.#url;
      this.#mode = input.#mode;
      this.#credentials = input.#credentials;
      this.#cache = input.#cache;
      this.#redirect = input.#redirect;
      this.#referrer = input.#referrer;
      this.#referrerPolicy = input.#referrerPolicy;
      this.#integrity = input.#integrity;
      this.#keepalive = input.#keepalive;
      this.#destination = input.#destination;
      this.#priority = input.#priority;
      this.#isReloadNavigation = input.#isReloadNavigation;
      this.#isHistoryNavigation = input.#isHistoryNavigation;
      inputBody = input.#body;
      signal = input.#signal;
    } else {
      const parsed = parseURL(toUSVString(input), baseURL());
      if (!parsed) throw new TypeError(`Failed to construct 'Request': Invalid URL`);
      if (parsed.username || parsed.password) {
        throw new TypeError(`Failed to construct 'Request': Request cannot be constructed from a URL that includes credentials: ${parsed.href}`);
      }
      this.#url = parsed.href;
    }

    const initKeys = ['body', 'cache', 'credentials', 'headers', 'integrity', 'keepalive', 'method', 'mode', 'priority', 'redirect', 'referrer', 'referrerPolicy', 'signal', 'window'];
    const hasInit = initKeys.some((k) => init[k] !== undefined);
    if (hasInit) {
      if (this.#mode === 'navigate') this.#mode = 'same-origin';
      this.#isReloadNavigation = false;
      this.#isHistoryNavigation = false;
      this.#referrer = 'about:client';
      this.#referrerPolicy = '';
    }
    if (init.referrer !== undefined) {
      const r = toUSVString(init.referrer);
      if (r === '') this.#referrer = '';
      else {
        const parsed = parseURL(r, baseURL());
        if (!parsed) throw new TypeError(`Failed to construct 'Request': Referrer '${r}' is not a valid URL.`);
        this.#referrer = parsed.href;
      }
    }
    if (init.referrerPolicy !== undefined) this.#referrerPolicy = enumValue('referrerPolicy', init.referrerPolicy);
    if (init.mode !== undefined) {
      const mode = enumValue('mode', init.mode);
      if (mode === 'navigate') throw new TypeError("Failed to construct 'Request': Cannot construct a Request with a RequestInit whose mode member is set as 'navigate'.");
      this.#mode = mode;
    }
    if (init.credentials !== undefined) this.#credentials = enumValue('credentials', init.credentials);
    if (init.cache !== undefined) {
      this.#cache = enumValue('cache', init.cache);
      if (this.#cache === 'only-if-cached' && this.#mode !== 'same-origin') {
        throw new TypeError("Failed to construct 'Request': 'only-if-cached' can be set only with 'same-origin' mode");
      }
    }
    if (init.redirect !== undefined) this.#redirect = enumValue('redirect', init.redirect);
    if (init.integrity !== undefined) this.#integrity = String(init.integrity);
    if (init.keepalive !== undefined) this.#keepalive = !!init.keepalive;
    if (init.priority !== undefined) this.#priority = enumValue('priority', init.priority);
    if (init.method !== undefined) {
      let m = toByteString(init.method);
      if (!token.test(m)) throw new TypeError(`Failed to construct 'Request': '${m}' is not a valid HTTP method.`);
      const upper = m.toUpperCase();
      if (['CONNECT', 'TRACE', 'TRACK'].includes(upper)) throw new TypeError(`Failed to construct 'Request': '${m}' HTTP method is unsupported.`);
      if (normalizedMethods.has(upper)) m = upper;
      this.#method = m;
    }
    if (init.signal !== undefined) {
      if (init.signal !== null && !isAbortSignal(init.signal)) {
        throw new TypeError("Failed to construct 'Request': member signal is not of type AbortSignal.");
      }
      signal = init.signal;
    }
    this.#signal = createDependentSignal(signal ? [signal] : []);
    // Chromium's Request::CreateRequestWithRequestOrString (third_party/blink/renderer/core/fetch/request.cc)
    if (this.#mode === 'no-cors' && !['GET', 'HEAD', 'POST'].includes(this.#method)) {
      throw new TypeError(`Failed to construct 'Request': '${this.#method}' is unsupported in no-cors mode.`);
    }

    this.#headers = new Headers();
    setGuard(this.#headers, 'request');
    if (init.headers !== undefined) fill(this.#headers, init.headers);
    else if (fromRequest) copyHeaderList(this.#headers, fromRequest.#headers);

    if ((init.body !== undefined && init.body !== null) || (inputBody !== null && init.body === undefined)) {
      if (this.#method === 'GET' || this.#method === 'HEAD') {
        throw new TypeError("Failed to construct 'Request': Request with GET/HEAD method cannot have body.");
      }
    }
    if (init.body !== undefined && init.body !== null) {
      const { body, type } = extractBody(init.body);
      this.#body = body;
      if (type !== null && !this.#headers.has('content-type')) this.#headers.append('content-type', type);
    } else if (inputBody !== null && init.body === undefined) {
      if (isUnusable(inputBody)) throw new TypeError("Failed to construct 'Request': Cannot construct a Request with a Request object that has already been used.");
      // The new request takes over the input's body; the input becomes used.
      const { body } = extractBody(inputBody.stream);
      this.#body = body;
    }
  }

  get method() { return this.#method; }
  get url() { return this.#url; }
  get headers() { return this.#headers; }
  get destination() { return this.#destination; }
  get referrer() { return this.#referrer === 'no-referrer' ? '' : this.#referrer; }
  get referrerPolicy() { return this.#referrerPolicy; }
  get mode() { return this.#mode; }
  get credentials() { return this.#credentials; }
  get cache() { return this.#cache; }
  get redirect() { return this.#redirect; }
  get integrity() { return this.#integrity; }
  get keepalive() { return this.#keepalive; }
  get isReloadNavigation() { return this.#isReloadNavigation; }
  get isHistoryNavigation() { return this.#isHistoryNavigation; }
  get signal() { return this.#signal; }
  get duplex() { return 'half'; }
  get priority() { return this.#priority; }
  get body() { return this.#body ? this.#body.stream : null; }
  get bodyUsed() { return bodyUsed(this.#body); }

  clone() {
    if (isUnusable(this.#body)) throw new TypeError("Failed to execute 'clone' on 'Request': Request body is already used");
    const r = new Request(this, { signal: this.#signal, body: null });
    r.#body = cloneBody(this.#body);
    r.#headers = new Headers(this.#headers);
    setGuard(r.#headers, headersGuard(this.#headers));
    r.#mode = this.#mode;
    r.#referrer = this.#referrer;
    r.#referrerPolicy = this.#referrerPolicy;
    r.#isReloadNavigation = this.#isReloadNavigation;
    r.#isHistoryNavigation = this.#isHistoryNavigation;
    return r;
  }

  [kInspect]() {
    return { method: this.#method, url: this.#url, headers: this.#headers, destination: this.#destination, mode: this.#mode, credentials: this.#credentials, redirect: this.#redirect, bodyUsed: bodyUsed(this.#body) };
  }

  static {
    req = {
      body: (r) => r.#body,
      fields: (r) => ({ method: r.#method, url: r.#url, headers: r.#headers, mode: r.#mode, credentials: r.#credentials, redirect: r.#redirect, cache: r.#cache, referrer: r.#referrer, referrerPolicy: r.#referrerPolicy, integrity: r.#integrity, keepalive: r.#keepalive, destination: r.#destination }),
      /** A Request from the engine's description (fetch events); its headers are immutable. */
      fromEngine(d) {
        const r = new Request(String(d.url));
        if (d.method) r.#method = String(d.method);
        r.#headers = headersFromPairs(d.headers, 'immutable');
        for (const key of ['mode', 'credentials', 'cache', 'redirect', 'referrerPolicy']) {
          if (d[key] !== undefined && enums[key].includes(String(d[key]))) req.set(r, key, String(d[key]));
        }
        if (d.referrer !== undefined) r.#referrer = String(d.referrer);
        if (d.destination !== undefined) r.#destination = String(d.destination);
        if (d.integrity !== undefined) r.#integrity = String(d.integrity);
        if (d.keepalive !== undefined) r.#keepalive = !!d.keepalive;
        if (d.isReloadNavigation !== undefined) r.#isReloadNavigation = !!d.isReloadNavigation;
        if (d.isHistoryNavigation !== undefined) r.#isHistoryNavigation = !!d.isHistoryNavigation;
        if (d.body !== undefined && d.body !== null) {
          // Bytes, or a string taken as UTF-8 text (the Rust side passes a controlled page's request body as text
          // through JSON: `new Uint8Array("text")` would be empty).
          const bytes = d.body instanceof Uint8Array ? d.body : typeof d.body === 'string' ? utf8Encode(d.body) : new Uint8Array(d.body);
          r.#body = new BodyState(streamFromBytes(bytes), bytes.length);
        }
        return r;
      },
      set(r, key, value) {
        switch (key) {
          case 'mode': r.#mode = value; break;
          case 'credentials': r.#credentials = value; break;
          case 'cache': r.#cache = value; break;
          case 'redirect': r.#redirect = value; break;
          case 'referrerPolicy': r.#referrerPolicy = value; break;
        }
      },
    };
  }
}
mixinBody(Request, (r) => req.body(r), (r) => r.headers);
platformClass(Request);

export const requestBody = (r) => req.body(r);
export const requestFields = (r) => req.fields(r);
export const requestFromEngine = (d) => req.fromEngine(d);
export { AbortSignal };
