import { Injectable, Optional } from '@nestjs/common';
import { AggregateStore, CommandStamp, Entitlements, FeatureNotInPlan, NotFoundError, RequestContext, TenantDb } from '@workbay/platform';
import { retryOnConflict } from '../invoices/retry-on-conflict';
import { locationDecider } from './location.decider';
import { locationStreamCategory } from './location.events';
import { ClaimStanding, claimStanding } from './location-name.decider';
import { LOCATION_SEAT_ID, locationSeatDecider, LocationSeatState, locationSeatStreamCategory } from './location-seat.decider';
import { currentLocation } from './location-names';

export const MULTI_LOCATION = 'multi_location';

/**
 * The plan gate on opening a location (see location-seat.decider.ts): a tenant whose plan lacks
 * `multi_location` takes the tenant's one seat on the command side, so N concurrent first
 * openings give exactly one location and N-1 answers of 403 FEATURE_NOT_IN_PLAN. A 403, not a
 * 429 on a `locations` meter: nothing resets with time (a 429's Retry-After would tell a client
 * to wait for a period that changes nothing); the answer is to close a location or change plan.
 */
@Injectable()
export class LocationSeats {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly db: TenantDb,
    private readonly context: RequestContext,
    // The API's billing provides it; the worker opens no locations.
    @Optional() private readonly entitlements?: Entitlements,
  ) {}

  /**
   * Before `locationId`'s opening is appended at `locationVersion`: true when the seat was taken
   * (give it back if the opening then fails), false when the plan allows many locations (no seat,
   * so such tenants never contend on one stream). Throws FeatureNotInPlan (403) when another
   * location holds the seat or is open.
   */
  async take(locationId: string, locationVersion: number, stamp: CommandStamp): Promise<boolean> {
    if (!this.entitlements || (await this.allowsMany())) return false;
    // A concurrent opening that took the seat first makes this append fail: read again and find it taken.
    return retryOnConflict(async () => {
      const { state, version } = await this.current();
      const holder = await this.standingOfHolder(state, locationId, stamp);
      // The holder's standing is read from its own stream; the directory (lagging, but long
      // caught up for them) adds locations opened while the tenant was on a bigger plan.
      const occupied = holder === 'in-use' || holder === 'pending' || (await this.openInDirectory(state.seat?.locationId ?? locationId, locationId)) > 0;
      if (occupied) {
        await this.entitlements!.requireFeature(this.context.tenantId, MULTI_LOCATION);
        return false; // the plan changed under us (an override): no seat needed
      }
      await this.aggregates.execute(locationSeatDecider, locationSeatStreamCategory, LOCATION_SEAT_ID, {
        type: 'TakeLocationSeat', locationId, locationVersion, holder, takenAt: stamp.now, actor: stamp.actor,
      }, { expectedVersion: version });
      return true;
    }, 6);
  }

  /** Best effort: a seat left behind (crash) is one whose location never moved, taken over after the grace. */
  async giveBack(locationId: string, { now, actor }: CommandStamp): Promise<void> {
    try {
      await this.aggregates.execute(locationSeatDecider, locationSeatStreamCategory, LOCATION_SEAT_ID, {
        type: 'ReleaseLocationSeat', locationId, releasedAt: now, actor,
      });
    } catch {
      // see above
    }
  }

  private async allowsMany(): Promise<boolean> {
    try {
      await this.entitlements!.requireFeature(this.context.tenantId, MULTI_LOCATION);
      return true;
    } catch (error) {
      if (error instanceof FeatureNotInPlan) return false;
      throw error;
    }
  }

  private async current(): Promise<{ state: LocationSeatState; version: number }> {
    try {
      return await this.aggregates.load(locationSeatDecider, locationSeatStreamCategory, LOCATION_SEAT_ID);
    } catch (error) {
      if (error instanceof NotFoundError) return { state: locationSeatDecider.initialState(), version: 0 };
      throw error;
    }
  }

  private async standingOfHolder(state: LocationSeatState, locationId: string, { now, actor }: CommandStamp): Promise<ClaimStanding | 'free'> {
    const seat = state.seat;
    if (!seat || seat.locationId === locationId) return 'free';
    const holder = await currentLocation(this.aggregates, seat.locationId);
    const standing = claimStanding(seat, { version: holder.version, usesName: holder.state.status === 'open' }, now);
    if (standing === 'stalled') {
      // Fence: the stalled opening's append expects seat.locationVersion and now fails (a
      // concurrent fence or a late success makes this a ConcurrencyError: read again).
      await this.aggregates.execute(
        locationDecider, locationStreamCategory, seat.locationId,
        { type: 'LapseLocationNameClaim', locationId: seat.locationId, name: holder.state.status === 'none' ? '' : holder.state.name, lapsedAt: now, actor },
        { expectedVersion: seat.locationVersion },
      );
    }
    return standing;
  }

  /** Open locations in the directory other than the two whose standing comes from their streams. */
  private async openInDirectory(holderId: string, locationId: string): Promise<number> {
    const [[row]] = await this.db.batch([{
      text: `select count(*)::int as open from shop.locations where status = 'open' and id <> $1::uuid and id <> $2::uuid`,
      values: [holderId, locationId],
    }]);
    return Number(row?.open ?? 0);
  }
}
