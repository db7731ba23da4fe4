import { useEffect, useRef } from 'preact/hooks';
import { Notices } from '../components/Notices';
import { type Column, VirtualTable } from '../components/VirtualTable';
import { emptyStateText, formatTime, serviceLabel } from '../lib/format';
import type { EventRow, EventsModel } from '../lib/models/events';
import { useModels } from '../hooks';
import { markPainted } from '../lib/perf';

const COLUMNS: Column<EventRow>[] = [
  { title: '#', width: '4em', cell: (r) => r.index },
  { title: 'Timestamp', width: '15em', cell: (r) => r.timestamp },
  { title: 'Event', width: 'minmax(10em, 1.4fr)', cell: (r) => r.event },
  { title: 'Origin', width: 'minmax(8em, 1fr)', cell: (r) => r.origin },
  { title: 'Storage Key', width: 'minmax(8em, 1fr)', cell: (r) => r.storageKey },
  { title: 'Service Worker Scope', width: 'minmax(8em, 1fr)', cell: (r) => r.scope },
  { title: 'Instance ID', width: 'minmax(8em, 1fr)', cell: (r) => r.instanceId },
];

/** DevTools' Background services pane for one service: toolbar, virtualized event grid, metadata preview. */
export function BackgroundServiceView({ model }: { model: EventsModel }) {
  useModels(model);
  const file = useRef<HTMLInputElement>(null);
  const visible = model.visible;
  const [line1, line2] = emptyStateText(model.service, model.isRecording);
  const selected = model.selected;
  const stops = model.recording?.status.stops_at;
  // The first time this service's table shows rows (the desktop app's launch benchmark reads it).
  useEffect(() => {
    if (visible.length > 0) markPainted(`table:${model.service}`);
  }, [visible.length > 0]);

  const onFile = async (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const f = input.files?.[0];
    input.value = '';
    if (f) await model.loadFile(f.name, await f.text());
  };

  return (
    <section class="view bgs" aria-label={serviceLabel(model.service)}>
      <div class="toolbar" role="toolbar">
        <button
          type="button"
          class={`record${model.isRecording ? ' on' : ''}`}
          aria-pressed={model.isRecording}
          title={model.isRecording ? 'Stop recording events (Ctrl+E)' : 'Start recording events (Ctrl+E)'}
          onClick={() => void model.toggleRecording()}
        >
          <span class="dot" aria-hidden="true" /> {model.isRecording ? 'Stop recording' : 'Record'}
        </button>
        <button type="button" title="Clear" onClick={() => void model.clear()}>
          Clear
        </button>
        <span class="sep" />
        <button type="button" title="Save events" onClick={() => void model.save()}>
          Save events
        </button>
        <button type="button" title="Load events" onClick={() => file.current?.click()}>
          Load events
        </button>
        <input ref={file} type="file" accept=".json,application/json" hidden onChange={onFile} />
        <span class="sep" />
        <label class="check">
          <input
            type="checkbox"
            checked={model.showOtherOrigins}
            onChange={(e) => model.setShowOtherOrigins((e.currentTarget as HTMLInputElement).checked)}
          />
          Show events from other origins
        </label>
        <input
          type="search"
          placeholder="Filter"
          aria-label="Filter events"
          value={model.filter}
          onInput={(e) => model.setFilter((e.currentTarget as HTMLInputElement).value)}
        />
        <span class="grow" />
        {model.isRecording && stops !== null && stops !== undefined && (
          <span class="muted">recording until {formatTime(stops)}</span>
        )}
      </div>
      <Notices model={model} />
      {visible.length === 0 && model.filter.trim() !== '' ? (
        <div class="empty">
          <p>No events match the filter.</p>
        </div>
      ) : visible.length === 0 ? (
        <div class="empty" data-testid="empty-state">
          <p>{line1}</p>
          <p>{line2}</p>
          {model.events.length > 0 && (
            <p class="muted">
              {model.events.length} event{model.events.length === 1 ? '' : 's'} from other origins hidden: tick "Show
              events from other origins".
            </p>
          )}
        </div>
      ) : (
        <div class="split">
          <VirtualTable
            label={`${serviceLabel(model.service)} events`}
            count={visible.length}
            row={(i) => model.row(i)}
            rowKey={(r) => r.id}
            columns={COLUMNS}
            selected={model.selectedId}
            onSelect={(id) => model.select(id)}
            onMove={(d) => model.moveSelection(d)}
            followTail
          />
          <div class="preview" aria-label="Event metadata">
            {!selected ? (
              <p class="muted">Select an entry to view its metadata</p>
            ) : model.selectedMetadata.length === 0 ? (
              <p class="muted">No metadata for this event</p>
            ) : (
              <dl class="metadata">
                {model.selectedMetadata.map((m) => (
                  <div key={m.key}>
                    <dt>{m.key}</dt>
                    <dd>{m.value}</dd>
                  </div>
                ))}
              </dl>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
