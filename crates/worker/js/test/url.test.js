// URL (on host.urlParse) and URLSearchParams (pure JS).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWorker } from './fake-host.js';

const w = createWorker({ scriptURL: 'https://app.example/static/sw.js' });
const ev = (code) => w.eval(code);

test('URL parses, resolves against a base, exposes components, and throws TypeError on bad input', async () => {
  assert.deepEqual(await ev(`(() => { const u = new URL('../api/items?x=1#frag', 'https://user:pw@Example.COM:8443/a/b/c');
    return [u.href, u.origin, u.protocol, u.username, u.password, u.host, u.hostname, u.port, u.pathname, u.search, u.hash, String(u), JSON.stringify({ u })]; })()`),
  ['https://user:pw@example.com:8443/a/api/items?x=1#frag', 'https://example.com:8443', 'https:', 'user', 'pw', 'example.com:8443',
    'example.com', '8443', '/a/api/items', '?x=1', '#frag', 'https://user:pw@example.com:8443/a/api/items?x=1#frag',
    '{"u":"https://user:pw@example.com:8443/a/api/items?x=1#frag"}']);
  assert.deepEqual(await ev(`(() => { try { new URL('/relative'); } catch (e) { return [e.constructor === TypeError, e.message]; } })()`),
    [true, "Failed to construct 'URL': Invalid URL"]);
  assert.deepEqual(await ev(`[URL.canParse('https://x'), URL.canParse('nope'), URL.canParse('/p', 'https://x'), URL.parse('nope'), URL.parse('b', 'https://x/a').href]`),
    [true, false, true, null, 'https://x/b']);
});

test('URL setters rebuild and re-parse like the URL standard', async () => {
  assert.deepEqual(await ev(`(() => {
    const u = new URL('https://example.com/path?a=1#h');
    const out = [];
    u.pathname = '/new path/ü?x#y'; out.push(u.href);
    u.search = 'b=2&c=3'; out.push(u.href);
    u.search = ''; out.push(u.href);
    u.hash = 'section'; out.push(u.href);
    u.hash = ''; out.push(u.href);
    u.port = '8080'; out.push(u.href);
    u.port = '443'; out.push(u.href);
    u.port = 'abc'; out.push(u.port);
    u.port = '99999'; out.push(u.port);
    u.host = 'other.example:81'; out.push(u.href);
    u.hostname = 'third.example'; out.push(u.href);
    u.hostname = 'bad:host'; out.push(u.hostname);
    u.username = 'a b@c'; u.password = 'p:w'; out.push(u.href);
    u.protocol = 'http'; out.push(u.href);
    u.protocol = 'mailto'; out.push(u.protocol);
    u.href = 'https://reset.example/'; out.push(u.href);
    try { u.href = 'not a url'; } catch (e) { out.push(e.name); }
    u.pathname = 'no-slash'; out.push(u.pathname);
    return out;
  })()`), [
    'https://example.com/new%20path/%C3%BC%3Fx%23y?a=1#h',
    'https://example.com/new%20path/%C3%BC%3Fx%23y?b=2&c=3#h',
    'https://example.com/new%20path/%C3%BC%3Fx%23y#h',
    'https://example.com/new%20path/%C3%BC%3Fx%23y#section',
    'https://example.com/new%20path/%C3%BC%3Fx%23y',
    'https://example.com:8080/new%20path/%C3%BC%3Fx%23y',
    'https://example.com/new%20path/%C3%BC%3Fx%23y',
    '',
    '',
    'https://other.example:81/new%20path/%C3%BC%3Fx%23y',
    'https://third.example:81/new%20path/%C3%BC%3Fx%23y',
    'third.example',
    'https://a%20b%40c:p%3Aw@third.example:81/new%20path/%C3%BC%3Fx%23y',
    'http://a%20b%40c:p%3Aw@third.example:81/new%20path/%C3%BC%3Fx%23y',
    'http:',
    'https://reset.example/',
    'TypeError',
    '/no-slash',
  ]);
});

test('searchParams is live-bound both ways', async () => {
  assert.deepEqual(await ev(`(() => {
    const u = new URL('https://x.example/?a=1&b=2');
    const p = u.searchParams;
    const out = [p === u.searchParams];
    p.append('c', 'd e');
    out.push(u.href);
    p.delete('a');
    out.push(u.search);
    u.search = '?z=9';
    out.push(p.get('z'), p.has('b'), p.size);
    p.delete('z');
    out.push(u.href);
    u.href = 'https://x.example/?q=%F0%9F%98%80';
    out.push(p.get('q'));
    return out;
  })()`), [true, 'https://x.example/?a=1&b=2&c=d+e', '?b=2&c=d+e', '9', false, 1, 'https://x.example/', '😀']);
});

test('URLSearchParams: init forms, methods, iteration, and the form-urlencoded round trip', async () => {
  assert.deepEqual(await ev(`(() => {
    const out = [];
    const p = new URLSearchParams('?a=1&b=x+y&a=2&empty=&noval&%zz=%41&enc=%E2%82%AC&bad=%FF');
    out.push([...p]);
    out.push(p.get('a'), p.getAll('a'), p.get('missing'), p.has('a', '2'), p.has('a', '3'), p.size);
    p.set('a', 'only'); out.push(p.getAll('a'), p.toString());
    p.delete('b', 'nope'); out.push(p.has('b'));
    p.delete('b'); out.push(p.has('b'));
    out.push(new URLSearchParams({ k: 'v', n: 1 }).toString());
    out.push(new URLSearchParams([['x', '1'], ['y', '2']]).toString());
    out.push(new URLSearchParams(new URLSearchParams('q=1')).toString());
    try { new URLSearchParams([['one']]); } catch (e) { out.push(e.name); }
    const s = new URLSearchParams('z=1&a=2&b=3&a=1'); s.sort(); out.push(s.toString());
    const keys = []; s.forEach((v, k, obj) => keys.push(k + '=' + v + ':' + (obj === s)));
    out.push(keys, [...s.keys()], [...s.values()], [...s.entries()].length);
    const special = new URLSearchParams(); special.append("sp ce&=+*-._!~'()ü", 'v/?#%');
    out.push(special.toString(), new URLSearchParams(special.toString()).get("sp ce&=+*-._!~'()ü"));
    return out;
  })()`), [
    [['a', '1'], ['b', 'x y'], ['a', '2'], ['empty', ''], ['noval', ''], ['%zz', 'A'], ['enc', '€'], ['bad', '\uFFFD']],
    '1', ['1', '2'], null, true, false, 8,
    ['only'], 'a=only&b=x+y&empty=&noval=&%25zz=A&enc=%E2%82%AC&bad=%EF%BF%BD',
    true, false,
    'k=v&n=1', 'x=1&y=2', 'q=1', 'TypeError',
    'a=2&a=1&b=3&z=1',
    ['a=2:true', 'a=1:true', 'b=3:true', 'z=1:true'], ['a', 'a', 'b', 'z'], ['2', '1', '3', '1'], 4,
    'sp+ce%26%3D%2B*-._%21%7E%27%28%29%C3%BC=v%2F%3F%23%25', 'v/?#%',
  ]);
});

test('self.location is a WorkerLocation for the script URL; self.origin matches', async () => {
  assert.deepEqual(await ev(`[String(location), location.href, location.origin, location.pathname, location.host, location instanceof WorkerLocation, self.origin, registration.scope]`),
    ['https://app.example/static/sw.js', 'https://app.example/static/sw.js', 'https://app.example', '/static/sw.js', 'app.example', true, 'https://app.example', 'https://app.example/static/']);
});
