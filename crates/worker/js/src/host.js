// The host functions Rust installs on globalThis.__syncscopeHost. Captured once, then removed from the
// global object so the developer's script cannot see or call them.
function takeHost() {
  const h = globalThis.__syncscopeHost;
  if (h === null || typeof h !== 'object') {
    throw new Error('syncscope prelude: globalThis.__syncscopeHost is missing');
  }
  delete globalThis.__syncscopeHost;
  // Copy into a frozen object: later changes to the original cannot reach the prelude.
  const names = [
    'now', 'setTimer', 'clearTimer', 'console', 'urlParse', 'utf8Encode', 'utf8Decode',
    'randomBytes', 'importScripts', 'fetch', 'abortFetch', 'readBody', 'cancelBody', 'engine',
    // storage of the context's origin (IndexedDB, Cache Storage): see kv-codec.js and README.md
    'kvGet', 'kvRange', 'kvCount', 'kvCommit', 'kvNamespaces', 'kvGeneration', 'kvUsage',
    // IndexedDB transaction order across the origin's contexts: see idb.js
    'idbLock', 'idbUnlock',
  ];
  const out = Object.create(null);
  for (const name of names) {
    const fn = h[name];
    out[name] = typeof fn === 'function'
      ? Function.prototype.bind.call(fn, h)
      : () => { throw new Error(`syncscope prelude: host function ${name} is missing`); };
  }
  return Object.freeze(out);
}

export const host = takeHost();
