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

/**
 * Page size when loading the log. Each page is parsed on the UI thread as one task: 5,000 events (~1.5 MB of
 * JSON, ~30 ms a round trip here) keep that task short while 100k events load, and cost the least per event of
 * the sizes measured (docs/benchmarks.md, "Desktop app").
 */
export const PAGE = 5_000;
/**
 * The first page, the newest events: small, so the table (which opens on its newest rows) shows data after one
 * quick round trip; the older pages follow. Loading 100k events oldest first kept the table empty for ~1 s.
 */
export const FIRST_PAGE = 1_000;
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

/**
 * Resolves once the window has painted what is in the DOM now (a task queued from the next animation frame), and
 * after at most 50 ms in any case (a hidden window gets no animation frames; outside a browser there are none).
 */
function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    const fallback = setTimeout(resolve, 50);
    if (typeof requestAnimationFrame === 'function') {
      requestAnimationFrame(() =>
        setTimeout(() => {
          clearTimeout(fallback);
          resolve();
        }, 0),
      );
    }
  });
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
  /** Bumped by each load, so a superseded load stops adding pages. */
  #generation = 0;
  readonly #backend: Backend;

  constructor(backend: Backend, service: Service) {
    super();
    this.#backend = backend;
    this.service = service;
  }

  /**
   * Loads the whole log of this service page by page, newest first: the newest page replaces what the view held
   * and is shown at once, then each older page is put in front of it. Resolves when every page is in.
   */
  async load(): Promise<void> {
    const generation = ++this.#generation;
    await this.run('Loading events', async () => {
      let before: EventCursor | null = null;
      for (let first = true; ; first = false) {
        const page: EventPage = await this.#backend.invoke('query_events', {
          service: this.service,
          oldest_first: false,
          limit: first ? FIRST_PAGE : PAGE,
          before,
        });
        if (generation !== this.#generation) return;
        const older = page.events.slice().reverse();
        if (first) {
          this.#setEvents(older);
          this.loaded = true;
        } else {
          this.#prepend(older);
        }
        if (!page.next || this.events.length >= MAX_EVENTS) break;
        this.changed();
        // Let the newest rows reach the screen before the older pages' round trips and parsing take the thread.
        if (first) await afterPaint();
        before = page.next;
      }
    });
  }

  /** Older events (oldest first) in front of the ones held; any already held (a live event) are skipped. */
  #prepend(older: RecordedEvent[]): void {
    const fresh = older.filter((e) => !this.#ids.has(e.id));
    for (const e of fresh) this.#ids.add(e.id);
    this.events = fresh.concat(this.events);
    this.#visible = null;
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
      // The common case, a new newest event: extend the filtered rows rather than filter the whole log again
      // (with 100k events, refiltering on every live event was most of the time a new row took to show).
      const visible = this.#visible;
      if (visible && visible !== this.events) {
        const shown = this.#shown();
        if (!shown) this.#visible = null;
        else if (shown(e)) visible.push(e);
      }
    } else {
      // Older than the last row (an import, or a Chromium target's late report): keep time order.
      const at = this.events.findIndex((x) => x.timestamp > e.timestamp || (x.timestamp === e.timestamp && x.id > e.id));
      this.events.splice(at, 0, e);
      this.#visible = null;
    }
    if (this.events.length > MAX_EVENTS) {
      this.events.shift();
      this.#visible = null;
    }
    this.changed();
  }

  /** Whether the table shows an event, under the current origin and text filter; `null` when it shows all. */
  #shown(): ((e: RecordedEvent) => boolean) | null {
    const origin = this.showOtherOrigins ? null : this.origin;
    const f = this.filter.trim().toLowerCase();
    if (origin === null && !f) return null;
    return (e) => (origin === null || e.origin === origin) && (!f || matches(e, f));
  }

  /** The events the table shows. */
  get visible(): RecordedEvent[] {
    if (!this.#visible) {
      const shown = this.#shown();
      this.#visible = shown ? this.events.filter(shown) : this.events;
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
