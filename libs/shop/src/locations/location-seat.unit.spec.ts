import { given } from '@workbay/eventstore/testing';
import {
  locationSeatDecider, LocationSeatOccupied, LocationSeatReleased, LocationSeatTaken, TakeLocationSeat,
} from './location-seat.decider';

const take = (overrides: Partial<TakeLocationSeat> = {}): TakeLocationSeat => ({
  type: 'TakeLocationSeat', locationId: 'loc-2', locationVersion: 0, holder: 'free', takenAt: '2025-03-01T09:00:10.000Z', actor: 'user-1', ...overrides,
});
const takenBy = (locationId: string, locationVersion = 0): LocationSeatTaken => ({
  type: 'LocationSeatTaken', data: { locationId, locationVersion, takenAt: '2025-03-01T09:00:00.000Z' },
});
const releasedBy = (locationId: string): LocationSeatReleased => ({ type: 'LocationSeatReleased', data: { locationId, releasedAt: '2025-03-01T09:00:05.000Z' } });

describe('The first-location seat', () => {
  it('is taken by the first location, at the version its opening will append at', () => {
    given(locationSeatDecider).when(take()).then([{ type: 'LocationSeatTaken', data: { locationId: 'loc-2', locationVersion: 0, takenAt: '2025-03-01T09:00:10.000Z' } }]);
  });

  it('refuses a second location while the holder is open or still opening', () => {
    given(locationSeatDecider, [takenBy('loc-1')]).when(take({ holder: 'in-use' })).thenThrows(LocationSeatOccupied, { kind: 'conflict', message: /is open/ });
    given(locationSeatDecider, [takenBy('loc-1')]).when(take({ holder: 'pending' })).thenThrows(LocationSeatOccupied, { message: /being opened/ });
    // A caller that looked nothing up may not take a held seat.
    given(locationSeatDecider, [takenBy('loc-1')]).when(take({ holder: 'free' })).thenThrows(LocationSeatOccupied);
  });

  it('passes to another location once the holder closed (released) or was fenced (stalled)', () => {
    for (const holder of ['released', 'stalled'] as const) {
      given(locationSeatDecider, [takenBy('loc-1')]).when(take({ holder })).then([{ ...takenBy('loc-2'), data: { ...takenBy('loc-2').data, takenAt: '2025-03-01T09:00:10.000Z' } }]);
    }
  });

  it('is free again after its holder gave it back, and a give-back by anyone else changes nothing', () => {
    given(locationSeatDecider, [takenBy('loc-1'), releasedBy('loc-1')]).when(take()).then([expect.objectContaining({ type: 'LocationSeatTaken' })]);
    given(locationSeatDecider, [takenBy('loc-1')]).when({ type: 'ReleaseLocationSeat', locationId: 'loc-9', releasedAt: 'x', actor: 'a' }).then([]);
    given(locationSeatDecider, [takenBy('loc-1'), releasedBy('loc-1')]).when({ type: 'ReleaseLocationSeat', locationId: 'loc-1', releasedAt: 'x', actor: 'a' }).then([]);
  });

  it('answers a repeat by its holder at the same version with nothing', () => {
    given(locationSeatDecider, [takenBy('loc-2')]).when(take()).then([]);
  });
});
