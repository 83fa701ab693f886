import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore } from '@workbay/eventstore';
import { NotFoundError, RequestContext, TenantDb } from '@workbay/platform';
import { decodeCursor, encodeCursor } from '@workbay/platform';
import { rowsAsOf } from '../shared/record-as-of';
import { locationStreamCategory } from './location.events';
import { LocationRow } from './location-directory.entities';
import { locationRows } from './location-directory.rows';
import { LocationPage, LocationView, toTaxJurisdictionView } from './location.dto';
import { toTaxIdView } from '../customers/customer-directory.queries';

export const LOCATION_DIRECTORY = 'shop.location-directory';

export class LocationDirectory extends Query<LocationPage> {
  constructor(readonly first: number, readonly after?: string, readonly status?: string) {
    super();
  }
}

/** One location; with `asOf`, the row its projection had written by then (location-directory.rows.ts), through the same mapper. */
export class LocationDetail extends Query<LocationView> {
  constructor(readonly locationId: string, readonly asOf?: string) {
    super();
  }
}

const toView = (l: LocationRow): LocationView => ({
  id: l.id, name: l.name, status: l.status,
  address: { line1: l.addressLine1, line2: l.addressLine2, city: l.city, region: l.region, postalCode: l.postalCode, country: l.country },
  timezone: l.timezone, taxJurisdiction: toTaxJurisdictionView(l.taxJurisdiction), taxId: l.taxId ? toTaxIdView(l.taxId) : null,
  openedAt: l.openedAt.toISOString(), closedAt: l.closedAt ? l.closedAt.toISOString() : null, closeReason: l.closeReason,
  version: l.version,
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
  constructor(private readonly db: TenantDb, @Inject(EVENT_STORE) private readonly store: EventStore, private readonly context: RequestContext) {}

  async execute({ locationId, asOf }: LocationDetail): Promise<LocationView> {
    if (asOf) return toView(await rowsAsOf(this.store, this.context.tenantId, locationStreamCategory, locationId, asOf, locationRows, 'location'));
    return this.db.run(async (em) => {
      const location = await em.findOne(LocationRow, { id: locationId });
      if (!location) throw new NotFoundError('location', locationId);
      return toView(location);
    });
  }
}
