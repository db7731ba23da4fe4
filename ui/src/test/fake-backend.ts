// A Backend for unit tests: answers commands from per-test handlers, records every call, and lets a test push
// live events. It is the edge the view-model tests isolate (the Rust side has its own tests through tauri::test).
import { type ArgList, type Backend, BackendError, type CommandName, type ResultOf } from '../lib/backend';
import type { LiveEvent } from '../lib/bindings/LiveEvent';

type Cmd = Exclude<CommandName, 'subscribe'>;
type Handler<C extends Cmd> = (...args: ArgList<C>) => ResultOf<C> | Promise<ResultOf<C>>;

export class FakeBackend implements Backend {
  readonly calls: { cmd: Cmd; args: unknown }[] = [];
  readonly #handlers = new Map<Cmd, (...a: unknown[]) => unknown>();
  #listener: ((e: LiveEvent) => void) | null = null;

  /** Answers `cmd` with `handler` (a value or a function of the args). */
  on<C extends Cmd>(cmd: C, handler: Handler<C> | ResultOf<C>): this {
    this.#handlers.set(cmd, typeof handler === 'function' ? (handler as (...a: unknown[]) => unknown) : () => handler);
    return this;
  }

  /** Makes `cmd` fail as the Rust side would. */
  fail(cmd: Cmd, message: string, kind = 'engine'): this {
    this.#handlers.set(cmd, () => {
      throw new BackendError(kind, message);
    });
    return this;
  }

  async invoke<C extends Cmd>(cmd: C, ...args: ArgList<C>): Promise<ResultOf<C>> {
    this.calls.push({ cmd, args: args[0] });
    const h = this.#handlers.get(cmd);
    if (!h) throw new BackendError('test', `no fake answer for ${cmd}`);
    return (await h(...args)) as ResultOf<C>;
  }

  async subscribe(onEvent: (e: LiveEvent) => void): Promise<void> {
    this.#listener = onEvent;
  }

  emit(e: LiveEvent): void {
    this.#listener?.(e);
  }

  callsOf(cmd: Cmd): unknown[] {
    return this.calls.filter((c) => c.cmd === cmd).map((c) => c.args);
  }
}
