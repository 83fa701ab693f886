import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { createHash } from 'node:crypto';
import { Pool } from 'pg';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AuditOutbox, AppConfig, Clock, SYSTEM_POOL, TenantDb, RateLimited } from '@workbay/platform';

const ACTOR = 'system:login-throttle';
/** E-mails are personal data: Redis only ever sees a digest of them. */
const accountKey = (email: string) => createHash('sha256').update(email).digest('hex');
const secondsOf = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/**
 * Two limits on login, counted in Redis so every API instance shares them:
 * - per IP, every attempt (right or wrong, any e-mail): slows down spraying many accounts;
 * - per account, failed attempts only: after LOGIN_MAX_FAILURES the e-mail is locked for
 *   LOGIN_LOCKOUT_SECONDS, even for the right password (a guesser must not learn it hit), and
 *   the lockout is audited on the stream of every shop the e-mail belongs to.
 *
 * Redis down: each limiter falls back to an in-memory insurance limiter with the same limits.
 * Failing closed (503) would turn a Redis outage into nobody being able to log in, and make
 * "knock Redis over" a way to lock every user out; failing open would drop brute-force
 * protection exactly when nobody notices. In memory the limits still hold per API process (with
 * N instances an attacker gets at most N times the budget) until Redis is back.
 */
@Injectable()
export class LoginThrottle implements OnModuleDestroy {
  private readonly logger = new Logger('LoginThrottle');
  private readonly redis: Redis;
  private readonly perIp: RateLimiterRedis;
  private readonly perAccount: RateLimiterRedis;

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly db: TenantDb,
    private readonly outbox: AuditOutbox,
    @Inject(SYSTEM_POOL) private readonly system: Pool,
  ) {
    // Its own connection, so "not ready" is known at once (rejectIfRedisNotReady) instead of a
    // login waiting on a reconnect.
    this.redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1 });
    this.redis.on('error', (error) => this.logger.debug(`redis: ${error.message}`));
    // Derived from the BullMQ namespace: deployments (and test databases) sharing a Redis never share counters.
    const prefix = `${config.BULLMQ_PREFIX}:login`;
    const ip = { points: config.LOGIN_MAX_ATTEMPTS_PER_IP, duration: config.LOGIN_IP_WINDOW_SECONDS };
    const account = { points: config.LOGIN_MAX_FAILURES, duration: config.LOGIN_FAILURE_WINDOW_SECONDS };
    this.perIp = new RateLimiterRedis({
      storeClient: this.redis, rejectIfRedisNotReady: true, keyPrefix: `${prefix}:ip`, ...ip,
      insuranceLimiter: new RateLimiterMemory({ keyPrefix: `${prefix}:ip`, ...ip }),
    });
    this.perAccount = new RateLimiterRedis({
      storeClient: this.redis, rejectIfRedisNotReady: true, keyPrefix: `${prefix}:account`, ...account,
      insuranceLimiter: new RateLimiterMemory({ keyPrefix: `${prefix}:account`, ...account }),
    });
  }

  /** Before the password is checked: refuses an IP over its budget and a locked account. */
  async admit(email: string, ip: string): Promise<void> {
    try {
      await this.perIp.consume(ip);
    } catch (refused) {
      throw this.refusal(refused, 'too many login attempts from this address');
    }
    const failures = await this.perAccount.get(accountKey(email));
    if (failures && failures.consumedPoints >= this.config.LOGIN_MAX_FAILURES) {
      throw new RateLimited('too many failed logins: this account is locked for a while', secondsOf(failures.msBeforeNext));
    }
  }

  /** A wrong password (or unknown e-mail): the failure that reaches the limit locks the account and audits it. */
  async failed(email: string, ip: string): Promise<void> {
    const key = accountKey(email);
    const res = await this.perAccount.consume(key).catch((refused: unknown) => {
      if (refused instanceof RateLimiterRes) return refused; // already over: a concurrent failure locked it
      throw refused;
    });
    // Exactly one failure reaches the limit, so the lockout is audited once; blocking restarts
    // the clock at LOGIN_LOCKOUT_SECONDS from now, whatever was left of the failure window.
    if (res.consumedPoints !== this.config.LOGIN_MAX_FAILURES) return;
    await this.perAccount.block(key, this.config.LOGIN_LOCKOUT_SECONDS);
    await this.auditLockout(email, ip, new Date(this.clock.now().getTime() + this.config.LOGIN_LOCKOUT_SECONDS * 1000));
  }

  async succeeded(email: string): Promise<void> {
    await this.perAccount.delete(accountKey(email));
  }

  onModuleDestroy() {
    this.redis.disconnect();
  }

  private refusal(refused: unknown, message: string): RateLimited {
    if (refused instanceof RateLimiterRes) return new RateLimited(message, secondsOf(refused.msBeforeNext));
    throw refused;
  }

  private async auditLockout(email: string, ip: string, until: Date): Promise<void> {
    const { rows } = await this.system.query<{ tenant_id: string }>(`select distinct tenant_id from platform.users where email = $1`, [email]);
    this.logger.warn({ msg: 'login locked out', tenants: rows.length, ip, until: until.toISOString() });
    for (const { tenant_id: tenantId } of rows) {
      await this.db.run((em) => this.outbox.stage(em, tenantId, ACTOR, [{ type: 'LoginLockedOut', data: { email, ip, until: until.toISOString() } }]), tenantId);
      await this.outbox.flushAfterCommit(tenantId);
    }
  }
}
