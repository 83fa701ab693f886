import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { AggregateStore, NotFoundError, TenantDb } from '@workbay/platform';
import { decodeCursor, encodeCursor } from '@workbay/platform';
import { locationDecider, LocationState } from './location.decider';
import { locationStreamCategory } from './location.events';
import { LocationRow } from './location-directory.entities';
import { LocationPage, LocationView, toTaxJurisdictionView } from './location.dto';

export const LOCATION_DIRECTORY = 'shop.location-directory';

export class LocationDirectory extends Query<LocationPage> {
  constructor(readonly first: number, readonly after?: string, readonly status?: string) {
    super();
  }
}

/** One location; with `asOf` it is rebuilt from its events as it stood at that instant. */
export class LocationDetail extends Query<LocationView> {
  constructor(readonly locationId: string, readonly asOf?: string) {
    super();
  }
}

const toView = (l: LocationRow): LocationView => ({
  id: l.id, name: l.name, status: l.status,
  address: { line1: l.addressLine1, line2: l.addressLine2, city: l.city, region: l.region, postalCode: l.postalCode, country: l.country },
  timezone: l.timezone, taxJurisdiction: toTaxJurisdictionView(l.taxJurisdiction),
  openedAt: l.openedAt.toISOString(), closedAt: l.closedAt ? l.closedAt.toISOString() : null, closeReason: l.closeReason,
  version: l.version,
});

const fromState = (s: Exclude<LocationState, { status: 'none' }>, version: number): LocationView => ({
  id: s.locationId, name: s.name, status: s.status, address: s.address, timezone: s.timezone,
  taxJurisdiction: toTaxJurisdictionView(s.taxJurisdiction), openedAt: s.openedAt,
  closedAt: s.status === 'closed' ? s.closedAt : null, closeReason: s.status === 'closed' ? s.closeReason : null,
  version,
});

@QueryHandler(LocationDirectory)
export class LocationDirectoryHandler implements IQueryHandler<LocationDirectory> {
  constructor(private readonly db: TenantDb) {}

  execute({ first, after, status }: LocationDirectory): Promise<LocationPage> {
    const cursor = decodeCursor(after);
    return this.db.run(async (em) => {
      const where = {
        ...(status ? { status } : {}),
        ...(cursor ? { $or: [{ openedAt: { $lt: new Date(cursor.at) } }, { openedAt: new Date(cursor.at), id: { $lt: cursor.id } }] } : {}),
      };
      const rows = await em.find(LocationRow, where, { orderBy: { openedAt: 'desc', id: 'desc' }, limit: first + 1 });
      const page = rows.slice(0, first);
      const last = page[page.length - 1];
      return { items: page.map(toView), nextCursor: rows.length > first && last ? encodeCursor(last.openedAt, last.id) : null };
    });
  }
}

@QueryHandler(LocationDetail)
export class LocationDetailHandler implements IQueryHandler<LocationDetail> {
  constructor(private readonly db: TenantDb, private readonly aggregates: AggregateStore) {}

  async execute({ locationId, asOf }: LocationDetail): Promise<LocationView> {
    if (asOf) {
      const { state, version } = await this.aggregates.load(locationDecider, locationStreamCategory, locationId, { until: asOf, what: 'location' });
      if (state.status === 'none') throw new NotFoundError('location', locationId);
      return fromState(state, version);
    }
    return this.db.run(async (em) => {
      const location = await em.findOne(LocationRow, { id: locationId });
      if (!location) throw new NotFoundError('location', locationId);
      return toView(location);
    });
  }
}
