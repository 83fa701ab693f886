import { Command, CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { AggregateStore, CommandResult, CommandResultView } from '@workbay/platform';
import { OpenVisitQuote, VisitQuoteOpened } from '@workbay/shop/contract';
import { BookingDefinitions } from '../booking/booking-definitions';
import { ReservationNotActive } from '../booking/booking.errors';
import { checkInDecider } from './check-in.decider';
import { reservationStreamCategory } from './reservation.events';

@ObjectType({ description: 'A reservation checked in, with the shop quote opened for its vehicle' })
export class CheckInResultView extends CommandResultView {
  @Field(() => ID, { nullable: true, description: "the shop quote opened (or found, on a retry) for the reservation's vehicle; null without a vehicle" })
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: "the shop quote opened (or found, on a retry) for the reservation's vehicle; null without a vehicle" })
  quoteId: string | null;
}

/** The customer of a reserved appointment has arrived: for a shop customer's vehicle, a draft quote is opened through the shop's public command. */
export class CheckIn extends Command<CommandResult & { quoteId: string | null }> {
  constructor(readonly reservationId: string) {
    super();
  }
}

/**
 * The quote first (the shop keys it by the reservation, so a retry after a crash before the
 * check-in was recorded finds the same quote), then ReservationCheckedIn naming it, decided on
 * the stream as read: a check-in racing a cancel gets 409 from whichever lands second.
 */
@CommandHandler(CheckIn)
export class CheckInHandler implements ICommandHandler<CheckIn> {
  constructor(private readonly aggregates: AggregateStore, private readonly definitions: BookingDefinitions, private readonly commands: CommandBus) {}

  async execute({ reservationId }: CheckIn): Promise<CommandResult & { quoteId: string | null }> {
    const r = await this.definitions.reservation(reservationId);
    if (r.status !== 'reserved') throw new ReservationNotActive(reservationId, r.status, 'check it in');
    let quoteId: string | null = null;
    if ('customerId' in r.party && r.party.vehicleId) {
      const service = await this.definitions.service(r.serviceId).catch(() => null);
      const opened: VisitQuoteOpened = await this.commands.execute(new OpenVisitQuote({
        visitId: reservationId, customerId: r.party.customerId, vehicleId: r.party.vehicleId, locationId: r.locationId,
        description: `${service?.name ?? 'Booked visit'} (appointment ${r.start})`, priceMinor: r.price.amountMinor, currency: r.price.currency,
      }));
      quoteId = opened.quoteId;
    }
    const result = await this.aggregates.execute(checkInDecider, reservationStreamCategory, reservationId, (_, { now }) => ({
      type: 'CheckIn', reservationId, quoteId, now,
    }));
    return { ...result, quoteId };
  }
}
