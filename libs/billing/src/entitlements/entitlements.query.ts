import { Injectable } from '@nestjs/common';
import { Clock, RequestContext } from '@workbay/platform';
import { quotaPeriodOf } from './effective-entitlements';
import { EntitlementBook } from './entitlement-book';
import { EntitlementsView } from './entitlements.views';
import { QuotaCounter } from './quota-counter';

/** The tenant's entitlements with this period's usage: one read of quota_usage besides the cached plan. */
@Injectable()
export class EntitlementsQuery {
  constructor(private readonly book: EntitlementBook, private readonly counter: QuotaCounter, private readonly context: RequestContext, private readonly clock: Clock) {}

  async current(): Promise<EntitlementsView> {
    const tenantId = this.context.tenantId;
    const entitlements = await this.book.of(tenantId);
    const period = quotaPeriodOf(this.clock.now(), entitlements.period);
    const usage = await this.counter.usage(tenantId, period.key);
    return {
      plan: entitlements.plan,
      version: entitlements.version,
      features: entitlements.features,
      quotas: entitlements.quotas.map((q) => ({ ...q, used: usage.get(q.meter) ?? 0, period: period.key, resetsAt: period.resetsAt.toISOString() })),
    };
  }
}
