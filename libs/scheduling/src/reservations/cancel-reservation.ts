import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandResult } from '@workbay/platform';
import { ReservationChanges } from './reservation-changes';

/** Cancels a reservation or hold: late inside the tenant's cancellation window (with its fee, if any); the time is free at once. */
export class CancelReservation extends Command<CommandResult> {
  constructor(readonly reservationId: string, readonly reason: string | null = null) {
    super();
  }
}

@CommandHandler(CancelReservation)
export class CancelReservationHandler implements ICommandHandler<CancelReservation> {
  constructor(private readonly changes: ReservationChanges) {}

  execute(command: CancelReservation): Promise<CommandResult> {
    return this.changes.apply(command.reservationId, { type: 'Cancel', reason: command.reason });
  }
}
