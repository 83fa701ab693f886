import { EntityManager } from '@mikro-orm/postgresql';
import { StoredEvent } from '@workbay/eventstore';
import { Projection } from '@workbay/platform';
import type { LocationEvent } from './location.events';

/** The tenant's shop locations, open and closed: the location picker and the dashboards' filter. */
export const locationDirectoryProjection: Projection = {
  name: 'shop.location-directory',
  eventTypes: ['LocationOpened', 'LocationUpdated', 'LocationTaxChanged', 'LocationTaxIdSet', 'LocationClosed', 'LocationNameClaimLapsed'],
  tables: ['shop.locations'],
  async apply(em: EntityManager, stored: StoredEvent) {
    const event = { type: stored.type, data: stored.data } as LocationEvent;
    const t = stored.tenantId;
    const v = stored.streamVersion;
    switch (event.type) {
      case 'LocationOpened': {
        const d = event.data;
        const a = d.address;
        await em.execute(
          `insert into shop.locations (tenant_id, id, name, status, address_line1, address_line2, city, region, postal_code, country,
             timezone, tax_jurisdiction, opened_at, version, updated_at)
           values (?, ?, ?, 'open', ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?) on conflict (tenant_id, id) do nothing`,
          [t, d.locationId, d.name, a.line1, a.line2, a.city, a.region, a.postalCode, a.country, d.timezone, JSON.stringify(d.taxJurisdiction),
            d.openedAt, v, stored.recordedAt],
        );
        return;
      }
      case 'LocationUpdated': {
        const d = event.data;
        const a = d.address;
        await em.execute(
          `update shop.locations set name = ?, address_line1 = ?, address_line2 = ?, city = ?, region = ?, postal_code = ?, country = ?,
             timezone = ?, version = ?, updated_at = ? where tenant_id = ? and id = ?`,
          [d.name, a.line1, a.line2, a.city, a.region, a.postalCode, a.country, d.timezone, v, stored.recordedAt, t, d.locationId],
        );
        return;
      }
      case 'LocationTaxChanged':
        await em.execute(`update shop.locations set tax_jurisdiction = ?::jsonb, version = ?, updated_at = ? where tenant_id = ? and id = ?`, [
          JSON.stringify(event.data.taxJurisdiction), v, stored.recordedAt, t, event.data.locationId,
        ]);
        return;
      case 'LocationTaxIdSet':
        await em.execute(`update shop.locations set tax_id = ?::jsonb, version = ?, updated_at = ? where tenant_id = ? and id = ?`, [
          event.data.taxId === null ? null : JSON.stringify(event.data.taxId), v, stored.recordedAt, t, event.data.locationId,
        ]);
        return;
      case 'LocationClosed':
        await em.execute(
          `update shop.locations set status = 'closed', closed_at = ?, close_reason = ?, version = ?, updated_at = ? where tenant_id = ? and id = ?`,
          [event.data.closedAt, event.data.reason, v, stored.recordedAt, t, event.data.locationId],
        );
        return;
      case 'LocationNameClaimLapsed':
        // Only the stream version moves; no row exists if the location never opened.
        await em.execute(`update shop.locations set version = ?, updated_at = ? where tenant_id = ? and id = ?`, [
          v, stored.recordedAt, t, event.data.locationId,
        ]);
        return;
    }
  },
};
