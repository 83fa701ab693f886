import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReadsProjection, RequireAbility, RequireEntitlement } from '@workbay/platform';
import { GateTimesArgs } from './gate-times.args';
import { GateTimesView } from './gate-times.dto';
import { ApprovalGateTimes, GATE_TIMES } from './gate-times.queries';

@ApiTags('approvals')
@ApiBearerAuth()
@Controller('approvals/reports')
export class GateTimesController {
  constructor(private readonly queries: QueryBus) {}

  @Get('gate-times')
  @RequireAbility('read', 'ApprovalReport')
  @RequireEntitlement({ feature: 'approvals' })
  @ReadsProjection(GATE_TIMES)
  @ApiOkResponse({ type: GateTimesView, description: '400 naming `to` when the range is empty (to not after from)' })
  @ApiOperation({ summary: 'Time spent per gate (opened to decided): median and p90 per request type and gate' })
  gateTimes(@QueryParams() args: GateTimesArgs): Promise<GateTimesView> {
    return this.queries.execute(new ApprovalGateTimes(args.type, args.from, args.to));
  }
}
