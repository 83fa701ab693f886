import { Injectable } from '@nestjs/common';
import { AggregateStore, CommandStamp, NotFoundError } from '@workbay/platform';
import { createHash } from 'node:crypto';
import { locationDecider, LocationState } from './location.decider';
import { locationStreamCategory } from './location.events';
import {
  ClaimStanding, claimStanding, locationNameDecider, locationNameKey, locationNameStreamCategory,
} from './location-name.decider';

/** A location's current state and stream version; `none` at version 0 when it has no events. */
export async function currentLocation(aggregates: AggregateStore, locationId: string): Promise<{ state: LocationState; version: number }> {
  try {
    return await aggregates.load(locationDecider, locationStreamCategory, locationId);
  } catch (error) {
    if (error instanceof NotFoundError) return { state: locationDecider.initialState(), version: 0 };
    throw error;
  }
}

/**
 * Claims and releases location names in their reservation streams (see location-name.decider.ts for the
 * protocol). The caller claims before appending the location's event, and that append must expect
 * the version passed here.
 */
@Injectable()
export class LocationNames {
  constructor(private readonly aggregates: AggregateStore) {}

  /**
   * Throws LocationNameTaken (409) when another location holds the name, or a ConcurrencyError (409) when a claim races this one.
   * `stamp` is the location command's: the claim is part of it and carries its time and actor.
   */
  async claim(name: string, locationId: string, locationVersion: number, { now, actor }: CommandStamp): Promise<void> {
    const key = locationNameKey(name);
    // One read of the name's stream; the reservation is appended at the version read.
    await this.aggregates.execute(locationNameDecider, locationNameStreamCategory, nameStreamKey(key), async (state) => {
      let holder: ClaimStanding | 'free' = 'free';
      const claim = state.claim;
      if (claim && claim.locationId !== locationId) {
        const current = await currentLocation(this.aggregates, claim.locationId);
        const usesName = current.state.status === 'open' && locationNameKey(current.state.name) === key;
        holder = claimStanding(claim, { version: current.version, usesName }, now);
        if (holder === 'stalled') {
          // Fence: the stalled command's append expects claim.locationVersion and now fails.
          await this.aggregates.execute(
            locationDecider, locationStreamCategory, claim.locationId,
            { type: 'LapseLocationNameClaim', locationId: claim.locationId, name: state.name ?? name, lapsedAt: now, actor },
            { expectedVersion: claim.locationVersion },
          );
        }
      }
      return { type: 'ReserveLocationName', name, locationId, locationVersion, holder, claimedAt: now, actor };
    });
  }

  /**
   * Frees the name if this location holds it. Best effort: a claim left behind (crash, race) is
   * one whose location moved on, which the next claimer sees as 'released' and takes over.
   */
  async release(name: string, locationId: string, { now, actor }: CommandStamp): Promise<void> {
    try {
      await this.aggregates.execute(locationNameDecider, locationNameStreamCategory, nameStreamKey(locationNameKey(name)), {
        type: 'ReleaseLocationName', locationId, releasedAt: now, actor,
      });
    } catch {
      // see above: a stale claim does not block the name
    }
  }
}

/** A fixed-length, character-safe stream id for any name (the tenant prefix is added by the store). */
export function nameStreamKey(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}
