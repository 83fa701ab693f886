import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandResult } from '@workbay/platform';
import { ReservationChanges } from './reservation-changes';

/** Lets a hold go once it has expired (the hold timer sends it; a confirmed or cancelled hold is left alone). */
export class ExpireHold extends Command<CommandResult> {
  constructor(readonly reservationId: string) {
    super();
  }
}

@CommandHandler(ExpireHold)
export class ExpireHoldHandler implements ICommandHandler<ExpireHold> {
  constructor(private readonly changes: ReservationChanges) {}

  execute(command: ExpireHold): Promise<CommandResult> {
    return this.changes.apply(command.reservationId, { type: 'ExpireHold' });
  }
}
