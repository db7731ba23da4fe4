// The Console view model: the workers' console output, history then live, filtered by level and text.
import type { Backend } from '../backend';
import type { ConsoleLevel } from '../bindings/ConsoleLevel';
import type { ConsoleLine } from '../bindings/ConsoleLine';
import { Model } from '../observable';

export const MAX_LINES = 5000;
export const LEVELS: readonly ConsoleLevel[] = ['debug', 'log', 'info', 'warn', 'error'];

export class ConsoleModel extends Model {
  lines: ConsoleLine[] = [];
  levels = new Set<ConsoleLevel>(['log', 'info', 'warn', 'error']);
  filter = '';
  readonly #backend: Backend;

  constructor(backend: Backend) {
    super();
    this.#backend = backend;
  }

  async load(): Promise<void> {
    const lines = await this.run('Loading the console', () => this.#backend.invoke('console_history'));
    if (lines) {
      this.lines = lines.slice(-MAX_LINES);
      this.changed();
    }
  }

  add(line: ConsoleLine): void {
    this.lines.push(line);
    if (this.lines.length > MAX_LINES) this.lines.splice(0, this.lines.length - MAX_LINES);
    this.changed();
  }

  toggleLevel(level: ConsoleLevel): void {
    if (this.levels.has(level)) this.levels.delete(level);
    else this.levels.add(level);
    this.changed();
  }

  setFilter(text: string): void {
    this.filter = text;
    this.changed();
  }

  /** Hides what is there now (the engine keeps nothing else). */
  clear(): void {
    this.lines = [];
    this.changed();
  }

  get visible(): ConsoleLine[] {
    const f = this.filter.toLowerCase();
    return this.lines.filter((l) => this.levels.has(l.level) && (!f || l.text.toLowerCase().includes(f)));
  }
}
