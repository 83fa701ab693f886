import { randomUUID } from 'node:crypto';
import { ProjectionSpec, startProjectionSpec } from '@workbay/platform/testing';
import { SCHEDULING_MIGRATIONS } from '../migrations';
import { serviceDirectoryProjection } from './service-directory.projection';
import type { ServiceDefined } from './service.events';

const AT = '2026-03-01T09:00:00.000Z';
const defined = (serviceId: string, locationId: string, name = 'Oil change'): ServiceDefined => ({
  type: 'ServiceDefined',
  data: {
    serviceId, locationId, name, durationMinutes: 45, price: { amountMinor: 150000, currency: 'INR' },
    needs: [{ kind: 'bay', count: 1 }, { kind: 'technician', count: 1, resourceIds: ['t-1', 't-2'] }], seatsPerBooking: 1, rules: { minNoticeMinutes: 120 },
    bookableOnline: true, definedAt: AT,
  },
});
const row = `select tenant_id, location_id, name, duration_minutes, price_minor, currency, needs, seats_per_booking, rules, bookable_online, active, version
  from scheduling.services where service_id = $1 order by tenant_id`;

describe('scheduling.service-directory projection', () => {
  let spec: ProjectionSpec;
  const tenantA = randomUUID();
  const tenantB = randomUUID();
  const location = randomUUID();

  beforeAll(async () => {
    spec = await startProjectionSpec(serviceDirectoryProjection, { migrations: SCHEDULING_MIGRATIONS });
  });
  afterAll(() => spec?.close());

  it('defines, revises and retires a service, keeping its location and definition time', async () => {
    const id = randomUUID();
    await spec.given(tenantA, 'service', id, [defined(id, location)]);
    expect(await spec.thenRows(row, [id])).toEqual([{
      tenant_id: tenantA, location_id: location, name: 'Oil change', duration_minutes: 45, price_minor: '150000', currency: 'INR',
      needs: [{ kind: 'bay', count: 1 }, { kind: 'technician', count: 1, resourceIds: ['t-1', 't-2'] }], seats_per_booking: 1,
      rules: { minNoticeMinutes: 120 }, bookable_online: true, active: true, version: 1,
    }]);
    const { definedAt: _at, ...terms } = defined(id, location).data;
    await spec.given(tenantA, 'service', id, [
      { type: 'ServiceRevised', data: { ...terms, name: 'Synthetic oil change', durationMinutes: 60, price: { amountMinor: 250000, currency: 'INR' }, needs: [{ kind: 'bay', count: 1 }], rules: {}, bookableOnline: false, revisedAt: AT } },
      { type: 'ServiceRetired', data: { serviceId: id, retiredAt: AT } },
    ]);
    expect(await spec.thenRows(row, [id])).toEqual([{
      tenant_id: tenantA, location_id: location, name: 'Synthetic oil change', duration_minutes: 60, price_minor: '250000', currency: 'INR',
      needs: [{ kind: 'bay', count: 1 }], seats_per_booking: 1, rules: {}, bookable_online: false, active: false, version: 3,
    }]);
    expect(await spec.thenRows(`select defined_at from scheduling.services where service_id = $1`, [id])).toEqual([{ defined_at: new Date(AT) }]);
  });

  it("keeps each tenant's service under its own tenant_id", async () => {
    const id = randomUUID();
    await spec.given(tenantA, 'service', id, [defined(id, location, 'A cut')]);
    await spec.given(tenantB, 'service', id, [defined(id, location, 'B cut')]);
    expect(await spec.thenRows(`select tenant_id, name from scheduling.services where service_id = $1 order by name`, [id])).toEqual([
      { tenant_id: tenantA, name: 'A cut' }, { tenant_id: tenantB, name: 'B cut' },
    ]);
  });

  it('gives the same rows on redelivery and on a rebuild', async () => {
    const all = () => spec.thenRows(`select * from scheduling.services order by tenant_id, service_id`);
    const before = await all();
    await spec.redeliver();
    expect(await all()).toEqual(before);
    await spec.rebuild();
    expect(await all()).toEqual(before);
  });
});
