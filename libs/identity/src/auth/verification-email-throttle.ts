import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AppConfig, RateLimited } from '@workbay/platform';

/**
 * EMAIL_VERIFICATION_RESEND_MAX verification e-mails per shop per window, counted in Redis so
 * every API instance shares them (each one is an e-mail to somebody's inbox: a shop must not turn
 * Workbay into a mail cannon). Like LoginThrottle, Redis down falls back to the same limits in memory.
 */
@Injectable()
export class VerificationEmailThrottle implements OnModuleDestroy {
  private readonly logger = new Logger('VerificationEmailThrottle');
  private readonly redis: Redis;
  private readonly perTenant: RateLimiterRedis;

  constructor(config: AppConfig) {
    this.redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1 });
    this.redis.on('error', (error) => this.logger.debug(`redis: ${error.message}`));
    const keyPrefix = `${config.BULLMQ_PREFIX}:verification-email`;
    const limits = { points: config.EMAIL_VERIFICATION_RESEND_MAX, duration: config.EMAIL_VERIFICATION_RESEND_WINDOW_SECONDS };
    this.perTenant = new RateLimiterRedis({
      storeClient: this.redis, rejectIfRedisNotReady: true, keyPrefix, ...limits,
      insuranceLimiter: new RateLimiterMemory({ keyPrefix, ...limits }),
    });
  }

  async consume(tenantId: string): Promise<void> {
    try {
      await this.perTenant.consume(tenantId);
    } catch (refused) {
      if (!(refused instanceof RateLimiterRes)) throw refused;
      throw new RateLimited('too many verification e-mails for this shop: try again later', Math.max(1, Math.ceil(refused.msBeforeNext / 1000)));
    }
  }

  onModuleDestroy() {
    this.redis.disconnect();
  }
}
