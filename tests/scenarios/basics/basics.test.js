// Scenario tests for `syncscope test`: the page API, the offline hold, the retry ladder and lastChance.
const seen = [];
navigator.serviceWorker.addEventListener('message', (event) => seen.push(event.data));

test('a sync registered offline is held, coalesced, and fires once online', async () => {
  await syncscope.setOffline(true);
  const reg = await navigator.serviceWorker.register('sw.js');
  await reg.sync.register('outbox');
  await reg.sync.register('outbox');
  expect(await reg.sync.getTags()).toEqual(['outbox']);
  const [tag] = await syncscope.tags();
  expect(tag).toMatchObject({ tag: 'outbox', type: 'sync', state: 'pending', attempts: 0, maxAttempts: 3 });
  await syncscope.advance('1h');
  expect(seen).toHaveLength(0);
  await syncscope.setOffline(false);
  await syncscope.idle();
  const events = await syncscope.events({ service: 'backgroundSync', tag: 'outbox' });
  expect(events.map((e) => e.eventName)).toEqual(['Registered sync', 'Dispatched sync event', 'Sync completed']);
  expect(seen).toEqual([{ tag: 'outbox', lastChance: false }]);
});

test('a failing sync follows the retry ladder to its last chance', async () => {
  const reg = await navigator.serviceWorker.ready;
  await reg.sync.register('fail-upload');
  await syncscope.advance('5m');
  await syncscope.advance('15m');
  const events = await syncscope.events({ service: 'backgroundSync', tag: 'fail-upload' });
  const failed = events.filter((e) => e.eventName === 'sync event failed');
  expect(failed.map((e) => e.eventMetadata.find((m) => m.key === 'Next Attempt Delay (ms)').value)).toEqual(['300000', '900000']);
  expect(events.at(-1)).toMatchObject({ eventName: 'Sync completed', eventMetadata: [{ key: 'Status', value: 'waitUntil rejected' }] });
  expect(seen.filter((m) => m.tag === 'fail-upload').map((m) => m.lastChance)).toEqual([false, false, true]);
});

test('periodic sync needs the permission, then fires at the engagement interval', async () => {
  const reg = await navigator.serviceWorker.ready;
  await expect(reg.periodicSync.register('news', { minInterval: 13 * 3600 * 1000 })).rejects.toThrow('NotAllowedError');
  await syncscope.setPermission('periodic-background-sync', 'granted');
  await reg.periodicSync.register('news', { minInterval: 13 * 3600 * 1000 });
  const news = (await syncscope.tags()).find((t) => t.tag === 'news');
  expect(news.effectiveInterval).toBe(24 * 3600 * 1000);
  await syncscope.advance('24h');
  const events = await syncscope.events({ service: 'periodicBackgroundSync', tag: 'news' });
  expect(events.map((e) => e.eventName)).toContain('Dispatched periodicsync event');
});

test('DevTools-style dispatch by hand, with lastChance', async () => {
  const result = await syncscope.dispatchSync('test-tag-from-devtools', { lastChance: true });
  expect(result.status).toBe('succeeded');
  expect(seen.at(-1)).toEqual({ tag: 'test-tag-from-devtools', lastChance: true });
});

test('messages go both ways as structured clones (Date, Map, bytes, BigInt, cycles)', async () => {
  const reg = await navigator.serviceWorker.ready;
  const message = { echo: true, when: new Date(1700000000000), map: new Map([['a', 1]]), bytes: new Uint8Array([1, 2, 255]), big: 2n ** 70n };
  message.self = message;
  seen.length = 0;
  reg.active.postMessage(message);
  await syncscope.idle();
  expect(seen).toHaveLength(1);
  const { echo, seen: types } = seen[0];
  expect(types).toEqual({ date: 1700000000000, map: [['a', 1]], bytes: [1, 2, 255], big: true, cycle: true, from: 'window' });
  // And back to the page: the worker's reply is a structured clone too.
  assert(echo.when instanceof Date && echo.when.getTime() === 1700000000000, 'a Date comes back as a Date');
  assert(echo.map instanceof Map && echo.map.get('a') === 1, 'a Map comes back as a Map');
  assert(echo.bytes instanceof Uint8Array && echo.bytes[2] === 255, 'bytes come back as a Uint8Array');
  assert(echo.big === 2n ** 70n, 'a BigInt comes back');
  assert(echo.self === echo, 'the cycle is kept');
});

test('page calls run in the order the page made them', async () => {
  const reg = await navigator.serviceWorker.ready;
  reg.sync.register('unawaited'); // not awaited: idle() below still runs after it, as Chromium's IPC is ordered
  await syncscope.idle();
  const events = await syncscope.events({ service: 'backgroundSync', tag: 'unawaited' });
  expect(events.map((e) => e.eventName)).toEqual(['Registered sync', 'Dispatched sync event', 'Sync completed']);
});
