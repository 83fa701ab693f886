import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CommandResultView, IdOf, RequireAbility, RequireEntitlement } from '@workbay/platform';
import { CancelReservation } from './cancel-reservation';
import { CompleteReservation } from './complete-reservation';
import { ConfirmHold } from './confirm-hold';
import { HoldSlot } from './hold-slot';
import { MarkNoShow } from './mark-no-show';
import { ReservationDetail } from './reservation-detail.query';
import {
  CancelReservationInput, RescheduleReservationInput, ReservationSeriesResultView, ReservationView, ReserveRecurringInput, ReserveSlotInput,
} from './reservation.dto';
import { RescheduleReservation } from './reschedule-reservation';
import { ReserveRecurring } from './reserve-recurring';
import { ReserveSlot } from './reserve-slot';

const reservationId = () => Args('id', { type: () => ID, description: 'the reservation' }, IdOf('reservation'));

@RequireEntitlement({ feature: 'scheduling' })
@Resolver(() => ReservationView)
export class ReservationsResolver {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @Mutation(() => CommandResultView, { description: 'Reserves a slot; SLOT_TAKEN (409) names the reservation in the way' })
  @RequireAbility('reserve', 'Reservation')
  reserveSlot(@Args('input', { description: 'the slot' }) input: ReserveSlotInput): Promise<CommandResultView> {
    return this.commands.execute(new ReserveSlot(input));
  }

  @Mutation(() => CommandResultView, { description: "Holds a slot for the tenant's hold TTL; confirm it before it expires" })
  @RequireAbility('reserve', 'Reservation')
  holdSlot(@Args('input', { description: 'the slot' }) input: ReserveSlotInput): Promise<CommandResultView> {
    return this.commands.execute(new HoldSlot(input));
  }

  @Mutation(() => ReservationSeriesResultView, { description: 'Reserves every occurrence of an RRULE, or none' })
  @RequireAbility('reserve', 'Reservation')
  reserveRecurring(@Args('input', { description: 'the series' }) input: ReserveRecurringInput): Promise<ReservationSeriesResultView> {
    return this.commands.execute(new ReserveRecurring(input));
  }

  @Mutation(() => CommandResultView, { description: 'Confirms a hold; HOLD_EXPIRED (409) at or after its expiry' })
  @RequireAbility('reserve', 'Reservation')
  confirmHold(@reservationId() id: string): Promise<CommandResultView> {
    return this.commands.execute(new ConfirmHold(id));
  }

  @Mutation(() => CommandResultView, { description: 'Moves a reservation: the old time is freed only if the new one is taken' })
  @RequireAbility('reserve', 'Reservation')
  rescheduleReservation(@reservationId() id: string, @Args('input', { description: 'the new time' }) input: RescheduleReservationInput): Promise<CommandResultView> {
    return this.commands.execute(new RescheduleReservation(id, input));
  }

  @Mutation(() => CommandResultView, { description: "Cancels a reservation or hold; late inside the tenant's cancellation window" })
  @RequireAbility('cancel', 'Reservation')
  cancelReservation(
    @reservationId() id: string,
    @Args('input', { nullable: true, description: 'why', type: () => CancelReservationInput }) input?: CancelReservationInput,
  ): Promise<CommandResultView> {
    return this.commands.execute(new CancelReservation(id, input?.reason?.trim() || null));
  }

  @Mutation(() => CommandResultView, { description: 'Marks a reservation a no-show, once its start has passed' })
  @RequireAbility('complete', 'Reservation')
  markReservationNoShow(@reservationId() id: string): Promise<CommandResultView> {
    return this.commands.execute(new MarkNoShow(id));
  }

  @Mutation(() => CommandResultView, { description: 'Completes a reservation, once it has started' })
  @RequireAbility('complete', 'Reservation')
  completeReservation(@reservationId() id: string): Promise<CommandResultView> {
    return this.commands.execute(new CompleteReservation(id));
  }

  @Query(() => ReservationView, { description: 'One reservation or hold, as its stream stands' })
  @RequireAbility('read', 'Reservation')
  reservation(@reservationId() id: string): Promise<ReservationView> {
    return this.queries.execute(new ReservationDetail(id));
  }
}
