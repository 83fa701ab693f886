import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { BookingDefinitions } from '../booking/booking-definitions';
import type { ReservationView } from './reservation.dto';

/** One reservation, folded from its stream: what the boundary decides with, so it is never behind a write. */
export class ReservationDetail extends Query<ReservationView> {
  constructor(readonly reservationId: string) {
    super();
  }
}

@QueryHandler(ReservationDetail)
export class ReservationDetailHandler implements IQueryHandler<ReservationDetail> {
  constructor(private readonly definitions: BookingDefinitions) {}

  async execute({ reservationId }: ReservationDetail): Promise<ReservationView> {
    const r = await this.definitions.reservation(reservationId);
    const party = 'customerId' in r.party ? r.party : null;
    return {
      id: r.reservationId, status: r.status, serviceId: r.serviceId, locationId: r.locationId, start: r.start, end: r.end,
      resources: r.resources.map(({ resourceId, kind, blockedFrom, blockedUntil }) => ({ resourceId, kind, blockedFrom, blockedUntil })), seats: r.seats, customerId: party?.customerId ?? null, vehicleId: party?.vehicleId ?? null,
      notes: r.notes, seriesId: r.seriesId, holdExpiresAt: r.status === 'held' ? r.holdExpiresAt : null, late: r.late,
    };
  }
}
