// The Timeline view model: one lane per tag (service + origin + tag), its events on a shared, zoomable time axis.
import type { RecordedEvent } from '../bindings/RecordedEvent';
import type { Service } from '../bindings/Service';
import { Observable } from '../observable';

export type MarkKind = 'register' | 'dispatch' | 'failed' | 'completed' | 'other';

export interface Mark {
  id: number;
  /** Milliseconds since the epoch. */
  t: number;
  name: string;
  kind: MarkKind;
  lastChance: boolean;
}

export interface Lane {
  key: string;
  service: Service;
  origin: string;
  tag: string;
  marks: Mark[];
}

/** How an event is drawn. */
export function markKind(eventName: string): MarkKind {
  const n = eventName.toLowerCase();
  if (n.startsWith('registered') || n.includes('reregistered') || n.startsWith('got next event delay')) return 'register';
  if (n.startsWith('dispatched')) return 'dispatch';
  if (n.includes('failed')) return 'failed';
  if (n.includes('completed')) return 'completed';
  return 'other';
}

/** Lanes from events of any services, each lane's marks in time order, lanes ordered by their first event. */
export function buildLanes(events: Iterable<RecordedEvent>): Lane[] {
  const lanes = new Map<string, Lane>();
  for (const e of events) {
    const key = `${e.service}|${e.origin}|${e.instanceId}`;
    let lane = lanes.get(key);
    if (!lane) {
      lane = { key, service: e.service, origin: e.origin, tag: e.instanceId, marks: [] };
      lanes.set(key, lane);
    }
    lane.marks.push({
      id: e.id,
      t: e.timestamp * 1000,
      name: e.eventName,
      kind: markKind(e.eventName),
      lastChance: e.eventMetadata.some((m) => m.key === 'Last Chance' && m.value === 'Yes'),
    });
  }
  const out = [...lanes.values()];
  for (const l of out) l.marks.sort((a, b) => a.t - b.t || a.id - b.id);
  return out.sort((a, b) => a.marks[0].t - b.marks[0].t);
}

/** The axis: a time range drawn over a width, zoomed around its start. */
export class TimelineModel extends Observable {
  /** Pixels per millisecond is `zoom × width / span`. */
  zoom = 1;
  static readonly MAX_ZOOM = 4096;

  zoomIn(): void {
    this.zoom = Math.min(TimelineModel.MAX_ZOOM, this.zoom * 2);
    this.changed();
  }
  zoomOut(): void {
    this.zoom = Math.max(1, this.zoom / 2);
    this.changed();
  }
  fit(): void {
    this.zoom = 1;
    this.changed();
  }
}

/** The time range of all lanes, padded so single events are not on the edge. */
export function lanesRange(lanes: readonly Lane[]): { start: number; end: number } | null {
  let start = Infinity;
  let end = -Infinity;
  for (const l of lanes)
    for (const m of l.marks) {
      start = Math.min(start, m.t);
      end = Math.max(end, m.t);
    }
  if (!Number.isFinite(start)) return null;
  const pad = Math.max(1000, (end - start) * 0.02);
  return { start: start - pad, end: end + pad };
}

/** X position (px) of time `t` for a range drawn over `width` px at `zoom`. */
export function xOf(t: number, range: { start: number; end: number }, width: number, zoom: number): number {
  return ((t - range.start) / (range.end - range.start)) * width * zoom;
}

/** Evenly spaced tick times (ms) for a range: a round step giving about `count` ticks. */
export function ticks(range: { start: number; end: number }, count: number): number[] {
  const span = range.end - range.start;
  const steps = [1000, 5000, 15_000, 60_000, 300_000, 900_000, 3_600_000, 3 * 3_600_000, 6 * 3_600_000, 12 * 3_600_000, 86_400_000];
  const step = steps.find((s) => span / s <= count) ?? Math.ceil(span / count / 86_400_000) * 86_400_000;
  const out: number[] = [];
  for (let t = Math.ceil(range.start / step) * step; t <= range.end; t += step) out.push(t);
  return out;
}
