import { describe, expect, it } from 'vitest';
import { FakeBackend } from '../../test/fake-backend';
import { settings, tag, worker } from '../../test/fixtures';
import { DEFAULT_TAG, WorkersModel, workerStatus } from './workers';

describe('WorkersModel (the Service workers view)', () => {
  it("fires sync with DevTools' default tag and the chosen lastChance", async () => {
    const b = new FakeBackend().on('dispatch_sync', { status: 'succeeded' });
    const m = new WorkersModel(b);
    expect(m.form(1).syncTag).toBe(DEFAULT_TAG);
    expect(m.form(1).pushData).toBe('Test push message from DevTools');
    await m.sync(1);
    m.edit(1, { lastChance: true, syncTag: 'outbox' });
    await m.sync(1);
    expect(b.callsOf('dispatch_sync')).toEqual([
      { sw: 1, tag: 'test-tag-from-devtools', last_chance: false },
      { sw: 1, tag: 'outbox', last_chance: true },
    ]);
    expect(m.form(1).result).toBe('sync "outbox" (lastChance true): succeeded');
  });

  it('registers a sync as a page would and reports its state', async () => {
    const b = new FakeBackend().on('register_sync', [tag({ tag: 'outbox', display_state: 'pending' })]);
    const m = new WorkersModel(b);
    m.edit(1, { syncTag: 'outbox' });
    await m.register(1);
    expect(m.form(1).result).toBe('registered sync "outbox": pending');
  });

  it('fires periodicsync by tag and reports a rejected waitUntil', async () => {
    const b = new FakeBackend().on('dispatch_periodic_sync', { status: 'wait-until-rejected', reason: 'Error: offline' });
    const m = new WorkersModel(b);
    m.edit(2, { periodicTag: 'news' });
    await m.periodicSync(2);
    expect(b.callsOf('dispatch_periodic_sync')).toEqual([{ sw: 2, tag: 'news' }]);
    expect(m.form(2).result).toBe('periodicsync "news": waitUntil rejected: Error: offline');
  });

  it('switches offline and keeps the network state the engine reports', async () => {
    const b = new FakeBackend().on('set_offline', (a) => settings({ online: !a.offline }));
    const m = new WorkersModel(b);
    await m.setOffline(true);
    expect(m.online).toBe(false);
    await m.setOffline(false);
    expect(m.online).toBe(true);
  });

  it('adds a worker from a file or a URL and validates the input first', async () => {
    const b = new FakeBackend().on('add_service_worker', worker(3)).on('list_service_workers', [worker(3)]);
    const m = new WorkersModel(b);
    expect(await m.add('  ', '')).toBe(false);
    expect(m.error).toContain('give its file path');
    expect(await m.add('/home/dev/app/sw.js', '')).toBe(true);
    expect(b.callsOf('add_service_worker')).toEqual([{ script: '/home/dev/app/sw.js', origin: null }]);
    expect(m.workers).toHaveLength(1);
    expect(m.primaryOrigin).toBe('http://localhost');
  });

  it('switches Update on reload and Bypass for network and keeps what the app saved', async () => {
    const b = new FakeBackend().on('set_sw_options', (o) => ({ ...settings(), service_workers: o }));
    const m = new WorkersModel(b);
    await m.changeSwOptions({ update_on_reload: true });
    await m.changeSwOptions({ bypass_for_network: true });
    expect(b.callsOf('set_sw_options')).toEqual([
      { update_on_reload: true, bypass_for_network: false },
      { update_on_reload: true, bypass_for_network: true },
    ]);
    expect(m.swOptions).toEqual({ update_on_reload: true, bypass_for_network: true });
  });

  it("words the status as DevTools does", () => {
    expect(workerStatus(worker(1))).toBe('activated and is running');
    expect(workerStatus({ ...worker(1), stopped: true })).toBe('activated and is stopped');
  });
});
