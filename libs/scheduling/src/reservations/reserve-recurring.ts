import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '@workbay/platform';
import { BookingBoundary } from '../booking/booking-boundary';
import { BookingDefinitions } from '../booking/booking-definitions';
import { NotBookableReference } from '../booking/booking.errors';
import { occurrenceStarts } from '../booking/recurrence.rules';
import type { ServiceDefinition } from '../shared/schedule.rules';
import { BookSlots } from './book-slots';
import { StaffBookingTerms, utcStart } from './booking-input';
import type { ReservationSeriesResultView, ReserveRecurringInput } from './reservation.dto';
import { reservationStreamCategory } from './reservation.events';

export const reservationSeriesCategory = 'reservation-series' as const;

/** Every occurrence of an RRULE booked in one atomic write, or none (409 naming the first occurrence in the way). */
export class ReserveRecurring extends Command<ReservationSeriesResultView> {
  constructor(readonly input: ReserveRecurringInput) {
    super();
  }
}

@CommandHandler(ReserveRecurring)
export class ReserveRecurringHandler implements ICommandHandler<ReserveRecurring> {
  constructor(
    private readonly aggregates: AggregateStore, private readonly slots: BookSlots, private readonly terms: StaffBookingTerms,
    private readonly definitions: BookingDefinitions, private readonly boundary: BookingBoundary,
  ) {}

  async execute({ input }: ReserveRecurring): Promise<ReservationSeriesResultView> {
    const seriesId = this.boundary.newId(reservationSeriesCategory);
    const terms = await this.terms.of(input.party, input.notes, seriesId);
    const service = await this.definitions.service(input.serviceId);
    const timezone = await this.zoneOf(service, input.resources ?? []);
    const starts = occurrenceStarts(input.rrule, utcStart(input.start), timezone);
    const slots = starts.map((start, i) => ({ reservationId: this.aggregates.derivedId(reservationStreamCategory, seriesId, String(i)), start }));
    const result = await this.slots.book(seriesId, { serviceId: input.serviceId, resources: input.resources, slots, terms, hold: false });
    return { seriesId, reservationIds: slots.map((s) => s.reservationId), starts, position: result.position };
  }

  /** The location's zone, as its resources carry it (a named resource's, else a candidate's). */
  private async zoneOf(service: ServiceDefinition, picks: string[]): Promise<string> {
    const named = picks.filter((p) => p !== 'any');
    const ids = named.length ? named : (await this.definitions.anyCandidates(service)).flat();
    const resources = await this.definitions.resources(ids);
    const known = Object.values(resources).find((r) => r && r.locationId === service.locationId);
    if (!known) throw new NotBookableReference('resources', 'no resource of this service at its location (its time zone expands the rule)');
    return known.timezone;
  }
}
