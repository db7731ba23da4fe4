import { describe, expect, it } from 'vitest';
import type { TargetStatus } from '../bindings/TargetStatus';
import { FakeBackend } from '../../test/fake-backend';
import { EMBEDDED, TargetModel, addressProblem } from './target';

const worker = { registration_id: '7', scope_url: 'http://127.0.0.1:8000/', origin: 'http://127.0.0.1:8000', script_url: 'http://127.0.0.1:8000/sw.js', status: 'activated', running_status: 'running' };
const connected = (over: Partial<TargetStatus> = {}): TargetStatus => ({
  ...EMBEDDED,
  state: 'connected',
  endpoint: '127.0.0.1:9222',
  browser: 'HeadlessChrome/156.0',
  workers: [worker],
  ...over,
});

describe('TargetModel (the target picker)', () => {
  it('starts on the embedded engine', () => {
    const m = new TargetModel(new FakeBackend());
    expect(m.isChromium).toBe(false);
    expect(m.summary).toBe('Embedded engine');
    expect(m.primaryOrigin).toBeNull();
  });

  it("attaches by port and shows Chromium's registrations; the events follow its origin as Chromium writes it", async () => {
    const b = new FakeBackend().on('attach_chromium', connected());
    const m = new TargetModel(b);
    expect(await m.attach(' 9222 ')).toBe(true);
    expect(b.callsOf('attach_chromium')).toEqual([{ launch: false, address: '9222', headless: false }]);
    expect(m.isChromium).toBe(true);
    expect(m.connected).toBe(true);
    expect(m.summary).toBe('HeadlessChrome/156.0 at 127.0.0.1:9222');
    expect(m.status.workers).toHaveLength(1);
    expect(m.primaryOrigin).toBe('http://127.0.0.1:8000/');
  });

  it('refuses bad addresses before asking, and shows the backend refusal inline', async () => {
    const b = new FakeBackend().fail('attach_chromium', 'cannot connect to the browser at 127.0.0.1:9: Connection refused', 'chromium');
    const m = new TargetModel(b);
    expect(addressProblem('')).toContain('DevTools port');
    expect(addressProblem('70000')).toContain('not a port');
    expect(addressProblem('0')).toContain('not a port');
    expect(addressProblem('ws://127.0.0.1:9222/devtools/browser/x')).toBeNull();
    expect(await m.attach('   ')).toBe(false);
    expect(m.error).toContain('give the DevTools port');
    expect(await m.attach('99999')).toBe(false);
    expect(b.callsOf('attach_chromium')).toEqual([]);
    expect(await m.attach('9')).toBe(false);
    expect(m.error).toBe('Attaching to Chromium: cannot connect to the browser at 127.0.0.1:9: Connection refused');
    expect(m.isChromium).toBe(false);
  });

  it('launches headed by default', async () => {
    const b = new FakeBackend().on('attach_chromium', connected({ launched: true, endpoint: '/usr/bin/chromium (launched, port 4000)' }));
    const m = new TargetModel(b);
    expect(await m.launch()).toBe(true);
    expect(b.callsOf('attach_chromium')).toEqual([{ launch: true, address: null, headless: false }]);
    expect(m.notice).toContain('Launched and attached');
  });

  it('fires sync with a lastChance choice and periodicsync by tag on a Chromium registration', async () => {
    const b = new FakeBackend().on('chromium_dispatch_sync', connected()).on('chromium_dispatch_periodic_sync', connected());
    const m = new TargetModel(b);
    m.setStatus(connected());
    m.edit('7', { syncTag: 'outbox', lastChance: true, periodicTag: 'news' });
    await m.sync(worker);
    await m.periodicSync(worker);
    expect(b.callsOf('chromium_dispatch_sync')).toEqual([{ registration_id: '7', tag: 'outbox', last_chance: true }]);
    expect(b.callsOf('chromium_dispatch_periodic_sync')).toEqual([{ registration_id: '7', tag: 'news' }]);
    expect(m.form('7').result).toBe('periodicsync "news" dispatched');
  });

  it('takes the browser offline and back', async () => {
    const b = new FakeBackend().on('chromium_set_offline', (a) => connected({ offline: a.offline }));
    const m = new TargetModel(b);
    m.setStatus(connected());
    await m.setOffline(true);
    expect(m.status.offline).toBe(true);
    await m.setOffline(false);
    expect(m.status.offline).toBe(false);
  });

  it('says so inline when the browser goes away, and Detach returns to the embedded engine', async () => {
    const b = new FakeBackend().on('detach_chromium', EMBEDDED);
    const m = new TargetModel(b);
    m.setStatus(connected());
    m.edit('7', { syncTag: 'x' });
    m.setStatus(connected({ state: 'disconnected', error: 'browser disconnected: the connection closed', workers: [] }));
    expect(m.error).toContain('The attached Chromium went away: browser disconnected: the connection closed');
    expect(m.isChromium).toBe(true);
    expect(m.connected).toBe(false);
    expect(m.forms.has('7')).toBe(false);
    await m.detach();
    expect(m.isChromium).toBe(false);
    expect(m.notice).toContain('back on the embedded engine');
  });

  it('shows a failed dispatch inline (e.g. the registration went away)', async () => {
    const b = new FakeBackend().fail('chromium_dispatch_sync', 'Chromium has no service-worker registration "7"', 'input');
    const m = new TargetModel(b);
    m.setStatus(connected());
    await m.sync(worker);
    expect(m.error).toBe('Sync test-tag-from-devtools: Chromium has no service-worker registration "7"');
  });
});
