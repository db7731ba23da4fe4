// structuredClone and DOMException.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWorker } from './fake-host.js';

const w = createWorker();
const ev = (code) => w.eval(code);

test('structuredClone: primitives, wrappers, Date, RegExp, Map, Set, BigInt, nested data', async () => {
  assert.deepEqual(await ev(`(() => {
    const src = { n: 1, s: 'x', b: true, u: undefined, nul: null, big: 12345678901234567890n, neg0: -0, nan: NaN,
      d: new Date(1700000000000), re: /a+b/gi, m: new Map([['k', { deep: [1, 2] }]]), set: new Set([1, 'two']),
      arr: [1, , 3], wrapped: [Object(1), Object('s'), Object(false), Object(5n)] };
    const c = structuredClone(src);
    return [c !== src, c.n, c.s, c.b, 'u' in c, c.u, c.nul, c.big === src.big, Object.is(c.neg0, -0), Number.isNaN(c.nan),
      c.d instanceof Date, c.d !== src.d, c.d.getTime(), c.re instanceof RegExp, c.re.source, c.re.flags,
      c.m instanceof Map, c.m.get('k').deep, c.m.get('k') !== src.m.get('k'), c.set instanceof Set, [...c.set],
      c.arr.length, 1 in c.arr, c.wrapped.map((x) => typeof x + ':' + x.valueOf()), structuredClone(7), structuredClone('s')];
  })()`), [true, 1, 'x', true, true, undefined, null, true, true, true, true, true, 1700000000000, true, 'a+b', 'gi',
    true, [1, 2], true, true, [1, 'two'], 3, false, ['object:1', 'object:s', 'object:false', 'object:5'], 7, 's']);
});

test('structuredClone: cycles and shared references are preserved', async () => {
  assert.deepEqual(await ev(`(() => {
    const shared = { v: 1 };
    const a = { shared, again: shared, list: [shared] };
    a.self = a;
    const m = new Map(); m.set('me', m);
    a.m = m;
    const c = structuredClone(a);
    return [c.self === c, c.shared === c.again, c.list[0] === c.shared, c.shared !== shared, c.m.get('me') === c.m];
  })()`), [true, true, true, true, true]);
});

test('structuredClone: ArrayBuffer, typed arrays sharing a buffer, DataView, transfer', async () => {
  assert.deepEqual(await ev(`(() => {
    const buf = new ArrayBuffer(8);
    const u8 = new Uint8Array(buf); u8.set([1, 2, 3, 4, 5, 6, 7, 8]);
    const u16 = new Uint16Array(buf, 2, 2);
    const dv = new DataView(buf, 4);
    const c = structuredClone({ buf, u8, u16, dv, f: new Float64Array([1.5]) });
    c.u8[0] = 99;
    const out = [c.buf !== buf, c.u8.buffer === c.buf, c.u16.buffer === c.buf, c.dv.buffer === c.buf, u8[0], c.u16.byteOffset, c.u16.length,
      c.dv instanceof DataView, c.dv.byteOffset, c.dv.getUint8(0), c.f[0], c.f instanceof Float64Array];
    const t = new ArrayBuffer(4);
    const moved = structuredClone(t, { transfer: [t] });
    // Detaching needs ArrayBuffer.prototype.transfer (QuickJS-NG has it; Node 20's V8 does not).
    const canDetach = typeof ArrayBuffer.prototype.transfer === 'function';
    out.push(moved.byteLength, t.byteLength === (canDetach ? 0 : 4));
    try { structuredClone(1, { transfer: [t, t] }); } catch (e) { out.push(e.name); }
    try { structuredClone(1, { transfer: [{}] }); } catch (e) { out.push(e.name); }
    return out;
  })()`), [true, true, true, true, 1, 2, 2, true, 4, 5, 1.5, true, 4, true, 'DataCloneError', 'DataCloneError']);
});

test('structuredClone: Error types keep name, message and stack; DOMException clones', async () => {
  assert.deepEqual(await ev(`(() => {
    const e = new RangeError('out of range', { cause: 'why' });
    const c = structuredClone(e);
    const custom = structuredClone(Object.assign(new Error('m'), { name: 'CustomError' }));
    const d = structuredClone(new DOMException('gone', 'NotFoundError'));
    return [c instanceof RangeError, c.message, typeof c.stack, c.stack === e.stack, c.cause, custom.constructor.name,
      d instanceof DOMException, d.name, d.message, d.code];
  })()`), [true, 'out of range', 'string', true, 'why', 'Error', true, 'NotFoundError', 'gone', 8]);
});

test('structuredClone: functions, symbols, WeakMaps, promises and platform objects → DataCloneError', async () => {
  assert.deepEqual(await ev(`(() => {
    const out = [];
    for (const v of [() => 1, Symbol('s'), { f() {} }, new WeakMap(), Promise.resolve(), new Headers(), new Request('http://x/'), new AbortController().signal, [Symbol.iterator]]) {
      try { structuredClone(v); out.push('cloned'); } catch (e) { out.push(e.name + ':' + (e instanceof DOMException) + ':' + e.code); }
    }
    try { structuredClone(); } catch (e) { out.push(e.constructor.name); }
    const cls = structuredClone(new (class Point { constructor() { this.x = 1; } })());
    out.push(Object.getPrototypeOf(cls) === Object.prototype, cls.x);
    const blob = structuredClone(new Blob(['hi'], { type: 'text/plain' }));
    out.push(blob instanceof Blob, blob.size, blob.type);
    return out;
  })()`), [...Array(9).fill('DataCloneError:true:25'), 'TypeError', true, 1, true, 2, 'text/plain']);
});

test('DOMException: constructor forms, legacy codes and constants, Error-ness, subclassing', async () => {
  assert.deepEqual(await ev(`(() => {
    class ConstraintError extends DOMException { constructor(m = 'A mutation operation in the transaction failed') { super(m, 'ConstraintError'); } }
    class MyAbort extends DOMException { constructor() { super('stopped', 'AbortError'); this.extra = 1; } }
    const c = new ConstraintError();
    const a = new MyAbort();
    const plain = new DOMException();
    const opt = new DOMException('with options', { name: 'TimeoutError', cause: 'slow' });
    return [c.name, c.message, c.code, c instanceof ConstraintError, c instanceof DOMException, c instanceof Error, typeof c.stack,
      a.name, a.code, a.extra, String(a), plain.name, plain.message, plain.code, opt.name, opt.code, opt.cause,
      DOMException.ABORT_ERR, DOMException.prototype.DATA_CLONE_ERR, new DOMException('x', 'SyntaxError').code,
      Object.prototype.toString.call(c), DOMException.length];
  })()`), ['ConstraintError', 'A mutation operation in the transaction failed', 0, true, true, true, 'string',
    'AbortError', 20, 1, 'AbortError: stopped', 'Error', '', 0, 'TimeoutError', 23, 'slow', 20, 25, 12, '[object DOMException]', 0]);
});
