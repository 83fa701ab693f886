import { StoredEvent } from '@workbay/eventstore';
import { checkpointNoticePayloads, parseCheckpointNotice, parseCheckpointNotices } from './checkpoint-channel';
import { WakeSignals } from './wake-signals';

const at = (globalPosition: number) => ({ globalPosition }) as StoredEvent;

describe('WakeSignals', () => {
  it('awaits an announced position until a batch has read it', () => {
    const signals = new WakeSignals();
    signals.notify(7);
    expect(signals.pending).toBe(true);
    signals.markRead([at(6), at(7)]);
    expect(signals.pending).toBe(false);
  });

  it('does not await a position already read before its notification arrived', () => {
    const signals = new WakeSignals();
    signals.markRead([at(9)]);
    signals.notify(9);
    expect(signals.pending).toBe(false);
  });

  it('a sleep that ignores notifications still counts them and ends on interrupt()', async () => {
    const signals = new WakeSignals();
    let woke = false;
    const slept = signals.sleep(60_000, { notifications: false }).then(() => (woke = true));
    signals.notify(11);
    await Promise.resolve();
    await new Promise((r) => setImmediate(r));
    expect(woke).toBe(false);
    expect(signals.pending).toBe(true);
    signals.interrupt();
    await slept;
    expect(woke).toBe(true);
  });

  it('a reconnect notice (no position) wakes the loop without awaiting anything', async () => {
    const signals = new WakeSignals();
    const before = signals.generation;
    const slept = signals.sleep(60_000);
    signals.notify(null);
    await slept;
    expect(signals.generation).toBe(before + 1);
    expect(signals.pending).toBe(false);
  });
});

describe('parseCheckpointNotice', () => {
  it('splits the projection name from its checkpoint', () => {
    expect(parseCheckpointNotice('shop.quote-board 812:44')).toEqual({ projection: 'shop.quote-board', checkpoint: '812:44' });
    expect(parseCheckpointNotice('shop.quote-board ')).toEqual({ projection: 'shop.quote-board', checkpoint: null });
    expect(parseCheckpointNotice('shop.quote-board')).toEqual({ projection: 'shop.quote-board', checkpoint: null });
  });
});

describe('checkpoint notices of a pass', () => {
  it('reads every line of one notification as a move, the one-line form included', () => {
    expect(parseCheckpointNotices('shop.quote-board 812:44\nshop.customer-directory 812:44\nshop.dashboards ')).toEqual([
      { projection: 'shop.quote-board', checkpoint: '812:44' },
      { projection: 'shop.customer-directory', checkpoint: '812:44' },
      { projection: 'shop.dashboards', checkpoint: null },
    ]);
    expect(parseCheckpointNotices('shop.quote-board 812:44')).toEqual([{ projection: 'shop.quote-board', checkpoint: '812:44' }]);
  });

  it('puts the moves of a pass in one payload, and splits at whole lines below the limit PostgreSQL sets (8000 bytes)', () => {
    const lines = Array.from({ length: 40 }, (_, i) => `context.projection-${i} 123456789:987654321`);
    expect(checkpointNoticePayloads(lines.slice(0, 3))).toEqual([lines.slice(0, 3).join('\n')]);
    expect(checkpointNoticePayloads([])).toEqual([]);
    const payloads = checkpointNoticePayloads(lines, 200);
    expect(payloads.length).toBeGreaterThan(1);
    for (const p of payloads) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(200);
    expect(payloads.flatMap((p) => parseCheckpointNotices(p)).map((n) => n.projection)).toEqual(lines.map((l) => l.split(' ')[0]));
    // A whole pass of every projection the apps run (about 40) fits one notification.
    expect(checkpointNoticePayloads(lines)).toHaveLength(1);
  });
});
