// Response: constructor, Response.error/redirect/json, clone, Body mixin.
import { Headers, fill, setGuard, headersGuard, headersFromPairs } from './headers.js';
import { BodyState, extractBody, bodyUsed, cloneBody, isUnusable, mixinBody } from './body.js';
import { streamFromBytes } from './streams.js';
import { utf8Encode } from './encoding.js';
import { parseURL } from './url.js';
import { baseURL } from './location.js';
import { isObject, kInspect, platformClass, toUnsignedShort, toByteString, toUSVString, requireArgs } from './util.js';

const nullBodyStatus = new Set([101, 103, 204, 205, 304]);
const redirectStatus = new Set([301, 302, 303, 307, 308]);

let res;

function initialize(r, init) {
  if (init !== undefined && init !== null && !isObject(init)) {
    throw new TypeError("Failed to construct 'Response': The provided value is not of type 'ResponseInit'.");
  }
  init ??= {};
  const status = init.status === undefined ? 200 : toUnsignedShort(init.status);
  if (status < 200 || status > 599) {
    throw new RangeError(`Failed to construct 'Response': The status provided (${status}) is outside the range [200, 599].`);
  }
  const statusText = init.statusText === undefined ? '' : toByteString(init.statusText);
  if (!/^[\t\x20-\x7e\x80-\xff]*$/.test(statusText)) {
    throw new TypeError("Failed to construct 'Response': Invalid statusText");
  }
  const headers = new Headers();
  setGuard(headers, 'response');
  if (init.headers !== undefined) fill(headers, init.headers);
  return { status, statusText, headers };
}

export class Response {
  #type = 'default';
  #status = 200;
  #statusText = '';
  #headers;
  #body = null;
  #urlList = [];
  #redirected = false;

  constructor(body = null, init = undefined) {
    const { status, statusText, headers } = initialize(this, init);
    this.#status = status;
    this.#statusText = statusText;
    this.#headers = headers;
    if (body !== null && body !== undefined) {
      if (nullBodyStatus.has(status)) throw new TypeError("Failed to construct 'Response': Response with null body status cannot have body");
      const { body: state, type } = extractBody(body);
      this.#body = state;
      if (type !== null && !headers.has('content-type')) headers.append('content-type', type);
    }
  }

  static error() {
    const r = new Response(null);
    r.#type = 'error';
    r.#status = 0;
    setGuard(r.#headers, 'immutable');
    return r;
  }

  static redirect(url, status = 302) {
    requireArgs(arguments.length, 1, "Failed to execute 'redirect' on 'Response'");
    const parsed = parseURL(toUSVString(url), baseURL());
    if (!parsed) throw new TypeError(`Failed to execute 'redirect' on 'Response': Invalid URL`);
    status = toUnsignedShort(status);
    if (!redirectStatus.has(status)) throw new RangeError(`Failed to execute 'redirect' on 'Response': Invalid status code`);
    const r = new Response(null, { status });
    r.#headers = headersFromPairs([['location', parsed.href]], 'immutable');
    return r;
  }

  static json(data, init = undefined) {
    requireArgs(arguments.length, 1, "Failed to execute 'json' on 'Response'");
    const text = JSON.stringify(data);
    if (text === undefined) throw new TypeError("Failed to execute 'json' on 'Response': The data is not JSON serializable");
    const r = new Response(null, init);
    if (nullBodyStatus.has(r.#status)) throw new TypeError("Failed to execute 'json' on 'Response': Response with null body status cannot have body");
    const bytes = utf8Encode(text);
    r.#body = new BodyState(streamFromBytes(bytes), bytes.length);
    if (!r.#headers.has('content-type')) r.#headers.append('content-type', 'application/json');
    return r;
  }

  get type() { return this.#type; }
  get url() {
    const u = this.#urlList.at(-1);
    if (!u) return '';
    const i = u.indexOf('#');
    return i < 0 ? u : u.slice(0, i);
  }
  get redirected() { return this.#redirected; }
  get status() { return this.#status; }
  get ok() { return this.#status >= 200 && this.#status <= 299; }
  get statusText() { return this.#statusText; }
  get headers() { return this.#headers; }
  get body() { return this.#body ? this.#body.stream : null; }
  get bodyUsed() { return bodyUsed(this.#body); }

  clone() {
    if (isUnusable(this.#body)) throw new TypeError("Failed to execute 'clone' on 'Response': Response body is already used");
    const r = new Response(null);
    r.#type = this.#type;
    r.#status = this.#status;
    r.#statusText = this.#statusText;
    r.#headers = new Headers(this.#headers);
    setGuard(r.#headers, headersGuard(this.#headers));
    r.#urlList = this.#urlList.slice();
    r.#redirected = this.#redirected;
    r.#body = cloneBody(this.#body);
    return r;
  }

  [kInspect]() {
    return { type: this.#type, url: this.url, redirected: this.#redirected, status: this.#status, ok: this.ok, statusText: this.#statusText, headers: this.#headers, bodyUsed: bodyUsed(this.#body) };
  }

  static {
    res = {
      body: (r) => r.#body,
      is: (r) => isObject(r) && #status in r,
      /** A Response from network parts: {type, status, statusText, headers: [[n, v]], body: Uint8Array|null, bodyState?: BodyState, urlList, redirected}. */
      make(p) {
        const r = new Response(null);
        r.#type = p.type ?? 'default';
        r.#status = p.status;
        r.#statusText = p.statusText ?? '';
        r.#headers = headersFromPairs(p.headers ?? [], 'immutable');
        r.#urlList = p.urlList ?? [];
        r.#redirected = !!p.redirected;
        r.#body = p.bodyState ?? (p.body ? new BodyState(streamFromBytes(p.body), p.body.length) : null);
        return r;
      },
    };
  }
}
mixinBody(Response, (r) => res.body(r), (r) => r.headers);
platformClass(Response);

export const isResponse = (r) => res.is(r);
export const responseBody = (r) => res.body(r);
export const makeResponse = (parts) => res.make(parts);
export { nullBodyStatus, redirectStatus };
