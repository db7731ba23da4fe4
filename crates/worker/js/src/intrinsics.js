// Built-ins captured when the prelude runs, so a developer's script that replaces globals (a Promise
// polyfill, `globalThis.setTimeout = …`) cannot break the prelude's own machinery.
export const Promise = globalThis.Promise;
