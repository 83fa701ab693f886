import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, CommandResult } from '@workbay/platform';
import { BookingDefinitions } from '../booking/booking-definitions';
import { reservationDecider } from './reservation.decider';
import { reservationStreamCategory } from './reservation.events';

/**
 * Records the appointment done (once it has started). Only the reservation's stream changes: its resource-days keep
 * the (past) time, which no new booking can take anyway.
 */
export class CompleteReservation extends Command<CommandResult> {
  constructor(readonly reservationId: string) {
    super();
  }
}

@CommandHandler(CompleteReservation)
export class CompleteReservationHandler implements ICommandHandler<CompleteReservation> {
  constructor(private readonly aggregates: AggregateStore, private readonly definitions: BookingDefinitions) {}

  async execute({ reservationId }: CompleteReservation): Promise<CommandResult> {
    await this.definitions.reservation(reservationId);
    return this.aggregates.execute(reservationDecider, reservationStreamCategory, reservationId, (_state, { now }) => ({ type: 'Complete' as const, now }));
  }
}
