import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { TenantBySlug } from '@workbay/identity/contract';
import { AppConfig, Entitlements, NotFoundError, RateLimited, RequestContext } from '@workbay/platform';
import Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

export const ONLINE_BOOKING_FEATURE = 'online_booking';
const ACTOR = 'system:online-booking';

/**
 * The public side's door: no token, so the tenant is the one the slug (or the link) names, never
 * anything in a body. Per visitor and tenant it spends the budget (429 with Retry-After), checks
 * the tenant's plan has online booking (403 FEATURE_NOT_IN_PLAN, through the kernel's
 * entitlements port), then runs the work as `system:online-booking` in that tenant's context, so
 * streams, RLS and keys are the tenant's as for any request. Redis down: the same budget per API
 * process in memory (as login's throttle), rather than no limit or no booking.
 */
@Injectable()
export class PublicBookingGate implements OnModuleDestroy {
  private readonly logger = new Logger('OnlineBooking');
  private readonly redis: Redis;
  private readonly budget: RateLimiterRedis;

  constructor(
    config: AppConfig,
    private readonly queries: QueryBus,
    private readonly entitlements: Entitlements,
    private readonly context: RequestContext,
  ) {
    this.redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1 });
    this.redis.on('error', (error) => this.logger.debug(`redis: ${error.message}`));
    const prefix = `${config.BULLMQ_PREFIX}:online-booking`;
    const limits = { points: config.ONLINE_BOOKING_POINTS, duration: config.ONLINE_BOOKING_WINDOW_SECONDS };
    this.budget = new RateLimiterRedis({
      storeClient: this.redis, rejectIfRedisNotReady: true, keyPrefix: prefix, ...limits,
      insuranceLimiter: new RateLimiterMemory({ keyPrefix: prefix, ...limits }),
    });
  }

  /** The tenant of a booking page; 404 for a slug no tenant has (after spending the visitor's budget). */
  async bySlug<T>(slug: string, ip: string, cost: number, work: (tenantId: string) => Promise<T>): Promise<T> {
    const tenant = await this.queries.execute(new TenantBySlug(slug));
    await this.spend(tenant?.tenantId ?? null, ip, cost);
    if (!tenant) throw new NotFoundError('booking page', slug);
    return this.asTenant(tenant.tenantId, work);
  }

  /** For a manage link already resolved (or not: `tenantId` null spends and then 404s). */
  async forTenant<T>(tenantId: string | null, ip: string, cost: number, what: string, work: (tenantId: string) => Promise<T>): Promise<T> {
    await this.spend(tenantId, ip, cost);
    if (!tenantId) throw new NotFoundError('booking', what);
    return this.asTenant(tenantId, work);
  }

  private async spend(tenantId: string | null, ip: string, cost: number): Promise<void> {
    try {
      await this.budget.consume(`${tenantId ?? 'unknown'}:${ip}`, cost);
    } catch (refused) {
      if (refused instanceof RateLimiterRes) {
        throw new RateLimited('too many booking requests from this address: try again shortly', Math.max(1, Math.ceil(refused.msBeforeNext / 1000)));
      }
      throw refused;
    }
  }

  private asTenant<T>(tenantId: string, work: (tenantId: string) => Promise<T>): Promise<T> {
    const key = this.context.idempotencyKey;
    return this.context.runAsSystemFor(tenantId, { actor: ACTOR, correlationId: this.context.correlationId, idempotencyKey: key }, async () => {
      await this.entitlements.requireFeature(tenantId, ONLINE_BOOKING_FEATURE);
      return work(tenantId);
    });
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}
