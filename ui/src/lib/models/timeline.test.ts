import { describe, expect, it } from 'vitest';
import { recorded } from '../../test/fixtures';
import { buildLanes, lanesRange, markKind, ticks, xOf } from './timeline';

describe('Timeline', () => {
  it('puts each tag on its own lane, events in time order, last chances marked', () => {
    const lanes = buildLanes([
      recorded(3, { instanceId: 'b', timestamp: 30 }),
      recorded(1, { instanceId: 'a', timestamp: 10 }),
      recorded(4, { instanceId: 'a', timestamp: 40, eventName: 'Dispatched sync event', eventMetadata: [{ key: 'Last Chance', value: 'Yes' }] }),
      recorded(2, { instanceId: 'a', timestamp: 20, service: 'periodicBackgroundSync', eventName: 'Registered periodicsync' }),
    ]);
    expect(lanes.map((l) => `${l.service}:${l.tag}`)).toEqual(['backgroundSync:a', 'periodicBackgroundSync:a', 'backgroundSync:b']);
    expect(lanes[0].marks.map((m) => [m.t, m.kind, m.lastChance])).toEqual([
      [10_000, 'register', false],
      [40_000, 'dispatch', true],
    ]);
  });

  it("classifies Chromium's event names", () => {
    expect(markKind('Registered sync')).toBe('register');
    expect(markKind('Got next event delay')).toBe('register');
    expect(markKind('Dispatched periodicsync event')).toBe('dispatch');
    expect(markKind('sync event failed')).toBe('failed');
    expect(markKind('Sync completed')).toBe('completed');
    expect(markKind('periodicsync event completed')).toBe('completed');
    expect(markKind('Unregistered periodicsync')).toBe('other');
  });

  it('maps time to pixels over a padded range, zoomed from its start', () => {
    const lanes = buildLanes([recorded(1, { timestamp: 0 }), recorded(2, { timestamp: 100 })]);
    const r = lanesRange(lanes)!;
    expect(r).toEqual({ start: -2000, end: 102_000 });
    expect(xOf(r.start, r, 1040, 1)).toBe(0);
    expect(xOf(r.end, r, 1040, 1)).toBe(1040);
    expect(xOf(50_000, r, 1040, 2)).toBe(1040);
    expect(lanesRange([])).toBeNull();
  });

  it('picks round tick steps', () => {
    expect(ticks({ start: 0, end: 3_600_000 }, 6)).toEqual([0, 900_000, 1_800_000, 2_700_000, 3_600_000]);
  });
});
