import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '@workbay/platform';
import Redis from 'ioredis';
import type { AvailabilityResult } from './availability.rules';

/** An entry lives at most this long: a bound on staleness should Redis lose a generation move. */
export const AVAILABILITY_CACHE_MAX_TTL_MS = 60_000;
/** Not worth a write for less. */
const MIN_TTL_MS = 1_000;

export interface AvailabilityKey {
  tenantId: string;
  generation: string;
  serviceId: string;
  locationId: string;
  resourceId: string | null;
  from: string;
  to: string;
}

export type CachedAvailability = Omit<AvailabilityResult, 'validUntil'>;

/**
 * Display advice in Redis: an availability answer under `{prefix}:t:{tenant}:sched:avail:g{generation}:...`.
 * The tenant leads the key (after the deployment's namespace, as the login throttle's), so no
 * read or write of one tenant names another's key; the generation (Postgres, moved by the
 * worker on every event that changes what is free) makes an older entry unreachable, so nothing
 * is ever deleted and nothing of another tenant is ever touched. Never read by a booking
 * decision: the boundary decides on its own state.
 *
 * Redis down or slow is a miss (the answer is computed from Postgres), never an error: its own
 * connection without an offline queue, so a command fails at once instead of waiting for a reconnect.
 */
@Injectable()
export class AvailabilityCache implements OnModuleDestroy {
  private readonly logger = new Logger('AvailabilityCache');
  private readonly redis: Redis;
  private readonly prefix: string;

  constructor(config: AppConfig) {
    this.redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: false, commandTimeout: 500 });
    this.redis.on('error', (error) => this.logger.debug(`redis: ${error.message}`));
    this.prefix = config.BULLMQ_PREFIX;
  }

  /** The tenant's part of the key space; everything this cache writes for the tenant starts with it. */
  tenantPrefix(tenantId: string): string {
    return `${this.prefix}:t:${tenantId}:sched:avail:`;
  }

  keyOf(k: AvailabilityKey): string {
    return `${this.tenantPrefix(k.tenantId)}g${k.generation}:${k.serviceId}:${k.locationId}:${k.resourceId ?? 'any'}:${k.from}:${k.to}`;
  }

  async get(key: AvailabilityKey): Promise<CachedAvailability | null> {
    try {
      const raw = await this.redis.get(this.keyOf(key));
      return raw === null ? null : (JSON.parse(raw) as CachedAvailability);
    } catch (error) {
      this.logger.debug(`availability cache read skipped: ${String(error)}`);
      return null;
    }
  }

  /** Kept until the answer may change by time alone (`validUntil`), at most AVAILABILITY_CACHE_MAX_TTL_MS. */
  async put(key: AvailabilityKey, result: AvailabilityResult, nowMs: number): Promise<void> {
    const ttl = Math.min(AVAILABILITY_CACHE_MAX_TTL_MS, result.validUntil === null ? Infinity : Date.parse(result.validUntil) - nowMs);
    if (ttl < MIN_TTL_MS) return;
    const { validUntil: _until, ...value } = result;
    try {
      await this.redis.set(this.keyOf(key), JSON.stringify(value), 'PX', Math.floor(ttl));
    } catch (error) {
      this.logger.debug(`availability cache write skipped: ${String(error)}`);
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
