import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { RequireAbility, RequireEntitlement } from '@workbay/platform';
import { PolicyListView, PolicyPublishedView, PolicyVersionView, PolicyView, PublishPolicyInput } from './policy.dto';
import { ApprovalPolicies, ApprovalPolicyDetail, ApprovalPolicyVersion } from './policy.queries';
import { gatesFromInput } from './policy.views';
import { PublishPolicy } from './publish-policy';
import { PolicyVersionParam } from './policies.controller';

const requestType = () => Args('requestType', { description: 'purchase, payment, asset, discount, leave or subscription' });

@Resolver(() => PolicyView)
@RequireEntitlement({ feature: 'approvals' })
export class PoliciesResolver {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @Query(() => PolicyListView, { description: 'The policy of every request type' })
  @RequireAbility('read', 'ApprovalPolicy')
  approvalPolicies(): Promise<PolicyListView> {
    return this.queries.execute(new ApprovalPolicies());
  }

  @Query(() => PolicyView, { description: "One request type's policy: current version and version list" })
  @RequireAbility('read', 'ApprovalPolicy')
  approvalPolicy(@requestType() type: string): Promise<PolicyView> {
    return this.queries.execute(new ApprovalPolicyDetail(type));
  }

  @Query(() => PolicyVersionView, { description: 'One published version of a policy' })
  @RequireAbility('read', 'ApprovalPolicy')
  approvalPolicyVersion(@requestType() type: string, @Args('version', { type: () => Int, description: 'the version number, from 1' }, new PolicyVersionParam()) version: number): Promise<PolicyVersionView> {
    return this.queries.execute(new ApprovalPolicyVersion(type, version));
  }

  @Mutation(() => PolicyPublishedView, { description: 'Publishes the next version of a policy (owner or admin); requests in flight keep theirs' })
  @RequireAbility('update', 'ApprovalPolicy')
  publishApprovalPolicy(@requestType() type: string, @Args('input', { description: 'the gates of the new version' }) input: PublishPolicyInput): Promise<PolicyPublishedView> {
    return this.commands.execute(new PublishPolicy(type, { gates: gatesFromInput(input.gates), expectedVersion: input.expectedVersion }));
  }
}
