import { Notices } from '../components/Notices';
import type { ClockModel } from '../lib/models/clock';
import type { TagsModel } from '../lib/models/tags';
import { useModels, useTick } from '../hooks';

/** Every registration: tag, type, state, attempt n of max, next fire, lastChance next, intervals. */
export function TagsView({ model, clock }: { model: TagsModel; clock: ClockModel }) {
  useModels(model, clock);
  const running = clock.status !== null && !(clock.status.mode === 'virtual' && clock.status.paused);
  useTick(1000, running);
  const rows = model.rows(clock.now());
  return (
    <section class="view" aria-label="Tags">
      <div class="toolbar" role="toolbar">
        <input
          type="search"
          placeholder="Filter by tag, origin, state or type"
          value={model.filter}
          onInput={(e) => model.setFilter((e.currentTarget as HTMLInputElement).value)}
        />
        <span class="grow" />
        <span class="muted">
          {rows.length} registration{rows.length === 1 ? '' : 's'}
        </span>
      </div>
      <Notices model={model} />
      <div class="scroll">
        {model.tags.length === 0 ? (
          <p class="empty">No sync or periodic sync registrations.</p>
        ) : (
          <table class="table" aria-label="Registrations">
            <thead>
              <tr>
                <th>Tag</th>
                <th>Type</th>
                <th>Origin</th>
                <th>State</th>
                <th>Attempt</th>
                <th>Next fire</th>
                <th>Last chance next</th>
                <th>minInterval</th>
                <th>Effective interval</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key} data-tag={r.tag}>
                  <td>{r.tag}</td>
                  <td>{r.type}</td>
                  <td title={r.scope}>{r.origin}</td>
                  <td class={`state ${r.state}`}>{r.state}</td>
                  <td>{r.attempts}</td>
                  <td>{r.next}</td>
                  <td>{r.lastChanceNext}</td>
                  <td>{r.minInterval}</td>
                  <td>{r.effectiveInterval}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
