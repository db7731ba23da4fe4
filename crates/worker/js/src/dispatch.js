// __syncscope.dispatch(type, init): build the trusted event, run the listeners, wait for every extend-lifetime
// promise (waitUntil / respondWith), and report {status: "succeeded" | "rejected" | "failed", reason?, response?}.
import { Promise } from './intrinsics.js';
import { markTrusted, dispatchEventInternal, PromiseRejectionEvent } from './events.js';
import {
  ExtendableEvent, InstallEvent, SyncEvent, PeriodicSyncEvent, ExtendableMessageEvent, FetchEvent, PushEvent,
  NotificationEvent, BackgroundFetchEvent, BackgroundFetchUpdateUIEvent, lifetimeSettled, lifetimeIdle, respondWithPromise, requestedUI,
} from './sw-events.js';
import { requestFromEngine } from './request.js';
import { isResponse, responseBody } from './response.js';
import { isUnusable, consumeBytes } from './body.js';
import { headerPairs } from './headers.js';
import { clientFrom } from './clients.js';
import { workerInfo } from './location.js';
import { formatError, inspect } from './inspect.js';
import { describeReason, isObject } from './util.js';
import { decodeMessage } from './message-wire.js';

function createEvent(type, init) {
  switch (type) {
    case 'install':
      return new InstallEvent(type);
    case 'activate':
      return new ExtendableEvent(type);
    case 'sync':
      return new SyncEvent(type, { tag: String(init.tag ?? ''), lastChance: !!init.lastChance });
    case 'periodicsync':
      return new PeriodicSyncEvent(type, { tag: String(init.tag ?? '') });
    case 'message':
    case 'messageerror': {
      // From another context the data comes as wire text (message-wire.js); if it cannot be deserialized the
      // event is a `messageerror` with null data, as in browsers.
      let data = init.data;
      if ('dataWire' in init) {
        try {
          data = decodeMessage(init.dataWire);
        } catch {
          type = 'messageerror';
          data = null;
        }
      }
      return new ExtendableMessageEvent(type, {
        data,
        origin: init.origin ?? workerInfo.origin,
        lastEventId: init.lastEventId ?? '',
        source: isObject(init.source) ? clientFrom(init.source) : null,
        ports: [],
      });
    }
    case 'fetch':
      return new FetchEvent(type, {
        request: requestFromEngine(init.request ?? {}),
        clientId: init.clientId ?? '',
        resultingClientId: init.resultingClientId ?? '',
        replacesClientId: init.replacesClientId ?? '',
      });
    case 'push':
      return new PushEvent(type, { data: init.data });
    case 'notificationclick':
    case 'notificationclose':
      return new NotificationEvent(type, { notification: init.notification ?? {}, action: init.action ?? '' });
    case 'backgroundfetchsuccess':
    case 'backgroundfetchfail':
      return new BackgroundFetchUpdateUIEvent(type, { registration: init.registration ?? {} });
    case 'backgroundfetchabort':
    case 'backgroundfetchclick':
      return new BackgroundFetchEvent(type, { registration: init.registration ?? {} });
    default:
      return new ExtendableEvent(type);
  }
}

function networkError(url, why) {
  return { error: `The FetchEvent for "${url}" resulted in a network error response: ${why}` };
}

/** What respondWith produced, in the form Rust forwards to the page. */
async function fetchOutcome(event) {
  const p = respondWithPromise(event);
  const url = event.request.url;
  if (p === null) return { network: true };
  let r;
  try {
    r = await p;
  } catch (reason) {
    return { ...networkError(url, 'the promise was rejected.'), reason: describeReason(reason) };
  }
  if (!isResponse(r)) return networkError(url, 'an object that was not a Response was passed to respondWith().');
  if (r.type === 'error') return networkError(url, 'a Response whose "type" is "error" was passed to respondWith().');
  const state = responseBody(r);
  if (isUnusable(state)) return networkError(url, 'a Response whose "bodyUsed" is "true" cannot be used to respond to a request.');
  let body;
  try {
    body = await consumeBytes(state, "respondWith' on 'FetchEvent");
  } catch (e) {
    return { ...networkError(url, 'the response body could not be read.'), reason: describeReason(e) };
  }
  return {
    status: r.status,
    statusText: r.statusText,
    headers: headerPairs(r.headers),
    body,
    url: r.url,
    type: r.type,
    redirected: r.redirected,
  };
}

function finish(event, threw, thrown, life, outcome) {
  let result;
  if (threw) result = { status: 'rejected', reason: describeReason(thrown) };
  else if (life.rejected) result = { status: 'rejected', reason: describeReason(life.reason) };
  else result = { status: 'succeeded' };
  if (event instanceof BackgroundFetchUpdateUIEvent) {
    const ui = requestedUI(event);
    if (ui) result.updateUI = ui;
  }
  if (!outcome) return result;
  return outcome.then((response) => { result.response = response; return result; });
}

function run(type, init) {
  const event = markTrusted(createEvent(type, init));
  let threw = false;
  let thrown;
  dispatchEventInternal(globalThis, event, (err) => {
    if (!threw) { threw = true; thrown = err; }
  });
  // Fast path (trivial handlers): nothing threw and no extend-lifetime promise is pending.
  if (!threw && type !== 'fetch' && lifetimeIdle(event) && !(event instanceof BackgroundFetchUpdateUIEvent)) {
    return Promise.resolve({ status: 'succeeded' });
  }
  const outcome = type === 'fetch' ? fetchOutcome(event) : null;
  if (outcome && typeof init.onResponse === 'function') {
    outcome.then((o) => { try { init.onResponse(o); } catch { /* host callback */ } });
  }
  return lifetimeSettled(event).then((life) => finish(event, threw, thrown, life, outcome)).then(undefined, failed);
}

const failed = (e) => ({ status: 'failed', reason: describeReason(e) });

export function dispatch(type, init = undefined) {
  try {
    return run(typeof type === 'string' ? type : String(type), isObject(init) ? init : {});
  } catch (e) {
    return Promise.resolve(failed(e));
  }
}

// ---------------------------------------------------------------------------------------------------------
// Unhandled promise rejections, reported by Rust's rejection tracker through __syncscope.promiseRejection.

const unhandled = new Map();

export function promiseRejection(promise, reason, handled) {
  if (handled) unhandled.delete(promise);
  else unhandled.set(promise, reason);
}

/** Fire "unhandledrejection" for each and return the console lines of those not canceled; clears the list. */
export function uncaughtRejections() {
  const out = [];
  const list = [...unhandled];
  unhandled.clear();
  for (const [promise, reason] of list) {
    let canceled = false;
    try {
      const e = markTrusted(new PromiseRejectionEvent('unhandledrejection', { promise, reason, cancelable: true }));
      canceled = !dispatchEventInternal(globalThis, e);
    } catch {
      // keep reporting
    }
    if (!canceled) {
      const text = isObject(reason) && (reason instanceof Error || 'stack' in reason) ? formatError(reason) : inspect(reason, { top: true });
      out.push(`Uncaught (in promise) ${text}`);
    }
  }
  return out;
}
