import { Injectable, Logger } from '@nestjs/common';
import { AggregateStore, Clock, Entitlements, FeatureNotInPlan, QuotaExceeded, QuotaReservation } from '@workbay/platform';
import type { MeterId } from '../meters/meters';
import { quotaPeriodOf, quotaWarning } from './effective-entitlements';
import { EntitlementBook } from './entitlement-book';
import { softQuotaDecider } from './entitlement-overrides.decider';
import { quotaStreamCategory } from './entitlement.events';
import { QuotaCounter } from './quota-counter';

/** Billing's answer to the kernel's Entitlements port: features from the cached plan + overrides, quotas counted in Postgres. */
@Injectable()
export class BillingEntitlements extends Entitlements {
  private readonly logger = new Logger('Entitlements');

  constructor(
    private readonly book: EntitlementBook,
    private readonly counter: QuotaCounter,
    private readonly aggregates: AggregateStore,
    private readonly clock: Clock,
  ) {
    super();
  }

  async requireFeature(tenantId: string, feature: string): Promise<void> {
    const entitlements = await this.book.of(tenantId);
    const granted = entitlements.features.find((f) => f.feature === feature);
    if (!granted?.enabled) throw new FeatureNotInPlan(feature, entitlements.plan);
  }

  async limitOf(tenantId: string, limit: string): Promise<{ plan: string; limit: number } | null> {
    const entitlements = await this.book.of(tenantId);
    const value = (entitlements.limits as Record<string, number | undefined>)[limit];
    return value === undefined ? null : { plan: entitlements.plan, limit: value };
  }

  async reserve(tenantId: string, meter: string, units: number): Promise<QuotaReservation | null> {
    const entitlements = await this.book.of(tenantId);
    const quota = entitlements.quotas.find((q) => q.meter === meter);
    if (!quota || (quota.soft === undefined && quota.hard === undefined)) return null;
    const now = this.clock.now();
    const period = quotaPeriodOf(now, entitlements.period);
    const count = await this.counter.add(tenantId, meter, period.key, units, quota.hard);
    if (count.kind === 'refused') {
      const retryAfter = Math.max(1, Math.ceil((period.resetsAt.getTime() - now.getTime()) / 1000));
      throw new QuotaExceeded(meter, quota.hard!, count.used, period.resetsAt.toISOString(), retryAfter);
    }
    const used = count.used;
    const reservation: QuotaReservation = { tenantId, meter, period: period.key, units, used, soft: quota.soft, hard: quota.hard };
    if (quota.soft !== undefined && used > quota.soft) {
      reservation.warning = quotaWarning(meter, used, quota.soft, quota.hard);
      // Exactly one request moves the count across the soft quota (the upsert serializes them).
      if (used - units <= quota.soft) await this.recordSoftQuotaPassed(tenantId, meter as MeterId, period.key, used, quota.soft, quota.hard, now);
    }
    return reservation;
  }

  async giveBack(reservation: QuotaReservation): Promise<void> {
    try {
      await this.counter.subtract(reservation.tenantId, reservation.meter, reservation.period, reservation.units);
    } catch (error) {
      // The request's own error is the client's answer; this unit stays counted (see README: at most one per failed request).
      this.logger.error(`giving back ${reservation.units} ${reservation.meter} of tenant ${reservation.tenantId}: ${error}`);
    }
  }

  /** Once per meter and period (its own stream, refused the second time); never fails the request that crossed. */
  private async recordSoftQuotaPassed(tenantId: string, meter: MeterId, period: string, used: number, soft: number, hard: number | undefined, now: Date): Promise<void> {
    try {
      await this.aggregates.execute(softQuotaDecider, quotaStreamCategory, `${meter}-${period}`, {
        type: 'RecordSoftQuotaPassed', meter, period, used, soft, hard: hard ?? null, at: now.toISOString(),
      });
    } catch (error) {
      this.logger.debug(`soft quota of ${meter} for tenant ${tenantId} in ${period} already recorded: ${error}`);
    }
  }
}
