import { Module } from '@nestjs/common';
import { ApprovalViewsModule } from './approval-views.module';
import { DelegationsApiModule } from './delegations/delegations.module';
import { PoliciesApiModule, PoliciesWorkerModule } from './policies/policies.module';
import { RequestsApiModule, RequestsWorkerModule } from './requests/requests.module';
import { ApprovalRoutingModule } from './requests/approval-routing.module';

/** Approvals in the API: one import per part (policies, requests, inbox and reports), each its own module in its folder. */
@Module({ imports: [PoliciesApiModule, RequestsApiModule, DelegationsApiModule, ApprovalViewsModule] })
export class ApprovalsApiModule {}

/** Approvals in the worker: the parts whose command handlers the routing saga and its timers dispatch to. */
@Module({ imports: [PoliciesWorkerModule, RequestsWorkerModule, ApprovalRoutingModule] })
export class ApprovalsWorkerModule {}
