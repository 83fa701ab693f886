import { Controller, Get, Param, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdOf, ReadsProjection, RequireAbility, RequireEntitlement } from '@workbay/platform';
import { AsOfArgs, MyRequestsArgs } from './request-log.args';
import { ApprovalRequestDetailView, ApprovalRequestPage } from './request-log.dto';
import { RequestLogDetail, MyApprovalRequests, REQUEST_LOG } from './request-log.queries';

@ApiTags('approvals')
@ApiBearerAuth()
@Controller('approvals')
export class RequestLogController {
  constructor(private readonly queries: QueryBus) {}

  @Get('my-requests')
  @RequireAbility('read', 'ApprovalRequest')
  @RequireEntitlement({ feature: 'approvals' })
  @ReadsProjection(REQUEST_LOG)
  @ApiOkResponse({ type: ApprovalRequestPage })
  @ApiOperation({ summary: 'The approval requests I submitted, newest first, with the gate each waits on' })
  mine(@QueryParams() args: MyRequestsArgs): Promise<ApprovalRequestPage> {
    return this.queries.execute(new MyApprovalRequests(args.first ?? 20, args.after, args.status));
  }

  @Get('requests/:id/log')
  @RequireAbility('read', 'ApprovalRequest')
  @RequireEntitlement({ feature: 'approvals' })
  @ReadsProjection(REQUEST_LOG)
  @ApiOkResponse({ type: ApprovalRequestDetailView })
  @ApiOperation({ summary: 'An approval request with its audited gate log: who decided, with which roles, for whom, when (or as it stood at ?asOf=)' })
  log(@Param('id', IdOf('approval request')) id: string, @QueryParams() { asOf }: AsOfArgs): Promise<ApprovalRequestDetailView> {
    return this.queries.execute(new RequestLogDetail(id, asOf));
  }
}
