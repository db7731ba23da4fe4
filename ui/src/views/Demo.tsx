import { useState } from 'preact/hooks';
import { Notices } from '../components/Notices';
import { formatTime } from '../lib/format';
import type { ClockModel } from '../lib/models/clock';
import { type DemoModel, FEED_TAG, MAX_MESSAGE_CHARS, OUTBOX_TAG } from '../lib/models/demo';
import { tagRow, type TagsModel } from '../lib/models/tags';
import type { WorkersModel } from '../lib/models/workers';
import { useModels } from '../hooks';

const value = (e: Event) => (e.currentTarget as HTMLInputElement).value;
const checked = (e: Event) => (e.currentTarget as HTMLInputElement).checked;

/** The built-in demo: a chat PWA whose messages written offline are delivered by Background Sync. */
export function DemoView({
  model,
  workers,
  tags,
  clock,
  onStart,
}: {
  model: DemoModel;
  workers: WorkersModel;
  tags: TagsModel;
  clock: ClockModel;
  /** Loads the demo (and reloads the other views). */
  onStart: () => void;
}) {
  useModels(model, workers, tags, clock);
  const [draft, setDraft] = useState('');
  // What the user typed in "Fail the next N", or null to show the server's current N.
  const [failNext, setFailNext] = useState<string | null>(null);
  const info = model.info;
  if (!info) {
    return (
      <section class="view demo" aria-label="Demo">
        <Notices model={model} />
        <div class="scroll">
          <div class="card">
            <h3>The built-in demo</h3>
            <p>
              A small chat PWA — a page (<code>app.js</code>) and a real <code>sw.js</code> — served by a chat server on
              127.0.0.1 and run by Syncscope's embedded worker. Messages sent offline wait in an IndexedDB outbox and are
              delivered by Background Sync once the network is back, with Chromium's retries when the server fails.
            </p>
            <button type="button" disabled={model.busy} onClick={onStart}>
              Load the demo
            </button>
          </div>
        </div>
      </section>
    );
  }
  const outbox = model.outboxTag(tags.tags);
  const row = outbox && tagRow(outbox, clock.now());
  const sent = model.sentMessages();
  return (
    <section class="view demo" aria-label="Demo">
      <div class="toolbar" role="toolbar">
        <label class="check">
          <input type="checkbox" checked={!workers.online} onChange={(e) => void workers.setOffline(checked(e))} />
          Offline
        </label>
        <span class="sep" />
        <button
          type="button"
          disabled={!clock.isVirtual || clock.busy}
          title={clock.isVirtual ? 'Run the virtual clock to the next thing due (e.g. the retry)' : 'Needs the virtual clock'}
          onClick={() => void clock.advanceToNext()}
        >
          Advance to next event
        </button>
        <span class="grow" />
        <span class="muted">{formatTime(clock.now(), false, false)}</span>
      </div>
      <Notices model={model} />
      <div class="scroll">
        <div class="card">
          <header>
            <h3>Chat — {info.url}</h3>
            <span class="muted">
              page app.js · worker sw.js (#{info.sw})
            </span>
          </header>
          <p class="muted">
            Send writes the message to the page's IndexedDB outbox and calls{' '}
            <code>registration.sync.register('{OUTBOX_TAG}')</code>. Offline, the sync waits; online, it fires at once and
            the worker posts the outbox to the server. A 503 fails the attempt: Chromium retries 5 minutes later, then 15
            (the last chance). The periodic sync <code>{FEED_TAG}</code> caches the feed.
          </p>
          <form
            class="row"
            onSubmit={(e) => {
              e.preventDefault();
              void model.send(draft).then((ok) => ok && setDraft(''));
            }}
          >
            <input
              class="grow"
              value={draft}
              maxLength={MAX_MESSAGE_CHARS}
              onInput={(e) => setDraft(value(e))}
              placeholder="Write a message"
              aria-label="Message"
            />
            <button type="submit" disabled={model.busy}>
              Send
            </button>
          </form>
          <p class="result" data-testid="outbox-state">
            {row
              ? `sync "${OUTBOX_TAG}": ${row.state}, attempt ${row.attempts}${outbox.next_fire !== null ? `, next ${row.next}` : ''}${outbox.last_chance_next ? ' (last chance)' : ''}`
              : `sync "${OUTBOX_TAG}": nothing waiting`}
            {!workers.online && ' — offline'}
          </p>
          {sent.length > 0 && (
            <ul class="messages" aria-label="Sent messages">
              {sent.map((m, i) => (
                <li key={i} class={m.state}>
                  <span>{m.text}</span> <span class="muted">{m.state}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
        <div class="card" aria-label="Chat server">
          <header>
            <h3>Chat server</h3>
            <span class="muted">
              {info.failed} POST{info.failed === 1 ? '' : 's'} answered with 503 so far
            </span>
          </header>
          <form
            class="row"
            onSubmit={(e) => {
              e.preventDefault();
              void model.setFailNext(failNext ?? String(info.fail_next)).then((ok) => ok && setFailNext(null));
            }}
          >
            <label>
              Fail the next{' '}
              <input value={failNext ?? String(info.fail_next)} onInput={(e) => setFailNext(value(e))} size={4} aria-label="POSTs to fail" /> POSTs
              with 503
            </label>
            <button type="submit" disabled={model.busy}>
              Set
            </button>
            <span class="muted" data-testid="fail-next">
              {info.fail_next === 0 ? 'accepting every POST' : `the next ${info.fail_next} will fail`}
            </span>
          </form>
          <h4>Received</h4>
          {info.received.length === 0 ? (
            <p class="muted">Nothing received yet.</p>
          ) : (
            <ol class="messages" aria-label="Received messages">
              {info.received.map((m, i) => (
                <li key={i}>
                  <span>{m.text}</span>
                  {m.sent_at !== null && <span class="muted"> written {formatTime(m.sent_at).slice(11, 19)}</span>}
                </li>
              ))}
            </ol>
          )}
        </div>
      </div>
    </section>
  );
}
