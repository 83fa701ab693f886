import { QueryBus } from '@nestjs/cqrs';
import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { AsOfArg, IdOf, ReadsProjectionQuery, RequireAbility, RequireEntitlement } from '@workbay/platform';
import { MyRequestsArgs } from './request-log.args';
import { ApprovalRequestDetailView, ApprovalRequestPage } from './request-log.dto';
import { RequestLogDetail, MyApprovalRequests, REQUEST_LOG } from './request-log.queries';

@Resolver()
export class RequestLogResolver {
  constructor(private readonly queries: QueryBus) {}

  @Query(() => ApprovalRequestPage, { description: 'The approval requests I submitted, newest first' })
  @RequireAbility('read', 'ApprovalRequest')
  @RequireEntitlement({ feature: 'approvals' })
  @ReadsProjectionQuery(REQUEST_LOG)
  myApprovalRequests(@Args() args: MyRequestsArgs): Promise<ApprovalRequestPage> {
    return this.queries.execute(new MyApprovalRequests(args.first ?? 20, args.after, args.status));
  }

  @Query(() => ApprovalRequestDetailView, { description: 'An approval request with its audited gate log (or as it stood at asOf)' })
  @RequireAbility('read', 'ApprovalRequest')
  @RequireEntitlement({ feature: 'approvals' })
  @ReadsProjectionQuery(REQUEST_LOG)
  approvalRequestLog(
    @Args('id', { type: () => ID, description: 'the request' }, IdOf('approval request')) id: string,
    @AsOfArg() asOf?: string,
  ): Promise<ApprovalRequestDetailView> {
    return this.queries.execute(new RequestLogDetail(id, asOf));
  }
}
