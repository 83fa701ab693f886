import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandResultView, IdOf, RequireAbility, RequireEntitlement } from '@workbay/platform';
import { DecideGate } from './decide-gate';
import { ApprovalRequestDetail } from './request-detail.query';
import { DecideGateInput, RequestView, ResubmitRequestInput, SubmitRequestInput, WithdrawRequestInput } from './request.dto';
import { ResubmitRequest } from './resubmit-request';
import { SubmitRequest } from './submit-request';
import { WithdrawRequest } from './withdraw-request';

const SOD = 'Refusals are 403 with the rule as `code` and in `type`: `REQUESTER_CANNOT_DECIDE`, `ONE_GATE_PER_PERSON` (one gate per person and round, ' +
  'also as a delegate), `DELEGATE_CANNOT_APPROVE_OWN_REQUEST`, `NOT_A_GATE_DECIDER`. A gate decided meanwhile (or a stale round) is 409 `GATE_ALREADY_DECIDED`.';

@ApiTags('approvals')
@ApiBearerAuth()
@RequireEntitlement({ feature: 'approvals' })
@Controller('approvals/requests')
export class RequestsController {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @Post()
  @RequireAbility('submit', 'ApprovalRequest')
  @ApiCreatedResponse({ type: CommandResultView })
  @ApiOperation({
    summary: 'Submits a request, routed by the current version of its type\'s policy',
    description: 'The route (the gates that apply to the amount) is frozen on the request: a later policy version changes nothing for it. ' +
      'A `link` to a quote must name a quote of this shop (422 naming `link.id`).',
  })
  submit(@Body() input: SubmitRequestInput): Promise<CommandResultView> {
    return this.commands.execute(new SubmitRequest(input));
  }

  @Post(':id/approve')
  @HttpCode(200)
  @RequireAbility('decide', 'ApprovalRequest')
  @ApiOkResponse({ type: CommandResultView })
  @ApiOperation({ summary: 'Approves the gate the request waits on; the approval reaching its quorum opens the next gate or completes it', description: SOD })
  approve(@Param('id', IdOf('approval request')) id: string, @Body() input: DecideGateInput): Promise<CommandResultView> {
    return this.commands.execute(new DecideGate(id, 'approve', input));
  }

  @Post(':id/reject')
  @HttpCode(200)
  @RequireAbility('decide', 'ApprovalRequest')
  @ApiOkResponse({ type: CommandResultView })
  @ApiOperation({ summary: 'Rejects the open gate (comment required): the request returns to its requester', description: SOD })
  reject(@Param('id', IdOf('approval request')) id: string, @Body() input: DecideGateInput): Promise<CommandResultView> {
    return this.commands.execute(new DecideGate(id, 'reject', input));
  }

  @Post(':id/request-changes')
  @HttpCode(200)
  @RequireAbility('decide', 'ApprovalRequest')
  @ApiOkResponse({ type: CommandResultView })
  @ApiOperation({ summary: 'Sends the request back to its requester for changes (comment required)', description: SOD })
  requestChanges(@Param('id', IdOf('approval request')) id: string, @Body() input: DecideGateInput): Promise<CommandResultView> {
    return this.commands.execute(new DecideGate(id, 'request_changes', input));
  }

  @Post(':id/resubmit')
  @HttpCode(200)
  @RequireAbility('submit', 'ApprovalRequest')
  @ApiOkResponse({ type: CommandResultView })
  @ApiOperation({ summary: 'The requester sends a returned request again: a new round from gate 1, on the same policy version' })
  resubmit(@Param('id', IdOf('approval request')) id: string, @Body() input: ResubmitRequestInput): Promise<CommandResultView> {
    return this.commands.execute(new ResubmitRequest(id, input));
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @RequireAbility('withdraw', 'ApprovalRequest')
  @ApiOkResponse({ type: CommandResultView })
  @ApiOperation({ summary: 'The requester withdraws a request that is not completed' })
  withdraw(@Param('id', IdOf('approval request')) id: string, @Body() input: WithdrawRequestInput): Promise<CommandResultView> {
    return this.commands.execute(new WithdrawRequest(id, input));
  }

  @Get(':id')
  @RequireAbility('read', 'ApprovalRequest')
  @ApiOkResponse({ type: RequestView })
  @ApiOperation({ summary: 'One request as its stream stands: route, open gate and the gate log in order' })
  detail(@Param('id', IdOf('approval request')) id: string): Promise<RequestView> {
    return this.queries.execute(new ApprovalRequestDetail(id));
  }
}
