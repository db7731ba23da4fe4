// setTimeout family, queueMicrotask, and the engine clock behind Date and performance.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWorker } from './fake-host.js';

const START = Date.UTC(2024, 0, 1, 12, 0, 0);

test('timers fire by due time, then by creation order, with extra arguments', async () => {
  const w = createWorker({ now: START });
  w.run(`
    var order = [];
    setTimeout((a, b) => order.push('c:' + a + b), 30, 'x', 'y');
    setTimeout(() => order.push('a1'), 10);
    setTimeout(() => order.push('zero'));
    setTimeout(() => order.push('a2'), 10);
    setTimeout(() => order.push('neg'), -5);
    setTimeout(() => order.push('nan'), NaN);
    setTimeout(() => order.push('b'), '20');
  `);
  await w.advance(29);
  assert.deepEqual(await w.eval('order'), ['zero', 'neg', 'nan', 'a1', 'a2', 'b']);
  await w.advance(1);
  assert.deepEqual((await w.eval('order')).at(-1), 'c:xy');
});

test('setTimeout returns positive distinct ids; clearTimeout cancels; callbacks see this === self', async () => {
  const w = createWorker();
  w.run(`
    var fired = [];
    var ids = [setTimeout(() => fired.push(1), 5), setTimeout(function () { fired.push(this === self); }, 5), setTimeout(() => fired.push(3), 5)];
    clearTimeout(ids[0]);
    clearTimeout(undefined); clearTimeout('nonsense'); clearTimeout(99999);
  `);
  await w.advance(5);
  const ids = await w.eval('ids');
  assert.ok(ids.every((id) => Number.isInteger(id) && id > 0));
  assert.equal(new Set(ids).size, 3);
  assert.deepEqual(await w.eval('fired'), [true, 3]);
  assert.equal(w.state.timers.size, 0, 'host timers were cleared');
});

test('setInterval re-arms after each run and can be cleared from inside its callback', async () => {
  const w = createWorker({ now: START });
  w.run(`
    var ticks = [];
    var id = setInterval((label) => {
      ticks.push(label + ':' + (Date.now() - ${START}));
      if (ticks.length === 3) clearInterval(id);
    }, 100, 'tick');
  `);
  await w.advance(1000);
  assert.deepEqual(await w.eval('ticks'), ['tick:100', 'tick:200', 'tick:300']);
  assert.equal(w.state.timers.size, 0);
});

test('clearing a later timer inside an earlier callback prevents it; clearTimeout also clears intervals', async () => {
  const w = createWorker();
  w.run(`
    var out = [];
    var second;
    setTimeout(() => { out.push('first'); clearTimeout(second); }, 10);
    second = setTimeout(() => out.push('second'), 10);
    var iv = setInterval(() => out.push('interval'), 5);
    clearTimeout(iv);
  `);
  await w.advance(50);
  assert.deepEqual(await w.eval('out'), ['first']);
});

test('an exception in a timer callback is reported and does not stop an interval', async () => {
  const w = createWorker();
  w.run(`var n = 0; var iv = setInterval(() => { n++; if (n === 3) clearInterval(iv); throw new Error('tick ' + n); }, 10);`);
  await w.advance(100);
  assert.equal(await w.eval('n'), 3);
  assert.deepEqual(w.logs.map((l) => l.text.split('\n')[0]), ['Uncaught Error: tick 1', 'Uncaught Error: tick 2', 'Uncaught Error: tick 3']);
});

test('string handlers run as code in the global scope', async () => {
  const w = createWorker();
  w.run(`var hit = 0; setTimeout('hit += 1', 1);`);
  await w.advance(1);
  assert.equal(await w.eval('hit'), 1);
});

test('queueMicrotask runs before timers, after the current script; errors are reported', async () => {
  const w = createWorker();
  w.run(`
    var seq = [];
    setTimeout(() => seq.push('timeout'), 0);
    queueMicrotask(() => seq.push('micro1'));
    Promise.resolve().then(() => seq.push('promise'));
    queueMicrotask(() => { seq.push('micro2'); throw new Error('in microtask'); });
    seq.push('sync');
  `);
  await w.advance(0);
  assert.deepEqual(await w.eval('seq'), ['sync', 'micro1', 'promise', 'micro2', 'timeout']);
  assert.match(w.logs[0].text, /^Uncaught Error: in microtask/);
  assert.throws(() => w.run('queueMicrotask(1)'), (e) => e.name === 'TypeError');
});

test('Date.now(), new Date() and Date() follow the engine clock; Date stays standard', async () => {
  const w = createWorker({ now: START });
  const r1 = await w.eval(`[Date.now(), new Date().getTime(), typeof Date(), new Date(0).toISOString(), new Date(2020, 0, 1) instanceof Date,
    Object.prototype.toString.call(new Date()), Date.UTC(2000, 0), Date.parse('2000-01-01T00:00:00Z'), Date.name, Date.length,
    new Date().constructor === Date, (class D extends Date {}).prototype instanceof Date, new (class D extends Date {})().getTime()]`);
  assert.deepEqual(r1, [START, START, 'string', '1970-01-01T00:00:00.000Z', true, '[object Date]', Date.UTC(2000, 0), Date.UTC(2000, 0), 'Date', 7, true, true, START]);
  await w.advance(5 * 60 * 1000);
  assert.equal(await w.eval('Date.now()'), START + 300000);
  assert.equal(await w.eval('new Date().toISOString()'), '2024-01-01T12:05:00.000Z');
  assert.equal(await w.eval('Date()'), new Date(START + 300000).toString());
});

test('a setTimeout inside a handler advances with virtual time', async () => {
  const w = createWorker({ now: START });
  w.run(`self.onsync = (e) => e.waitUntil(new Promise((r) => setTimeout(() => { console.log('waited until', new Date().toISOString()); r(); }, 3 * 60 * 1000)));`);
  const p = w.dispatch('sync', { tag: 'later' });
  await w.advance(3 * 60 * 1000);
  assert.deepEqual(await p, { status: 'succeeded' });
  assert.deepEqual(w.lines(), ['log: waited until 2024-01-01T12:03:00.000Z']);
});

test('performance.now() counts from worker start on the same clock; timeOrigin is the start', async () => {
  const w = createWorker({ now: START });
  assert.deepEqual(await w.eval('[performance.now(), performance.timeOrigin]'), [0, START]);
  await w.advance(1234);
  assert.equal(await w.eval('performance.now()'), 1234);
});
