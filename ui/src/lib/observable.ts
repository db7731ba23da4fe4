// A minimal observable for view models: views subscribe, models call `changed()` after each state change.
export class Observable {
  readonly #listeners = new Set<() => void>();

  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  protected changed(): void {
    for (const l of [...this.#listeners]) l();
  }
}

/** An observable with the inline error/notice every view shows: failures are never silent. */
export class Model extends Observable {
  error: string | null = null;
  notice: string | null = null;
  busy = false;

  /** Runs a backend call: clears the error first, sets it (prefixed with `what`) on failure. */
  protected async run<T>(what: string, f: () => Promise<T>): Promise<T | undefined> {
    this.error = null;
    this.busy = true;
    this.changed();
    try {
      return await f();
    } catch (e) {
      this.error = `${what}: ${e instanceof Error ? e.message : String(e)}`;
      return undefined;
    } finally {
      this.busy = false;
      this.changed();
    }
  }

  dismiss(): void {
    this.error = null;
    this.notice = null;
    this.changed();
  }
}
