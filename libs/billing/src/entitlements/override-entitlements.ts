import { Optional } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, CommandResult, RequestContext } from '@workbay/platform';
import { FEATURES } from '../catalog/catalog.types';
import { METER_IDS } from '../meters/meters';
import { entitlementOverridesDecider, KnownNames, QuotaLimits } from './entitlement-overrides.decider';

const KNOWN: KnownNames = { features: FEATURES, meters: METER_IDS };
import { EntitlementBook } from './entitlement-book';
import { entitlementsStreamCategory } from './entitlement.events';

/** A platform operator's override of the tenant in context: a feature on/off (null: the plan's), or a meter's quota (null: the plan's). */
export class OverrideEntitlement extends Command<CommandResult> {
  constructor(readonly override: { feature: string; enabled: boolean | null } | { meter: string; quota: QuotaLimits | null }) {
    super();
  }
}

@CommandHandler(OverrideEntitlement)
export class OverrideEntitlementHandler implements ICommandHandler<OverrideEntitlement> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly context: RequestContext,
    // The API's cache; the worker (and the CLI through it) has none and relies on the NOTIFY alone.
    @Optional() private readonly book?: EntitlementBook,
  ) {}

  async execute({ override }: OverrideEntitlement): Promise<CommandResult> {
    const tenantId = this.context.tenantId;
    const result = await this.aggregates.execute(entitlementOverridesDecider, entitlementsStreamCategory, tenantId, (_state, { now, actor }) =>
      'feature' in override
        ? { type: 'OverrideFeature', feature: override.feature, enabled: override.enabled, known: KNOWN, at: now, actor }
        : { type: 'OverrideQuota', meter: override.meter, quota: override.quota, known: KNOWN, at: now, actor },
    );
    this.book?.invalidate(tenantId);
    return result;
  }
}
