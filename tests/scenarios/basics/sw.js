// A service worker for the basics scenario: tags starting with "fail" reject, others succeed; every sync is
// reported to the page that registered it.
self.addEventListener('sync', (event) => {
  event.waitUntil((async () => {
    const pages = await self.clients.matchAll();
    for (const page of pages) page.postMessage({ tag: event.tag, lastChance: event.lastChance });
    if (event.tag.startsWith('fail')) throw new Error(`could not send ${event.tag}`);
  })());
});

self.addEventListener('message', (event) => {
  console.log('worker got a message with', Object.keys(event.data || {}).join(', '));
  // Echo: what arrived, and what the worker can tell about its types (structured clone, not JSON).
  const d = event.data;
  if (d && d.echo) {
    event.waitUntil(event.source.postMessage({
      echo: d,
      seen: {
        date: d.when instanceof Date && d.when.getTime(),
        map: d.map instanceof Map && [...d.map.entries()],
        bytes: d.bytes instanceof Uint8Array && [...d.bytes],
        big: typeof d.big === 'bigint' && d.big === 2n ** 70n,
        cycle: d.self === d,
        from: event.source && event.source.type,
      },
    }));
  }
});
