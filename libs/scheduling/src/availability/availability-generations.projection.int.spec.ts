import { randomUUID } from 'node:crypto';
import { PostgresEventStore } from '@workbay/eventstore';
import { ProjectionSpec, startProjectionSpec } from '@workbay/platform/testing';
import { Pool } from 'pg';
import { SCHEDULING_MIGRATIONS } from '../migrations';
import type { HoldExpired, ReservationReminderSent } from '../reservations/reservation.events';
import type { ResourceRetired } from '../resources/resource.events';
import type { ServiceRetired } from '../services/service.events';
import { availabilityGenerationsProjection } from './availability-generations.projection';

const SOURCE = 'test.occupancy-source';
const at = '2026-06-01T00:00:00.000Z';
const expired = (reservationId: string): HoldExpired => ({ type: 'HoldExpired', data: { reservationId, expiredAt: at } });
const reminded = (reservationId: string): ReservationReminderSent => ({
  type: 'ReservationReminderSent', data: { reservationId, reminderId: 'r', offsetMinutes: 60, notificationId: null, sentAt: at },
});
const retiredResource = (resourceId: string): ResourceRetired => ({ type: 'ResourceRetired', data: { resourceId, retiredAt: at } });
const retiredService = (serviceId: string): ServiceRetired => ({ type: 'ServiceRetired', data: { serviceId, retiredAt: at } });

describe('scheduling.availability-generations projection', () => {
  let spec: ProjectionSpec;
  let pool: Pool;
  let store: PostgresEventStore;
  const tenantA = randomUUID();
  const tenantB = randomUUID();
  const generations = () => spec.thenRows<{ tenant_id: string; generation: string }>(
    `select tenant_id, generation::text as generation from scheduling.availability_generations order by generation, tenant_id`);
  /** The source read model catches up: its checkpoint set to one past every event so far. */
  const sourceCatchesUp = async () => {
    const [{ last }] = await spec.sql<{ last: string }>(`select max(global_position)::text as last from eventstore.events`);
    // The catch-up read holds back while older transactions of the cluster run: read until past the last event.
    for (const deadline = Date.now() + 15_000; ;) {
      const { checkpoint } = await store.readAll(null, 10_000);
      if (await store.isCheckpointPast(checkpoint, Number(last))) {
        await spec.sql(`update platform.projection_checkpoints set checkpoint = $1 where name = $2`, [checkpoint, SOURCE]);
        return;
      }
      if (Date.now() > deadline) throw new Error('the source never caught up');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  beforeAll(async () => {
    spec = await startProjectionSpec(availabilityGenerationsProjection([SOURCE]), { migrations: SCHEDULING_MIGRATIONS, batchSize: 3 });
    pool = new Pool({ connectionString: Object.assign(new URL(spec.databaseUrl), { username: 'workbay_system' }).toString(), max: 2 });
    store = new PostgresEventStore(pool);
    await spec.sql(`insert into platform.projection_checkpoints (name) values ($1)`, [SOURCE]);
  });
  afterAll(async () => {
    await store?.close();
    await pool?.end().catch(() => undefined);
    await spec?.close();
  });

  it("moves a tenant's generation once per event that changes what is free, and never another tenant's", async () => {
    const r = randomUUID();
    await spec.given(tenantA, 'reservation', r, [expired(r), reminded(r)]);
    const res = randomUUID();
    await spec.given(tenantA, 'resource', res, [retiredResource(res)]);
    const svc = randomUUID();
    await spec.given(tenantA, 'service', svc, [retiredService(svc)]);
    const rb = randomUUID();
    await spec.given(tenantB, 'reservation', rb, [reminded(rb), expired(rb)]);
    await sourceCatchesUp();
    // A reminder changes nothing that is free: three of A's events count, one of B's.
    expect(await generations()).toEqual([{ tenant_id: tenantB, generation: '1' }, { tenant_id: tenantA, generation: '3' }]);
  });

  it('waits until the source read models have applied the events, so no answer older than a generation is cached under it', async () => {
    const r = randomUUID();
    await spec.given(tenantB, 'reservation', r, [expired(r)]);
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      await expect(spec.run()).rejects.toThrow(/did not reach/);
      expect(String(logged.mock.calls[0]?.[0])).toContain(`wait for ${SOURCE}`);
    } finally {
      logged.mockRestore();
    }
    expect(await spec.sql(`select generation::text as generation from scheduling.availability_generations where tenant_id = $1`, [tenantB])).toEqual([{ generation: '1' }]);
    await sourceCatchesUp();
    expect((await generations()).find((g) => g.tenant_id === tenantB)).toEqual({ tenant_id: tenantB, generation: '2' });
  }, 60_000);

  it('rebuilds to the same generations, and a redelivery only moves them on', async () => {
    const before = await generations();
    await spec.rebuild();
    expect(await generations()).toEqual(before);
    await spec.redeliver();
    const after = await generations();
    for (const g of before) expect(Number(after.find((x) => x.tenant_id === g.tenant_id)!.generation)).toBeGreaterThan(Number(g.generation));
  });
});
