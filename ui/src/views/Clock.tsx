import { useState } from 'preact/hooks';
import { Notices } from '../components/Notices';
import { formatTime } from '../lib/format';
import type { ClockModel } from '../lib/models/clock';
import { useModels, useTick } from '../hooks';

/** Real or virtual time: pause, run at a speed, advance by a duration or to the next event. */
export function ClockView({ model }: { model: ClockModel }) {
  useModels(model);
  const s = model.status;
  const running = s !== null && !(s.mode === 'virtual' && s.paused);
  useTick(250, running);
  const [by, setBy] = useState('5m');
  const [speed, setSpeed] = useState(String(s?.speed ?? 60));
  return (
    <section class="view" aria-label="Clock">
      <Notices model={model} />
      <div class="scroll">
        <div class="card clock">
          <div class="now" data-testid="clock-now">
            {formatTime(model.now())}
          </div>
          <p class="muted">
            {s === null
              ? 'Reading the clock…'
              : s.mode === 'real'
                ? "The real clock: this machine's time."
                : s.paused
                  ? 'The virtual clock, paused: time moves only when you advance it.'
                  : `The virtual clock, running at ×${s.speed}.`}
          </p>
          <div class="row">
            <label class="check">
              <input type="radio" name="mode" checked={s?.mode === 'real'} onChange={() => void model.setMode('real')} /> Real
            </label>
            <label class="check">
              <input type="radio" name="mode" checked={s?.mode === 'virtual'} onChange={() => void model.setMode('virtual')} />{' '}
              Virtual
            </label>
          </div>
          <div class="row">
            {running ? (
              <button type="button" disabled={!model.isVirtual} onClick={() => void model.pause()}>
                Pause
              </button>
            ) : (
              <button type="button" disabled={!model.isVirtual} onClick={() => void model.resume()}>
                Run
              </button>
            )}
            <label>
              Speed ×
              <input
                value={speed}
                size={8}
                onInput={(e) => setSpeed((e.currentTarget as HTMLInputElement).value)}
                disabled={!model.isVirtual}
              />
            </label>
            <button type="button" disabled={!model.isVirtual} onClick={() => void model.setSpeed(Number(speed))}>
              Set speed
            </button>
          </div>
          <form
            class="row"
            onSubmit={(e) => {
              e.preventDefault();
              void model.advance(by);
            }}
          >
            <label>
              Advance by <input value={by} size={8} onInput={(e) => setBy((e.currentTarget as HTMLInputElement).value)} />
            </label>
            <button type="submit" disabled={!model.isVirtual || model.busy}>
              Advance
            </button>
            <button type="button" disabled={!model.isVirtual || model.busy} onClick={() => void model.advanceToNext()}>
              Advance to next event
            </button>
          </form>
          <p class="muted">Durations: 90s, 5m, 1h, 3d, or milliseconds. Everything due on the way runs at its own time.</p>
        </div>
      </div>
    </section>
  );
}
