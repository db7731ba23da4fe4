import { describe, expect, it, vi } from 'vitest';
import { FakeBackend } from '../../test/fake-backend';
import { recorded } from '../../test/fixtures';
import { EventsModel } from './events';

describe('EventsModel (a background service view)', () => {
  it('loads the newest page first, then older pages in front of it', async () => {
    const b = new FakeBackend().on('query_events', (q) =>
      q.before === null
        ? { events: [recorded(3), recorded(2)], next: { timestamp: recorded(2).timestamp, id: 2 } }
        : { events: [recorded(1)], next: null },
    );
    const m = new EventsModel(b, 'backgroundSync');
    const shown: number[][] = [];
    m.subscribe(() => shown.push(m.events.map((e) => e.id)));
    await m.load();
    expect(m.events.map((e) => e.id)).toEqual([1, 2, 3]);
    // The newest page was on screen before the older one arrived.
    expect(shown).toContainEqual([2, 3]);
    expect(b.callsOf('query_events')).toEqual([
      { service: 'backgroundSync', oldest_first: false, limit: 1_000, before: null },
      { service: 'backgroundSync', oldest_first: false, limit: 5_000, before: { timestamp: recorded(2).timestamp, id: 2 } },
    ]);
    expect(m.row(2)).toMatchObject({ index: 3, event: 'Registered sync', instanceId: 'outbox', storageKey: 'http://localhost/' });
  });

  it('keeps a live event that arrives while older pages load', async () => {
    let release: () => void = () => {};
    const b = new FakeBackend().on('query_events', (q) =>
      q.before === null
        ? { events: [recorded(3)], next: { timestamp: recorded(3).timestamp, id: 3 } }
        : new Promise((resolve) => {
            release = () => resolve({ events: [recorded(2), recorded(1)], next: null });
          }),
    );
    const m = new EventsModel(b, 'backgroundSync');
    const loading = m.load();
    await vi.waitFor(() => expect(m.events.map((e) => e.id)).toEqual([3]));
    await vi.waitFor(() => expect(b.callsOf('query_events')).toHaveLength(2));
    m.onRecorded(recorded(4));
    release();
    await loading;
    expect(m.events.map((e) => e.id)).toEqual([1, 2, 3, 4]);
  });

  it('appends live events of its service once, in time order', () => {
    const m = new EventsModel(new FakeBackend(), 'backgroundSync');
    m.onRecorded(recorded(2));
    m.onRecorded(recorded(2));
    m.onRecorded(recorded(3, { service: 'periodicBackgroundSync' }));
    m.onRecorded(recorded(1));
    expect(m.events.map((e) => e.id)).toEqual([1, 2]);
  });

  it("shows only the page's origin unless other origins are asked for", () => {
    const m = new EventsModel(new FakeBackend(), 'backgroundSync');
    m.onRecorded(recorded(1));
    m.onRecorded(recorded(2, { origin: 'https://other.test' }));
    expect(m.visible).toHaveLength(2);
    m.setOrigin('http://localhost');
    expect(m.visible.map((e) => e.id)).toEqual([1]);
    m.setShowOtherOrigins(true);
    expect(m.visible).toHaveLength(2);
  });

  it('adds a live event to the rows shown without filtering the whole log again', () => {
    const m = new EventsModel(new FakeBackend(), 'backgroundSync');
    m.setOrigin('http://localhost');
    m.onRecorded(recorded(1));
    const shown = m.visible;
    m.onRecorded(recorded(2, { origin: 'https://other.test' }));
    m.onRecorded(recorded(3));
    expect(m.visible).toBe(shown);
    expect(m.visible.map((e) => e.id)).toEqual([1, 3]);
    m.setFilter('registered');
    m.onRecorded(recorded(4, { eventName: 'Sync completed' }));
    m.onRecorded(recorded(5));
    expect(m.visible.map((e) => e.id)).toEqual([1, 3, 5]);
  });

  it('filters by event name, tag, origin or metadata', () => {
    const m = new EventsModel(new FakeBackend(), 'backgroundSync');
    m.onRecorded(recorded(1));
    m.onRecorded(recorded(2, { eventName: 'Dispatched sync event', eventMetadata: [{ key: 'Last Chance', value: 'Yes' }] }));
    m.onRecorded(recorded(3, { instanceId: 'upload' }));
    m.setFilter('DISPATCHED');
    expect(m.visible.map((e) => e.id)).toEqual([2]);
    m.setFilter('yes');
    expect(m.visible.map((e) => e.id)).toEqual([2]);
    m.setFilter('upl');
    expect(m.visible.map((e) => e.id)).toEqual([3]);
    m.setFilter('');
    expect(m.visible).toHaveLength(3);
  });

  it("shows the selected event's metadata sorted by key, and moves the selection by keyboard", () => {
    const m = new EventsModel(new FakeBackend(), 'backgroundSync');
    m.onRecorded(recorded(1));
    m.onRecorded(
      recorded(2, {
        eventName: 'sync event failed',
        eventMetadata: [
          { key: 'Next Attempt Delay (ms)', value: '300000' },
          { key: 'Failure Reason', value: 'waitUntil rejected' },
        ],
      }),
    );
    m.moveSelection(1);
    expect(m.selectedId).toBe(1);
    m.moveSelection(1);
    expect(m.selectedMetadata.map((x) => x.key)).toEqual(['Failure Reason', 'Next Attempt Delay (ms)']);
    m.moveSelection(5);
    expect(m.selectedId).toBe(2);
  });

  it('records, clears, saves and loads through the backend, saying what it did', async () => {
    const info = (on: boolean) => ({
      status: { service: 'backgroundSync' as const, started_at: on ? 1 : null, stops_at: on ? 2 : null },
      recording: on,
    });
    const b = new FakeBackend()
      .on('set_recording', (a) => info(a.on))
      .on('clear_events', 4)
      .on('save_events', { path: '/home/dev/Downloads/backgroundSync-20261121T101500.json', events: 3 })
      .on('import_events', 2)
      .on('query_events', { events: [recorded(7)], next: null });
    const m = new EventsModel(b, 'backgroundSync');
    m.onRecorded(recorded(1));
    await m.toggleRecording();
    expect(m.isRecording).toBe(true);
    await m.toggleRecording();
    expect(b.callsOf('set_recording')).toEqual([
      { service: 'backgroundSync', on: true },
      { service: 'backgroundSync', on: false },
    ]);
    await m.clear();
    expect(m.events).toEqual([]);
    expect(m.notice).toBe('Cleared 4 events.');
    m.setOrigin('http://localhost');
    await m.save();
    expect(b.callsOf('save_events')).toEqual([{ service: 'backgroundSync', origin: 'http://localhost' }]);
    expect(m.notice).toBe('Saved 3 events to /home/dev/Downloads/backgroundSync-20261121T101500.json');
    await m.loadFile('saved.json', '[]');
    expect(b.callsOf('import_events')).toEqual([{ name: 'saved.json', text: '[]' }]);
    expect(m.events.map((e) => e.id)).toEqual([7]);
    expect(m.notice).toBe('Loaded 2 new events from saved.json.');
  });

  it('shows a failure inline instead of failing silently', async () => {
    const b = new FakeBackend().fail('import_events', 'saved.json: not a DevTools "Save events" file');
    const m = new EventsModel(b, 'backgroundSync');
    await m.loadFile('saved.json', 'nope');
    expect(m.error).toBe('Loading saved.json: saved.json: not a DevTools "Save events" file');
    expect(m.busy).toBe(false);
  });
});
