import { describe, expect, it } from 'vitest';
import { FakeBackend } from '../test/fake-backend';
import { clock, recorded, settings, tag, worker } from '../test/fixtures';
import { AppModel } from './app';
import { EMBEDDED } from './models/target';

const tick = () => new Promise((r) => setTimeout(r, 5));

function backend(): FakeBackend {
  return new FakeBackend()
    .on('app_info', { version: '0.1.0', data_dir: '/d', db_path: '/d/syncscope.db', parameter_names: [] })
    .on('list_service_workers', [worker(1)])
    .on('list_tags', [])
    .on('clock_status', clock())
    .on('console_history', [])
    .on('settings', settings())
    .on('recording', [
      { status: { service: 'backgroundSync', started_at: 1, stops_at: 2 }, recording: true },
    ])
    .on('query_events', { events: [], next: null })
    .on('demo_status', null)
    .on('target_status', EMBEDDED)
    .on('set_recording', (a) => ({ status: { service: a.service, started_at: null, stops_at: null }, recording: a.on }));
}

describe('AppModel', () => {
  it('loads every view and shows the first registration origin in the event views', async () => {
    const b = backend();
    const app = new AppModel(b);
    await app.start();
    expect(app.info?.db_path).toBe('/d/syncscope.db');
    expect(app.events.backgroundSync.isRecording).toBe(true);
    expect(app.events.periodicBackgroundSync.isRecording).toBe(false);
    expect(app.events.backgroundSync.origin).toBe('http://localhost');
    expect(app.error).toBeNull();
  });

  it('routes live events: rows to their service, one tags reload per burst, console and clock', async () => {
    const b = backend();
    const app = new AppModel(b);
    await app.start();
    b.on('list_tags', [tag()]);
    const before = b.callsOf('list_tags').length;
    b.emit({ type: 'engine', event: { type: 'recorded', event: recorded(9, { service: 'periodicBackgroundSync' }) } });
    for (let i = 0; i < 5; i++) b.emit({ type: 'engine', event: { type: 'registrations-changed' } });
    b.emit({ type: 'console', line: { at: 1, sw_registration_id: 1, context: 'worker', level: 'log', text: 'hi' } });
    b.emit({ type: 'clock', status: clock({ now: 42 }) });
    await tick();
    expect(app.events.periodicBackgroundSync.events.map((e) => e.id)).toEqual([9]);
    expect(app.events.backgroundSync.events).toEqual([]);
    expect(b.callsOf('list_tags').length - before).toBe(1);
    expect(app.tags.tags).toHaveLength(1);
    expect(app.console.lines.map((l) => l.text)).toEqual(['hi']);
    expect(app.clock.status?.now).toBe(42);
  });

  it('says when the engine could not save a change, and when the clock went on without a busy worker', async () => {
    const b = backend();
    const app = new AppModel(b);
    await app.start();
    b.emit({ type: 'engine', event: { type: 'store-error', message: 'disk is full' } });
    expect(app.error).toBe('The engine could not save a change (it retries): disk is full');
    b.emit({ type: 'engine', event: { type: 'target-busy', busy: ['worker https://a.test/: waiting on GET https://a.test/slow for 31.0 s'] } });
    expect(app.error).toBe('The clock went on without a busy worker: worker https://a.test/: waiting on GET https://a.test/slow for 31.0 s');
  });

  it('follows an attached Chromium: its status arrives live and the event views show its origin, then the embedded one after Detach', async () => {
    const b = backend();
    const app = new AppModel(b);
    await app.start();
    expect(app.events.backgroundSync.origin).toBe('http://localhost');
    const w = { registration_id: '3', scope_url: 'http://127.0.0.1:8000/', origin: 'http://127.0.0.1:8000', script_url: 'http://127.0.0.1:8000/sw.js', status: 'activated', running_status: 'running' };
    b.emit({ type: 'target', status: { ...EMBEDDED, state: 'connected', endpoint: '9222', workers: [w] } });
    expect(app.target.isChromium).toBe(true);
    expect(app.events.backgroundSync.origin).toBe('http://127.0.0.1:8000/');
    b.emit({ type: 'target', status: EMBEDDED });
    expect(app.events.backgroundSync.origin).toBe('http://localhost');
  });

  it('toggles recording with Ctrl+E only in a background service view', async () => {
    const b = backend();
    const app = new AppModel(b);
    await app.start();
    expect(app.onKey({ key: 'e', ctrlKey: true, metaKey: false })).toBe(false);
    app.show({ kind: 'service', service: 'backgroundSync' });
    expect(app.onKey({ key: 'E', ctrlKey: true, metaKey: false })).toBe(true);
    await tick();
    expect(b.callsOf('set_recording')).toEqual([{ service: 'backgroundSync', on: false }]);
  });

  it('opens on the demo when the app started with it, and shows the demo origin in the event views', async () => {
    const demo = { url: 'http://127.0.0.1:47613', sw: 2, received: [], fail_next: 1, failed: 0 };
    const b = backend()
      .on('list_service_workers', [worker(1), worker(2, 'http://127.0.0.1:47613')])
      .on('demo_status', demo);
    const app = new AppModel(b);
    await app.start();
    expect(app.view).toEqual({ kind: 'demo' });
    expect(app.events.backgroundSync.origin).toBe('http://127.0.0.1:47613');
    // A sync's events and the worker's console refresh the server's messages, once per burst.
    b.on('demo_status', { ...demo, received: [{ text: 'Hi!', sent_at: null }] });
    const before = b.callsOf('demo_status').length;
    b.emit({ type: 'engine', event: { type: 'recorded', event: recorded(3, { eventName: 'Sync completed' }) } });
    b.emit({ type: 'console', line: { at: 1, sw_registration_id: 2, context: 'worker', level: 'log', text: 'delivered "Hi!"' } });
    await tick();
    expect(b.callsOf('demo_status').length - before).toBe(1);
    expect(app.demo.info?.received.map((m) => m.text)).toEqual(['Hi!']);
  });

  it('loads the demo on request and reloads the views', async () => {
    const demo = { url: 'http://127.0.0.1:5000', sw: 1, received: [], fail_next: 1, failed: 0 };
    const b = backend();
    b.on('load_demo', () => {
      b.on('demo_status', demo);
      return demo;
    });
    const app = new AppModel(b);
    await app.start();
    expect(app.view).toEqual({ kind: 'workers' });
    const workerLoads = b.callsOf('list_service_workers').length;
    await app.startDemo();
    expect(app.view).toEqual({ kind: 'demo' });
    expect(app.demo.loaded).toBe(true);
    expect(b.callsOf('list_service_workers').length).toBeGreaterThan(workerLoads);
    expect(app.events.backgroundSync.origin).toBe('http://127.0.0.1:5000');
  });

  it('says so when the engine cannot be reached', async () => {
    const b = backend();
    b.subscribe = () => Promise.reject(new Error('Not running inside the Syncscope app'));
    const app = new AppModel(b);
    await app.start();
    expect(app.error).toBe('Connecting to the engine: Not running inside the Syncscope app');
  });
});
