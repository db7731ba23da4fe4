import { describe, expect, it } from 'vitest';
import { FakeBackend } from '../../test/fake-backend';
import { BackendError } from '../backend';
import { settings } from '../../test/fixtures';
import { SettingsModel, hostsFromDraft, paramDraft, paramsFromDraft } from './settings';

describe('Engine settings', () => {
  it("edits parameters by Chromium's field-trial names, in seconds", () => {
    const d = paramDraft(settings().engine.params);
    expect(d).toMatchObject({ initial_retry_delay_sec: '300', max_sync_attempts: '3', min_periodic_sync_events_interval_sec: '43200' });
    const p = paramsFromDraft({ ...d, initial_retry_delay_sec: '0.5', retry_delay_factor: '2' });
    expect(p).toMatchObject({ initial_retry_delay_ms: 500, retry_delay_factor: 2, max_sync_attempts: 3 });
    expect(paramsFromDraft({ ...d, max_sync_attempts: '2.5' })).toBe('max_sync_attempts: expected a whole number ≥ 1, got "2.5"');
    expect(paramsFromDraft({ ...d, initial_retry_delay_sec: 'soon' })).toContain('initial_retry_delay_sec');
  });

  it('saves parameters and refuses bad ones inline', async () => {
    const b = new FakeBackend().on('set_params', (p) => ({ ...settings(), engine: { ...settings().engine, params: p } }));
    const m = new SettingsModel(b);
    m.setSnapshot(settings());
    m.edit('initial_retry_delay_sec', '3');
    await m.saveParams();
    expect(b.callsOf('set_params')).toHaveLength(1);
    expect(m.snapshot?.engine.params.initial_retry_delay_ms).toBe(3000);
    expect(m.notice).toBe('Parameters saved.');
    m.edit('retry_delay_factor', '0');
    await m.saveParams();
    expect(m.error).toContain('retry_delay_factor');
    expect(b.callsOf('set_params')).toHaveLength(1);
  });

  it('saves the allowed hosts one per line, and keeps the text when the backend refuses one', async () => {
    expect(hostsFromDraft(' api.example.com \n\n*.cdn.test, 10.0.0.5\n')).toEqual(['api.example.com', '*.cdn.test', '10.0.0.5']);
    const b = new FakeBackend().on('set_allow_hosts', ({ hosts }) => {
      if (hosts.includes('bad host')) throw new BackendError('input', '"bad host" is not a host name');
      return { ...settings(), allow_hosts: { saved: hosts, from_env: [] } };
    });
    const m = new SettingsModel(b);
    m.setSnapshot(settings());
    expect(m.hostsDraft).toBe('');
    m.editHosts('api.example.com\n*.cdn.test');
    await m.saveHosts();
    expect(b.callsOf('set_allow_hosts')).toEqual([{ hosts: ['api.example.com', '*.cdn.test'] }]);
    expect(m.snapshot?.allow_hosts.saved).toEqual(['api.example.com', '*.cdn.test']);
    expect(m.hostsDraft).toBe('api.example.com\n*.cdn.test');
    expect(m.notice).toBe('Allowed hosts saved.');
    m.editHosts('bad host');
    await m.saveHosts();
    expect(m.error).toContain('bad host');
    expect(m.hostsDraft).toBe('bad host');
    expect(m.hostsDirty).toBe(true);
  });

  it("lists origins with Chromium's defaults where nothing is set", () => {
    const m = new SettingsModel(new FakeBackend());
    m.setSnapshot(
      settings({
        origins: [{ origin: 'https://b.test', engagement: 'high', background_sync: 'granted', periodic_background_sync: 'granted' }],
      }),
    );
    expect(m.origins(['http://localhost', 'https://b.test'])).toEqual([
      { origin: 'http://localhost', engagement: 'medium', backgroundSync: 'granted', periodic: 'denied' },
      { origin: 'https://b.test', engagement: 'high', backgroundSync: 'granted', periodic: 'granted' },
    ]);
  });
});
