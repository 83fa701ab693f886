import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandResultView, RequireAbility } from '@workbay/platform';
import { ChangePlan } from './change-plan';
import { ChangePlanInput } from './subscription.dto';

@ApiTags('billing')
@ApiBearerAuth()
@Controller('billing/subscription')
export class SubscriptionController {
  constructor(private readonly commands: CommandBus) {}

  @Post('change-plan')
  @HttpCode(200)
  @RequireAbility('update', 'Subscription')
  @ApiOkResponse({ type: CommandResultView })
  @ApiOperation({ summary: "Moves the shop to another plan's current version (owners only); 409 ALREADY_ON_PLAN if it is on it" })
  changePlan(@Body() input: ChangePlanInput): Promise<CommandResultView> {
    return this.commands.execute(new ChangePlan(input.plan));
  }
}
