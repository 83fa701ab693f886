import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, IdOf, RequireAbility, RequireEntitlement } from '@workbay/platform';
import { CheckIn, CheckInResultView } from './check-in';

const DESCRIPTION = "For a shop customer's vehicle, opens a draft quote for the visit in the shop (one per reservation, also on a retry). 409 `RESERVATION_NOT_ACTIVE` unless it is reserved; 404 for a reservation the tenant does not have.";

@ApiTags('scheduling')
@ApiBearerAuth()
@Controller('scheduling/reservations')
export class CheckInController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/check-in')
  @HttpCode(200)
  @RequireAbility('check_in', 'Reservation')
  @RequireEntitlement({ feature: 'scheduling' })
  @ApiProblems(403, 404, 409, 422)
  @ApiOkResponse({ type: CheckInResultView })
  @ApiOperation({ summary: 'Checks in an arrived customer (CheckIn)', description: DESCRIPTION })
  checkIn(@Param('id', IdOf('reservation')) id: string): Promise<CheckInResultView> {
    return this.commands.execute(new CheckIn(id));
  }
}

@Resolver()
export class CheckInResolver {
  constructor(private readonly commands: CommandBus) {}

  @Mutation(() => CheckInResultView, { description: "Checks in an arrived customer; for a shop customer's vehicle opens a draft quote (one per reservation)" })
  @RequireAbility('check_in', 'Reservation')
  @RequireEntitlement({ feature: 'scheduling' })
  checkInReservation(@Args('id', { type: () => ID, description: 'the reservation' }, IdOf('reservation')) id: string): Promise<CheckInResultView> {
    return this.commands.execute(new CheckIn(id));
  }
}
