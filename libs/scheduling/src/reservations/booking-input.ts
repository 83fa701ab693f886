import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { readOptionalText } from '@workbay/platform/fields';
import { CustomerReference } from '@workbay/shop/contract';
import type { BookingTerms } from './reservation.decider';
import type { BookingPartyInput } from './reservation.dto';
import { RESERVATION_TEXT } from './reservation.rules';

/** A request's start as the UTC instant every decision and stream uses. */
export const utcStart = (start: string): string => new Date(start).toISOString();

/** The staff booking's terms: the party checked as the shop's customer (and vehicle) of this tenant, 422 naming `party.*` otherwise. */
@Injectable()
export class StaffBookingTerms {
  constructor(private readonly queries: QueryBus) {}

  async of(party: BookingPartyInput, notes: string | undefined, seriesId: string | null = null): Promise<BookingTerms> {
    await this.queries.execute(new CustomerReference(party.customerId, party.vehicleId ?? null, { customerId: 'party.customerId', vehicleId: 'party.vehicleId' }));
    const read = readOptionalText(notes, RESERVATION_TEXT.notes);
    return {
      party: { customerId: party.customerId, vehicleId: party.vehicleId ?? null },
      notes: read.ok ? read.text : null,
      seriesId,
      channel: 'staff',
    };
  }
}
