// The Demo view model: the built-in chat PWA. Send calls the page's `chat.send(text)` (IndexedDB outbox, then
// `registration.sync.register('outbox')`); the chat server's received messages and its fail-next-N switch show
// what Background Sync delivered, and when.
import type { Backend } from '../backend';
import type { DemoInfo } from '../bindings/DemoInfo';
import type { TagInfo } from '../bindings/TagInfo';
import { Model } from '../observable';

/** The demo's sync tag (the page registers it on every Send). */
export const OUTBOX_TAG = 'outbox';
/** The demo's periodic sync tag. */
export const FEED_TAG = 'refresh-feed';
/** The longest message the compose box takes (the Rust side checks it too). */
export const MAX_MESSAGE_CHARS = 2000;

/** A message the user sent in this window, and whether the server has it yet. */
export interface SentMessage {
  text: string;
  state: 'queued' | 'delivered';
}

export class DemoModel extends Model {
  info: DemoInfo | null = null;
  /** What the user sent from this window, oldest first. */
  readonly sent: string[] = [];
  readonly #backend: Backend;

  constructor(backend: Backend) {
    super();
    this.#backend = backend;
  }

  get loaded(): boolean {
    return this.info !== null;
  }

  /** The demo's origin, when it is loaded. */
  get origin(): string | null {
    return this.info?.url ?? null;
  }

  #set(info: DemoInfo | null | undefined): void {
    if (info === undefined) return;
    this.info = info;
    this.changed();
  }

  /** Reads the demo's state (null when it is not loaded). */
  async load(): Promise<void> {
    this.#set(await this.run('Reading the demo', () => this.#backend.invoke('demo_status')));
  }

  /** Refreshes the server's messages quietly (on live events): a failure here is not the user's doing. */
  async refresh(): Promise<void> {
    if (!this.info) return;
    try {
      this.#set(await this.#backend.invoke('demo_status'));
    } catch {
      // The next live event tries again; a command the user runs shows its own errors.
    }
  }

  /** Starts the built-in demo (once). */
  async start(): Promise<boolean> {
    const info = await this.run('Loading the demo', () => this.#backend.invoke('load_demo'));
    if (!info) return false;
    this.notice = `The chat PWA is running at ${info.url}: its page registered sw.js and the periodic sync "${FEED_TAG}".`;
    this.#set(info);
    return true;
  }

  /** The compose box's Send. Returns whether it was sent (so the box can be cleared). */
  async send(text: string): Promise<boolean> {
    const t = text.trim();
    if (!t) {
      this.error = 'Sending: type a message first';
      this.changed();
      return false;
    }
    if (t.length > MAX_MESSAGE_CHARS) {
      this.error = `Sending: a message is at most ${MAX_MESSAGE_CHARS} characters`;
      this.changed();
      return false;
    }
    const info = await this.run('Sending', () => this.#backend.invoke('demo_send', { text: t }));
    if (!info) return false;
    this.sent.push(t);
    this.notice = `"${t}" is in the page's IndexedDB outbox, and the page registered sync "${OUTBOX_TAG}".`;
    this.#set(info);
    return true;
  }

  /** The server's switch: fail the next `count` POSTs with a 503. Returns whether it was set. */
  async setFailNext(count: string): Promise<boolean> {
    const n = Number(count.trim());
    if (!count.trim() || !Number.isInteger(n) || n < 0 || n > 1000) {
      this.error = `Failing POSTs: ${JSON.stringify(count)} is not a whole number from 0 to 1000`;
      this.changed();
      return false;
    }
    const info = await this.run('Setting the server', () => this.#backend.invoke('demo_set_fail_next', { count: n }));
    if (info) {
      this.notice =
        n === 0 ? 'The chat server accepts every message.' : `The chat server answers the next ${n} POST${n === 1 ? '' : 's'} with 503.`;
      this.#set(info);
    }
    return info !== undefined;
  }

  /** The messages sent from this window: delivered once the server has received them (counting repeats). */
  sentMessages(): SentMessage[] {
    const left = new Map<string, number>();
    for (const m of this.info?.received ?? []) left.set(m.text, (left.get(m.text) ?? 0) + 1);
    return this.sent.map((text) => {
      const n = left.get(text) ?? 0;
      if (n > 0) left.set(text, n - 1);
      return { text, state: n > 0 ? 'delivered' : 'queued' };
    });
  }

  /** The outbox's sync registration, if one is pending or firing. */
  outboxTag(tags: readonly TagInfo[]): TagInfo | undefined {
    return tags.find((t) => t.sw_registration_id === this.info?.sw && t.tag === OUTBOX_TAG && t.kind === 'one-shot');
  }
}
