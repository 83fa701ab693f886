import { Module } from '@nestjs/common';
import { PoliciesController } from './policies.controller';
import { PoliciesResolver } from './policies.resolver';
import { ApprovalPoliciesHandler, ApprovalPolicyDetailHandler, ApprovalPolicyVersionHandler } from './policy.queries';
import { PublishPolicyHandler } from './publish-policy';

/** Policies on REST and GraphQL over one set of handlers. */
@Module({
  controllers: [PoliciesController],
  providers: [PublishPolicyHandler, ApprovalPoliciesHandler, ApprovalPolicyDetailHandler, ApprovalPolicyVersionHandler, PoliciesResolver],
})
export class PoliciesApiModule {}

/** The worker seeds default policies at signup (seed-policies.process.ts dispatches PublishPolicy). */
@Module({ providers: [PublishPolicyHandler] })
export class PoliciesWorkerModule {}
