import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, Clock, CommandResult, RequestContext } from '@workbay/platform';
import type { PlanId } from '../catalog/catalog.types';
import { EntitlementBook } from '../entitlements/entitlement-book';
import { PlanCatalog } from '../entitlements/plan-catalog.port';
import { subscriptionDecider } from './subscription.decider';
import { subscriptionStreamCategory } from './subscription.events';

export class ChangePlan extends Command<CommandResult> {
  constructor(readonly plan: PlanId) {
    super();
  }
}

/** Moves the tenant to the current version of `plan`; its first subscription is recorded first if it has none yet. */
@CommandHandler(ChangePlan)
export class ChangePlanHandler implements ICommandHandler<ChangePlan> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly book: EntitlementBook,
    private readonly catalog: PlanCatalog,
    private readonly context: RequestContext,
    private readonly clock: Clock,
  ) {}

  async execute({ plan }: ChangePlan): Promise<CommandResult> {
    const tenantId = this.context.tenantId;
    await this.book.subscription(tenantId);
    const result = await this.aggregates.execute(subscriptionDecider, subscriptionStreamCategory, tenantId, (_state, { now, actor }) => ({
      type: 'ChangePlanDecision',
      plan,
      version: this.catalog.currentVersion(plan, new Date(now)).version,
      at: now,
      actor,
    }));
    // This process need not wait for its own NOTIFY: the owner's next request sees the new plan.
    this.book.invalidate(tenantId);
    return result;
  }
}
