// Syncscope demo — the story, run in the chat page with the `syncscope` controls. Each step narrates itself.
async function story() {
  const say = (text) => console.info(`▸ ${text}`);
  const show = async () => {
    for (const t of await syncscope.tags()) {
      console.info(`  tag ${t.type} "${t.tag}": ${t.state}, attempts ${t.attempts} of ${t.maxAttempts}` +
        (t.effectiveInterval ? `, every ${t.effectiveInterval / 3600000} h` : '') +
        (t.lastChanceNext ? ', next dispatch is the last chance' : ''));
    }
  };
  say('The chat page registers its service worker and a periodic sync "refresh-feed" (minInterval 12 h).');
  const registration = await navigator.serviceWorker.register('/sw.js');
  await syncscope.setPermission('periodic-background-sync', 'granted');
  await registration.periodicSync.register('refresh-feed', { minInterval: 12 * 3600 * 1000 });

  say('The network goes offline. The user sends three messages: each waits in the IndexedDB outbox and registers sync "outbox" (one registration: same tag).');
  await syncscope.setOffline(true);
  for (const text of ['Hi!', 'Are you there?', 'Sent from a tunnel']) await chat.send(text);
  await show();

  say('The network is back: the held sync fires at once. The server is having a bad moment and answers 503.');
  await syncscope.setOffline(false);
  await syncscope.idle();
  await show();

  say('Five (virtual) minutes later Chromium retries; this time the server answers.');
  await syncscope.advance('5m');

  say('A day passes in a moment: the periodic sync keeps the feed fresh.');
  await syncscope.advance('36h');
  await show();
}
