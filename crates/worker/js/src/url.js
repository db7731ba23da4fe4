// URL on host.urlParse (Rust's WHATWG `url` crate). Setters rebuild an href from the components and re-parse.
import { host } from './host.js';
import { DOMException } from './dom-exception.js';
import { utf8Encode } from './encoding.js';
import { URLSearchParams, attachSearchParams, resetSearchParams } from './url-search-params.js';
import { kInspect, platformClass, requireArgs, toUSVString } from './util.js';

const fields = ['href', 'origin', 'protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname', 'search', 'hash'];
const specialSchemes = new Set(['http:', 'https:', 'ws:', 'wss:', 'ftp:', 'file:']);

/** Parse with the host; returns a frozen record or null when the input is not a valid URL. */
export function parseURL(input, base = undefined) {
  let r;
  try {
    r = base === undefined ? host.urlParse(input) : host.urlParse(input, base);
  } catch {
    return null;
  }
  if (r === null || typeof r !== 'object') return null;
  const rec = {};
  for (const f of fields) rec[f] = r[f] === undefined || r[f] === null ? '' : String(r[f]);
  return Object.freeze(rec);
}

// userinfo percent-encode set (URL spec), applied to UTF-8 bytes.
const userinfoSet = new Set(' "#<>?`{}/:;=@[\\]^|'.split('').map((c) => c.charCodeAt(0)));
function encodeUserinfo(s) {
  let out = '';
  for (const b of utf8Encode(s)) {
    out += b < 0x21 || b > 0x7e || userinfoSet.has(b) ? '%' + b.toString(16).toUpperCase().padStart(2, '0') : String.fromCharCode(b);
  }
  return out;
}

function hasAuthority(r) { return r.href.startsWith(r.protocol + '//'); }
function hasOpaquePath(r) { return !hasAuthority(r) && !r.pathname.startsWith('/'); }

/** Serialize components back into an href (input for a re-parse). */
function build(r, o = {}) {
  const p = { ...r, ...o };
  let s = p.protocol;
  if (o.authority ?? hasAuthority(r)) {
    s += '//';
    if (p.username || p.password) s += p.username + (p.password ? ':' + p.password : '') + '@';
    s += p.hostname + (p.port ? ':' + p.port : '');
  }
  return s + p.pathname + p.search + p.hash;
}

let urls;

export class URL {
  #r;
  #query = null;

  constructor(url, base = undefined) {
    requireArgs(arguments.length, 1, "Failed to construct 'URL'");
    const input = toUSVString(url);
    const r = base === undefined ? parseURL(input) : parseURL(input, toUSVString(base));
    if (!r) throw new TypeError(`Failed to construct 'URL': Invalid URL`);
    this.#r = r;
  }

  static canParse(url, base = undefined) {
    requireArgs(arguments.length, 1, "Failed to execute 'canParse' on 'URL'");
    return (base === undefined ? parseURL(toUSVString(url)) : parseURL(toUSVString(url), toUSVString(base))) !== null;
  }

  static parse(url, base = undefined) {
    requireArgs(arguments.length, 1, "Failed to execute 'parse' on 'URL'");
    try { return base === undefined ? new URL(url) : new URL(url, base); } catch { return null; }
  }

  static createObjectURL() {
    throw new DOMException("Failed to execute 'createObjectURL' on 'URL': not available in a service worker.", 'NotSupportedError');
  }
  static revokeObjectURL() {}

  /** Replace the record from an href; false (no change) when it does not parse. */
  #reparse(href, fromSearchParams = false) {
    const r = parseURL(href);
    if (!r) return false;
    const queryChanged = r.search !== this.#r.search;
    this.#r = r;
    if (queryChanged && this.#query && !fromSearchParams) resetSearchParams(this.#query, r.search.slice(1));
    return true;
  }

  get href() { return this.#r.href; }
  set href(v) {
    const r = parseURL(toUSVString(v));
    if (!r) throw new TypeError(`Failed to set the 'href' property on 'URL': Invalid URL`);
    const queryChanged = r.search !== this.#r.search;
    this.#r = r;
    if (queryChanged && this.#query) resetSearchParams(this.#query, r.search.slice(1));
  }

  get origin() { return this.#r.origin; }

  get protocol() { return this.#r.protocol; }
  set protocol(v) {
    const m = /^([A-Za-z][A-Za-z0-9+.-]*)(:|$)/.exec(toUSVString(v));
    if (!m) return;
    const scheme = m[1].toLowerCase() + ':';
    const r = this.#r;
    if (specialSchemes.has(scheme) !== specialSchemes.has(r.protocol)) return;
    if (scheme === 'file:' && (r.username || r.password || r.port)) return;
    if (r.protocol === 'file:' && r.hostname === '') return;
    this.#reparse(build(r, { protocol: scheme }));
  }

  get username() { return this.#r.username; }
  set username(v) {
    const r = this.#r;
    if (r.hostname === '' || r.protocol === 'file:') return;
    this.#reparse(build(r, { username: encodeUserinfo(toUSVString(v)) }));
  }

  get password() { return this.#r.password; }
  set password(v) {
    const r = this.#r;
    if (r.hostname === '' || r.protocol === 'file:') return;
    this.#reparse(build(r, { password: encodeUserinfo(toUSVString(v)) }));
  }

  get host() { return this.#r.host; }
  set host(v) {
    const r = this.#r;
    if (hasOpaquePath(r)) return;
    let s = toUSVString(v);
    s = s.split(specialSchemes.has(r.protocol) ? /[/?#\\]/ : /[/?#]/)[0];
    if (s === '' && specialSchemes.has(r.protocol)) return;
    // Split off a port outside IPv6 brackets.
    let hostname = s;
    let port = r.port;
    const close = s.lastIndexOf(']');
    const colon = s.indexOf(':', close < 0 ? 0 : close);
    if (colon >= 0) {
      hostname = s.slice(0, colon);
      const digits = /^\d*/.exec(s.slice(colon + 1))[0];
      if (digits !== '' && Number(digits) <= 65535) port = digits;
    }
    if (hostname === '' && specialSchemes.has(r.protocol)) return;
    this.#reparse(build(r, { hostname, port, authority: true }));
  }

  get hostname() { return this.#r.hostname; }
  set hostname(v) {
    const r = this.#r;
    if (hasOpaquePath(r)) return;
    let s = toUSVString(v);
    s = s.split(specialSchemes.has(r.protocol) ? /[/?#\\]/ : /[/?#]/)[0];
    const close = s.lastIndexOf(']');
    if (s.indexOf(':', close < 0 ? 0 : close) >= 0) return;
    if (s === '' && specialSchemes.has(r.protocol)) return;
    this.#reparse(build(r, { hostname: s, authority: true }));
  }

  get port() { return this.#r.port; }
  set port(v) {
    const r = this.#r;
    if (r.hostname === '' || r.protocol === 'file:' || hasOpaquePath(r)) return;
    const s = toUSVString(v);
    let port;
    if (s === '') port = '';
    else {
      const digits = /^\d*/.exec(s)[0];
      if (digits === '' || Number(digits) > 65535) return;
      port = String(Number(digits));
    }
    this.#reparse(build(r, { port }));
  }

  get pathname() { return this.#r.pathname; }
  set pathname(v) {
    const r = this.#r;
    if (hasOpaquePath(r)) return;
    let s = toUSVString(v).replace(/[?#]/g, (c) => (c === '?' ? '%3F' : '%23'));
    const slash = specialSchemes.has(r.protocol) ? /^[/\\]/ : /^\//;
    if (!slash.test(s)) s = '/' + s;
    else if (!hasAuthority(r) && s.startsWith('//')) s = '/.' + s;
    this.#reparse(build(r, { pathname: s }));
  }

  get search() { return this.#r.search; }
  set search(v) {
    let s = toUSVString(v);
    if (s.startsWith('?')) s = s.slice(1);
    const search = s === '' ? '' : '?' + s.replace(/#/g, '%23');
    this.#reparse(build(this.#r, { search }));
  }

  get searchParams() {
    if (!this.#query) {
      const q = new URLSearchParams(this.#r.search.slice(1));
      attachSearchParams(q, (serialized) => {
        this.#reparse(build(this.#r, { search: serialized === '' ? '' : '?' + serialized }), true);
      });
      this.#query = q;
    }
    return this.#query;
  }

  get hash() { return this.#r.hash; }
  set hash(v) {
    let s = toUSVString(v);
    if (s.startsWith('#')) s = s.slice(1);
    this.#reparse(build(this.#r, { hash: s === '' ? '' : '#' + s }));
  }

  toString() { return this.#r.href; }
  toJSON() { return this.#r.href; }

  [kInspect]() { return { ...this.#r }; }

  static {
    urls = { record: (u) => u.#r };
  }
}
platformClass(URL);

/** The parsed record of a URL object. */
export const urlRecord = (u) => urls.record(u);
