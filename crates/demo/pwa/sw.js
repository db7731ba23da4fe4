// Syncscope demo — the chat app's service worker.
// Messages written while offline wait in an IndexedDB outbox (seed 004's pattern); the "outbox" sync sends them
// to the server when the network is back, retried with Chromium's back-off if the server fails. A periodic sync
// keeps a copy of the feed in Cache Storage.
const DB_NAME = 'chat';
const OUTBOX = 'outbox';

function openDb() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(OUTBOX, { keyPath: 'id', autoIncrement: true });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function outbox(mode, fn) {
  return openDb().then((db) => new Promise((resolve, reject) => {
    const tx = db.transaction(OUTBOX, mode);
    const result = fn(tx.objectStore(OUTBOX));
    tx.oncomplete = () => resolve(result.result);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  }));
}

async function sendOutbox(event) {
  const messages = await outbox('readonly', (store) => store.getAll());
  console.log(`sync "${event.tag}" (lastChance: ${event.lastChance}): ${messages.length} message(s) to send`);
  for (const message of messages) {
    const response = await fetch('/api/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: message.text, sentAt: message.sentAt }),
    });
    if (!response.ok) throw new Error(`the server answered ${response.status}`);
    await outbox('readwrite', (store) => store.delete(message.id));
    console.log(`delivered "${message.text}"`);
  }
  for (const client of await self.clients.matchAll()) client.postMessage({ type: 'outbox-sent', count: messages.length });
}

async function refreshFeed() {
  const response = await fetch('/api/messages');
  const cache = await caches.open('feed');
  await cache.put('/api/messages', response.clone());
  const feed = await response.json();
  console.log(`feed refreshed: ${feed.length} message(s) cached`);
}

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
self.addEventListener('sync', (event) => {
  if (event.tag === 'outbox') event.waitUntil(sendOutbox(event));
});
self.addEventListener('periodicsync', (event) => {
  if (event.tag === 'refresh-feed') event.waitUntil(refreshFeed());
});
