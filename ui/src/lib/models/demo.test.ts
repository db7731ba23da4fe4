import { describe, expect, it } from 'vitest';
import type { DemoInfo } from '../bindings/DemoInfo';
import { FakeBackend } from '../../test/fake-backend';
import { tag } from '../../test/fixtures';
import { DemoModel } from './demo';

function info(over: Partial<DemoInfo> = {}): DemoInfo {
  return { url: 'http://127.0.0.1:47613', sw: 4, received: [], fail_next: 1, failed: 0, ...over };
}

describe('DemoModel (the built-in demo)', () => {
  it('is not loaded until the demo starts, then knows its origin', async () => {
    const b = new FakeBackend().on('demo_status', null).on('load_demo', info());
    const m = new DemoModel(b);
    await m.load();
    expect(m.loaded).toBe(false);
    expect(await m.start()).toBe(true);
    expect(m.origin).toBe('http://127.0.0.1:47613');
    expect(m.notice).toContain('registered sw.js');
  });

  it("sends through the page's chat.send, refuses an empty message, and shows what the server received", async () => {
    const b = new FakeBackend().on('load_demo', info()).on('demo_send', info());
    const m = new DemoModel(b);
    await m.start();
    expect(await m.send('   ')).toBe(false);
    expect(m.error).toBe('Sending: type a message first');
    expect(await m.send(' Hi! ')).toBe(true);
    expect(await m.send('Hi!')).toBe(true);
    expect(b.callsOf('demo_send')).toEqual([{ text: 'Hi!' }, { text: 'Hi!' }]);
    expect(m.notice).toContain('IndexedDB outbox');
    expect(m.sentMessages()).toEqual([
      { text: 'Hi!', state: 'queued' },
      { text: 'Hi!', state: 'queued' },
    ]);
    // The server received one of the two: the first is delivered, the repeat still queued.
    b.on('demo_status', info({ received: [{ text: 'Hi!', sent_at: 5 }] }));
    await m.refresh();
    expect(m.sentMessages().map((s) => s.state)).toEqual(['delivered', 'queued']);
  });

  it('reports a failed send inline', async () => {
    const b = new FakeBackend().on('load_demo', info()).fail('demo_send', 'chat.send failed in the page: boom', 'demo');
    const m = new DemoModel(b);
    await m.start();
    expect(await m.send('x')).toBe(false);
    expect(m.error).toBe('Sending: chat.send failed in the page: boom');
    expect(m.sent).toEqual([]);
  });

  it('sets the number of POSTs to fail after checking it is a whole number', async () => {
    const b = new FakeBackend().on('load_demo', info()).on('demo_set_fail_next', (a) => info({ fail_next: a.count }));
    const m = new DemoModel(b);
    await m.start();
    expect(await m.setFailNext('two')).toBe(false);
    expect(m.error).toContain('not a whole number');
    await m.setFailNext('-1');
    expect(m.error).toContain('not a whole number');
    expect(await m.setFailNext('2')).toBe(true);
    expect(b.callsOf('demo_set_fail_next')).toEqual([{ count: 2 }]);
    expect(m.info?.fail_next).toBe(2);
    expect(m.notice).toBe('The chat server answers the next 2 POSTs with 503.');
  });

  it("finds the outbox's sync among the tags", async () => {
    const b = new FakeBackend().on('load_demo', info());
    const m = new DemoModel(b);
    await m.start();
    const outbox = tag({ sw_registration_id: 4, tag: 'outbox' });
    expect(m.outboxTag([tag({ sw_registration_id: 1 }), outbox])).toBe(outbox);
    expect(m.outboxTag([tag({ sw_registration_id: 4, tag: 'refresh-feed', kind: 'periodic' })])).toBeUndefined();
  });
});
