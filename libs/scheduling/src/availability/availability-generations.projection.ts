import { EntityManager } from '@mikro-orm/postgresql';
import { checkpointPastSql, StoredEvent } from '@workbay/eventstore';
import { Projection } from '@workbay/platform';
import { OCCUPANCY_CHANGING_EVENT_TYPES } from '../reservations/reservation.events';
import { RESOURCE_EVENT_TYPES } from '../resources/resource.events';
import { SERVICE_EVENT_TYPES } from '../services/service.events';

export const AVAILABILITY_GENERATIONS = 'scheduling.availability-generations';

/** The read models availability is computed from: the projections owning them must be past an event before its generation moves. */
export const AVAILABILITY_SOURCE_TABLES = ['scheduling.occupancies', 'scheduling.resources', 'scheduling.services'];

/** Thrown (and the batch retried on the next pass) while a source read model has not applied the batch yet. */
export class AvailabilitySourcesBehind extends Error {
  constructor(behind: string[], position: number) {
    super(`availability generations wait for ${behind.join(', ')} to pass position ${position}`);
  }
}

/**
 * Moves a tenant's availability generation on every event that changes what is free: bookings,
 * holds and their ends, reschedules, cancellations; resources' hours, exceptions and settings;
 * services' terms. The cache keys entries by the generation (availability-cache.ts).
 *
 * Order matters: a generation must move only once the read models availability reads show the
 * event, or a read between the two would cache the old answer under the new generation. So the
 * batch is applied only when every source projection (those owning AVAILABILITY_SOURCE_TABLES,
 * `sources`) has passed its last event; otherwise it throws and the runner retries it on its
 * next pass. Listed after the source projections in the manifest, it runs after them in the same
 * pass and never waits in steady state. Per tenant, not per location: the events of a reservation
 * after the first do not carry its location, and a tenant's cache is cheap to refill.
 *
 * A redelivered batch moves the generation again: harmless (entries are only recomputed).
 */
export function availabilityGenerationsProjection(sources: readonly string[]): Projection & { readonly sources: readonly string[] } {
  const eventTypes = [...OCCUPANCY_CHANGING_EVENT_TYPES, ...RESOURCE_EVENT_TYPES, ...SERVICE_EVENT_TYPES];
  const bump = async (em: EntityManager, events: readonly StoredEvent[]) => {
    if (events.length === 0) return;
    const last = events.reduce((m, e) => Math.max(m, e.globalPosition), 0);
    if (sources.length) {
      const rows: Array<{ name: string; past: boolean }> = await em.execute(
        `select name, ${checkpointPastSql('checkpoint', '?')} as past from platform.projection_checkpoints where name in (${sources.map(() => '?').join(', ')})`,
        [last, ...sources],
      );
      const behind = sources.filter((name) => !rows.find((r) => r.name === name)?.past);
      if (behind.length) throw new AvailabilitySourcesBehind(behind, last);
    }
    const perTenant = new Map<string, { count: number; at: string }>();
    for (const e of events) {
      const t = perTenant.get(e.tenantId) ?? { count: 0, at: e.recordedAt };
      perTenant.set(e.tenantId, { count: t.count + 1, at: e.recordedAt > t.at ? e.recordedAt : t.at });
    }
    const values = [...perTenant].flatMap(([tenantId, { count, at }]) => [tenantId, count, at]);
    await em.execute(
      `insert into scheduling.availability_generations (tenant_id, generation, updated_at)
       values ${[...perTenant].map(() => '(?::uuid, ?::bigint, ?::timestamptz)').join(', ')}
       on conflict (tenant_id) do update set generation = availability_generations.generation + excluded.generation,
         updated_at = greatest(availability_generations.updated_at, excluded.updated_at)`,
      values,
    );
  };
  return {
    name: AVAILABILITY_GENERATIONS,
    eventTypes,
    tables: ['scheduling.availability_generations'],
    sources,
    apply: (em, event) => bump(em, [event]),
    applyBatch: bump,
  };
}
