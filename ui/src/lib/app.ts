// The app's model: the view models, the live stream routed to them, the current view, keyboard shortcuts.
import type { Backend } from './backend';
import type { AppInfo } from './bindings/AppInfo';
import type { LiveEvent } from './bindings/LiveEvent';
import type { Service } from './bindings/Service';
import { SERVICES } from './format';
import { ClockModel } from './models/clock';
import { ConsoleModel } from './models/console';
import { DemoModel } from './models/demo';
import { EventsModel } from './models/events';
import { SettingsModel } from './models/settings';
import { TagsModel } from './models/tags';
import { TargetModel } from './models/target';
import { TimelineModel } from './models/timeline';
import { WorkersModel } from './models/workers';
import { Model } from './observable';
import { mark, markPainted, perfHook } from './perf';

export type View =
  | { kind: 'workers' }
  | { kind: 'demo' }
  | { kind: 'service'; service: Service }
  | { kind: 'tags' }
  | { kind: 'timeline' }
  | { kind: 'clock' }
  | { kind: 'settings' }
  | { kind: 'console' };

/** Runs `f` once after a burst of calls (engine events come in bursts; one reload is enough). */
export class Coalescer {
  #pending = false;
  readonly #f: () => void;
  constructor(f: () => void) {
    this.#f = f;
  }
  request(): void {
    if (this.#pending) return;
    this.#pending = true;
    setTimeout(() => {
      this.#pending = false;
      this.#f();
    }, 0);
  }
}

export class AppModel extends Model {
  view: View = { kind: 'workers' };
  info: AppInfo | null = null;
  readonly workers: WorkersModel;
  readonly events: Record<Service, EventsModel>;
  readonly tags: TagsModel;
  readonly clock: ClockModel;
  readonly settings: SettingsModel;
  readonly console: ConsoleModel;
  readonly demo: DemoModel;
  readonly target: TargetModel;
  readonly timeline = new TimelineModel();
  readonly #backend: Backend;
  readonly #reloadTags: Coalescer;
  readonly #reloadWorkers: Coalescer;
  readonly #reloadSettings: Coalescer;
  readonly #refreshDemo: Coalescer;

  constructor(backend: Backend, wall?: () => number) {
    super();
    this.#backend = backend;
    this.workers = new WorkersModel(backend);
    this.tags = new TagsModel(backend);
    this.clock = new ClockModel(backend, wall);
    this.settings = new SettingsModel(backend);
    this.console = new ConsoleModel(backend);
    this.demo = new DemoModel(backend);
    this.target = new TargetModel(backend);
    const events = {} as Record<Service, EventsModel>;
    for (const s of SERVICES) events[s] = new EventsModel(backend, s);
    this.events = events;
    this.#reloadTags = new Coalescer(() => void this.tags.load());
    this.#reloadWorkers = new Coalescer(() => void this.workers.load().then(() => this.#syncOrigin()));
    this.#reloadSettings = new Coalescer(() => void this.#loadSettings());
    this.#refreshDemo = new Coalescer(() => void this.demo.refresh());
  }

  /** Subscribes to the live stream first (so nothing is missed), then loads every view. */
  async start(): Promise<void> {
    const subscribed = await this.run('Connecting to the engine', () => this.#backend.subscribe((e) => this.onLive(e)));
    if (subscribed === undefined && this.error) return;
    mark('subscribed');
    // The app info (version, database path) is not needed to show data: fetch it alongside, not first.
    const info = this.run('Reading the app info', () => this.#backend.invoke('app_info')).then((i) => {
      if (i) this.info = i;
      this.changed();
    });
    await Promise.all([info, this.reloadAll()]);
    // Started on the built-in demo (`syncscope-app --demo`): open its view.
    if (this.demo.loaded && this.view.kind === 'workers') this.show({ kind: 'demo' });
    markPainted('loaded');
  }

  async reloadAll(): Promise<void> {
    await Promise.all([
      this.workers.load().then(() => {
        this.#syncOrigin();
        markPainted('workers');
      }),
      this.tags.load(),
      this.clock.load(),
      this.console.load(),
      this.demo.load().then(() => this.#syncOrigin()),
      this.target.load().then(() => this.#syncOrigin()),
      this.#loadSettings(),
      ...SERVICES.map((s) => this.events[s].load().then(() => markPainted(`events:${s}`))),
    ]);
  }

  async #loadSettings(): Promise<void> {
    if (!(await this.settings.load()) || !this.settings.snapshot) return;
    const s = this.settings.snapshot;
    this.workers.setOnline(s.engine.online);
    this.workers.setSwOptions(s.service_workers);
    this.clock.setStatus(s.clock);
    const recording = await this.run('Reading recording', () => this.#backend.invoke('recording'));
    for (const svc of SERVICES) this.events[svc].setRecording(recording?.find((r) => r.status.service === svc));
  }

  /** The origin the event views show: the attached Chromium's first registration's, else the demo's while it
   *  runs, else the first registration's. */
  #syncOrigin(): void {
    const origin = this.target.isChromium
      ? this.target.primaryOrigin
      : (this.demo.origin ?? this.workers.primaryOrigin);
    for (const s of SERVICES) this.events[s].setOrigin(origin);
  }

  /** Loads the built-in demo and shows it. */
  async startDemo(): Promise<void> {
    this.show({ kind: 'demo' });
    if (await this.demo.start()) await this.reloadAll();
  }

  /** Routes one live event to the models it concerns. */
  onLive(e: LiveEvent): void {
    perfHook()?.live?.(e);
    switch (e.type) {
      case 'engine': {
        const ev = e.event;
        switch (ev.type) {
          case 'recorded':
            this.events[ev.event.service]?.onRecorded(ev.event);
            // A sync ran or finished: the demo's server may have received messages.
            if (this.demo.loaded) this.#refreshDemo.request();
            this.changed();
            break;
          case 'registrations-changed':
            this.#reloadTags.request();
            break;
          case 'service-workers-changed':
            this.#reloadWorkers.request();
            break;
          case 'settings-changed':
            this.#reloadSettings.request();
            break;
          case 'store-error':
            this.error = `The engine could not save a change (it retries): ${ev.message}`;
            this.changed();
            break;
          case 'target-busy':
            this.error = `The clock went on without a busy worker: ${ev.busy.join('; ')}`;
            this.changed();
            break;
        }
        break;
      }
      case 'console':
        this.console.add(e.line);
        if (this.demo.loaded) this.#refreshDemo.request();
        break;
      case 'clock':
        this.clock.setStatus(e.status);
        this.#reloadTags.request();
        break;
      case 'target':
        this.target.setStatus(e.status);
        this.#syncOrigin();
        break;
      case 'lagged':
        void this.reloadAll();
        break;
    }
  }

  /** Shows an error from outside any model (a script error, an unhandled rejection). */
  report(message: string): void {
    this.error = message;
    this.changed();
  }

  show(view: View): void {
    this.view = view;
    this.changed();
  }

  /** Keyboard shortcuts, as DevTools has them: Ctrl/Cmd+E records in a background service view. */
  onKey(e: { key: string; ctrlKey: boolean; metaKey: boolean }): boolean {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'e' && this.view.kind === 'service') {
      void this.events[this.view.service].toggleRecording();
      return true;
    }
    return false;
  }
}
