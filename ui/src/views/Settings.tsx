import { Notices } from '../components/Notices';
import type { Engagement } from '../lib/bindings/Engagement';
import type { PermissionState } from '../lib/bindings/PermissionState';
import { ENGAGEMENTS, PARAM_FIELDS, PERMISSION_STATES, type SettingsModel } from '../lib/models/settings';
import { useModels } from '../hooks';

const selected = (e: Event) => (e.currentTarget as HTMLSelectElement).value;

/** Chromium's parameters, site engagement and permissions per origin, and the network. */
export function SettingsView({ model, origins }: { model: SettingsModel; origins: string[] }) {
  useModels(model);
  const s = model.snapshot;
  return (
    <section class="view" aria-label="Engine settings">
      <Notices model={model} />
      <div class="scroll">
        <div class="card">
          <h3>Network</h3>
          <label class="check">
            <input
              type="checkbox"
              checked={s ? !s.engine.online : false}
              onChange={(e) => void model.setOffline((e.currentTarget as HTMLInputElement).checked)}
            />
            Offline (pending syncs wait; going online fires them at once)
          </label>
        </div>
        <form
          class="card"
          onSubmit={(e) => {
            e.preventDefault();
            void model.saveHosts();
          }}
        >
          <h3>Hosts workers may connect to</h3>
          <p class="muted">
            Besides their own origin and loopback (dev servers), always allowed. One per line: <code>api.example.com</code>,{' '}
            <code>*.example.com</code>, <code>10.0.0.5</code>, or <code>*</code> for any. Link-local addresses (cloud
            metadata) only by address. Running workers' next requests follow the list.
          </p>
          {s && s.allow_hosts.from_env.length > 0 && (
            <p class="muted">
              Also allowed by <code>SYNCSCOPE_ALLOW_HOSTS</code>: <span class="mono">{s.allow_hosts.from_env.join(', ')}</span>
            </p>
          )}
          <textarea
            aria-label="Hosts workers may connect to"
            rows={3}
            cols={40}
            value={model.hostsDraft}
            onInput={(e) => model.editHosts((e.currentTarget as HTMLTextAreaElement).value)}
          />
          <div class="row">
            <button type="submit" disabled={!model.hostsDirty || model.busy}>
              Save hosts
            </button>
          </div>
        </form>
        <form
          class="card"
          onSubmit={(e) => {
            e.preventDefault();
            void model.saveParams();
          }}
        >
          <h3>Parameters</h3>
          <p class="muted">Chromium's BackgroundSyncParameters, by their field-trial names.</p>
          <table class="form-table">
            <tbody>
              {PARAM_FIELDS.map((f) => (
                <tr key={f.name}>
                  <th>
                    <label for={`p-${f.name}`}>{f.label}</label>
                    <div class="muted mono">{f.name}</div>
                  </th>
                  <td>
                    <input
                      id={`p-${f.name}`}
                      value={model.draft[f.name] ?? ''}
                      size={10}
                      onInput={(e) => model.edit(f.name, (e.currentTarget as HTMLInputElement).value)}
                    />{' '}
                    {f.unit === 'seconds' ? 's' : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div class="row">
            <button type="submit" disabled={!model.dirty || model.busy}>
              Save parameters
            </button>
            <button type="button" onClick={() => void model.resetParams()}>
              Chromium's defaults
            </button>
          </div>
        </form>
        <div class="card">
          <h3>Origins</h3>
          <p class="muted">
            Site engagement scales the periodic sync interval (none suspends it); periodic-background-sync is denied by
            default, as Chromium grants it only to installed apps.
          </p>
          {model.origins(origins).length === 0 ? (
            <p class="muted">No origins yet: add a service worker.</p>
          ) : (
            <table class="table">
              <thead>
                <tr>
                  <th>Origin</th>
                  <th>Site engagement</th>
                  <th>background-sync</th>
                  <th>periodic-background-sync</th>
                </tr>
              </thead>
              <tbody>
                {model.origins(origins).map((o) => (
                  <tr key={o.origin}>
                    <td>{o.origin}</td>
                    <td>
                      <select
                        value={o.engagement}
                        aria-label={`Site engagement of ${o.origin}`}
                        onChange={(e) => void model.setEngagement(o.origin, selected(e) as Engagement)}
                      >
                        {ENGAGEMENTS.map((x) => (
                          <option value={x}>{x}</option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <PermissionSelect
                        value={o.backgroundSync}
                        label={`background-sync for ${o.origin}`}
                        onChange={(v) => void model.setPermission(o.origin, 'background-sync', v)}
                      />
                    </td>
                    <td>
                      <PermissionSelect
                        value={o.periodic}
                        label={`periodic-background-sync for ${o.origin}`}
                        onChange={(v) => void model.setPermission(o.origin, 'periodic-background-sync', v)}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      </div>
    </section>
  );
}

function PermissionSelect(p: { value: PermissionState; label: string; onChange: (v: PermissionState) => void }) {
  return (
    <select value={p.value} aria-label={p.label} onChange={(e) => p.onChange(selected(e) as PermissionState)}>
      {PERMISSION_STATES.map((x) => (
        <option value={x}>{x}</option>
      ))}
    </select>
  );
}
