import { describe, expect, it } from 'vitest';
import { followsTail, scrollToReveal, visibleRange } from './virtual';

describe('virtualized rows', () => {
  it('renders only the rows on screen plus overscan', () => {
    expect(visibleRange(0, 200, 20, 100_000, 5)).toEqual({ start: 0, end: 16 });
    expect(visibleRange(20_000, 200, 20, 100_000, 5)).toEqual({ start: 995, end: 1016 });
    expect(visibleRange(10_000_000, 200, 20, 100, 5)).toEqual({ start: 94, end: 100 });
    expect(visibleRange(0, 200, 20, 0)).toEqual({ start: 0, end: 0 });
  });

  it('scrolls just enough to reveal a row', () => {
    expect(scrollToReveal(5, 0, 200, 20)).toBeNull();
    expect(scrollToReveal(20, 0, 200, 20)).toBe(220);
    expect(scrollToReveal(2, 100, 200, 20)).toBe(40);
  });

  it('keeps following the newest row until the user scrolls up', () => {
    // At the bottom: following.
    expect(followsTail(false, 0, 800, 200, 1000, 20)).toBe(true);
    // Rows arrived after the table scrolled itself to the old bottom: still following.
    expect(followsTail(true, 700, 800, 200, 1200, 20)).toBe(true);
    // The user scrolled up: no longer following, and scrolling down short of the bottom does not resume it.
    expect(followsTail(true, 800, 500, 200, 1200, 20)).toBe(false);
    expect(followsTail(false, 500, 600, 200, 1200, 20)).toBe(false);
  });
});
