import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
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

const TAKEN = '409 `SLOT_TAKEN` when the time is taken beyond capacity (the body\'s `conflict` has the start and end of the reservation in the way); ' +
  '422 naming `start` (past, outside working hours, below minimum notice, beyond the horizon), `serviceId`, `resources[i]` or `party.*`.';

@ApiTags('scheduling')
@ApiBearerAuth()
@RequireEntitlement({ feature: 'scheduling' })
@Controller('scheduling')
export class ReservationsController {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @Post('reservations')
  @RequireAbility('reserve', 'Reservation')
  @ApiCreatedResponse({ type: CommandResultView })
  @ApiOperation({ summary: 'Reserves a slot (ReserveSlot)', description: TAKEN })
  reserve(@Body() input: ReserveSlotInput): Promise<CommandResultView> {
    return this.commands.execute(new ReserveSlot(input));
  }

  @Post('holds')
  @RequireAbility('reserve', 'Reservation')
  @ApiCreatedResponse({ type: CommandResultView })
  @ApiOperation({ summary: "Holds a slot for the tenant's hold TTL (HoldSlot); confirm it before it expires", description: TAKEN })
  hold(@Body() input: ReserveSlotInput): Promise<CommandResultView> {
    return this.commands.execute(new HoldSlot(input));
  }

  @Post('reservation-series')
  @RequireAbility('reserve', 'Reservation')
  @ApiCreatedResponse({ type: ReservationSeriesResultView })
  @ApiOperation({ summary: 'Reserves every occurrence of an RRULE, or none (ReserveRecurring)', description: `${TAKEN} 422 naming \`rrule\` for a bad rule or more than 52 occurrences.` })
  reserveRecurring(@Body() input: ReserveRecurringInput): Promise<ReservationSeriesResultView> {
    return this.commands.execute(new ReserveRecurring(input));
  }

  @Post('reservations/:id/confirm')
  @HttpCode(200)
  @RequireAbility('reserve', 'Reservation')
  @ApiOkResponse({ type: CommandResultView })
  @ApiOperation({ summary: 'Confirms a hold (ConfirmHold)', description: '409 `HOLD_EXPIRED` at or after its expiry; 409 when it is no hold.' })
  confirm(@Param('id', IdOf('reservation')) id: string): Promise<CommandResultView> {
    return this.commands.execute(new ConfirmHold(id));
  }

  @Post('reservations/:id/reschedule')
  @HttpCode(200)
  @RequireAbility('reserve', 'Reservation')
  @ApiOkResponse({ type: CommandResultView })
  @ApiOperation({ summary: 'Moves a reservation: the old time is freed only if the new one is taken (RescheduleReservation)', description: TAKEN })
  reschedule(@Param('id', IdOf('reservation')) id: string, @Body() input: RescheduleReservationInput): Promise<CommandResultView> {
    return this.commands.execute(new RescheduleReservation(id, input));
  }

  @Post('reservations/:id/cancel')
  @HttpCode(200)
  @RequireAbility('cancel', 'Reservation')
  @ApiOkResponse({ type: CommandResultView })
  @ApiOperation({ summary: "Cancels a reservation or hold; late inside the tenant's cancellation window, with its fee (CancelReservation)" })
  cancel(@Param('id', IdOf('reservation')) id: string, @Body() input: CancelReservationInput): Promise<CommandResultView> {
    return this.commands.execute(new CancelReservation(id, input.reason?.trim() || null));
  }

  @Post('reservations/:id/no-show')
  @HttpCode(200)
  @RequireAbility('complete', 'Reservation')
  @ApiOkResponse({ type: CommandResultView })
  @ApiOperation({ summary: 'Marks a reservation a no-show, once its start has passed (MarkNoShow)' })
  noShow(@Param('id', IdOf('reservation')) id: string): Promise<CommandResultView> {
    return this.commands.execute(new MarkNoShow(id));
  }

  @Post('reservations/:id/complete')
  @HttpCode(200)
  @RequireAbility('complete', 'Reservation')
  @ApiOkResponse({ type: CommandResultView })
  @ApiOperation({ summary: 'Completes a reservation, once it has started (CompleteReservation)' })
  complete(@Param('id', IdOf('reservation')) id: string): Promise<CommandResultView> {
    return this.commands.execute(new CompleteReservation(id));
  }

  @Get('reservations/:id')
  @RequireAbility('read', 'Reservation')
  @ApiOkResponse({ type: ReservationView })
  @ApiOperation({ summary: 'One reservation or hold, as its stream stands' })
  detail(@Param('id', IdOf('reservation')) id: string): Promise<ReservationView> {
    return this.queries.execute(new ReservationDetail(id));
  }
}
