// TextEncoder/TextDecoder, atob/btoa, crypto.getRandomValues/randomUUID.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWorker } from './fake-host.js';

const w = createWorker();
const ev = (code) => w.eval(code);

test('TextEncoder: encode and encodeInto (whole code points only)', async () => {
  assert.deepEqual(await ev(`(() => {
    const e = new TextEncoder();
    const out = [e.encoding, Array.from(e.encode('aé€😀')), e.encode() instanceof Uint8Array, e.encode().length, Array.from(e.encode('\\uD800'))];
    const dest = new Uint8Array(5);
    out.push(e.encodeInto('a€😀', dest), Array.from(dest));
    out.push(e.encodeInto('😀', new Uint8Array(3)));
    return out;
  })()`), ['utf-8', [97, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80], true, 0, [0xef, 0xbf, 0xbd],
    { read: 2, written: 4 }, [97, 0xe2, 0x82, 0xac, 0], { read: 0, written: 0 }]);
});

test('TextDecoder: labels, BOM, fatal, views and streaming', async () => {
  assert.deepEqual(await ev(`(() => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0xc3, 0xa9]);
    const out = [];
    out.push(new TextDecoder().decode(bytes), new TextDecoder('utf8', { ignoreBOM: true }).decode(bytes).length, new TextDecoder(' UTF-8 ').encoding);
    out.push(new TextDecoder().decode(bytes.buffer), new TextDecoder().decode(new DataView(bytes.buffer, 3)), new TextDecoder().decode(bytes.subarray(5)));
    out.push(new TextDecoder().decode(new Uint8Array([0x61, 0xff, 0x62])));
    try { new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array([0xff])); } catch (e) { out.push(e.constructor.name); }
    try { new TextDecoder('latin1'); } catch (e) { out.push(e.constructor.name); }
    const d = new TextDecoder();
    const euro = [0xe2, 0x82, 0xac];
    out.push(d.decode(new Uint8Array([0xef, 0xbb]), { stream: true }) + d.decode(new Uint8Array([0xbf, euro[0]]), { stream: true }) + d.decode(new Uint8Array(euro.slice(1))));
    out.push(d.decode(), d.fatal, d.ignoreBOM);
    return out;
  })()`), ['hé', 3, 'utf-8', 'hé', 'hé', '\uFFFD', 'a\uFFFDb', 'TypeError', 'RangeError', '€', '', false, false]);
});

test('btoa/atob: round trip, forgiving decode, InvalidCharacterError', async () => {
  assert.deepEqual(await ev(`(() => {
    const out = [btoa(''), btoa('f'), btoa('fo'), btoa('foo'), btoa('\\xff\\xfe'), atob('Zm9v'), atob(' Zm 9v\\n'), atob('Zg'), atob('Zg=='), atob(btoa('\\x00\\x80\\xff')) === '\\x00\\x80\\xff'];
    for (const bad of [() => btoa('€'), () => atob('Z'), () => atob('Zm9v!'), () => atob('Zg=')]) {
      try { bad(); out.push('no throw'); } catch (e) { out.push(e.name + ':' + (e instanceof DOMException) + ':' + e.code); }
    }
    try { atob(); } catch (e) { out.push(e.constructor.name); }
    return out;
  })()`), ['', 'Zg==', 'Zm8=', 'Zm9v', '//4=', 'foo', 'foo', 'f', 'f', true,
    'InvalidCharacterError:true:5', 'InvalidCharacterError:true:5', 'InvalidCharacterError:true:5', 'InvalidCharacterError:true:5', 'TypeError']);
});

test('crypto.getRandomValues fills integer arrays in place and enforces type and size', async () => {
  assert.deepEqual(await ev(`(() => {
    const a = new Uint32Array(64);
    const same = crypto.getRandomValues(a) === a;
    const nonzero = a.some((x) => x !== 0);
    const out = [same, nonzero, crypto.getRandomValues(new BigUint64Array(2)).length, crypto.getRandomValues(new Uint8Array(65536)).length];
    for (const bad of [new Float32Array(2), new DataView(new ArrayBuffer(2)), new Uint8Array(65537), [1, 2]]) {
      try { crypto.getRandomValues(bad); out.push('no throw'); } catch (e) { out.push(e.name); }
    }
    out.push(crypto instanceof Crypto, typeof crypto.subtle);
    return out;
  })()`), [true, true, 2, 65536, 'TypeMismatchError', 'TypeMismatchError', 'QuotaExceededError', 'TypeMismatchError', true, 'undefined']);
});

test('crypto.randomUUID gives distinct version-4 UUIDs', async () => {
  const ids = await ev('Array.from({ length: 50 }, () => crypto.randomUUID())');
  for (const id of ids) assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(new Set(ids).size, 50);
});
