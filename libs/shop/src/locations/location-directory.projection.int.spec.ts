import { randomUUID } from 'node:crypto';
import { ProjectionSpec, startProjectionSpec } from '@workbay/platform/testing';
import type { LocationAddress, LocationClosed, LocationNameClaimLapsed, LocationOpened, LocationTaxChanged, LocationTaxIdSet, LocationUpdated } from '../domain';
import { SHOP_MIGRATIONS } from '../migrations';
import { locationDirectoryProjection } from './location-directory.projection';

const address: LocationAddress = { line1: '1 Main St', line2: null, city: 'Pune', region: 'MH', postalCode: '411001', country: 'IN' };
const opened = (locationId: string, name: string): LocationOpened => ({
  type: 'LocationOpened',
  data: { locationId, name, address, timezone: 'Asia/Kolkata', taxJurisdiction: { kind: 'IN_GST', stateCode: '27' }, openedAt: '2026-01-05T04:00:00.000Z' },
});
const row = `select tenant_id, name, status, city, timezone, tax_jurisdiction, close_reason, version, closed_at is not null as closed from shop.locations where id = $1 order by tenant_id`;

describe('shop.location-directory projection', () => {
  let spec: ProjectionSpec;
  const tenantA = randomUUID();
  const tenantB = randomUUID();

  beforeAll(async () => {
    spec = await startProjectionSpec(locationDirectoryProjection, { migrations: SHOP_MIGRATIONS });
  });
  afterAll(() => spec?.close());

  it('opens, renames and moves, re-taxes and closes a location, the version following its stream', async () => {
    const id = randomUUID();
    await spec.given(tenantA, 'location', id, [opened(id, 'Kothrud')]);
    expect(await spec.thenRows(row, [id])).toEqual([{
      tenant_id: tenantA, name: 'Kothrud', status: 'open', city: 'Pune', timezone: 'Asia/Kolkata', tax_jurisdiction: { kind: 'IN_GST', stateCode: '27' },
      close_reason: null, version: 1, closed: false,
    }]);

    await spec.given(tenantA, 'location', id, [
      { type: 'LocationUpdated', data: { locationId: id, name: 'Kothrud West', address: { ...address, city: 'Mumbai' }, timezone: 'Asia/Kolkata', updatedAt: '2026-02-01T04:00:00.000Z' } } satisfies LocationUpdated,
      { type: 'LocationTaxChanged', data: { locationId: id, taxJurisdiction: { kind: 'IN_GST', stateCode: '29', rateBps: 2800 }, changedAt: '2026-02-02T04:00:00.000Z' } } satisfies LocationTaxChanged,
      { type: 'LocationClosed', data: { locationId: id, reason: 'lease ended', closedAt: '2026-03-01T04:00:00.000Z' } } satisfies LocationClosed,
    ]);
    expect(await spec.thenRows(row, [id])).toEqual([{
      tenant_id: tenantA, name: 'Kothrud West', status: 'closed', city: 'Mumbai', timezone: 'Asia/Kolkata',
      tax_jurisdiction: { kind: 'IN_GST', stateCode: '29', rateBps: 2800 }, close_reason: 'lease ended', version: 4, closed: true,
    }]);
  });

  it('keeps the location\'s own tax id, and clears it', async () => {
    const id = randomUUID();
    const taxId = { scheme: 'IN_GSTIN' as const, value: '27AAPFU0939F1ZV', stateCode: '27' };
    await spec.given(tenantA, 'location', id, [
      opened(id, 'FC Road'),
      { type: 'LocationTaxIdSet', data: { locationId: id, taxId, setAt: '2026-02-01T04:00:00.000Z' } } satisfies LocationTaxIdSet,
    ]);
    expect(await spec.thenRows(`select tax_id, version from shop.locations where id = $1`, [id])).toEqual([{ tax_id: taxId, version: 2 }]);
    await spec.given(tenantA, 'location', id, [{ type: 'LocationTaxIdSet', data: { locationId: id, taxId: null, setAt: '2026-02-02T04:00:00.000Z' } } satisfies LocationTaxIdSet]);
    expect(await spec.thenRows(`select tax_id, version from shop.locations where id = $1`, [id])).toEqual([{ tax_id: null, version: 3 }]);
  });

  it('moves only the version on a lapsed name claim, and creates no row for a location that never opened', async () => {
    const id = randomUUID();
    const lapsed = (locationId: string): LocationNameClaimLapsed => ({ type: 'LocationNameClaimLapsed', data: { locationId, name: 'Baner', lapsedAt: '2026-01-06T04:00:00.000Z' } });
    await spec.given(tenantA, 'location', id, [opened(id, 'Baner'), lapsed(id)]);
    const never = randomUUID();
    await spec.given(tenantA, 'location', never, [lapsed(never)]);
    expect(await spec.thenRows(`select name, status, version from shop.locations where id = $1`, [id])).toEqual([{ name: 'Baner', status: 'open', version: 2 }]);
    expect(await spec.thenRows(`select 1 from shop.locations where id = $1`, [never])).toEqual([]);
  });

  it("keeps each tenant's location under its own tenant_id: closing one tenant's leaves the other's open", async () => {
    const id = randomUUID();
    await spec.given(tenantA, 'location', id, [opened(id, 'Shared id A')]);
    await spec.given(tenantB, 'location', id, [
      opened(id, 'Shared id B'),
      { type: 'LocationClosed', data: { locationId: id, reason: 'moved', closedAt: '2026-03-01T04:00:00.000Z' } } satisfies LocationClosed,
    ]);
    expect(await spec.thenRows(`select tenant_id, name, status from shop.locations where id = $1 order by name`, [id])).toEqual([
      { tenant_id: tenantA, name: 'Shared id A', status: 'open' },
      { tenant_id: tenantB, name: 'Shared id B', status: 'closed' },
    ]);
  });

  it('gives the same rows on redelivery and on a rebuild', async () => {
    const all = () => spec.thenRows(`select * from shop.locations order by tenant_id, id`);
    const before = await all();
    await spec.redeliver();
    expect(await all()).toEqual(before);
    await spec.rebuild();
    expect(await all()).toEqual(before);
  });
});
