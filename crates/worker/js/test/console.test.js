// console formatting as browsers do for common cases, captured through host.console(level, text).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWorker } from './fake-host.js';

function logOf(code) {
  const w = createWorker();
  w.run(code);
  return w.lines();
}

test('levels map to host levels; strings are bare at top level', () => {
  assert.deepEqual(logOf(`console.log('a', 1); console.info('i'); console.warn('w'); console.error('e'); console.debug('d');`),
    ['log: a 1', 'info: i', 'warn: w', 'error: e', 'debug: d']);
});

test('substitutions %s %d %i %f %o %O %c %% and leftover arguments', () => {
  assert.deepEqual(logOf(`
    console.log('%s is %d years and %i days, %f%%', 'Bob', 42.9, '7', 1.5);
    console.log('%c styled %s', 'color: red', 'text', 'extra', { a: 1 });
    console.log('%o and %O', { a: [1, 2] }, 'str');
    console.log('%d', {}, '%s');
    console.log('100%');
    console.log('%x unknown %s', 'y');
  `), [
    'log: Bob is 42 years and 7 days, 1.5%',
    'log:  styled text extra {a: 1}',
    "log: {a: [1, 2]} and 'str'",
    'log: NaN %s',
    'log: 100%',
    'log: %x unknown y',
  ]);
});

test('objects render compactly, with cycles as [Circular]', () => {
  assert.deepEqual(logOf(`
    const o = { a: 1, b: 'two', 'c-d': [1, , 3], e: null, f: undefined, g: { h: { i: { j: { k: { l: 1 } } } } } };
    o.self = o;
    console.log(o);
    console.log([1, 'x', true, 10n, Symbol('s'), -0]);
    console.log(new Map([['k', { v: 1 }]]), new Set([1, 2]));
    console.log(function named() {}, () => {}, class Foo {});
    console.log(new Date(0), /re/g, new Uint8Array([1, 2]), new ArrayBuffer(4));
    console.log(Object.create(null), new (class Point { constructor() { this.x = 1; } })());
    console.log({ get g() { return 1; } }, [{ nested: 'str' }]);
  `), [
    "log: {a: 1, b: 'two', 'c-d': [1, <1 empty item>, 3], e: null, f: undefined, g: {h: {i: {j: {k: [Object]}}}}, self: [Circular]}",
    "log: [1, 'x', true, 10n, Symbol(s), -0]",
    "log: Map(1) {'k' => {v: 1}} Set(2) {1, 2}",
    'log: [Function: named] [Function (anonymous)] [class Foo]',
    'log: 1970-01-01T00:00:00.000Z /re/g Uint8Array(2) [1, 2] ArrayBuffer { byteLength: 4 }',
    'log: [Object: null prototype] {} Point {x: 1}',
    "log: {g: [Getter]} [{nested: 'str'}]",
  ]);
});

test('errors print name: message and the stack; platform objects show their state', () => {
  const w = createWorker();
  w.run(`function fail() { return new TypeError('bad thing'); }
console.error(fail());
console.log({ err: new RangeError('inner') });
console.log(new URL('https://a.example/p?q=1'));
console.log(new Headers({ b: '2', a: '1' }), new DOMException('m', 'AbortError'));
console.log(new Error('outer', { cause: new Error('root') }));`, 'https://app.example/sw.js');
  const lines = w.lines();
  assert.match(lines[0], /^error: TypeError: bad thing\n\s+at fail \(https:\/\/app\.example\/sw\.js:1:/);
  assert.equal(lines[1], 'log: {err: [RangeError: inner]}');
  assert.match(lines[2], /^log: URL \{href: 'https:\/\/a\.example\/p\?q=1', origin: 'https:\/\/a\.example'/);
  assert.match(lines[3], /^log: Headers \{a: '1', b: '2'\} AbortError: m\n\s+at /);
  assert.match(lines[4], /^log: Error: outer\n[\s\S]*Caused by: Error: root/);
});

test('assert, count, time, group, table, dir, trace', async () => {
  const w = createWorker();
  w.run(`
    console.assert(true, 'not shown');
    console.assert(false, 'shown %s', 'x');
    console.assert(false);
    console.count(); console.count(); console.count('k'); console.countReset(); console.count();
    console.time('t');
  `);
  await w.advance(250);
  w.run(`
    console.timeEnd('t');
    console.timeEnd('t');
    console.group('G');
    console.log('inside\\nmultiline');
    console.groupEnd();
    console.log('outside');
    console.table([{ a: 1, b: 'x' }, { a: 2 }]);
    console.dir({ s: 'q' });
    function tracer() { console.trace('here'); }
    tracer();
  `, 'https://app.example/sw.js');
  const lines = w.lines();
  assert.deepEqual(lines.slice(0, 12), [
    'error: Assertion failed: shown x',
    'error: Assertion failed',
    'log: default: 1',
    'log: default: 2',
    'log: k: 1',
    'log: default: 1',
    'log: t: 250 ms',
    "warn: Timer 't' does not exist",
    'log: G',
    'log:   inside\n  multiline',
    'log: outside',
    [
      'log: ┌─────────┬───┬─────┐',
      '│ (index) │ a │  b  │',
      '├─────────┼───┼─────┤',
      "│    0    │ 1 │ 'x' │",
      '│    1    │ 2 │     │',
      '└─────────┴───┴─────┘',
    ].join('\n'),
  ]);
  assert.equal(lines[12], "log: {s: 'q'}");
  assert.match(lines[13], /^log: Trace: here\n\s+at tracer \(https:\/\/app\.example\/sw\.js:\d+:/);
});

test('console methods work detached and never throw on odd values', () => {
  const w = createWorker();
  w.run(`const { log } = console; log('detached');
    const evil = { get x() { throw new Error('getter'); } };
    console.log(evil, new Proxy({}, { ownKeys() { throw new Error('trap'); } }));`);
  assert.equal(w.lines()[0], 'log: detached');
  assert.equal(w.lines().length, 2);
});
