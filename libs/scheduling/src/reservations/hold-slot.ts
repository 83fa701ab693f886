import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandResult } from '@workbay/platform';
import { BookingBoundary } from '../booking/booking-boundary';
import { BookSlots } from './book-slots';
import { StaffBookingTerms, utcStart } from './booking-input';
import type { ReserveSlotInput } from './reservation.dto';
import { reservationStreamCategory } from './reservation.events';

/** A tentative hold: occupies its slot for the settings' hold TTL (default 10 min) unless confirmed. */
export class HoldSlot extends Command<CommandResult> {
  constructor(readonly input: ReserveSlotInput) {
    super();
  }
}

@CommandHandler(HoldSlot)
export class HoldSlotHandler implements ICommandHandler<HoldSlot> {
  constructor(private readonly boundary: BookingBoundary, private readonly slots: BookSlots, private readonly terms: StaffBookingTerms) {}

  async execute({ input }: HoldSlot): Promise<CommandResult> {
    const terms = await this.terms.of(input.party, input.notes);
    const reservationId = this.boundary.newId(reservationStreamCategory);
    return this.slots.book(reservationId, {
      serviceId: input.serviceId, resources: input.resources, slots: [{ reservationId, start: utcStart(input.start) }], terms, hold: true,
    });
  }
}
