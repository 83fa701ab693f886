import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, CommandResult } from '@workbay/platform';
import { BookingDefinitions } from '../booking/booking-definitions';
import { reservationDecider } from './reservation.decider';
import { reservationStreamCategory } from './reservation.events';

/**
 * Records that the customer did not come (once the start has passed). Only the reservation's stream changes: its resource-days keep
 * the (past) time, which no new booking can take anyway.
 */
export class MarkNoShow extends Command<CommandResult> {
  constructor(readonly reservationId: string) {
    super();
  }
}

@CommandHandler(MarkNoShow)
export class MarkNoShowHandler implements ICommandHandler<MarkNoShow> {
  constructor(private readonly aggregates: AggregateStore, private readonly definitions: BookingDefinitions) {}

  async execute({ reservationId }: MarkNoShow): Promise<CommandResult> {
    await this.definitions.reservation(reservationId);
    return this.aggregates.execute(reservationDecider, reservationStreamCategory, reservationId, (_state, { now }) => ({ type: 'MarkNoShow' as const, now }));
  }
}
