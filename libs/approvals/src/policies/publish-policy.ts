import { Optional } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, Entitlements, PlanLimitExceeded, RequestContext, ROLES, UserDirectory } from '@workbay/platform';
import { policyDecider } from './policy.decider';
import type { PolicyPublishedView } from './policy.dto';
import { approvalPolicyStreamCategory, PolicyGate, RequestType } from './policy.events';
import { requireRequestType } from './request-type';

export const GATES_LIMIT = 'approvalGatesPerPolicy';

/** Publishes the next version of a request type's policy; `seed` is the signup default (system only). */
export class PublishPolicy extends Command<PolicyPublishedView> {
  constructor(readonly requestType: string, readonly input: { gates: PolicyGate[]; expectedVersion?: number }, readonly seed = false) {
    super();
  }
}

@CommandHandler(PublishPolicy)
export class PublishPolicyHandler implements ICommandHandler<PublishPolicy> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly users: UserDirectory,
    private readonly context: RequestContext,
    // The API's billing provides it; the worker only seeds defaults, which every plan with approvals fits.
    @Optional() private readonly entitlements?: Entitlements,
  ) {}

  async execute({ requestType, input, seed }: PublishPolicy): Promise<PolicyPublishedView> {
    const type: RequestType = requireRequestType(requestType);
    const gates = Array.isArray(input.gates) ? input.gates : [];
    if (!seed) await this.requireWithinPlan(gates.length);
    const named = gates.flatMap((g) => [g.decider, g.escalateTo]).flatMap((d) => (d && 'userId' in d && typeof d.userId === 'string' ? [d.userId] : []));
    const tenantUserIds = named.length ? (await this.users.candidates([...new Set(named)])).map((u) => u.userId) : [];
    const result = await this.aggregates.execute(policyDecider, approvalPolicyStreamCategory, type, (_, { now, actor }) => ({
      type: 'PublishPolicy', requestType: type, gates, seed, expectedVersion: input.expectedVersion,
      knownRoles: ROLES, tenantUserIds, publishedAt: now, actor,
    }));
    // One event per publish: the stream version is the policy version.
    return { requestType: type, version: result.streamVersion, position: result.position };
  }

  private async requireWithinPlan(gateCount: number): Promise<void> {
    if (!this.entitlements) return;
    const limit = await this.entitlements.limitOf(this.context.tenantId, GATES_LIMIT);
    if (limit && gateCount > limit.limit) throw new PlanLimitExceeded(GATES_LIMIT, limit.limit, gateCount, limit.plan, 'gates');
  }
}
