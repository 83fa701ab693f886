import { Body, Controller, Delete, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandResultView, IdOf, RequireAbility, RequireEntitlement } from '@workbay/platform';
import { DelegateApprovals, RevokeDelegation } from './delegate-approvals';
import { DelegateApprovalsInput } from './delegation.dto';

@ApiTags('approvals')
@ApiBearerAuth()
@RequireEntitlement({ feature: 'approvals' })
@Controller('approvals/delegations')
export class DelegationsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @RequireAbility('delegate', 'ApprovalRequest')
  @ApiCreatedResponse({ type: CommandResultView, description: '`id` is the delegation (to revoke it)' })
  @ApiOperation({
    summary: 'Delegates your gates to another user for [startsAt, endsAt)',
    description: "The delegate decides with `onBehalfOf` set to you; the gate log records both. Segregation of duties counts you both.",
  })
  delegate(@Body() input: DelegateApprovalsInput): Promise<CommandResultView> {
    return this.commands.execute(new DelegateApprovals(input));
  }

  @Delete(':id')
  @HttpCode(200)
  @RequireAbility('delegate', 'ApprovalRequest')
  @ApiOkResponse({ type: CommandResultView })
  @ApiOperation({ summary: 'Revokes one of your delegations at once' })
  revoke(@Param('id', IdOf('delegation')) id: string): Promise<CommandResultView> {
    return this.commands.execute(new RevokeDelegation(id));
  }
}
