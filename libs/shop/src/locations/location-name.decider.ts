/**
 * One location name per tenant. Uniqueness spans Location aggregates, so each normalized name
 * gets a small reservation stream (`${tenantId}.location-name-${hash}`) that records which
 * location holds it; the append's expected version makes two claims of one name race on that
 * stream, not in a read model (a unique index on a projection is checked too late: both commands
 * would already be stored).
 *
 * The claim and the location's own event are two appends, so a claim remembers the location's
 * stream version it was made at. The location's append expects exactly that version; a claim
 * whose location never moved past it (the command died, or is stuck) can be taken over only after
 * a grace period and only after fencing that location's stream at that version, so the stalled
 * append can no longer land. Pure: the caller looks up the holder and passes what it found.
 */
import { DomainError } from '@workbay/eventstore/core';
import type { Decider } from '@workbay/eventstore/core';

export const locationNameStreamCategory = 'location-name' as const;

/** How long a claim whose location has not moved may stay unfinished before another location may fence and take it. */
export const LOCATION_NAME_CLAIM_GRACE_MS = 30_000;

/** Case, width and spacing do not make another name: 'Indiranagar  Branch' = 'indiranagar branch'. */
export function locationNameKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('en');
}

export interface LocationNameClaim {
  locationId: string;
  /** The location's stream version the claim was made at; its next append must expect it. */
  locationVersion: number;
  claimedAt: string;
}

export interface LocationNameReserved {
  type: 'LocationNameReserved';
  data: { name: string; locationId: string; locationVersion: number; claimedAt: string };
}

export interface LocationNameReleased {
  type: 'LocationNameReleased';
  data: { name: string; locationId: string; releasedAt: string };
}

export type LocationNameEvent = LocationNameReserved | LocationNameReleased;

export interface ReserveLocationName {
  type: 'ReserveLocationName';
  name: string;
  locationId: string;
  locationVersion: number;
  /** What the caller found about the current holder (see claimStanding); ignored when free or ours. */
  holder: ClaimStanding | 'free';
  claimedAt: string;
  actor: string;
}

export interface ReleaseLocationName {
  type: 'ReleaseLocationName';
  locationId: string;
  releasedAt: string;
  actor: string;
}

export type LocationNameCommand = ReserveLocationName | ReleaseLocationName;

export type LocationNameState = { name: string | null; claim: LocationNameClaim | null };

export class LocationNameTaken extends DomainError {
  readonly code = 'LOCATION_NAME_TAKEN';
  override readonly kind = 'conflict' as const;
  readonly field = 'name';
  constructor(name: string, pending: boolean) {
    super(pending ? `name: another location is being opened or renamed as '${name}'; retry shortly` : `name: another location is already called '${name}'`);
  }
}

/**
 * - 'in-use': the holder went past the claim and still has the name (open, same key).
 * - 'released': the holder went past the claim and no longer has the name (renamed, closed, fenced).
 * - 'pending': the holder has not moved since the claim, within the grace period.
 * - 'stalled': the same, past the grace period: fence the holder at claim.locationVersion, then take it.
 */
export type ClaimStanding = 'in-use' | 'released' | 'pending' | 'stalled';

export function claimStanding(
  claim: LocationNameClaim,
  holder: { version: number; usesName: boolean },
  now: string,
  graceMs = LOCATION_NAME_CLAIM_GRACE_MS,
): ClaimStanding {
  if (holder.version > claim.locationVersion) return holder.usesName ? 'in-use' : 'released';
  return Date.parse(now) - Date.parse(claim.claimedAt) < graceMs ? 'pending' : 'stalled';
}

export const locationNameDecider: Decider<LocationNameState, LocationNameCommand, LocationNameEvent> = {
  initialState: () => ({ name: null, claim: null }),

  decide(command, state) {
    switch (command.type) {
      case 'ReserveLocationName': {
        const { name, locationId, locationVersion, claimedAt } = command;
        const claim = state.claim;
        if (claim && claim.locationId !== locationId) {
          if (command.holder === 'in-use' || command.holder === 'free') throw new LocationNameTaken(name, false);
          if (command.holder === 'pending') throw new LocationNameTaken(name, true);
          // 'released', or 'stalled' once the caller fenced the holder: the name is free to take.
        }
        if (claim?.locationId === locationId && claim.locationVersion === locationVersion) return [];
        return [{ type: 'LocationNameReserved', data: { name, locationId, locationVersion, claimedAt } }];
      }
      case 'ReleaseLocationName': {
        if (state.claim?.locationId !== command.locationId) return [];
        return [{ type: 'LocationNameReleased', data: { name: state.name ?? '', locationId: command.locationId, releasedAt: command.releasedAt } }];
      }
      default: {
        const unknown: never = command;
        throw new Error(`unknown location name command ${JSON.stringify(unknown)}`);
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'LocationNameReserved': {
        const { name, locationId, locationVersion, claimedAt } = event.data;
        return { name, claim: { locationId, locationVersion, claimedAt } };
      }
      case 'LocationNameReleased':
        return state.claim?.locationId === event.data.locationId ? { name: state.name, claim: null } : state;
      default:
        return state;
    }
  },
};
