import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PageArgs, ReadsProjection, RequireAbility, RequireEntitlement } from '@workbay/platform';
import { InboxPage, OverduePage } from './inbox.dto';
import { ApprovalInbox, INBOX, OverdueApprovalGates } from './inbox.queries';

@ApiTags('approvals')
@ApiBearerAuth()
@Controller('approvals')
export class InboxController {
  constructor(private readonly queries: QueryBus) {}

  @Get('inbox')
  @RequireAbility('read', 'ApprovalRequest')
  @RequireEntitlement({ feature: 'approvals' })
  @ReadsProjection(INBOX)
  @ApiOkResponse({ type: InboxPage })
  @ApiOperation({ summary: 'Gates I may decide now (by a role I hold, by name, or by an active delegation), oldest waiting first' })
  inbox(@QueryParams() args: PageArgs): Promise<InboxPage> {
    return this.queries.execute(new ApprovalInbox(args.first ?? 20, args.after));
  }

  @Get('overdue')
  @RequireAbility('read', 'ApprovalReport')
  @RequireEntitlement({ feature: 'approvals' })
  @ReadsProjection(INBOX)
  @ApiOkResponse({ type: OverduePage })
  @ApiOperation({ summary: 'Open gates past their due time, most overdue first (managers, finance, revenue assurance, CEO, owners)' })
  overdue(@QueryParams() args: PageArgs): Promise<OverduePage> {
    return this.queries.execute(new OverdueApprovalGates(args.first ?? 20, args.after));
  }
}
