import { useState } from 'preact/hooks';
import { Notices } from '../components/Notices';
import type { WorkerInfo } from '../lib/bindings/WorkerInfo';
import { type WorkersModel, workerStatus } from '../lib/models/workers';
import { useModels } from '../hooks';

const value = (e: Event) => (e.currentTarget as HTMLInputElement).value;
const checked = (e: Event) => (e.currentTarget as HTMLInputElement).checked;

/** DevTools' Service workers pane: the Offline toolbar and one card per registration, plus adding a worker. */
export function ServiceWorkersView({ model, onLoadDemo }: { model: WorkersModel; onLoadDemo?: () => void }) {
  useModels(model);
  const [script, setScript] = useState('');
  const [origin, setOrigin] = useState('');
  return (
    <section class="view" aria-label="Service workers">
      <div class="toolbar" role="toolbar">
        <label class="check">
          <input type="checkbox" checked={!model.online} onChange={(e) => void model.setOffline(checked(e))} />
          Offline
        </label>
        <label class="check" title="Pages are not reloaded in the embedded engine: use Update to load the script again">
          <input type="checkbox" disabled /> Update on reload
        </label>
        <label class="check" title="The embedded engine's pages do not fetch through the worker">
          <input type="checkbox" disabled /> Bypass for network
        </label>
      </div>
      <Notices model={model} />
      <div class="scroll">
        {model.workers.length === 0 && (
          <div class="empty">
            <p>No service workers yet. Add one below: a sw.js file, or its URL on your dev server.</p>
            {onLoadDemo && (
              <p>
                Or try the built-in demo, a chat PWA with an offline outbox:{' '}
                <button type="button" onClick={onLoadDemo}>
                  Load the demo
                </button>
              </p>
            )}
          </div>
        )}
        {model.workers.map((w) => (
          <WorkerCard key={w.registration.id} model={model} w={w} />
        ))}
        <form
          class="card add"
          onSubmit={(e) => {
            e.preventDefault();
            void model.add(script, origin).then((ok) => ok && setScript(''));
          }}
        >
          <h3>Add a service worker</h3>
          <label>
            Script <input value={script} onInput={(e) => setScript(value(e))} placeholder="/path/to/sw.js or /sw.js" size={40} />
          </label>
          <label>
            Origin <input value={origin} onInput={(e) => setOrigin(value(e))} placeholder="(a file: http://localhost)" size={28} />
          </label>
          <button type="submit" disabled={model.busy}>
            Add
          </button>
          <p class="muted">
            A file's folder stands for the origin's root (http://localhost); with an origin, the scripts are fetched
            from that server.
          </p>
        </form>
      </div>
    </section>
  );
}

function WorkerCard({ model, w }: { model: WorkersModel; w: WorkerInfo }) {
  const id = w.registration.id;
  const f = model.form(id);
  return (
    <article class="card" aria-label={w.registration.scope}>
      <header>
        <h3>{w.registration.scope}</h3>
        <span class="actions">
          <button type="button" class="link" onClick={() => void model.update(id)}>
            Update
          </button>
          <button type="button" class="link" onClick={() => void model.unregister(id)}>
            Unregister
          </button>
        </span>
      </header>
      <dl class="grid">
        <dt>Source</dt>
        <dd>
          {w.registration.script_url}
          {w.source && <span class="muted"> ({w.source})</span>}
        </dd>
        <dt>Status</dt>
        <dd>
          #{id} {workerStatus(w)}{' '}
          {w.stopped ? (
            <button type="button" class="link" onClick={() => void model.start(id)}>
              start
            </button>
          ) : (
            <button type="button" class="link" onClick={() => void model.stop(id)}>
              stop
            </button>
          )}
        </dd>
        <dt>Clients</dt>
        <dd>{w.registration.window_clients} window client{w.registration.window_clients === 1 ? '' : 's'}</dd>
        <dt>Push</dt>
        <dd>
          <input value={f.pushData} onInput={(e) => model.edit(id, { pushData: value(e) })} aria-label="Push data" />
          <button type="button" onClick={() => model.push(id)}>
            Push
          </button>
        </dd>
        <dt>Sync</dt>
        <dd>
          <input value={f.syncTag} onInput={(e) => model.edit(id, { syncTag: value(e) })} aria-label="Sync tag" />
          <label class="check">
            <input type="checkbox" checked={f.lastChance} onChange={(e) => model.edit(id, { lastChance: checked(e) })} />
            Last chance
          </label>
          <button type="button" title="Fire a sync event now, as DevTools does" onClick={() => void model.sync(id)}>
            Sync
          </button>
          <button
            type="button"
            title="registration.sync.register(tag), as the page would: the engine fires it when due and online"
            onClick={() => void model.register(id)}
          >
            Register
          </button>
        </dd>
        <dt>Periodic sync</dt>
        <dd>
          <input
            value={f.periodicTag}
            onInput={(e) => model.edit(id, { periodicTag: value(e) })}
            aria-label="Periodic sync tag"
          />
          <button type="button" onClick={() => void model.periodicSync(id)}>
            Periodic sync
          </button>
        </dd>
      </dl>
      {f.result && (
        <p class="result" role="status">
          {f.result}
        </p>
      )}
    </article>
  );
}
