import { QueryBus } from '@nestjs/cqrs';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { PageArgs, ReadsProjectionQuery, RequireAbility, RequireEntitlement } from '@workbay/platform';
import { InboxPage, OverduePage } from './inbox.dto';
import { ApprovalInbox, INBOX, OverdueApprovalGates } from './inbox.queries';

@Resolver()
export class InboxResolver {
  constructor(private readonly queries: QueryBus) {}

  @Query(() => InboxPage, { description: 'Gates I may decide now (by a role I hold, by name, or by an active delegation), oldest waiting first' })
  @RequireAbility('read', 'ApprovalRequest')
  @RequireEntitlement({ feature: 'approvals' })
  @ReadsProjectionQuery(INBOX)
  approvalInbox(@Args() args: PageArgs): Promise<InboxPage> {
    return this.queries.execute(new ApprovalInbox(args.first ?? 20, args.after));
  }

  @Query(() => OverduePage, { description: 'Open gates past their due time, most overdue first' })
  @RequireAbility('read', 'ApprovalReport')
  @RequireEntitlement({ feature: 'approvals' })
  @ReadsProjectionQuery(INBOX)
  overdueApprovalGates(@Args() args: PageArgs): Promise<OverduePage> {
    return this.queries.execute(new OverdueApprovalGates(args.first ?? 20, args.after));
  }
}
