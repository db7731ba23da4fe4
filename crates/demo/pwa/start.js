// Syncscope demo — the chat page starting up as an installed app would (the desktop app's demo runs this in the
// page after app.js; the CLI's story.js takes the same steps with narration): it registers its service worker and a
// periodic sync "refresh-feed" (minInterval 12 h). Chromium grants periodic background sync to installed apps only;
// the demo stands for one.
async function startChat() {
  const registration = await navigator.serviceWorker.register('/sw.js');
  await syncscope.setPermission('periodic-background-sync', 'granted');
  await registration.periodicSync.register('refresh-feed', { minInterval: 12 * 3600 * 1000 });
  return registration.scope;
}

// The compose box's Send: what the page's own UI would call.
function sendChat(text) {
  return chat.send(String(text));
}
