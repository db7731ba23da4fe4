import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { EventsModel } from '../lib/models/events';
import { type TimelineModel, buildLanes, lanesRange, ticks, xOf } from '../lib/models/timeline';
import { formatTime, serviceLabel } from '../lib/format';
import { useModels } from '../hooks';

const LANE = 28;
const LABEL = 220;

/** One lane per tag, its events on a shared time axis; zoom in to separate retries minutes apart. */
export function TimelineView({ model, sources }: { model: TimelineModel; sources: EventsModel[] }) {
  useModels(model, ...sources);
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(800);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(Math.max(200, el.clientWidth - LABEL - 24)));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const lanes = buildLanes(sources.flatMap((s) => s.events));
  const range = lanesRange(lanes);
  const inner = width * model.zoom;
  return (
    <section class="view" aria-label="Timeline">
      <div class="toolbar" role="toolbar">
        <button type="button" onClick={() => model.zoomIn()} title="Zoom in">
          Zoom in
        </button>
        <button type="button" onClick={() => model.zoomOut()} title="Zoom out" disabled={model.zoom <= 1}>
          Zoom out
        </button>
        <button type="button" onClick={() => model.fit()} disabled={model.zoom === 1}>
          Fit
        </button>
        <span class="muted">×{model.zoom}</span>
        <span class="grow" />
        <span class="legend">
          <i class="mark register" /> registered <i class="mark dispatch" /> dispatched <i class="mark lastchance" /> last
          chance <i class="mark failed" /> failed <i class="mark completed" /> completed
        </span>
      </div>
      <div class="scroll timeline" ref={box}>
        {!range ? (
          <p class="empty">No recorded sync events yet: record Background sync or Periodic background sync.</p>
        ) : (
          <div class="lanes">
            <div class="labels">
              <div class="axis-label" />
              {lanes.map((l) => (
                <div class="lane-label" key={l.key} title={`${serviceLabel(l.service)} · ${l.origin}`}>
                  <b>{l.tag}</b> <span class="muted">{l.service === 'periodicBackgroundSync' ? 'periodicsync' : 'sync'}</span>
                </div>
              ))}
            </div>
            <div class="tracks">
              <svg width={inner} height={LANE * (lanes.length + 1)} role="img" aria-label="Events over time">
                {ticks(range, Math.max(2, Math.floor(inner / 140))).map((t) => (
                  <g key={t}>
                    <line class="tick" x1={xOf(t, range, width, model.zoom)} x2={xOf(t, range, width, model.zoom)} y1={LANE - 6} y2={LANE * (lanes.length + 1)} />
                    <text class="tick-label" x={xOf(t, range, width, model.zoom) + 3} y={LANE - 10}>
                      {formatTime(t).slice(5, 19)}
                    </text>
                  </g>
                ))}
                {lanes.map((l, i) => (
                  <g key={l.key}>
                    <line class="lane-line" x1={0} x2={inner} y1={LANE * (i + 1.5)} y2={LANE * (i + 1.5)} />
                    {l.marks.map((m) => (
                      <circle
                        key={m.id}
                        class={`mark ${m.lastChance ? 'lastchance' : m.kind}`}
                        cx={xOf(m.t, range, width, model.zoom)}
                        cy={LANE * (i + 1.5)}
                        r={5}
                      >
                        <title>{`${m.name}${m.lastChance ? ' (last chance)' : ''} · ${formatTime(m.t)}`}</title>
                      </circle>
                    ))}
                  </g>
                ))}
              </svg>
            </div>
          </div>
        )}
      </div>
    </section>
  );
}
