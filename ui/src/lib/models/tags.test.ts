import { describe, expect, it } from 'vitest';
import { FakeBackend } from '../../test/fake-backend';
import { tag } from '../../test/fixtures';
import { TagsModel, tagRow } from './tags';

describe('Tags', () => {
  it('shows attempt n of max, the next fire time and whether it is the last chance', () => {
    const now = 1_000_000;
    const row = tagRow(tag({ num_attempts: 2, next_fire: now + 15 * 60_000, last_chance_next: true }), now);
    expect(row).toMatchObject({ type: 'sync', attempts: '3 of 3', next: 'in 15m', lastChanceNext: 'Yes', minInterval: '—' });
  });

  it('shows periodic intervals and suspension', () => {
    const row = tagRow(
      tag({
        kind: 'periodic',
        tag: 'news',
        display_state: 'suspended',
        next_fire: null,
        min_interval_ms: 13 * 3_600_000,
        effective_interval_ms: 48 * 3_600_000,
      }),
      0,
    );
    expect(row).toMatchObject({
      type: 'periodicsync',
      next: 'suspended (no site engagement)',
      lastChanceNext: '—',
      minInterval: '13h',
      effectiveInterval: '48h',
    });
  });

  it('sorts by next fire time and filters by tag, origin, state or type', async () => {
    const b = new FakeBackend().on('list_tags', [
      tag({ tag: 'later', next_fire: 5000 }),
      tag({ tag: 'soon', next_fire: 10 }),
      tag({ tag: 'news', kind: 'periodic', next_fire: 1 }),
    ]);
    const m = new TagsModel(b);
    await m.load();
    expect(m.rows(0).map((r) => r.tag)).toEqual(['news', 'soon', 'later']);
    m.setFilter('PERIODICSYNC');
    expect(m.rows(0).map((r) => r.tag)).toEqual(['news']);
  });
});
