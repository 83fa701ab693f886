import { StoredEvent } from '@workbay/eventstore';
import type { RecordRows } from '../shared/record-as-of';
import { dateOf } from '../shared/record-as-of';
import type { LocationEvent } from './location.events';
import { LocationRow } from './location-directory.entities';

type Address = { line1: string; line2?: string | null; city: string; region: string; postalCode: string; country: string };
const addressColumns = (a: Address) => ({
  addressLine1: a.line1, addressLine2: a.line2 ?? null, city: a.city, region: a.region, postalCode: a.postalCode, country: a.country,
});

/** location-directory.projection.ts, statement for statement, for one location (see RecordRows). */
export const locationRows: RecordRows<LocationRow> = (row, stored: StoredEvent) => {
  const event = { type: stored.type, data: stored.data } as LocationEvent;
  const moved = { version: stored.streamVersion, updatedAt: new Date(stored.recordedAt) };
  switch (event.type) {
    case 'LocationOpened': {
      if (row) return row;
      const d = event.data;
      return {
        tenantId: stored.tenantId, id: d.locationId, name: d.name, status: 'open', ...addressColumns(d.address), timezone: d.timezone,
        taxJurisdiction: d.taxJurisdiction, taxId: null, openedAt: new Date(d.openedAt), closedAt: null, closeReason: null, ...moved,
      };
    }
    case 'LocationUpdated':
      return row && { ...row, name: event.data.name, ...addressColumns(event.data.address), timezone: event.data.timezone, ...moved };
    case 'LocationTaxChanged':
      return row && { ...row, taxJurisdiction: event.data.taxJurisdiction, ...moved };
    case 'LocationTaxIdSet':
      return row && { ...row, taxId: event.data.taxId, ...moved };
    case 'LocationClosed':
      return row && { ...row, status: 'closed', closedAt: dateOf(event.data.closedAt), closeReason: event.data.reason, ...moved };
    case 'LocationNameClaimLapsed':
      return row && { ...row, ...moved };
    default:
      return row;
  }
};
