// Asynchronous engine operations: host.engine(id, op, args) → __syncscope.settleEngine(id, error, result).
import { Promise } from './intrinsics.js';
import { host } from './host.js';
import { hostError } from './dom-exception.js';

const pending = new Map();
let nextId = 1;

/** Ask the engine to run `op`; the promise settles when Rust calls settleEngine. */
export function engineCall(op, args = []) {
  return new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject, op });
    try {
      host.engine(id, op, args);
    } catch (e) {
      pending.delete(id);
      reject(e);
    }
  });
}

/** Called by Rust. `error` is null or {name, message}: TypeError/RangeError names become those, others DOMException. */
export function settleEngine(id, error, result) {
  const p = pending.get(Number(id));
  if (!p) return false;
  pending.delete(Number(id));
  if (error !== null && error !== undefined) p.reject(hostError(error));
  else p.resolve(result);
  return true;
}

export function pendingEngineCount() { return pending.size; }
