// fake-indexeddb's lib/scheduling.js, replaced at build time (build.mjs): its "queue a task" runs on the
// prelude's own timers, as a task the developer's script cannot clear, flagged for the host as a task (no HTML
// timer-nesting clamp: IndexedDB events come from the database task source, not from timers).
import { internalTimeout } from './timers.js';
import { reportException } from './events.js';

const reported = new WeakSet();

/** An error already reported to the console (an event listener's exceptions, see idb.js). */
export function markReported(e) {
  if (e !== null && typeof e === 'object') reported.add(e);
}

function run(fn) {
  try {
    fn();
  } catch (e) {
    if (!reported.has(e)) reportException(e);
  }
}

export function queueTask(fn) {
  internalTimeout(() => run(fn), 0, true);
}

// Waits (build.mjs turns fake-indexeddb's polling loops into these): `fn` re-checks its condition and calls
// queueTask.poll again while it still has to wait. Nothing runs until wakePolls() — called when a connection
// closes or a transaction finishes — so a blocked open/deleteDatabase costs nothing while it waits.
const polls = new Set();
let wakeQueued = false;

queueTask.poll = (fn) => {
  polls.add(fn);
};

export function wakePolls() {
  if (polls.size === 0 || wakeQueued) return;
  wakeQueued = true;
  queueTask(() => {
    wakeQueued = false;
    const batch = [...polls];
    polls.clear();
    for (const fn of batch) run(fn);
    // One of them finished waiting (it changed state: a connection is now closed): the others look again.
    if (polls.size > 0 && polls.size < batch.length) wakePolls();
  });
}
