// The UI's only door to the Rust side (GitButler's IBackend pattern): views and models get a `Backend` and never
// import @tauri-apps/* themselves (ESLint enforces it). Types come from the generated bindings, so a command's
// name, argument and result are checked against the Rust command surface at compile time.
import type { Commands } from '../bindings/Commands';
import type { CommandError } from '../bindings/CommandError';
import type { LiveEvent } from '../bindings/LiveEvent';

export type CommandName = keyof Commands;
export type ArgsOf<C extends CommandName> = Commands[C]['args'];
export type ResultOf<C extends CommandName> = Commands[C]['result'];
/** A command's argument list: none for commands without arguments, else the one `args` object. */
export type ArgList<C extends CommandName> = ArgsOf<C> extends null ? [] : [args: ArgsOf<C>];

export interface Backend {
  /** Calls a command; rejects with a `BackendError`. */
  invoke<C extends Exclude<CommandName, 'subscribe'>>(cmd: C, ...args: ArgList<C>): Promise<ResultOf<C>>;
  /** Streams live events (engine events, console lines, clock changes) to `onEvent` until the page goes away. */
  subscribe(onEvent: (event: LiveEvent) => void): Promise<void>;
}

/** A failed command, with the kind and message the Rust side gave. */
export class BackendError extends Error {
  readonly kind: string;
  constructor(kind: string, message: string) {
    super(message);
    this.name = 'BackendError';
    this.kind = kind;
  }

  /** Whatever a command rejected with, as a `BackendError`. */
  static from(e: unknown): BackendError {
    if (e instanceof BackendError) return e;
    if (e && typeof e === 'object' && 'message' in e && 'kind' in e) {
      const c = e as CommandError;
      return new BackendError(String(c.kind), String(c.message));
    }
    if (e instanceof Error) return new BackendError('ui', e.message);
    return new BackendError('ui', String(e));
  }
}

/** A backend for a page opened outside the app (e.g. `vite` in a browser): every call says so. */
export class UnavailableBackend implements Backend {
  invoke(): Promise<never> {
    return Promise.reject(
      new BackendError('ui', 'Not running inside the Syncscope app: start it with `cargo run -p syncscope-app`.'),
    );
  }
  subscribe(): Promise<void> {
    return Promise.resolve();
  }
}

/** The backend for this window: Tauri's inside the app, an explanatory stand-in elsewhere. */
export async function createBackend(): Promise<Backend> {
  if (typeof window !== 'undefined' && '__TAURI_INTERNALS__' in window) {
    const { TauriBackend } = await import('./tauri');
    return new TauriBackend();
  }
  return new UnavailableBackend();
}
