import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { ConcurrencyError } from '@workbay/eventstore';
import { AggregateStore, AppConfig, Clock, NotFoundError, PgListener, RequestContext, TenantProfiles } from '@workbay/platform';
import { PLAN_IDS, PlanId } from '../catalog/catalog.types';
import { AlreadySubscribed, subscriptionDecider, SubscriptionState } from '../subscriptions/subscription.decider';
import { subscriptionStreamCategory } from '../subscriptions/subscription.events';
import { EffectiveEntitlements, effectiveEntitlements } from './effective-entitlements';
import { entitlementOverridesDecider } from './entitlement-overrides.decider';
import { entitlementsStreamCategory } from './entitlement.events';
import { PlanCatalog } from './plan-catalog.port';

/** Channel billing's migration 0001 NOTIFYs (payload: tenant id) when a subscription or override stream is appended to. */
export const ENTITLEMENTS_CHANGED_CHANNEL = 'billing_entitlements_changed';
/** A safety net only: NOTIFY drops the entry at once; this bounds staleness if a notification is ever lost. */
const ENTRY_TTL_MS = 5 * 60_000;

interface Entry {
  value: EffectiveEntitlements;
  loadedAt: number;
}

/**
 * A tenant's effective entitlements (plan version + overrides), cached per tenant in this API
 * process, so a gated request costs no read. The entry is dropped as soon as either stream gets
 * an event, by whichever process appended it (API, CLI, worker): a trigger on the event store's
 * stream heads NOTIFYs on commit, and this process LISTENs. While it is not listening (start-up,
 * a dropped connection) nothing is cached, and every (re)connect clears the cache, since the
 * notifications sent meanwhile are lost.
 */
@Injectable()
export class EntitlementBook implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Entitlements');
  private readonly entries = new Map<string, Entry>();
  /** Bumped per tenant by every invalidation: a load that started before one must not store its result. */
  private readonly generations = new Map<string, number>();
  private epoch = 0;
  private readonly loading = new Map<string, Promise<EffectiveEntitlements>>();
  private listener?: PgListener;

  constructor(
    private readonly aggregates: AggregateStore,
    private readonly catalog: PlanCatalog,
    private readonly profiles: TenantProfiles,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly context: RequestContext,
  ) {}

  async onModuleInit(): Promise<void> {
    this.listener = new PgListener(this.config.SYSTEM_DATABASE_URL, ENTITLEMENTS_CHANGED_CHANNEL, {
      onNotify: (tenantId) => this.invalidate(tenantId),
      onListening: () => this.clear(),
    });
    await this.listener.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.listener?.stop();
  }

  /** The tenant of the request context's effective entitlements; subscribes it on its first ask. */
  async of(tenantId: string): Promise<EffectiveEntitlements> {
    // Streams are read in the context's tenant: a caller naming another tenant is a bug, not a lookup.
    if (tenantId !== this.context.tenantId) throw new Error('entitlements are read for the tenant of the request context only');
    const entry = this.entries.get(tenantId);
    if (entry && this.clock.now().getTime() - entry.loadedAt < ENTRY_TTL_MS) return entry.value;
    let pending = this.loading.get(tenantId);
    if (!pending) {
      pending = this.load(tenantId).finally(() => this.loading.delete(tenantId));
      this.loading.set(tenantId, pending);
    }
    return pending;
  }

  /** Whether this process holds the tenant's entitlements (tests watch a NOTIFY drop them). */
  cached(tenantId: string): boolean {
    return this.entries.has(tenantId);
  }

  /** True while LISTEN is in place, i.e. while entries are cached at all. */
  get listening(): boolean {
    return this.listener?.listening ?? false;
  }

  invalidate(tenantId: string): void {
    this.generations.set(tenantId, (this.generations.get(tenantId) ?? 0) + 1);
    this.entries.delete(tenantId);
    this.loading.delete(tenantId);
  }

  private clear(): void {
    this.epoch++;
    this.entries.clear();
    this.loading.clear();
  }

  private async load(tenantId: string): Promise<EffectiveEntitlements> {
    const generation = this.generations.get(tenantId) ?? 0;
    const epoch = this.epoch;
    const [subscription, overrides] = await Promise.all([this.subscription(tenantId), this.overrides(tenantId)]);
    const planVersion = this.catalog.planVersion(subscription.plan, subscription.version);
    if (!planVersion) throw new Error(`tenant ${tenantId} is on ${subscription.plan} v${subscription.version}, which the catalog does not have`);
    const value = effectiveEntitlements(planVersion, overrides);
    const unchanged = generation === (this.generations.get(tenantId) ?? 0) && epoch === this.epoch;
    if (unchanged && this.listener?.listening) this.entries.set(tenantId, { value, loadedAt: this.clock.now().getTime() });
    return value;
  }

  /** Billing's own stream when it has events; else the signup plan at the version current when the tenant registered, recorded once. */
  async subscription(tenantId: string): Promise<{ plan: PlanId; version: number }> {
    const recorded = await this.recordedSubscription(tenantId);
    if (recorded.status === 'subscribed') return { plan: recorded.plan as PlanId, version: recorded.version };
    const profile = await this.profiles.current();
    const plan = profile.plan as PlanId;
    if (!PLAN_IDS.includes(plan)) throw new Error(`tenant ${tenantId} signed up on unknown plan ${profile.plan}`);
    const version = this.catalog.currentVersion(plan, new Date(profile.registeredAt)).version;
    try {
      await this.aggregates.execute(subscriptionDecider, subscriptionStreamCategory, tenantId, (_state, { now, actor }) => ({ type: 'Subscribe', plan, version, at: now, actor }));
    } catch (error) {
      // Another request subscribed it first (two first requests at once): its event is the answer.
      if (!(error instanceof ConcurrencyError) && !(error instanceof AlreadySubscribed)) throw error;
      this.logger.debug(`tenant ${tenantId} was subscribed concurrently`);
      const now = await this.recordedSubscription(tenantId);
      if (now.status === 'subscribed') return { plan: now.plan as PlanId, version: now.version };
      throw error;
    }
    return { plan, version };
  }

  private async recordedSubscription(tenantId: string): Promise<SubscriptionState> {
    try {
      return (await this.aggregates.load(subscriptionDecider, subscriptionStreamCategory, tenantId)).state;
    } catch (error) {
      if (error instanceof NotFoundError) return subscriptionDecider.initialState();
      throw error;
    }
  }

  private async overrides(tenantId: string) {
    try {
      return (await this.aggregates.load(entitlementOverridesDecider, entitlementsStreamCategory, tenantId)).state;
    } catch (error) {
      if (error instanceof NotFoundError) return entitlementOverridesDecider.initialState();
      throw error;
    }
  }
}
