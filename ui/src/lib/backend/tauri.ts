// The Tauri implementation of `Backend`: the only file that imports @tauri-apps/*.
import { Channel, invoke } from '@tauri-apps/api/core';
import type { LiveEvent } from '../bindings/LiveEvent';
import { type ArgList, type Backend, BackendError, type CommandName, type ResultOf } from './index';

export class TauriBackend implements Backend {
  async invoke<C extends Exclude<CommandName, 'subscribe'>>(cmd: C, ...args: ArgList<C>): Promise<ResultOf<C>> {
    try {
      return await invoke<ResultOf<C>>(cmd, args.length === 0 ? {} : { args: args[0] });
    } catch (e) {
      throw BackendError.from(e);
    }
  }

  async subscribe(onEvent: (event: LiveEvent) => void): Promise<void> {
    const channel = new Channel<LiveEvent>();
    channel.onmessage = onEvent;
    try {
      await invoke('subscribe', { onEvent: channel });
    } catch (e) {
      throw BackendError.from(e);
    }
  }
}
