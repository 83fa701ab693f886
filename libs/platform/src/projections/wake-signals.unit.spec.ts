import { StoredEvent } from '@workbay/eventstore';
import { parseCheckpointNotice } from './checkpoint-channel';
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
