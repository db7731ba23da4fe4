// The Tags view model: every sync and periodic sync registration with what the engine derives.
import type { Backend } from '../backend';
import type { TagInfo } from '../bindings/TagInfo';
import { formatDuration, formatRelative } from '../format';
import { Model } from '../observable';

export interface TagRow {
  key: string;
  tag: string;
  type: 'sync' | 'periodicsync';
  origin: string;
  scope: string;
  state: string;
  attempts: string;
  next: string;
  lastChanceNext: string;
  minInterval: string;
  effectiveInterval: string;
}

/** A Tags row for a registration, with times relative to `now` (engine clock, ms). */
export function tagRow(t: TagInfo, now: number): TagRow {
  const periodic = t.kind === 'periodic';
  return {
    key: `${t.sw_registration_id}|${t.kind}|${t.tag}`,
    tag: t.tag,
    type: periodic ? 'periodicsync' : 'sync',
    origin: t.origin,
    scope: t.scope,
    state: t.display_state,
    // The attempt running now, or the one coming next: failed attempts so far + 1.
    attempts: `${t.num_attempts + 1} of ${t.max_attempts}`,
    next:
      t.display_state === 'suspended'
        ? 'suspended (no site engagement)'
        : t.next_fire === null
          ? '—'
          : formatRelative(t.next_fire, now),
    lastChanceNext: periodic ? '—' : t.last_chance_next ? 'Yes' : 'No',
    minInterval: t.min_interval_ms === null ? '—' : formatDuration(t.min_interval_ms),
    effectiveInterval: t.effective_interval_ms === null ? '—' : formatDuration(t.effective_interval_ms),
  };
}

export class TagsModel extends Model {
  tags: TagInfo[] = [];
  filter = '';
  readonly #backend: Backend;

  constructor(backend: Backend) {
    super();
    this.#backend = backend;
  }

  async load(): Promise<void> {
    const tags = await this.run('Loading tags', () => this.#backend.invoke('list_tags'));
    if (tags) {
      this.tags = tags;
      this.changed();
    }
  }

  setFilter(text: string): void {
    this.filter = text;
    this.changed();
  }

  /** The rows shown: matching the filter (tag, origin, state or type), sorted by next fire time. */
  rows(now: number): TagRow[] {
    const f = this.filter.trim().toLowerCase();
    return [...this.tags]
      .sort((a, b) => (a.next_fire ?? Number.MAX_SAFE_INTEGER) - (b.next_fire ?? Number.MAX_SAFE_INTEGER))
      .map((t) => tagRow(t, now))
      .filter((r) => !f || [r.tag, r.origin, r.state, r.type].some((v) => v.toLowerCase().includes(f)));
  }
}
