// The Background services view model (devtools-frontend's BackgroundServiceModel): one service's recorded events,
// its recording switch, the origin filter, the selection, and Clear / Save / Load.
import type { Backend } from '../backend';
import type { EventCursor } from '../bindings/EventCursor';
import type { EventMetadata } from '../bindings/EventMetadata';
import type { EventPage } from '../bindings/EventPage';
import type { RecordedEvent } from '../bindings/RecordedEvent';
import type { RecordingInfo } from '../bindings/RecordingInfo';
import type { Service } from '../bindings/Service';
import { formatTime, sortedMetadata } from '../format';
import { Model } from '../observable';

/** Page size when loading the log. */
export const PAGE = 10_000;
/** Most events a view holds (the table is virtualized; memory is the limit). */
export const MAX_EVENTS = 500_000;

/** One table row: DevTools' columns. */
export interface EventRow {
  id: number;
  index: number;
  timestamp: string;
  event: string;
  origin: string;
  storageKey: string;
  scope: string;
  instanceId: string;
}

function matches(e: RecordedEvent, f: string): boolean {
  return (
    e.eventName.toLowerCase().includes(f) ||
    e.instanceId.toLowerCase().includes(f) ||
    e.origin.toLowerCase().includes(f) ||
    e.eventMetadata.some((m) => m.key.toLowerCase().includes(f) || m.value.toLowerCase().includes(f))
  );
}

export class EventsModel extends Model {
  readonly service: Service;
  events: RecordedEvent[] = [];
  recording: RecordingInfo | null = null;
  /** The origin shown when "Show events from other origins" is off; `null` shows all. */
  origin: string | null = null;
  showOtherOrigins = false;
  /** Only events whose name, tag, origin or metadata contain this (case-insensitive). */
  filter = '';
  selectedId: number | null = null;
  loaded = false;
  #ids = new Set<number>();
  #visible: RecordedEvent[] | null = null;
  readonly #backend: Backend;

  constructor(backend: Backend, service: Service) {
    super();
    this.#backend = backend;
    this.service = service;
  }

  /** Loads the whole log of this service, oldest first, page by page. */
  async load(): Promise<void> {
    await this.run('Loading events', async () => {
      const all: RecordedEvent[] = [];
      let before: EventCursor | null = null;
      for (;;) {
        const page: EventPage = await this.#backend.invoke('query_events', {
          service: this.service,
          oldest_first: true,
          limit: PAGE,
          before,
        });
        all.push(...page.events);
        if (!page.next || all.length >= MAX_EVENTS) break;
        before = page.next;
      }
      this.#setEvents(all);
      this.loaded = true;
    });
  }

  #setEvents(events: RecordedEvent[]): void {
    this.events = events;
    this.#ids = new Set(events.map((e) => e.id));
    this.#visible = null;
    if (this.selectedId !== null && !this.#ids.has(this.selectedId)) this.selectedId = null;
  }

  /** A live event: appended when it belongs to this service and is new. */
  onRecorded(e: RecordedEvent): void {
    if (e.service !== this.service || this.#ids.has(e.id)) return;
    this.#ids.add(e.id);
    const last = this.events[this.events.length - 1];
    if (!last || last.timestamp < e.timestamp || (last.timestamp === e.timestamp && last.id < e.id)) {
      this.events.push(e);
    } else {
      // Older than the last row (an import, or a Chromium target's late report): keep time order.
      const at = this.events.findIndex((x) => x.timestamp > e.timestamp || (x.timestamp === e.timestamp && x.id > e.id));
      this.events.splice(at, 0, e);
    }
    if (this.events.length > MAX_EVENTS) this.events.shift();
    this.#visible = null;
    this.changed();
  }

  /** The events the table shows. */
  get visible(): RecordedEvent[] {
    if (!this.#visible) {
      const origin = this.showOtherOrigins ? null : this.origin;
      const f = this.filter.trim().toLowerCase();
      this.#visible =
        origin === null && !f
          ? this.events
          : this.events.filter((e) => (origin === null || e.origin === origin) && (!f || matches(e, f)));
    }
    return this.#visible;
  }

  setFilter(text: string): void {
    this.filter = text;
    this.#visible = null;
    this.changed();
  }

  /** The table row for the visible event at `index`. */
  row(index: number): EventRow {
    const e = this.visible[index];
    return {
      id: e.id,
      index: index + 1,
      timestamp: formatTime(e.timestamp * 1000),
      event: e.eventName,
      origin: e.origin,
      storageKey: e.storageKey ?? '',
      scope: e.scope ?? '',
      instanceId: e.instanceId,
    };
  }

  setOrigin(origin: string | null): void {
    if (origin === this.origin) return;
    this.origin = origin;
    this.#visible = null;
    this.changed();
  }

  setShowOtherOrigins(on: boolean): void {
    this.showOtherOrigins = on;
    this.#visible = null;
    this.changed();
  }

  select(id: number | null): void {
    this.selectedId = id;
    this.changed();
  }

  /** Moves the selection up or down the visible rows (keyboard). */
  moveSelection(delta: number): void {
    const rows = this.visible;
    if (rows.length === 0) return;
    const at = rows.findIndex((e) => e.id === this.selectedId);
    const next = at < 0 ? (delta > 0 ? 0 : rows.length - 1) : Math.min(rows.length - 1, Math.max(0, at + delta));
    this.select(rows[next].id);
  }

  get selected(): RecordedEvent | null {
    return this.selectedId === null ? null : (this.events.find((e) => e.id === this.selectedId) ?? null);
  }

  /** The selected event's metadata, sorted by key. */
  get selectedMetadata(): EventMetadata[] {
    const s = this.selected;
    return s ? sortedMetadata(s.eventMetadata) : [];
  }

  get isRecording(): boolean {
    return this.recording?.recording ?? false;
  }

  setRecording(info: RecordingInfo | undefined): void {
    this.recording = info ?? null;
    this.changed();
  }

  /** DevTools' Record button (and Ctrl+E). */
  async toggleRecording(): Promise<void> {
    const info = await this.run('Switching recording', () =>
      this.#backend.invoke('set_recording', { service: this.service, on: !this.isRecording }),
    );
    if (info) this.setRecording(info);
  }

  /** DevTools' Clear. */
  async clear(): Promise<void> {
    const n = await this.run('Clearing events', () => this.#backend.invoke('clear_events', { service: this.service }));
    if (n !== undefined) {
      this.#setEvents([]);
      this.selectedId = null;
      this.notice = `Cleared ${n} event${n === 1 ? '' : 's'}.`;
      this.changed();
    }
  }

  /** DevTools' Save events: the events shown (this origin's, or all with other origins shown) as a file. */
  async save(): Promise<void> {
    const origin = this.showOtherOrigins ? null : this.origin;
    const saved = await this.run('Saving events', () =>
      this.#backend.invoke('save_events', { service: this.service, origin }),
    );
    if (saved) {
      this.notice = `Saved ${saved.events} event${saved.events === 1 ? '' : 's'} to ${saved.path}`;
      this.changed();
    }
  }

  /** DevTools' Load events: imports a "Save events" file, then shows the log again. */
  async loadFile(name: string, text: string): Promise<void> {
    const n = await this.run(`Loading ${name}`, () => this.#backend.invoke('import_events', { name, text }));
    if (n !== undefined) {
      await this.load();
      this.notice = `Loaded ${n} new event${n === 1 ? '' : 's'} from ${name}.`;
      this.changed();
    }
  }
}
