/**
 * The one location every plan includes, as a seat a single tenant-wide stream hands out
 * (`${tenantId}.location-seat-first`). A plan without `multi_location` may hold one open
 * location; counting open locations in the directory (a projection) lets two openings within
 * its lag both through, so the seat is taken on the command side: the append's expected version
 * makes concurrent openings race on this stream, and the losers re-read it and find it taken.
 *
 * Same protocol as a name claim (location-name.decider.ts): the seat remembers the location's
 * stream version it was taken at; the holder's standing decides whether another may take it.
 * No counter is kept: a close frees the seat because the holder's own stream says it is closed,
 * so closing gives the seat back exactly once, whatever is retried or replayed.
 * Pure: the caller looks up the holder and passes what it found.
 */
import { DomainError } from '@workbay/eventstore/core';
import type { Decider } from '@workbay/eventstore/core';
import { ClaimStanding, LocationNameClaim } from './location-name.decider';

export const locationSeatStreamCategory = 'location-seat' as const;
/** The seat's stream id within the tenant: there is one seat, the first location. */
export const LOCATION_SEAT_ID = 'first';

export interface LocationSeatTaken {
  type: 'LocationSeatTaken';
  data: { locationId: string; locationVersion: number; takenAt: string };
}

/** An opening that took the seat and then failed (name taken, fenced) gives it back at once, not after the grace. */
export interface LocationSeatReleased {
  type: 'LocationSeatReleased';
  data: { locationId: string; releasedAt: string };
}

export type LocationSeatEvent = LocationSeatTaken | LocationSeatReleased;

export interface TakeLocationSeat {
  type: 'TakeLocationSeat';
  locationId: string;
  locationVersion: number;
  /** What the caller found about the current holder (see claimStanding); ignored when free or ours. */
  holder: ClaimStanding | 'free';
  takenAt: string;
  actor: string;
}

export interface ReleaseLocationSeat {
  type: 'ReleaseLocationSeat';
  locationId: string;
  releasedAt: string;
  actor: string;
}

export type LocationSeatCommand = TakeLocationSeat | ReleaseLocationSeat;

export type LocationSeatState = { seat: LocationNameClaim | null };

/**
 * Another location holds the seat. The handler answers the plan's 403 (FEATURE_NOT_IN_PLAN naming
 * multi_location) before deciding; this is the decider's own guard for the same rule.
 */
export class LocationSeatOccupied extends DomainError {
  readonly code = 'LOCATION_SEAT_OCCUPIED';
  override readonly kind = 'conflict' as const;
  constructor(pending: boolean) {
    super(pending ? 'another location is being opened; a second needs multi_location' : 'a location is open; a second needs multi_location');
  }
}

export const locationSeatDecider: Decider<LocationSeatState, LocationSeatCommand, LocationSeatEvent> = {
  initialState: () => ({ seat: null }),

  decide(command, state) {
    switch (command.type) {
      case 'TakeLocationSeat': {
        const { locationId, locationVersion, takenAt } = command;
        const seat = state.seat;
        if (seat && seat.locationId !== locationId) {
          if (command.holder === 'in-use' || command.holder === 'free') throw new LocationSeatOccupied(false);
          if (command.holder === 'pending') throw new LocationSeatOccupied(true);
          // 'released' (closed, or fenced), or 'stalled' once the caller fenced the holder: the seat is free.
        }
        if (seat?.locationId === locationId && seat.locationVersion === locationVersion) return [];
        return [{ type: 'LocationSeatTaken', data: { locationId, locationVersion, takenAt } }];
      }
      case 'ReleaseLocationSeat':
        if (state.seat?.locationId !== command.locationId) return [];
        return [{ type: 'LocationSeatReleased', data: { locationId: command.locationId, releasedAt: command.releasedAt } }];
      default: {
        const unknown: never = command;
        throw new Error(`unknown location seat command ${JSON.stringify(unknown)}`);
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'LocationSeatTaken': {
        const { locationId, locationVersion, takenAt } = event.data;
        return { seat: { locationId, locationVersion, claimedAt: takenAt } };
      }
      case 'LocationSeatReleased':
        return state.seat?.locationId === event.data.locationId ? { seat: null } : state;
      default:
        return state;
    }
  },
};
