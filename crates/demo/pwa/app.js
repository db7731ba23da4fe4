// Syncscope demo — the chat app's page code: write to the IndexedDB outbox, ask for a sync (seed 004's pattern).
const chat = {
  async send(text) {
    const db = await new Promise((resolve, reject) => {
      const request = indexedDB.open('chat', 1);
      request.onupgradeneeded = () => request.result.createObjectStore('outbox', { keyPath: 'id', autoIncrement: true });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    await new Promise((resolve, reject) => {
      const tx = db.transaction('outbox', 'readwrite');
      tx.objectStore('outbox').add({ text, sentAt: Date.now() });
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
    const registration = await navigator.serviceWorker.ready;
    await registration.sync.register('outbox');
  },
};
navigator.serviceWorker.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'outbox-sent') console.log(`page: the service worker reports ${event.data.count} message(s) sent`);
});
