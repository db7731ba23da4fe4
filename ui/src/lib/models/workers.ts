// The Service workers view model: registrations, the Offline switch, DevTools' per-registration buttons (Sync with
// a Last chance choice, Periodic sync, Update, Unregister, Start, Stop) and adding a worker from a file or URL.
import type { Backend } from '../backend';
import type { SwOptions } from '../bindings/SwOptions';
import type { SwRegistrationId } from '../bindings/SwRegistrationId';
import type { WorkerInfo } from '../bindings/WorkerInfo';
import { outcomeText } from '../format';
import { Model } from '../observable';

/** DevTools' default tag for the Sync and Periodic sync buttons. */
export const DEFAULT_TAG = 'test-tag-from-devtools';
/** DevTools' default Push data. */
export const DEFAULT_PUSH = 'Test push message from DevTools';

/** The inputs of one registration's card. */
export interface WorkerForm {
  syncTag: string;
  lastChance: boolean;
  periodicTag: string;
  pushData: string;
  /** What the last button did, shown under the card. */
  result: string | null;
}

export class WorkersModel extends Model {
  workers: WorkerInfo[] = [];
  online = true;
  /** The toolbar's Update on reload and Bypass for network (remembered by the app). */
  swOptions: SwOptions = { update_on_reload: false, bypass_for_network: false };
  readonly forms = new Map<SwRegistrationId, WorkerForm>();
  readonly #backend: Backend;

  constructor(backend: Backend) {
    super();
    this.#backend = backend;
  }

  form(id: SwRegistrationId): WorkerForm {
    let f = this.forms.get(id);
    if (!f) {
      f = { syncTag: DEFAULT_TAG, lastChance: false, periodicTag: DEFAULT_TAG, pushData: DEFAULT_PUSH, result: null };
      this.forms.set(id, f);
    }
    return f;
  }

  edit(id: SwRegistrationId, change: Partial<WorkerForm>): void {
    Object.assign(this.form(id), change);
    this.changed();
  }

  /** The origin the background service views show by default: the first registration's. */
  get primaryOrigin(): string | null {
    return this.workers[0]?.registration.origin ?? null;
  }

  async load(): Promise<void> {
    const ws = await this.run('Loading service workers', () => this.#backend.invoke('list_service_workers'));
    if (ws) {
      this.workers = ws;
      this.changed();
    }
  }

  setOnline(online: boolean): void {
    this.online = online;
    this.changed();
  }

  setSwOptions(o: SwOptions): void {
    this.swOptions = o;
    this.changed();
  }

  /** Update on reload / Bypass for network: applied to the embedded engine (and an attached Chromium), kept. */
  async changeSwOptions(change: Partial<SwOptions>): Promise<void> {
    const next = { ...this.swOptions, ...change };
    const s = await this.run('Changing the service worker options', () => this.#backend.invoke('set_sw_options', next));
    if (s) this.setSwOptions(s.service_workers);
  }

  /** The Offline checkbox: offline holds pending syncs; online fires them at once. */
  async setOffline(offline: boolean): Promise<void> {
    const s = await this.run(offline ? 'Going offline' : 'Going online', () =>
      this.#backend.invoke('set_offline', { offline }),
    );
    if (s) this.setOnline(s.engine.online);
  }

  async add(script: string, origin: string): Promise<boolean> {
    if (!script.trim()) {
      this.error = 'Adding a service worker: give its file path, or its URL with the origin';
      this.changed();
      return false;
    }
    const w = await this.run('Adding the service worker', () =>
      this.#backend.invoke('add_service_worker', { script: script.trim(), origin: origin.trim() || null }),
    );
    if (!w) return false;
    this.notice = `${w.registration.script_url} is active (scope ${w.registration.scope}).`;
    await this.load();
    return true;
  }

  #result(id: SwRegistrationId, text: string): void {
    this.form(id).result = text;
    this.changed();
  }

  /** DevTools' Sync button, with the Last chance choice. */
  async sync(id: SwRegistrationId): Promise<void> {
    const f = this.form(id);
    const tag = f.syncTag.trim() || DEFAULT_TAG;
    const o = await this.run(`Sync ${tag}`, () =>
      this.#backend.invoke('dispatch_sync', { sw: id, tag, last_chance: f.lastChance }),
    );
    if (o) this.#result(id, `sync "${tag}" (lastChance ${f.lastChance}): ${outcomeText(o)}`);
  }

  /** Registers the sync tag as a page would; the scheduler fires it (online permitting). */
  async register(id: SwRegistrationId): Promise<void> {
    const tag = this.form(id).syncTag.trim() || DEFAULT_TAG;
    const tags = await this.run(`Registering ${tag}`, () => this.#backend.invoke('register_sync', { sw: id, tag }));
    if (tags) {
      const t = tags.find((x) => x.sw_registration_id === id && x.tag === tag && x.kind === 'one-shot');
      this.#result(id, `registered sync "${tag}"${t ? `: ${t.display_state}` : ''}`);
    }
  }

  /** DevTools' Periodic sync button. */
  async periodicSync(id: SwRegistrationId): Promise<void> {
    const tag = this.form(id).periodicTag.trim() || DEFAULT_TAG;
    const o = await this.run(`Periodic sync ${tag}`, () =>
      this.#backend.invoke('dispatch_periodic_sync', { sw: id, tag }),
    );
    if (o) this.#result(id, `periodicsync "${tag}": ${outcomeText(o)}`);
  }

  /** DevTools' Push button: the embedded worker has no push events yet, and says so. */
  push(id: SwRegistrationId): void {
    this.#result(id, 'Push: the embedded worker does not deliver push events yet (Push messaging comes later).');
  }

  async #action(id: SwRegistrationId, what: string, f: () => Promise<unknown>): Promise<void> {
    const done = await this.run(what, async () => {
      await f();
      return true;
    });
    if (done) {
      this.#result(id, `${what}: done`);
      await this.load();
    }
  }

  update(id: SwRegistrationId): Promise<void> {
    return this.#action(id, 'Update', () => this.#backend.invoke('update_service_worker', { sw: id }));
  }
  start(id: SwRegistrationId): Promise<void> {
    return this.#action(id, 'Start', () => this.#backend.invoke('start_service_worker', { sw: id }));
  }
  stop(id: SwRegistrationId): Promise<void> {
    return this.#action(id, 'Stop', () => this.#backend.invoke('stop_service_worker', { sw: id }));
  }
  async unregister(id: SwRegistrationId): Promise<void> {
    const done = await this.run('Unregister', async () => {
      await this.#backend.invoke('unregister_service_worker', { sw: id });
      return true;
    });
    if (done) {
      this.forms.delete(id);
      await this.load();
    }
  }
}

/** DevTools' Status line for a registration. */
export function workerStatus(w: WorkerInfo): string {
  if (!w.registration.active) return 'redundant (no active worker)';
  if (w.stopped) return 'activated and is stopped';
  return 'activated and is running';
}
