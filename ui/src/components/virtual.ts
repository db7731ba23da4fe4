// Windowing for the event table: which rows of a fixed-height list are on screen.

/** The rows [start, end) to render for a viewport, with `overscan` extra rows either side. */
export function visibleRange(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  count: number,
  overscan = 8,
): { start: number; end: number } {
  if (count === 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const shown = Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1;
  const start = Math.max(0, Math.min(count - 1, first) - overscan);
  const end = Math.min(count, first + shown + overscan);
  return { start, end };
}

/** The scrollTop that brings row `index` into view, or `null` when it is visible already. */
export function scrollToReveal(index: number, scrollTop: number, viewportHeight: number, rowHeight: number): number | null {
  const top = index * rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + viewportHeight) return top + rowHeight - viewportHeight;
  return null;
}

/**
 * Whether a table that follows its newest row still does after a scroll event: yes at the bottom, no once the
 * user scrolled up, and unchanged otherwise. Rows added at either end only grow the content, so a scroll event
 * that lands above the (new) bottom without moving up is the table's own scroll to the previous bottom, not the
 * user's: judging it by position alone stopped the table following whenever rows came in quick succession.
 */
export function followsTail(
  following: boolean,
  previousTop: number,
  scrollTop: number,
  viewportHeight: number,
  scrollHeight: number,
  rowHeight: number,
): boolean {
  if (scrollTop + viewportHeight >= scrollHeight - rowHeight) return true;
  if (scrollTop < previousTop) return false;
  return following;
}
