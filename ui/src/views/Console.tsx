import { useEffect, useRef } from 'preact/hooks';
import { Notices } from '../components/Notices';
import { formatTime } from '../lib/format';
import { type ConsoleModel, LEVELS } from '../lib/models/console';
import { useModels } from '../hooks';

/** The workers' console: history, then live; filter by level and text. */
export function ConsoleView({ model }: { model: ConsoleModel }) {
  useModels(model);
  const end = useRef<HTMLDivElement>(null);
  const lines = model.visible;
  useEffect(() => end.current?.scrollIntoView({ block: 'end' }), [lines.length]);
  return (
    <section class="view" aria-label="Console">
      <div class="toolbar" role="toolbar">
        <button type="button" onClick={() => model.clear()}>
          Clear
        </button>
        <input
          type="search"
          placeholder="Filter"
          value={model.filter}
          onInput={(e) => model.setFilter((e.currentTarget as HTMLInputElement).value)}
        />
        {LEVELS.map((l) => (
          <label class="check" key={l}>
            <input type="checkbox" checked={model.levels.has(l)} onChange={() => model.toggleLevel(l)} /> {l}
          </label>
        ))}
      </div>
      <Notices model={model} />
      <div class="scroll console" role="log">
        {lines.length === 0 && <p class="empty">No console output.</p>}
        {lines.map((l, i) => (
          <div key={i} class={`line ${l.level}`}>
            <span class="muted">{formatTime(l.at).slice(11)}</span> <span class="ctx">#{l.sw_registration_id} {l.context}</span>{' '}
            <span class="text">{l.text}</span>
          </div>
        ))}
        <div ref={end} />
      </div>
    </section>
  );
}
