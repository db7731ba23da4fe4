// The Engine settings view model: Chromium's BackgroundSyncParameters (edited by their field-trial names, in
// seconds), site engagement and permissions per origin, and the network.
import type { Backend } from '../backend';
import type { Engagement } from '../bindings/Engagement';
import type { PermissionName } from '../bindings/PermissionName';
import type { PermissionState } from '../bindings/PermissionState';
import type { SettingsSnapshot } from '../bindings/SettingsSnapshot';
import type { SyncParameters } from '../bindings/SyncParameters';
import { Model } from '../observable';

export const ENGAGEMENTS: readonly Engagement[] = ['none', 'minimal', 'low', 'medium', 'high', 'max'];
export const PERMISSION_STATES: readonly PermissionState[] = ['granted', 'denied', 'prompt'];

/** The allow-list's text (one host per line) as a list: blank lines dropped, surrounding spaces trimmed. */
export function hostsFromDraft(draft: string): string[] {
  return draft
    .split(/[\n,]/)
    .map((h) => h.trim())
    .filter((h) => h !== '');
}

/** A parameter as the form edits it. */
export interface ParamField {
  /** Chromium's field-trial name, e.g. `initial_retry_delay_sec`. */
  name: string;
  label: string;
  unit: 'count' | 'seconds';
  /** The SyncParameters field it sets. */
  field: keyof SyncParameters;
}

export const PARAM_FIELDS: readonly ParamField[] = [
  { name: 'max_sync_attempts', label: 'Attempts before giving up', unit: 'count', field: 'max_sync_attempts' },
  { name: 'initial_retry_delay_sec', label: 'First retry after', unit: 'seconds', field: 'initial_retry_delay_ms' },
  { name: 'retry_delay_factor', label: 'Each retry waits × longer', unit: 'count', field: 'retry_delay_factor' },
  { name: 'min_recovery_time_sec', label: 'Minimum recovery time', unit: 'seconds', field: 'min_sync_recovery_time_ms' },
  { name: 'max_sync_event_duration_sec', label: 'Event time limit', unit: 'seconds', field: 'max_sync_event_duration_ms' },
  {
    name: 'min_periodic_sync_events_interval_sec',
    label: 'Minimum periodic interval',
    unit: 'seconds',
    field: 'min_periodic_sync_events_interval_ms',
  },
];

/** The form's text for each parameter, from the engine's values. */
export function paramDraft(p: SyncParameters): Record<string, string> {
  const d: Record<string, string> = {};
  for (const f of PARAM_FIELDS) d[f.name] = String(f.unit === 'seconds' ? p[f.field] / 1000 : p[f.field]);
  return d;
}

/** Parameters from the form's text, or the first problem found. */
export function paramsFromDraft(draft: Record<string, string>): SyncParameters | string {
  const out: Partial<SyncParameters> = {};
  for (const f of PARAM_FIELDS) {
    const text = (draft[f.name] ?? '').trim();
    const n = Number(text);
    if (text === '' || !Number.isFinite(n) || n < 0) return `${f.name}: "${text}" is not a number of ${f.unit === 'seconds' ? 'seconds' : 'times'} ≥ 0`;
    if (f.unit === 'count' && (!Number.isInteger(n) || n < 1)) return `${f.name}: expected a whole number ≥ 1, got "${text}"`;
    out[f.field] = f.unit === 'seconds' ? Math.round(n * 1000) : n;
  }
  return out as SyncParameters;
}

export class SettingsModel extends Model {
  snapshot: SettingsSnapshot | null = null;
  draft: Record<string, string> = {};
  dirty = false;
  /** The allow-list as typed, one host per line. */
  hostsDraft = '';
  hostsDirty = false;
  readonly #backend: Backend;

  constructor(backend: Backend) {
    super();
    this.#backend = backend;
  }

  setSnapshot(s: SettingsSnapshot): void {
    this.snapshot = s;
    if (!this.dirty) this.draft = paramDraft(s.engine.params);
    if (!this.hostsDirty) this.hostsDraft = s.allow_hosts.saved.join('\n');
    this.changed();
  }

  async #apply(what: string, f: () => Promise<SettingsSnapshot>): Promise<boolean> {
    const s = await this.run(what, f);
    if (s) this.setSnapshot(s);
    return s !== undefined;
  }

  load(): Promise<boolean> {
    return this.#apply('Loading settings', () => this.#backend.invoke('settings'));
  }

  edit(name: string, value: string): void {
    this.draft = { ...this.draft, [name]: value };
    this.dirty = true;
    this.changed();
  }

  async saveParams(): Promise<void> {
    const p = paramsFromDraft(this.draft);
    if (typeof p === 'string') {
      this.error = `Saving parameters: ${p}`;
      this.changed();
      return;
    }
    this.dirty = false;
    if (await this.#apply('Saving parameters', () => this.#backend.invoke('set_params', p))) {
      this.notice = 'Parameters saved.';
      this.changed();
    } else {
      this.dirty = true;
    }
  }

  editHosts(text: string): void {
    this.hostsDraft = text;
    this.hostsDirty = true;
    this.changed();
  }

  /** Saves the allow-list; the backend names a host it cannot read, and the text stays for fixing. */
  async saveHosts(): Promise<void> {
    const hosts = hostsFromDraft(this.hostsDraft);
    this.hostsDirty = false;
    if (await this.#apply('Saving the allowed hosts', () => this.#backend.invoke('set_allow_hosts', { hosts }))) {
      this.notice = hosts.length === 0 ? 'Workers may reach their origin and loopback only.' : 'Allowed hosts saved.';
      this.changed();
    } else {
      this.hostsDirty = true;
    }
  }

  async resetParams(): Promise<void> {
    this.dirty = false;
    await this.#apply("Restoring Chromium's defaults", () => this.#backend.invoke('reset_params'));
  }

  setOffline(offline: boolean): Promise<boolean> {
    return this.#apply(offline ? 'Going offline' : 'Going online', () => this.#backend.invoke('set_offline', { offline }));
  }

  setEngagement(origin: string, engagement: Engagement): Promise<boolean> {
    return this.#apply(`Setting ${origin}'s engagement`, () =>
      this.#backend.invoke('set_engagement', { origin, engagement }),
    );
  }

  setPermission(origin: string, permission: PermissionName, state: PermissionState): Promise<boolean> {
    return this.#apply(`Setting ${permission} for ${origin}`, () =>
      this.#backend.invoke('set_permission', { origin, permission, state }),
    );
  }

  /** Every origin with settings, plus `extra` ones (registrations' origins), with Chromium's defaults where unset. */
  origins(extra: readonly string[]): { origin: string; engagement: Engagement; backgroundSync: PermissionState; periodic: PermissionState }[] {
    const known = new Map((this.snapshot?.engine.origins ?? []).map((o) => [o.origin, o]));
    const all = [...new Set([...known.keys(), ...extra])].sort();
    return all.map((origin) => {
      const o = known.get(origin);
      return {
        origin,
        engagement: o?.engagement ?? 'medium',
        backgroundSync: o?.background_sync ?? 'granted',
        periodic: o?.periodic_background_sync ?? 'denied',
      };
    });
  }
}
