// The order-preserving key encoding (src/kv-codec.js, imported directly: it needs no host).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  encodeKey, decodeKey, encodeString, decodeString, escapeName, unescapeName, prefixEnd,
} from '../src/kv-codec.js';

// IndexedDB's "compare two keys", written out independently of fake-indexeddb.
function typeRank(k) {
  if (typeof k === 'number') return 0;
  if (k instanceof Date) return 1;
  if (typeof k === 'string') return 2;
  if (k instanceof ArrayBuffer) return 3;
  if (Array.isArray(k)) return 4;
  throw new Error('not a key');
}
function cmp(a, b) {
  const ta = typeRank(a);
  const tb = typeRank(b);
  if (ta !== tb) return ta < tb ? -1 : 1;
  switch (ta) {
    case 0: return a === b ? 0 : a < b ? -1 : 1;
    case 1: return cmp(a.getTime(), b.getTime());
    case 2: return a === b ? 0 : a < b ? -1 : 1; // JS compares strings by UTF-16 code units, as IDB does
    case 3: {
      const x = new Uint8Array(a);
      const y = new Uint8Array(b);
      for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
      return cmp(x.length, y.length);
    }
    default: {
      for (let i = 0; i < Math.min(a.length, b.length); i++) {
        const c = cmp(a[i], b[i]);
        if (c !== 0) return c;
      }
      return cmp(a.length, b.length);
    }
  }
}

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomKey(r, depth = 0) {
  const pick = (list) => list[Math.floor(r() * list.length)];
  switch (Math.floor(r() * (depth > 2 ? 4 : 5))) {
    case 0: return pick([0, 1, -1, 0.5, -0.5, 2 ** 53, -(2 ** 53), 1e-310, -1e-310, Infinity, -Infinity, Number.MAX_VALUE, Math.floor(r() * 2000) - 1000, r() * 1e6 - 5e5]);
    case 1: return new Date(pick([0, -1, 1, 8.64e15, -8.64e15, Math.floor(r() * 1e12)]));
    case 2: {
      const units = [0, 1, 0x7e, 0x7f, 0x80, 0xff, 0x100, 0x407e, 0x407f, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xe000, 0xfffe, 0xffff, 0x61, 0x62];
      const n = Math.floor(r() * 4);
      let s = '';
      for (let i = 0; i < n; i++) s += String.fromCharCode(r() < 0.5 ? pick(units) : Math.floor(r() * 0x10000));
      return s;
    }
    case 3: {
      const n = Math.floor(r() * 4);
      return Uint8Array.from({ length: n }, () => pick([0, 1, 0xfe, 0xff, Math.floor(r() * 256)])).buffer;
    }
    default: return Array.from({ length: Math.floor(r() * 3) }, () => randomKey(r, depth + 1));
  }
}

const memcmp = (a, b) => Math.sign(Buffer.compare(Buffer.from(a), Buffer.from(b)));

test('bytewise order of encoded keys is IndexedDB key order (2000 random keys of every type, nested arrays)', () => {
  const r = rng(42);
  const keys = Array.from({ length: 2000 }, () => randomKey(r));
  const encoded = keys.map((k) => encodeKey(k));
  for (let i = 0; i < 40000; i++) {
    const a = Math.floor(r() * keys.length);
    const b = Math.floor(r() * keys.length);
    assert.equal(memcmp(encoded[a], encoded[b]), cmp(keys[a], keys[b]), `${JSON.stringify(keys[a])} vs ${JSON.stringify(keys[b])}`);
  }
  // Sorting by bytes and sorting by cmp agree.
  const byBytes = keys.map((k, i) => i).sort((a, b) => memcmp(encoded[a], encoded[b]));
  for (let i = 1; i < byBytes.length; i++) assert.ok(cmp(keys[byBytes[i - 1]], keys[byBytes[i]]) <= 0);
});

test('decodeKey(encodeKey(k)) gives k back (types included); -0 is 0; typed arrays become ArrayBuffers', () => {
  const r = rng(7);
  for (let i = 0; i < 2000; i++) {
    const k = randomKey(r);
    const back = decodeKey(encodeKey(k));
    assert.equal(cmp(back, k), 0);
    assert.equal(typeRank(back), typeRank(k));
  }
  assert.deepEqual(encodeKey(-0), encodeKey(0));
  assert.ok(Object.is(decodeKey(encodeKey(-0)), 0));
  const view = new Uint8Array([9, 0, 1, 2]).subarray(1, 3);
  assert.deepEqual(new Uint8Array(decodeKey(encodeKey(view))), new Uint8Array([0, 1]));
  assert.ok(decodeKey(encodeKey(new Date(5))) instanceof Date);
  // Exact bytes of a few keys (the format is part of the stored data).
  assert.deepEqual([...encodeKey(1)], [0x10, 0xbf, 0xf0, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual([...encodeKey(-1)], [0x10, 0x40, 0x0f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
  assert.deepEqual([...encodeKey('a\u0080\uffff')], [0x30, 0x62, 0x80, 0x01, 0xff, 0xff, 0xc0, 0]);
  assert.deepEqual([...encodeKey(new Uint8Array([0, 7]).buffer)], [0x40, 0, 0xff, 7, 0]);
  assert.deepEqual([...encodeKey(['', []])], [0x50, 0x30, 0, 0x50, 0, 0]);
  assert.deepEqual([...encodeKey(new ArrayBuffer(0))], [0x40, 0]);
  assert.ok(memcmp(encodeKey(new ArrayBuffer(0)), encodeKey(new Uint8Array([0]).buffer)) < 0);
  assert.throws(() => encodeKey({}), { name: 'DataError' });
  assert.throws(() => decodeKey(Uint8Array.of(0x30, 0x62)), { name: 'UnknownError' });
});

test('strings: lossless for every code unit (lone surrogates too), no unit starts with 0x00, order by code units', () => {
  let all = '';
  for (let c = 0; c < 0x10000; c++) all += String.fromCharCode(c);
  const bytes = encodeString(all);
  assert.equal(decodeString(bytes), all);
  for (let c = 0; c < 0x10000; c++) assert.notEqual(encodeString(String.fromCharCode(c))[0], 0);
  for (let c = 1; c < 0x10000; c++) {
    assert.ok(memcmp(encodeString(String.fromCharCode(c - 1)), encodeString(String.fromCharCode(c))) < 0, c.toString(16));
  }
});

test('namespace names: escaping is reversible and no escaped name is another\'s "name:" prefix', () => {
  for (const name of ['', 'a', 'a:b', 'a%3Ab', '%', '%%3A', ':', 'é:😀']) {
    assert.equal(unescapeName(escapeName(name)), name);
    assert.ok(!escapeName(name).includes(':'));
  }
  assert.notEqual(escapeName('a:b'), escapeName('a%3Ab'));
  assert.deepEqual([...prefixEnd(Uint8Array.of(1, 2))], [1, 3]);
  assert.deepEqual([...prefixEnd(Uint8Array.of(1, 0xff))], [2]);
  assert.equal(prefixEnd(Uint8Array.of(0xff, 0xff)), null);
});
