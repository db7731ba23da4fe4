import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { followsTail, scrollToReveal, visibleRange } from './virtual';

export interface Column<R> {
  title: string;
  /** CSS grid track, e.g. `4em` or `minmax(8em, 1fr)`. */
  width: string;
  cell: (row: R) => ComponentChildren;
}

interface Props<R> {
  count: number;
  row: (index: number) => R;
  columns: Column<R>[];
  rowKey: (row: R) => number;
  selected: number | null;
  onSelect: (key: number) => void;
  onMove: (delta: number) => void;
  /** Keeps the newest row in view while the user has not scrolled up. */
  followTail?: boolean;
  rowHeight?: number;
  label: string;
}

/** A table that renders only the rows on screen, so 100k events scroll like 10. Arrow keys move the selection. */
export function VirtualTable<R>(p: Props<R>) {
  const rowHeight = p.rowHeight ?? 22;
  const body = useRef<HTMLDivElement>(null);
  const [scroll, setScroll] = useState({ top: 0, height: 400 });
  const atTail = useRef(true);
  const lastTop = useRef(0);

  useLayoutEffect(() => {
    const el = body.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setScroll({ top: el.scrollTop, height: el.clientHeight }));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  useEffect(() => {
    const el = body.current;
    if (el && p.followTail && atTail.current) el.scrollTop = el.scrollHeight;
  }, [p.count, p.followTail]);

  const { start, end } = visibleRange(scroll.top, scroll.height, rowHeight, p.count);
  const template = p.columns.map((c) => c.width).join(' ');
  const rows = [];
  for (let i = start; i < end; i++) {
    const r = p.row(i);
    const key = p.rowKey(r);
    rows.push(
      <div
        key={key}
        role="row"
        aria-selected={key === p.selected}
        class={`vrow${key === p.selected ? ' selected' : ''}${i % 2 ? ' odd' : ''}`}
        style={{ transform: `translateY(${i * rowHeight}px)`, gridTemplateColumns: template, height: `${rowHeight}px` }}
        onClick={() => p.onSelect(key)}
      >
        {p.columns.map((c) => (
          <div role="cell" class="vcell">
            {c.cell(r)}
          </div>
        ))}
      </div>,
    );
  }

  const onKey = (e: KeyboardEvent) => {
    const delta = e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : 0;
    if (!delta) return;
    e.preventDefault();
    p.onMove(delta);
  };

  useEffect(() => {
    const el = body.current;
    if (!el || p.selected === null) return;
    for (let i = start; i < end; i++) if (p.rowKey(p.row(i)) === p.selected) return;
    // The selection moved off screen by keyboard: find it near the window and reveal it.
    for (let i = Math.max(0, start - 2); i < Math.min(p.count, end + 2); i++) {
      if (p.rowKey(p.row(i)) === p.selected) {
        const top = scrollToReveal(i, el.scrollTop, el.clientHeight, rowHeight);
        if (top !== null) el.scrollTop = top;
        return;
      }
    }
  }, [p.selected]);

  return (
    <div class="vtable" role="table" aria-label={p.label} aria-rowcount={p.count}>
      <div class="vhead" role="row" style={{ gridTemplateColumns: template }}>
        {p.columns.map((c) => (
          <div role="columnheader" class="vcell">
            {c.title}
          </div>
        ))}
      </div>
      <div
        class="vbody"
        ref={body}
        tabIndex={0}
        onKeyDown={onKey}
        onScroll={(e) => {
          const el = e.currentTarget as HTMLDivElement;
          atTail.current = followsTail(atTail.current, lastTop.current, el.scrollTop, el.clientHeight, el.scrollHeight, rowHeight);
          lastTop.current = el.scrollTop;
          setScroll({ top: el.scrollTop, height: el.clientHeight });
        }}
      >
        <div class="vspacer" style={{ height: `${p.count * rowHeight}px` }}>
          {rows}
        </div>
      </div>
    </div>
  );
}
