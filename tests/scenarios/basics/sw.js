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
  console.log('worker got', JSON.stringify(event.data));
});
