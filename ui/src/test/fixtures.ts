// Data builders for the view-model tests, shaped by the generated bindings.
import type { ClockStatus } from '../lib/bindings/ClockStatus';
import type { RecordedEvent } from '../lib/bindings/RecordedEvent';
import type { SettingsSnapshot } from '../lib/bindings/SettingsSnapshot';
import type { TagInfo } from '../lib/bindings/TagInfo';
import type { WorkerInfo } from '../lib/bindings/WorkerInfo';

export function recorded(id: number, over: Partial<RecordedEvent> = {}): RecordedEvent {
  return {
    id,
    timestamp: 1_700_000_000 + id,
    origin: 'http://localhost',
    serviceWorkerRegistrationId: '1',
    service: 'backgroundSync',
    eventName: 'Registered sync',
    instanceId: 'outbox',
    eventMetadata: [],
    storageKey: 'http://localhost/',
    scope: 'http://localhost/',
    source: 'embedded',
    ...over,
  };
}

export function tag(over: Partial<TagInfo> = {}): TagInfo {
  return {
    sw_registration_id: 1,
    origin: 'http://localhost',
    tag: 'outbox',
    kind: 'one-shot',
    min_interval_ms: null,
    state: 'pending',
    num_attempts: 0,
    max_attempts: 3,
    delay_until: { kind: 'at', at: 0 },
    scope: 'http://localhost/',
    display_state: 'pending',
    next_fire: 0,
    last_chance_next: false,
    effective_interval_ms: null,
    ...over,
  };
}

export function clock(over: Partial<ClockStatus> = {}): ClockStatus {
  return { mode: 'virtual', now: 1_000_000, paused: true, speed: 1, ...over };
}

export function worker(id: number, origin = 'http://localhost'): WorkerInfo {
  return {
    registration: { id, origin, scope: `${origin}/`, script_url: `${origin}/sw.js`, active: true, window_clients: 1 },
    source: '/home/dev/app/sw.js',
    stopped: false,
  };
}

export function settings(over: Partial<SettingsSnapshot['engine']> = {}): SettingsSnapshot {
  return {
    engine: {
      online: true,
      params: {
        max_sync_attempts: 3,
        initial_retry_delay_ms: 300_000,
        retry_delay_factor: 3,
        min_sync_recovery_time_ms: 360_000,
        max_sync_event_duration_ms: 180_000,
        min_periodic_sync_events_interval_ms: 43_200_000,
      },
      origins: [],
      recording: [],
      ...over,
    },
    clock: clock(),
    service_workers: { update_on_reload: false, bypass_for_network: false },
    allow_hosts: { saved: [], from_env: [] },
  };
}
