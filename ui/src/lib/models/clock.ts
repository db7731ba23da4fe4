// The Clock view model: real or virtual time, pause, run at a speed, advance by a duration or to the next event.
import type { Backend } from '../backend';
import type { ClockMode } from '../bindings/ClockMode';
import type { ClockStatus } from '../bindings/ClockStatus';
import { Model } from '../observable';

export class ClockModel extends Model {
  status: ClockStatus | null = null;
  /** Wall time (ms) when `status` arrived, to extrapolate a running clock between updates. */
  #receivedAt = 0;
  readonly #backend: Backend;
  readonly #wall: () => number;

  constructor(backend: Backend, wall: () => number = () => Date.now()) {
    super();
    this.#backend = backend;
    this.#wall = wall;
  }

  setStatus(status: ClockStatus): void {
    this.status = status;
    this.#receivedAt = this.#wall();
    this.changed();
  }

  /** The engine's time now (ms), extrapolated while the clock runs. */
  now(): number {
    const s = this.status;
    if (!s) return this.#wall();
    if (s.mode === 'virtual' && s.paused) return s.now;
    return s.now + (this.#wall() - this.#receivedAt) * (s.mode === 'real' ? 1 : s.speed);
  }

  get isVirtual(): boolean {
    return this.status?.mode === 'virtual';
  }

  async #apply(what: string, f: () => Promise<ClockStatus>): Promise<void> {
    const s = await this.run(what, f);
    if (s) this.setStatus(s);
  }

  load(): Promise<void> {
    return this.#apply('Reading the clock', () => this.#backend.invoke('clock_status'));
  }
  pause(): Promise<void> {
    return this.#apply('Pausing', () => this.#backend.invoke('clock_pause'));
  }
  resume(): Promise<void> {
    return this.#apply('Resuming', () => this.#backend.invoke('clock_resume'));
  }
  /** Advances by a duration as typed: `5m`, `3d`, `90s` or milliseconds. */
  advance(by: string): Promise<void> {
    const text = by.trim();
    if (!text) {
      this.error = 'Advancing: type a duration such as 5m, 1h or 3d';
      this.changed();
      return Promise.resolve();
    }
    return this.#apply(`Advancing by ${text}`, () => this.#backend.invoke('clock_advance', { by: text }));
  }
  advanceToNext(): Promise<void> {
    return this.#apply('Advancing to the next event', () => this.#backend.invoke('clock_advance_to_next'));
  }
  setSpeed(speed: number): Promise<void> {
    if (!Number.isFinite(speed) || speed <= 0) {
      this.error = `Setting the speed: ${speed} is not a number above 0`;
      this.changed();
      return Promise.resolve();
    }
    return this.#apply('Setting the speed', () => this.#backend.invoke('clock_set_speed', { speed }));
  }
  setMode(mode: ClockMode): Promise<void> {
    return this.#apply(`Switching to the ${mode} clock`, () => this.#backend.invoke('clock_set_mode', { mode }));
  }
}
