import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandResult } from '@workbay/platform';
import { BookSlots } from './book-slots';
import { utcStart } from './booking-input';
import type { RescheduleReservationInput } from './reservation.dto';

/** Moves a reservation (or a live hold) atomically: the old time is freed only in the write that takes the new. */
export class RescheduleReservation extends Command<CommandResult> {
  constructor(readonly reservationId: string, readonly input: RescheduleReservationInput) {
    super();
  }
}

@CommandHandler(RescheduleReservation)
export class RescheduleReservationHandler implements ICommandHandler<RescheduleReservation> {
  constructor(private readonly slots: BookSlots) {}

  execute({ reservationId, input }: RescheduleReservation): Promise<CommandResult> {
    return this.slots.reschedule(reservationId, utcStart(input.start), input.resources);
  }
}
