import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { AggregateStore, NotFoundError } from '@workbay/platform';
import { policyDecider, PolicyState, policyVersion } from './policy.decider';
import { PolicyListView, PolicyVersionView, PolicyView } from './policy.dto';
import { approvalPolicyStreamCategory, REQUEST_TYPES } from './policy.events';
import { policyView, versionView } from './policy.views';
import { requireRequestType } from './request-type';

/**
 * Policies are read from their streams, not a read model: six short streams per tenant, and a
 * submission must route on exactly what is published, so the edit screen shows the same.
 */
async function stateOf(aggregates: AggregateStore, requestType: string): Promise<PolicyState> {
  try {
    return (await aggregates.load(policyDecider, approvalPolicyStreamCategory, requestType)).state;
  } catch (error) {
    if (error instanceof NotFoundError) return policyDecider.initialState();
    throw error;
  }
}

export class ApprovalPolicies extends Query<PolicyListView> {}
export class ApprovalPolicyDetail extends Query<PolicyView> {
  constructor(readonly requestType: string) {
    super();
  }
}
export class ApprovalPolicyVersion extends Query<PolicyVersionView> {
  constructor(readonly requestType: string, readonly version: number) {
    super();
  }
}

@QueryHandler(ApprovalPolicies)
export class ApprovalPoliciesHandler implements IQueryHandler<ApprovalPolicies> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute(): Promise<PolicyListView> {
    const states = await Promise.all(REQUEST_TYPES.map((t) => stateOf(this.aggregates, t)));
    return { items: REQUEST_TYPES.map((t, i) => policyView(t, states[i])) };
  }
}

@QueryHandler(ApprovalPolicyDetail)
export class ApprovalPolicyDetailHandler implements IQueryHandler<ApprovalPolicyDetail> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ requestType }: ApprovalPolicyDetail): Promise<PolicyView> {
    const type = requireRequestType(requestType);
    return policyView(type, await stateOf(this.aggregates, type));
  }
}

@QueryHandler(ApprovalPolicyVersion)
export class ApprovalPolicyVersionHandler implements IQueryHandler<ApprovalPolicyVersion> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ requestType, version }: ApprovalPolicyVersion): Promise<PolicyVersionView> {
    const type = requireRequestType(requestType);
    const found = policyVersion(await stateOf(this.aggregates, type), version);
    if (!found) throw new NotFoundError(`${type} policy version`, String(version));
    return versionView(type, found);
  }
}
