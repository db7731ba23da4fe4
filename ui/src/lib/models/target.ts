// The target picker's model: the embedded engine (the default) or a real Chromium, launched or attached by
// DevTools port / ws:// URL. While a Chromium is attached, the Service workers view lists its registrations and
// its Sync, Periodic sync and Offline act on it; its events reach the Background services views through the
// engine's store. A failed attach or a browser that went away shows inline; Detach returns to the embedded engine.
import type { Backend } from '../backend';
import type { ChromiumWorker } from '../bindings/ChromiumWorker';
import type { TargetStatus } from '../bindings/TargetStatus';
import { Model } from '../observable';
import { DEFAULT_TAG } from './workers';

export const EMBEDDED: TargetStatus = {
  state: 'embedded',
  endpoint: null,
  browser: null,
  launched: false,
  error: null,
  offline: false,
  workers: [],
};

/** The inputs of one Chromium registration's card. */
export interface ChromiumForm {
  syncTag: string;
  lastChance: boolean;
  periodicTag: string;
  result: string | null;
}

/** Checks what the user typed as a DevTools address before asking the backend: a clear message, or null. */
export function addressProblem(text: string): string | null {
  const t = text.trim();
  if (!t) return 'give the DevTools port (e.g. 9222, from chromium --remote-debugging-port=9222) or the ws:// URL';
  if (/^\d+$/.test(t)) {
    const port = Number(t);
    if (port < 1 || port > 65535) return `${t} is not a port: give a number from 1 to 65535`;
  }
  return null;
}

export class TargetModel extends Model {
  status: TargetStatus = EMBEDDED;
  readonly forms = new Map<string, ChromiumForm>();
  readonly #backend: Backend;

  constructor(backend: Backend) {
    super();
    this.#backend = backend;
  }

  /** Whether the views work on a Chromium (attached, or attached and gone away). */
  get isChromium(): boolean {
    return this.status.state === 'connected' || this.status.state === 'disconnected';
  }

  get connected(): boolean {
    return this.status.state === 'connected';
  }

  /** The origin the background service views show while Chromium is attached, as Chromium writes it in events
   *  (with a trailing slash): the first registration's. */
  get primaryOrigin(): string | null {
    const w = this.status.workers[0];
    return w ? `${w.origin}/` : null;
  }

  /** One line for the toolbar: where the Service workers view's buttons go. */
  get summary(): string {
    const s = this.status;
    switch (s.state) {
      case 'embedded':
        return 'Embedded engine';
      case 'connecting':
        return `Connecting to ${s.endpoint ?? 'Chromium'}…`;
      case 'connected':
        return `${s.browser ?? 'Chromium'} at ${s.endpoint ?? '?'}`;
      case 'disconnected':
        return `Chromium at ${s.endpoint ?? '?'} disconnected`;
    }
  }

  form(id: string): ChromiumForm {
    let f = this.forms.get(id);
    if (!f) {
      f = { syncTag: DEFAULT_TAG, lastChance: false, periodicTag: DEFAULT_TAG, result: null };
      this.forms.set(id, f);
    }
    return f;
  }

  edit(id: string, change: Partial<ChromiumForm>): void {
    Object.assign(this.form(id), change);
    this.changed();
  }

  setStatus(s: TargetStatus): void {
    const wasConnected = this.status.state === 'connected';
    this.status = s;
    // The browser went away on its own: say so where the user looks, with what to do.
    if (wasConnected && s.state === 'disconnected') {
      this.error = `The attached Chromium went away: ${s.error ?? 'the connection closed'}. Detach to return to the embedded engine, or attach again.`;
    }
    for (const id of [...this.forms.keys()]) if (!s.workers.some((w) => w.registration_id === id)) this.forms.delete(id);
    this.changed();
  }

  async load(): Promise<void> {
    const s = await this.run('Reading the target', () => this.#backend.invoke('target_status'));
    if (s) this.setStatus(s);
  }

  /** Launches Debian's chromium (a window of its own unless headless) and attaches to it. */
  async launch(headless = false): Promise<boolean> {
    const s = await this.run('Launching Chromium', () =>
      this.#backend.invoke('attach_chromium', { launch: true, address: null, headless }),
    );
    if (!s) return false;
    this.setStatus(s);
    this.notice = `Launched and attached: ${this.summary}. Open your app's page in it; its service workers appear here.`;
    this.changed();
    return true;
  }

  /** Attaches to a browser started with --remote-debugging-port. */
  async attach(address: string): Promise<boolean> {
    const problem = addressProblem(address);
    if (problem) {
      this.error = `Attaching to Chromium: ${problem}`;
      this.changed();
      return false;
    }
    const s = await this.run('Attaching to Chromium', () =>
      this.#backend.invoke('attach_chromium', { launch: false, address: address.trim(), headless: false }),
    );
    if (!s) return false;
    this.setStatus(s);
    this.notice = `Attached: ${this.summary}.`;
    this.changed();
    return true;
  }

  async detach(): Promise<void> {
    const s = await this.run('Detaching from Chromium', () => this.#backend.invoke('detach_chromium'));
    if (s) {
      this.setStatus(s);
      this.notice = 'Detached: back on the embedded engine. The events recorded from Chromium stay.';
      this.changed();
    }
  }

  /** Offline on every worker of the browser (the only kind that holds pending syncs). */
  async setOffline(offline: boolean): Promise<void> {
    const s = await this.run(offline ? 'Taking Chromium offline' : 'Bringing Chromium online', () =>
      this.#backend.invoke('chromium_set_offline', { offline }),
    );
    if (s) this.setStatus(s);
  }

  async openPage(url: string): Promise<boolean> {
    if (!url.trim()) {
      this.error = 'Opening a page: give its URL, e.g. http://127.0.0.1:8080/';
      this.changed();
      return false;
    }
    const s = await this.run('Opening the page', () => this.#backend.invoke('chromium_open_page', { url: url.trim() }));
    if (!s) return false;
    this.setStatus(s);
    return true;
  }

  #result(id: string, text: string): void {
    this.form(id).result = text;
    this.changed();
  }

  /** DevTools' Sync button, with the Last chance choice DevTools lacks. Chromium reports no outcome. */
  async sync(w: ChromiumWorker): Promise<void> {
    const f = this.form(w.registration_id);
    const tag = f.syncTag.trim() || DEFAULT_TAG;
    const s = await this.run(`Sync ${tag}`, () =>
      this.#backend.invoke('chromium_dispatch_sync', {
        registration_id: w.registration_id,
        tag,
        last_chance: f.lastChance,
      }),
    );
    if (s) {
      this.setStatus(s);
      this.#result(w.registration_id, `sync "${tag}" (lastChance ${f.lastChance}) dispatched; Chromium logs how it ends`);
    }
  }

  async periodicSync(w: ChromiumWorker): Promise<void> {
    const tag = this.form(w.registration_id).periodicTag.trim() || DEFAULT_TAG;
    const s = await this.run(`Periodic sync ${tag}`, () =>
      this.#backend.invoke('chromium_dispatch_periodic_sync', { registration_id: w.registration_id, tag }),
    );
    if (s) {
      this.setStatus(s);
      this.#result(w.registration_id, `periodicsync "${tag}" dispatched`);
    }
  }
}
