import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore, streamIdFor } from '@workbay/eventstore';
import { fold } from '@workbay/eventstore/core';
import { NotFoundError, RequestContext, TenantDb } from '@workbay/platform';
import { reservationDecider, ReservationState } from '../reservations/reservation.decider';
import { ReservationEvent, reservationStreamCategory } from '../reservations/reservation.events';
import type { ResourceEvent } from '../resources/resource.events';
import { resourceStreamCategory } from '../resources/resource.events';
import type { ServiceEvent } from '../services/service.events';
import { serviceStreamCategory } from '../services/service.events';
import type { SchedulingSettingsChanged } from '../settings/settings.events';
import { schedulingSettingsStreamCategory } from '../settings/settings.events';
import { foldResource, foldService } from '../shared/schedule-fold.rules';
import { DEFAULT_SCHEDULING_SETTINGS, ResourceSchedule, SchedulingSettings, ServiceDefinition } from '../shared/schedule.rules';
import { NotBookableReference } from './booking.errors';
import { placesOf } from './placement.rules';

/**
 * What a booking decides with, from the streams (never a lagging read model): the service, the
 * resources, the tenant's settings. Only the list of candidates for "any" comes from the
 * directory; each candidate is then judged on its own stream.
 */
@Injectable()
export class BookingDefinitions {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore, private readonly context: RequestContext, private readonly db: TenantDb) {}

  private async events<E>(category: string, id: string): Promise<E[]> {
    const tenantId = this.context.tenantId;
    return (await this.store.readStream(tenantId, streamIdFor(tenantId, category, id))).map((e) => ({ type: e.type, data: e.data }) as E);
  }

  /** A reservation as its stream stands (404: the path's id names none of this tenant). */
  async reservation(reservationId: string): Promise<Exclude<ReservationState, { status: 'none' }>> {
    const state = fold(reservationDecider, await this.events<ReservationEvent>(reservationStreamCategory, reservationId));
    if (state.status === 'none') throw new NotFoundError('reservation', reservationId);
    return state;
  }

  /** The IANA zone a reservation's time is told in: its first resource's (resources sit at one location, in its zone); null if unknown. */
  async zoneOf(reservationId: string): Promise<string | null> {
    const state = fold(reservationDecider, await this.events<ReservationEvent>(reservationStreamCategory, reservationId));
    const first = state.status === 'none' ? undefined : state.resources[0]?.resourceId;
    if (!first) return null;
    return foldResource(await this.events<ResourceEvent>(resourceStreamCategory, first))?.timezone ?? null;
  }

  async service(serviceId: string, field = 'serviceId'): Promise<ServiceDefinition> {
    const service = foldService(await this.events<ServiceEvent>(serviceStreamCategory, serviceId));
    if (!service) throw new NotBookableReference(field, 'no such service in this tenant');
    if (!service.active) throw new NotBookableReference(field, `service ${service.name} is retired`);
    return service;
  }

  async resources(ids: readonly string[]): Promise<Record<string, ResourceSchedule | null>> {
    const unique = [...new Set(ids)];
    const folded = await Promise.all(unique.map(async (id) => foldResource(await this.events<ResourceEvent>(resourceStreamCategory, id))));
    return Object.fromEntries(unique.map((id, i) => [id, folded[i]]));
  }

  async settings(): Promise<SchedulingSettings> {
    const tenantId = this.context.tenantId;
    const changes = await this.events<SchedulingSettingsChanged>(schedulingSettingsStreamCategory, tenantId);
    const last = changes[changes.length - 1];
    if (!last) return DEFAULT_SCHEDULING_SETTINGS;
    const { changedAt: _at, ...settings } = last.data;
    return settings;
  }

  /** Per place of the service, who "any" may be: the need's own list, else the active resources of that kind at its location. */
  async anyCandidates(service: ServiceDefinition, picks: ReadonlyArray<string | null> = []): Promise<string[][]> {
    const places = placesOf(service);
    // Only places left to "any" need the directory: a named resource is judged on its own stream.
    const open = places.filter((need, i) => !need.resourceIds?.length && !picks[i]).map((need) => need.kind);
    const byKind = new Map<string, string[]>();
    if (open.length) {
      const rows = await this.db.run((em) => em.execute<Array<{ resource_id: string; kind: string }>>(
        `select resource_id, kind from scheduling.resources where tenant_id = ? and location_id = ? and kind in (?) and active order by resource_id`,
        [this.context.tenantId, service.locationId, [...new Set(open)]],
      ));
      for (const r of rows) byKind.set(r.kind, [...(byKind.get(r.kind) ?? []), r.resource_id]);
    }
    return places.map((need, i) => (picks[i] ? [] : need.resourceIds?.length ? [...need.resourceIds].sort() : byKind.get(need.kind) ?? []));
  }
}
