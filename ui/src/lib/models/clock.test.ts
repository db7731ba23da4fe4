import { describe, expect, it } from 'vitest';
import { FakeBackend } from '../../test/fake-backend';
import { clock } from '../../test/fixtures';
import { ClockModel } from './clock';

describe('ClockModel', () => {
  it('extrapolates a running virtual clock at its speed, and stands still when paused', () => {
    let wall = 50_000;
    const m = new ClockModel(new FakeBackend(), () => wall);
    m.setStatus(clock({ now: 1_000_000, paused: false, speed: 60 }));
    wall += 1000;
    expect(m.now()).toBe(1_060_000);
    m.setStatus(clock({ now: 2_000_000, paused: true }));
    wall += 5000;
    expect(m.now()).toBe(2_000_000);
  });

  it('advances by a typed duration and shows refusals inline', async () => {
    const b = new FakeBackend()
      .on('clock_advance', clock({ now: 1_300_000 }))
      .fail('clock_advance_to_next', 'the clock is real; switch to the virtual clock to advance time', 'input');
    const m = new ClockModel(b);
    await m.advance(' 5m ');
    expect(b.callsOf('clock_advance')).toEqual([{ by: '5m' }]);
    expect(m.status?.now).toBe(1_300_000);
    await m.advance('');
    expect(m.error).toBe('Advancing: type a duration such as 5m, 1h or 3d');
    await m.advanceToNext();
    expect(m.error).toBe('Advancing to the next event: the clock is real; switch to the virtual clock to advance time');
    await m.setSpeed(-2);
    expect(b.callsOf('clock_set_speed')).toEqual([]);
  });
});
