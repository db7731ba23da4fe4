// AbortController / AbortSignal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWorker } from './fake-host.js';

test('abort(): reason defaults to AbortError, events fire once, onabort works, throwIfAborted throws the reason', async () => {
  const w = createWorker();
  assert.deepEqual(await w.eval(`(() => {
    const out = [];
    const ac = new AbortController();
    const s = ac.signal;
    out.push(s.aborted, s.reason, s instanceof EventTarget);
    s.onabort = (e) => out.push('onabort:' + e.type + ':' + (e.target === s));
    s.addEventListener('abort', () => out.push('listener'));
    s.throwIfAborted();
    ac.abort();
    ac.abort('again');
    out.push(s.aborted, s.reason.name, s.reason instanceof DOMException, s.reason.message);
    try { s.throwIfAborted(); } catch (e) { out.push('threw:' + e.name); }
    const custom = new AbortController(); custom.abort({ why: 1 });
    out.push(custom.signal.reason.why);
    const pre = AbortSignal.abort();
    out.push(pre.aborted, pre.reason.name, AbortSignal.abort('r').reason);
    return out;
  })()`), [false, undefined, true, 'onabort:abort:true', 'listener', true, 'AbortError', true, 'signal is aborted without reason', 'threw:AbortError', 1, true, 'AbortError', 'r']);
});

test('AbortSignal.timeout aborts with TimeoutError on the engine clock; user code cannot clear it', async () => {
  const w = createWorker();
  w.run(`var s = AbortSignal.timeout(5000); var seen = []; s.onabort = () => seen.push(s.reason.name + '@' + performance.now());
    for (let i = 0; i < 20; i++) clearTimeout(i);`);
  await w.advance(4999);
  assert.equal(await w.eval('s.aborted'), false);
  await w.advance(1);
  assert.deepEqual(await w.eval('[s.aborted, seen]'), [true, ['TimeoutError@5000']]);
  assert.throws(() => w.run('AbortSignal.timeout(-1)'), (e) => e.name === 'TypeError');
});

test('AbortSignal.any follows the first source to abort (and nested any)', async () => {
  const w = createWorker();
  assert.deepEqual(await w.eval(`(() => {
    const a = new AbortController(), b = new AbortController();
    const any = AbortSignal.any([a.signal, b.signal]);
    const nested = AbortSignal.any([any]);
    const out = [any.aborted];
    nested.onabort = () => out.push('nested:' + nested.reason);
    b.abort('b-reason');
    a.abort('a-reason');
    out.push(any.aborted, any.reason, nested.reason);
    out.push(AbortSignal.any([AbortSignal.abort('pre')]).reason, AbortSignal.any([]).aborted);
    try { AbortSignal.any([{}]); } catch (e) { out.push(e.constructor.name); }
    return out;
  })()`), [false, 'nested:b-reason', true, 'b-reason', 'b-reason', 'pre', false, 'TypeError']);
});

test('a Request signal follows the init signal', async () => {
  const w = createWorker();
  assert.deepEqual(await w.eval(`(() => {
    const ac = new AbortController();
    const r = new Request('https://x.example/', { signal: ac.signal });
    const c = r.clone();
    ac.abort('stop');
    return [r.signal !== ac.signal, r.signal.aborted, r.signal.reason, c.signal.aborted];
  })()`), [true, true, 'stop', true]);
});
