import { describe, expect, it } from 'vitest';
import { emptyStateText, formatDuration, formatRelative, formatTime, outcomeText, sortedMetadata } from './format';
import durations from '../../../tests/fixtures/durations.json';

describe('format', () => {
  it('writes times with milliseconds and their zone', () => {
    expect(formatTime(Date.UTC(2026, 10, 21, 10, 15, 0, 7), true)).toBe('2026-11-21 10:15:00.007 Z');
    expect(formatTime(Date.UTC(2026, 10, 21, 10, 15, 0, 7), true, false)).toBe('2026-11-21 10:15:00 Z');
    // Local time carries its offset at that moment.
    const t = Date.UTC(2026, 6, 1, 12, 0, 0);
    const off = -new Date(t).getTimezoneOffset();
    const zone = `${off < 0 ? '-' : '+'}${String(Math.floor(Math.abs(off) / 60)).padStart(2, '0')}:${String(Math.abs(off) % 60).padStart(2, '0')}`;
    expect(formatTime(t).endsWith(` ${zone}`)).toBe(true);
  });

  it('writes durations exactly, as the engine does (the shared table)', () => {
    for (const [ms, text] of durations.format as [number, string][]) expect(formatDuration(ms)).toBe(text);
    expect(formatDuration(-90_000)).toBe('-1m30s');
  });

  it('writes times relative to the engine clock', () => {
    expect(formatRelative(1000 + 300_000, 1000)).toBe('in 5m');
    expect(formatRelative(1000, 1000 + 300_000)).toBe('5m ago');
    expect(formatRelative(1500, 1000)).toBe('now');
  });

  it('names outcomes with Chromium status words', () => {
    expect(outcomeText({ status: 'succeeded' })).toBe('succeeded');
    expect(outcomeText({ status: 'wait-until-rejected', reason: 'Error: nope' })).toBe('waitUntil rejected: Error: nope');
    expect(outcomeText({ status: 'timed-out' })).toBe('timeout');
    expect(outcomeText({ status: 'failed', reason: 'no worker' })).toBe('failed: no worker');
  });

  it('sorts metadata by key without touching the event', () => {
    const meta = [
      { key: 'Next Attempt Delay (ms)', value: '300000' },
      { key: 'Failure Reason', value: 'waitUntil rejected' },
    ];
    expect(sortedMetadata(meta).map((m) => m.key)).toEqual(['Failure Reason', 'Next Attempt Delay (ms)']);
    expect(meta[0].key).toBe('Next Attempt Delay (ms)');
  });

  it("uses DevTools' empty-state wording with Syncscope", () => {
    expect(emptyStateText('backgroundSync', false)).toEqual([
      'Click the record button or hit Ctrl + E to start recording.',
      'Syncscope will record all background sync activity for up to 3 days, even when closed.',
    ]);
    expect(emptyStateText('periodicBackgroundSync', true)[0]).toBe('Recording periodic background sync activity...');
    expect(emptyStateText('backgroundFetch', true)[1]).toBe(
      'Syncscope will record all background fetch activity for up to 3 days, even when closed.',
    );
  });
});
