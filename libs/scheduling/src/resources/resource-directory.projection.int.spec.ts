import { randomUUID } from 'node:crypto';
import { ProjectionSpec, startProjectionSpec } from '@workbay/platform/testing';
import { DEFAULT_BOOKING_RULES } from '../shared/schedule.rules';
import { SCHEDULING_MIGRATIONS } from '../migrations';
import { resourceDirectoryProjection } from './resource-directory.projection';
import type { ResourceEvent, ResourceRegistered } from './resource.events';

const AT = '2026-03-01T09:00:00.000Z';
const registered = (resourceId: string, locationId: string, name = 'Bay 1'): ResourceRegistered => ({
  type: 'ResourceRegistered',
  data: {
    resourceId, locationId, kind: 'bay', name, timezone: 'Asia/Kolkata', capacity: 1, slotMinutes: 15,
    bufferBeforeMinutes: 0, bufferAfterMinutes: 10, rules: DEFAULT_BOOKING_RULES, registeredAt: AT,
  },
});
const row = `select tenant_id, location_id, kind, name, timezone, capacity, buffer_after_minutes, weekly_hours, breaks, exceptions, rules, active, version
  from scheduling.resources where resource_id = $1 order by tenant_id`;

describe('scheduling.resource-directory projection', () => {
  let spec: ProjectionSpec;
  const tenantA = randomUUID();
  const tenantB = randomUUID();
  const location = randomUUID();

  beforeAll(async () => {
    spec = await startProjectionSpec(resourceDirectoryProjection, { migrations: SCHEDULING_MIGRATIONS, batchSize: 2 });
  });
  afterAll(() => spec?.close());

  it("writes a resource's whole schedule as the shared fold has it, its version following the stream", async () => {
    const id = randomUUID();
    await spec.given(tenantA, 'resource', id, [registered(id, location)]);
    expect(await spec.thenRows(row, [id])).toEqual([{
      tenant_id: tenantA, location_id: location, kind: 'bay', name: 'Bay 1', timezone: 'Asia/Kolkata', capacity: 1, buffer_after_minutes: 10,
      weekly_hours: [], breaks: [], exceptions: [], rules: DEFAULT_BOOKING_RULES, active: true, version: 1,
    }]);
    const later: ResourceEvent[] = [
      { type: 'WorkingHoursSet', data: { resourceId: id, weeklyHours: [{ day: 1, start: '09:00', end: '18:00' }], breaks: [{ day: 1, start: '13:00', end: '14:00' }], setAt: AT } },
      { type: 'ScheduleExceptionAdded', data: { resourceId: id, exception: { exceptionId: 'x-1', date: '2026-12-25', kind: 'closed' }, addedAt: AT } },
      { type: 'ScheduleExceptionAdded', data: { resourceId: id, exception: { exceptionId: 'x-2', date: '2026-12-24', kind: 'extra_hours', span: { start: '18:00', end: '20:00' } }, addedAt: AT } },
      { type: 'ScheduleExceptionRemoved', data: { resourceId: id, exceptionId: 'x-1', removedAt: AT } },
      { type: 'ResourceSettingsChanged', data: { resourceId: id, name: 'Bay 1 (lift)', capacity: 2, slotMinutes: 30, bufferBeforeMinutes: 0, bufferAfterMinutes: 0, rules: { ...DEFAULT_BOOKING_RULES, dailyLimit: 8 }, changedAt: AT } },
      { type: 'ResourceTimezoneChanged', data: { resourceId: id, timezone: 'Europe/Berlin', changedAt: AT } },
      { type: 'ResourceRetired', data: { resourceId: id, retiredAt: AT } },
    ];
    await spec.given(tenantA, 'resource', id, later);
    expect(await spec.thenRows(row, [id])).toEqual([{
      tenant_id: tenantA, location_id: location, kind: 'bay', name: 'Bay 1 (lift)', timezone: 'Europe/Berlin', capacity: 2, buffer_after_minutes: 0,
      weekly_hours: [{ day: 1, start: '09:00', end: '18:00' }], breaks: [{ day: 1, start: '13:00', end: '14:00' }],
      exceptions: [{ exceptionId: 'x-2', date: '2026-12-24', kind: 'extra_hours', span: { start: '18:00', end: '20:00' } }],
      rules: { ...DEFAULT_BOOKING_RULES, dailyLimit: 8 }, active: false, version: 8,
    }]);
  });

  it("keeps each tenant's resource under its own tenant_id, even under the same id", async () => {
    const id = randomUUID();
    await spec.given(tenantA, 'resource', id, [registered(id, location, 'A bay')]);
    await spec.given(tenantB, 'resource', id, [registered(id, location, 'B bay'), { type: 'ResourceRetired', data: { resourceId: id, retiredAt: AT } }]);
    expect(await spec.thenRows(`select tenant_id, name, active from scheduling.resources where resource_id = $1 order by name`, [id])).toEqual([
      { tenant_id: tenantA, name: 'A bay', active: true },
      { tenant_id: tenantB, name: 'B bay', active: false },
    ]);
  });

  it('writes no row for events of a resource never registered', async () => {
    const id = randomUUID();
    await spec.given(tenantA, 'resource', id, [{ type: 'ResourceRetired', data: { resourceId: id, retiredAt: AT } }]);
    expect(await spec.thenRows(`select 1 from scheduling.resources where resource_id = $1`, [id])).toEqual([]);
  });

  it('gives the same rows on redelivery and on a rebuild', async () => {
    const all = () => spec.thenRows(`select * from scheduling.resources order by tenant_id, resource_id`);
    const before = await all();
    await spec.redeliver();
    expect(await all()).toEqual(before);
    await spec.rebuild();
    expect(await all()).toEqual(before);
  });
});
