// Entry point of the prelude bundle. Builds the service-worker global scope on the host functions and
// exposes the calls Rust makes as globalThis.__syncscope (non-enumerable, non-writable).
import './host.js';
import { installGlobalScope } from './global-scope.js';
import { fireTimer } from './timers.js';
import { settleFetch, settleBody } from './fetch.js';
import { settleEngine } from './engine.js';
import { dispatch, promiseRejection, uncaughtRejections } from './dispatch.js';
import { hasListeners, markTrusted, dispatchEventInternal } from './events.js';
import { ExtendableMessageEvent } from './sw-events.js';
import { initLocation, setOnline, workerInfo } from './location.js';
import { setWorkerState, messageHooks } from './registration.js';
import { encodeMessage, decodeMessage } from './message-wire.js';
import { idbGranted } from './idb.js';

installGlobalScope();

messageHooks.deliver = (data, source) => {
  const e = markTrusted(new ExtendableMessageEvent('message', { data, origin: workerInfo.origin, source }));
  dispatchEventInternal(globalThis, e);
};

const api = {
  /** Once, before the developer's script: {scriptURL, scope?, origin?, online?, state?}. */
  init(options) {
    if (workerInfo.initialized) throw new Error('__syncscope.init was already called');
    initLocation(options ?? {});
    if (options?.state !== undefined) setWorkerState(options.state);
  },
  fireTimer,
  settleFetch,
  settleBody,
  settleEngine,
  setOnline,
  setWorkerState,
  dispatch,
  hasListeners: (type) => hasListeners(globalThis, type),
  promiseRejection,
  uncaughtRejections,
  idbGranted,
  /** For the page overlay: postMessage data to and from wire text. */
  encodeMessage,
  decodeMessage,
};
for (const [name, fn] of Object.entries(api)) Object.defineProperty(fn, 'name', { value: name });

Object.defineProperty(globalThis, '__syncscope', {
  value: Object.freeze(api),
  enumerable: false,
  writable: false,
  configurable: false,
});
