import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { Notices } from '../components/Notices';
import type { ChromiumWorker } from '../lib/bindings/ChromiumWorker';
import type { WorkerInfo } from '../lib/bindings/WorkerInfo';
import type { TargetModel } from '../lib/models/target';
import { type WorkersModel, workerStatus } from '../lib/models/workers';
import { useModels } from '../hooks';

const value = (e: Event) => (e.currentTarget as HTMLInputElement).value;
const checked = (e: Event) => (e.currentTarget as HTMLInputElement).checked;

/** DevTools' Service workers pane: the target picker, the Offline / Update on reload / Bypass for network toolbar
 *  and one card per registration (the embedded engine's, or the attached Chromium's), plus adding a worker. */
export function ServiceWorkersView({
  model,
  target,
  onLoadDemo,
}: {
  model: WorkersModel;
  target: TargetModel;
  onLoadDemo?: () => void;
}) {
  useModels(model, target);
  const [script, setScript] = useState('');
  const [origin, setOrigin] = useState('');
  const chromium = target.isChromium;
  return (
    <section class="view" aria-label="Service workers">
      <TargetPicker target={target} />
      <div class="toolbar" role="toolbar">
        <label class="check" title={chromium ? "Network.emulateNetworkConditions on every Chromium worker's session" : undefined}>
          <input
            type="checkbox"
            aria-label="Offline"
            checked={chromium ? target.status.offline : !model.online}
            disabled={chromium && !target.connected}
            onChange={(e) => void (chromium ? target.setOffline(checked(e)) : model.setOffline(checked(e)))}
          />
          Offline
        </label>
        <Toggle
          label="Update on reload"
          title="Each page of the origin that opens loads the worker's script again and installs it, changed or not (Chromium: ServiceWorker.setForceUpdateOnPageLoad)"
          checked={model.swOptions.update_on_reload}
          onChange={(on) => void model.changeSwOptions({ update_on_reload: on })}
        />
        <Toggle
          label="Bypass for network"
          title="Pages' fetches go to the network, not through the worker's fetch event (Chromium: Network.setBypassServiceWorker on the pages Syncscope opened)"
          checked={model.swOptions.bypass_for_network}
          onChange={(on) => void model.changeSwOptions({ bypass_for_network: on })}
        />
      </div>
      <Notices model={model} />
      {chromium ? <ChromiumWorkers target={target} /> : <div class="scroll">
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
      </div>}
    </section>
  );
}

/** Embedded engine or Chromium: launch one, attach by port / ws:// URL, detach; the connection's state. */
function TargetPicker({ target }: { target: TargetModel }) {
  const [address, setAddress] = useState('');
  const s = target.status;
  const busy = target.busy || s.state === 'connecting';
  return (
    <div class="target" aria-label="Target">
      <div class="toolbar" role="toolbar">
        <span class={`target-state ${s.state}`} role="status" aria-label="Target state">
          Target: {target.summary}
        </span>
        {s.state === 'embedded' || s.state === 'connecting' ? (
          <form
            class="inline"
            onSubmit={(e) => {
              e.preventDefault();
              void target.attach(address);
            }}
          >
            <button type="button" disabled={busy} onClick={() => void target.launch()}>
              Launch Chromium
            </button>
            <input
              value={address}
              onInput={(e) => setAddress(value(e))}
              placeholder="DevTools port (9222) or ws:// URL"
              aria-label="DevTools address"
              size={30}
            />
            <button type="submit" disabled={busy}>
              Attach
            </button>
          </form>
        ) : (
          <>
            {s.launched && <span class="muted">(launched by Syncscope)</span>}
            <button type="button" disabled={target.busy} onClick={() => void target.detach()}>
              Detach
            </button>
          </>
        )}
      </div>
      {s.state === 'disconnected' && !target.error && (
        <div class="notice error" role="alert">
          <span>The attached Chromium went away: {s.error ?? 'the connection closed'}. Detach to return to the embedded engine.</span>
        </div>
      )}
      <Notices model={target} />
    </div>
  );
}

/** The attached Chromium's registrations, with DevTools' Sync and Periodic sync buttons. */
function ChromiumWorkers({ target }: { target: TargetModel }) {
  const [url, setUrl] = useState('');
  const s = target.status;
  return (
    <div class="scroll">
      {s.workers.length === 0 && (
        <div class="empty">
          <p>Chromium has no service workers yet. Open a page of your app that registers one.</p>
        </div>
      )}
      {s.workers.map((w) => (
        <ChromiumCard key={w.registration_id} target={target} w={w} />
      ))}
      <form
        class="card add"
        onSubmit={(e) => {
          e.preventDefault();
          void target.openPage(url).then((ok) => ok && setUrl(''));
        }}
      >
        <h3>Open a page in Chromium</h3>
        <label>
          URL <input value={url} onInput={(e) => setUrl(value(e))} placeholder="http://127.0.0.1:8080/" size={40} />
        </label>
        <button type="submit" disabled={target.busy || !target.connected}>
          Open
        </button>
      </form>
    </div>
  );
}

function ChromiumCard({ target, w }: { target: TargetModel; w: ChromiumWorker }) {
  const f = target.form(w.registration_id);
  const id = w.registration_id;
  const off = !target.connected;
  return (
    <article class="card" aria-label={w.scope_url}>
      <header>
        <h3>{w.scope_url}</h3>
      </header>
      <dl class="grid">
        <dt>Source</dt>
        <dd>{w.script_url}</dd>
        <dt>Status</dt>
        <dd>
          #{id} {w.status || 'unknown'} and is {w.running_status || 'unknown'}
        </dd>
        <SyncRows
          form={f}
          edit={(patch) => target.edit(id, patch)}
          disabled={off}
          onSync={() => void target.sync(w)}
          onPeriodicSync={() => void target.periodicSync(w)}
        />
      </dl>
      {f.result && (
        <p class="result" role="status">
          {f.result}
        </p>
      )}
    </article>
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
        <SyncRows
          form={f}
          edit={(patch) => model.edit(id, patch)}
          onSync={() => void model.sync(id)}
          onPeriodicSync={() => void model.periodicSync(id)}
        >
          <button
            type="button"
            title="registration.sync.register(tag), as the page would: the engine fires it when due and online"
            onClick={() => void model.register(id)}
          >
            Register
          </button>
        </SyncRows>
      </dl>
      {f.result && (
        <p class="result" role="status">
          {f.result}
        </p>
      )}
    </article>
  );
}

/** A toolbar checkbox of DevTools' Service workers pane. */
function Toggle({ label, title, checked: on, onChange }: { label: string; title: string; checked: boolean; onChange: (on: boolean) => void }) {
  return (
    <label class="check" title={title}>
      <input type="checkbox" aria-label={label} checked={on} onChange={(e) => onChange(checked(e))} /> {label}
    </label>
  );
}

/** DevTools' Sync (tag + Last chance) and Periodic sync (tag) rows of a registration; `children` go after Sync. */
function SyncRows({
  form,
  edit,
  disabled = false,
  onSync,
  onPeriodicSync,
  children,
}: {
  form: { syncTag: string; lastChance: boolean; periodicTag: string };
  edit: (patch: { syncTag?: string; lastChance?: boolean; periodicTag?: string }) => void;
  disabled?: boolean;
  onSync: () => void;
  onPeriodicSync: () => void;
  children?: ComponentChildren;
}) {
  return (
    <>
      <dt>Sync</dt>
      <dd>
        <input value={form.syncTag} onInput={(e) => edit({ syncTag: value(e) })} aria-label="Sync tag" />
        <label class="check">
          <input type="checkbox" checked={form.lastChance} onChange={(e) => edit({ lastChance: checked(e) })} />
          Last chance
        </label>
        <button type="button" title="Fire a sync event now, as DevTools does" disabled={disabled} onClick={onSync}>
          Sync
        </button>
        {children}
      </dd>
      <dt>Periodic sync</dt>
      <dd>
        <input value={form.periodicTag} onInput={(e) => edit({ periodicTag: value(e) })} aria-label="Periodic sync tag" />
        <button type="button" disabled={disabled} onClick={onPeriodicSync}>
          Periodic sync
        </button>
      </dd>
    </>
  );
}
