import { Module } from '@nestjs/common';
import { InboxController } from './inbox/inbox.controller';
import { ApprovalInboxHandler, OverdueApprovalGatesHandler } from './inbox/inbox.queries';
import { InboxResolver } from './inbox/inbox.resolver';
import { GateTimesController } from './reports/gate-times.controller';
import { ApprovalGateTimesHandler } from './reports/gate-times.queries';
import { GateTimesResolver } from './reports/gate-times.resolver';
import { RequestLogController } from './request-log/request-log.controller';
import { RequestLogDetailHandler, MyApprovalRequestsHandler } from './request-log/request-log.queries';
import { RequestLogResolver } from './request-log/request-log.resolver';

/** Approvals' reads (inbox, my requests, request log, overdue gates, gate times); their projections run in the worker from the manifest. */
@Module({
  controllers: [InboxController, RequestLogController, GateTimesController],
  providers: [
    ApprovalInboxHandler, OverdueApprovalGatesHandler, MyApprovalRequestsHandler, RequestLogDetailHandler, ApprovalGateTimesHandler,
    InboxResolver, RequestLogResolver, GateTimesResolver,
  ],
})
export class ApprovalViewsModule {}
