import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandResult } from '@workbay/platform';
import { ReservationChanges } from './reservation-changes';

/** Confirms a hold: it becomes a reservation; 409 HOLD_EXPIRED at or after its expiry (its time may be someone else's). */
export class ConfirmHold extends Command<CommandResult> {
  constructor(readonly reservationId: string) {
    super();
  }
}

@CommandHandler(ConfirmHold)
export class ConfirmHoldHandler implements ICommandHandler<ConfirmHold> {
  constructor(private readonly changes: ReservationChanges) {}

  execute(command: ConfirmHold): Promise<CommandResult> {
    return this.changes.apply(command.reservationId, { type: 'ConfirmHold' });
  }
}
