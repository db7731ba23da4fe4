// fetch() over host.fetch; Rust settles with __syncscope.settleFetch(id, error, response).
import { Promise } from './intrinsics.js';
import { host } from './host.js';
import { Request, requestBody, requestFields } from './request.js';
import { makeResponse, nullBodyStatus, redirectStatus } from './response.js';
import { consumeBytes, BodyState } from './body.js';
import { ReadableStream } from './streams.js';
import { DOMException } from './dom-exception.js';
import { headerPairs } from './headers.js';
import { onAbort } from './abort.js';
import { parseURL } from './url.js';
import { workerInfo } from './location.js';

const pending = new Map();
let nextId = 1;

const safelistedResponseHeaders = new Set(['cache-control', 'content-language', 'content-length', 'content-type', 'expires', 'last-modified', 'pragma']);

function failed(detail) {
  return new TypeError('Failed to fetch', detail === undefined || detail === null ? undefined : { cause: detail });
}

export function fetch(input, init = undefined) {
  let request;
  try {
    request = new Request(input, init);
  } catch (e) {
    // fetch() builds its Request with its own exception context (Blink's GlobalFetch::fetch), so the message
    // names fetch, not the constructor.
    const prefix = "Failed to construct 'Request': ";
    if (e instanceof TypeError && e.message.startsWith(prefix)) {
      return Promise.reject(new TypeError(`Failed to execute 'fetch' on 'WorkerGlobalScope': ${e.message.slice(prefix.length)}`));
    }
    return Promise.reject(e);
  }
  const signal = request.signal;
  if (signal.aborted) return Promise.reject(signal.reason);
  const fields = requestFields(request);
  const bodyState = requestBody(request);

  return new Promise((resolve, reject) => {
    const id = nextId++;
    const entry = { resolve, reject, request, fields, sent: false, done: false };
    pending.set(id, entry);
    onAbort(signal, () => {
      if (entry.done) return;
      entry.done = true;
      pending.delete(id);
      if (entry.sent) {
        try { host.abortFetch(id); } catch { /* the host may have finished already */ }
      }
      reject(signal.reason);
    });
    const bodyPromise = bodyState === null ? Promise.resolve(null) : consumeBytes(bodyState, "fetch' on 'WorkerGlobalScope");
    bodyPromise.then((body) => {
      if (entry.done) return;
      const url = fields.url.split('#')[0];
      entry.sent = true;
      host.fetch(id, {
        method: fields.method,
        url,
        headers: headerPairs(fields.headers),
        body: body === null ? null : body,
        redirect: fields.redirect,
        credentials: fields.credentials,
        mode: fields.mode,
        cache: fields.cache,
        referrer: fields.referrer,
        keepalive: fields.keepalive,
      });
    }).catch((e) => {
      if (entry.done) return;
      entry.done = true;
      pending.delete(id);
      reject(e instanceof TypeError ? e : failed(e));
    });
  });
}

function filterHeaders(type, pairs) {
  if (type === 'basic') return pairs.filter(([n]) => !/^set-cookie2?$/i.test(n));
  if (type === 'cors') {
    const exposed = pairs.filter(([n]) => n.toLowerCase() === 'access-control-expose-headers')
      .flatMap(([, v]) => v.split(',').map((s) => s.trim().toLowerCase()));
    const all = exposed.includes('*');
    return pairs.filter(([n]) => {
      const lower = n.toLowerCase();
      if (/^set-cookie2?$/.test(lower)) return false;
      return safelistedResponseHeaders.has(lower) || all || exposed.includes(lower);
    });
  }
  return [];
}

/** Called by Rust: `error` (a string) fails the fetch; otherwise `response` resolves it. */
export function settleFetch(id, error, response) {
  const entry = pending.get(Number(id));
  if (!entry || entry.done) {
    if (response?.more) host.cancelBody(Number(id));
    return false;
  }
  entry.done = true;
  pending.delete(Number(id));
  if (error !== null && error !== undefined) {
    entry.reject(failed(typeof error === 'string' ? error : String(error?.message ?? error)));
    return true;
  }
  try {
    entry.resolve(networkResponse(Number(id), entry, response));
  } catch (e) {
    if (response?.more) host.cancelBody(Number(id));
    entry.reject(failed(String(e?.message ?? e)));
  }
  return true;
}

// Reads of bodies the host holds (see body_stream.rs): one at a time per body, settled by settleBody.
const bodyReads = new Map();

function networkError(detail) {
  return new TypeError('network error', detail ? { cause: detail } : undefined);
}

// Chromium's errors (third_party/blink/renderer/core/fetch): a stream read that fails is
// `TypeError: network error` (BodyStreamBuffer::GetError), a whole read `TypeError: Failed to fetch`
// (BodyConsumerBase::DidFetchDataLoadFailed); an abort errors the stream with
// `AbortError: BodyStreamBuffer was aborted` (BodyStreamBuffer::Abort) and rejects a whole read with an
// AbortError of the default message (BodyConsumerBase::Abort).
function readHostBody(id, rest) {
  return new Promise((resolve, reject) => {
    if (!host.readBody(id, rest)) {
      reject(networkError('the body is no longer available'));
      return;
    }
    bodyReads.set(id, { resolve, reject, rest });
  });
}

/** Called by Rust: the next bytes of body `id` (`chunk`, a Uint8Array), its end (`chunk` null) or its failure. */
export function settleBody(id, error, chunk) {
  const read = bodyReads.get(Number(id));
  if (!read) return false;
  bodyReads.delete(Number(id));
  if (error !== null && error !== undefined) read.reject(read.rest ? failed(String(error)) : networkError(String(error)));
  else read.resolve(chunk ?? null);
  return true;
}

/**
 * The body of a response the host is still receiving: `prefix` (what had arrived with the head), then reads
 * on demand. Cancelling the stream or aborting the request's signal drops the host's side (its connection).
 */
function hostBody(id, prefix, signal) {
  let finished = false;
  let controller = null;
  const release = () => {
    finished = true;
    bodyReads.delete(id);
    host.cancelBody(id);
  };
  const stream = new ReadableStream({
    start(c) {
      controller = c;
      if (prefix.length) c.enqueue(prefix);
    },
    pull(c) {
      return readHostBody(id, false).then((chunk) => {
        if (chunk === null) { finished = true; c.close(); } else c.enqueue(chunk);
      }, (e) => { finished = true; throw e; });
    },
    cancel() { release(); },
  });
  const state = new BodyState(stream, null);
  state.restStream = stream;
  state.readRest = () => readHostBody(id, true).then((rest) => {
    finished = true;
    if (prefix.length === 0) return rest;
    const all = new Uint8Array(prefix.length + rest.length);
    all.set(prefix, 0);
    all.set(rest, prefix.length);
    return all;
  }, (e) => { finished = true; throw e; });
  onAbort(signal, () => {
    if (finished) return;
    const read = bodyReads.get(id);
    release();
    const aborted = new DOMException('BodyStreamBuffer was aborted', 'AbortError');
    if (read) read.reject(read.rest ? new DOMException('The user aborted a request.', 'AbortError') : aborted);
    controller.error(aborted);
  });
  return state;
}

function networkResponse(id, entry, r) {
  const resp = buildResponse(id, entry, r);
  if (r.more && resp.body === null) host.cancelBody(id);
  return resp;
}

function buildResponse(id, { fields, request }, r) {
  const status = Number(r.status);
  const finalURL = r.url ? String(r.url) : fields.url;
  if (redirectStatus.has(status) && fields.redirect !== 'follow') {
    if (fields.redirect === 'error') throw new Error(`redirect to ${r.headers?.find?.(([n]) => n.toLowerCase() === 'location')?.[1] ?? '(no location)'} with redirect mode "error"`);
    return makeResponse({ type: 'opaqueredirect', status: 0, statusText: '', headers: [], body: null, urlList: [finalURL] });
  }
  const target = parseURL(finalURL);
  const sameOrigin = target !== null && target.origin === workerInfo.origin;
  let type = sameOrigin || target?.protocol === 'data:' ? 'basic' : 'cors';
  if (!sameOrigin && fields.mode === 'no-cors') type = 'opaque';
  if (type === 'opaque') {
    return makeResponse({ type, status: 0, statusText: '', headers: [], body: null, urlList: [] });
  }
  const pairs = Array.isArray(r.headers) ? r.headers.map(([n, v]) => [String(n), String(v)]) : [];
  let body = r.body ?? null;
  if (body !== null && !(body instanceof Uint8Array)) body = new Uint8Array(body);
  const noBody = nullBodyStatus.has(status) || fields.method === 'HEAD';
  if (noBody) body = null;
  const streamed = !noBody && !!r.more;
  return makeResponse({
    type,
    status,
    statusText: r.statusText ?? '',
    headers: filterHeaders(type, pairs),
    body: body ?? (noBody ? null : new Uint8Array(0)),
    bodyState: streamed ? hostBody(id, body ?? new Uint8Array(0), request.signal) : undefined,
    urlList: [finalURL],
    redirected: !!r.redirected,
  });
}

export function pendingFetchCount() { return pending.size; }
