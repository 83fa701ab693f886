import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { createHash, randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { AppConfig, AuditOutbox, Clock, ConflictError, IdGenerator, Notifications, NotificationTemplates, RequestContext, SYSTEM_POOL, TenantDb } from '@workbay/platform';
import { EmailAlreadyVerified, TokenRefusal, VerificationTokenRefused } from './email-verification-refusals';
import { VerificationEmailThrottle } from './verification-email-throttle';
import { VerifiedTenants } from './verified-tenants';

export const EMAIL_VERIFICATION_TEMPLATE = 'platform.email-verification';

interface Owner {
  tenantId: string;
  userId: string;
  email: string;
  shopName: string;
}

export interface VerificationState {
  verifiedAt: Date | null;
  /** When the grace ends; null when the shop needs no verification (it predates it). */
  due: Date | null;
  /** The shop's slug (shown on /auth/me with it). */
  slug: string;
}

/** 256 random bits: guessing one is hopeless, so a fast hash is enough to keep the stored copy useless. */
const newToken = () => randomBytes(32).toString('base64url');
const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');
const iso = (at: Date | string) => new Date(at).toISOString();

/**
 * Signup proves its owner's e-mail: a single-use link, expiring after EMAIL_VERIFICATION_TTL, sent
 * through the notification port in signup's own transaction (no shop without its e-mail, no e-mail
 * for a shop that failed). Until it is followed the shop may run commands for
 * EMAIL_VERIFICATION_GRACE (EmailVerificationGate), reads always. Every step is on the tenant's
 * stream: EmailVerificationSent, EmailVerified.
 */
@Injectable()
export class EmailVerifications {
  constructor(
    private readonly db: TenantDb,
    @Inject(SYSTEM_POOL) private readonly system: Pool,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly context: RequestContext,
    private readonly notifications: Notifications,
    private readonly outbox: AuditOutbox,
    private readonly throttle: VerificationEmailThrottle,
    private readonly verified: VerifiedTenants,
    templates: NotificationTemplates,
  ) {
    templates.register<{ shopName: string; link: string; expiresAt: string }>(EMAIL_VERIFICATION_TEMPLATE, {
      subject: ({ shopName }) => `Verify your e-mail address for ${shopName} on Workbay`,
      text: ({ shopName, link, expiresAt }) =>
        `Please confirm that this is your e-mail address, so ${shopName} keeps working after its trial days:\n\n${link}\n\n` +
        `The link works once, until ${expiresAt}. If you did not sign up for Workbay, ignore this e-mail.`,
    });
  }

  /**
   * In signup's transaction: starts the grace and stages the e-mail. Its key is the new owner's
   * id, so the one signup sends one e-mail however often the notification is staged. Returns the
   * notification to dispatch after commit.
   */
  async start(em: EntityManager, owner: Owner): Promise<string> {
    const now = this.clock.now();
    await em.execute(`update platform.tenants set email_verification_due = ? where id = ?`, [
      new Date(now.getTime() + this.config.EMAIL_VERIFICATION_GRACE), owner.tenantId,
    ]);
    return (await this.send(em, owner, now, owner.userId, `email-verification:signup:${owner.userId}`)).notificationId;
  }

  dispatchAfterCommit(tenantId: string, notificationId: string): Promise<void> {
    return this.notifications.dispatchAfterCommit(tenantId, notificationId);
  }

  /**
   * The link's token, once, before it expires and while no newer one was sent. Public: the token
   * names its tenant, found with the system role before the change runs under that tenant's RLS.
   */
  async verify(token: string): Promise<{ email: string; verifiedAt: string }> {
    const hash = tokenHash(token);
    const { rows: [found] } = await this.system.query<{ tenant_id: string }>(`select tenant_id from platform.email_verifications where token_hash = $1`, [hash]);
    if (!found) throw new VerificationTokenRefused('unknown');
    const tenantId = found.tenant_id;
    const now = this.clock.now();
    const done = await this.db.run(async (em) => {
      // Locked, so two clicks of one link cannot both verify (the second waits, then reads `used`).
      const [row] = await em.execute<{ id: string; user_id: string; email: string; expires_at: Date; used_at: Date | null; superseded_at: Date | null }[]>(
        `select id, user_id, email, expires_at, used_at, superseded_at from platform.email_verifications where tenant_id = ? and token_hash = ? for update`,
        [tenantId, hash],
      );
      const refusal: TokenRefusal | null = !row ? 'unknown' : row.used_at ? 'used' : row.superseded_at ? 'superseded' : new Date(row.expires_at) <= now ? 'expired' : null;
      if (refusal) throw new VerificationTokenRefused(refusal);
      await em.execute(`update platform.email_verifications set used_at = ? where id = ?`, [now, row.id]);
      const [tenant] = await em.execute<{ email_verified_at: Date }[]>(
        `update platform.tenants set email_verified_at = coalesce(email_verified_at, ?) where id = ? returning email_verified_at`, [now, tenantId],
      );
      await this.outbox.stage(em, tenantId, row.user_id, [{ type: 'EmailVerified', data: { userId: row.user_id, email: row.email, verificationId: row.id } }]);
      return { email: row.email, verifiedAt: iso(tenant.email_verified_at) };
    }, tenantId);
    this.verified.add(tenantId);
    await this.outbox.flushAfterCommit(tenantId);
    return done;
  }

  /**
   * A new link for the shop's owner (throttled per shop); every link sent before stops working,
   * so only the newest e-mail counts.
   */
  async resend(): Promise<{ email: string; expiresAt: string }> {
    const principal = this.context.principal;
    const tenantId = principal.tenantId;
    await this.throttle.consume(tenantId);
    const now = this.clock.now();
    const sent = await this.db.run(async (em) => {
      // The tenant row's lock orders a resend against a verify of the same shop.
      const [tenant] = await em.execute<{ name: string; email_verified_at: Date | null; email_verification_due: Date | null }[]>(
        `select name, email_verified_at, email_verification_due from platform.tenants where id = ? for update`, [tenantId],
      );
      if (tenant?.email_verified_at) throw new EmailAlreadyVerified();
      const [first] = await em.execute<{ user_id: string; email: string }[]>(
        `select user_id, email from platform.email_verifications where tenant_id = ? order by created_at limit 1`, [tenantId],
      );
      if (!tenant?.email_verification_due || !first) throw new ConflictError('this shop was opened before e-mail verification and needs none', 'EMAIL_VERIFICATION_NOT_REQUIRED');
      await em.execute(
        `update platform.email_verifications set superseded_at = ? where tenant_id = ? and used_at is null and superseded_at is null`, [now, tenantId],
      );
      return this.send(em, { tenantId, userId: first.user_id, email: first.email, shopName: tenant.name }, now, principal.userId);
    }, tenantId);
    await this.outbox.flushAfterCommit(tenantId);
    await this.notifications.dispatchAfterCommit(tenantId, sent.notificationId);
    return { email: sent.email, expiresAt: sent.expiresAt };
  }

  /** What GET /auth/me shows, under the caller's RLS. */
  async state(): Promise<VerificationState> {
    const [row] = await this.db.run((em) =>
      em.execute<{ email_verified_at: Date | null; email_verification_due: Date | null; slug: string }[]>(`select email_verified_at, email_verification_due, slug from platform.tenants where id = current_setting('app.tenant_id')::uuid`),
    );
    return { verifiedAt: row?.email_verified_at ? new Date(row.email_verified_at) : null, due: row?.email_verification_due ? new Date(row.email_verification_due) : null, slug: row?.slug ?? '' };
  }

  async me(): Promise<{ userId: string; tenantId: string; tenantSlug: string; email: string; roles: string[]; emailVerified: boolean; emailVerifiedAt: string | null; emailVerificationDeadline: string | null }> {
    const { userId, tenantId, email, roles } = this.context.principal;
    const { verifiedAt, due, slug } = await this.state();
    return {
      userId, tenantId, tenantSlug: slug, email, roles,
      emailVerified: verifiedAt !== null || due === null,
      emailVerifiedAt: verifiedAt ? iso(verifiedAt) : null,
      emailVerificationDeadline: verifiedAt || !due ? null : iso(due),
    };
  }

  /**
   * The `evd` claim of a new session: when the grace ends (unix seconds), or undefined for a
   * verified shop. The guard only looks any further when a token carries it and it has passed.
   */
  async dueClaim(tenantId: string): Promise<number | undefined> {
    const { rows: [row] } = await this.system.query<{ due: Date }>(
      `select email_verification_due as due from platform.tenants where id = $1 and email_verified_at is null and email_verification_due is not null`, [tenantId],
    );
    return row ? Math.floor(new Date(row.due).getTime() / 1000) : undefined;
  }

  private async send(em: EntityManager, owner: Owner, now: Date, actor: string, key?: string) {
    const token = newToken();
    const id = this.ids.next();
    const expiresAt = iso(new Date(now.getTime() + this.config.EMAIL_VERIFICATION_TTL));
    await em.execute(
      `insert into platform.email_verifications (id, tenant_id, user_id, email, token_hash, created_at, expires_at) values (?, ?, ?, ?, ?, ?, ?)`,
      [id, owner.tenantId, owner.userId, owner.email, tokenHash(token), now, expiresAt],
    );
    const link = `${this.config.PUBLIC_APP_URL.replace(/\/$/, '')}/verify-email?token=${token}`;
    const notificationId = await this.notifications.notify(em, owner.tenantId, { email: owner.email }, EMAIL_VERIFICATION_TEMPLATE, { shopName: owner.shopName, link, expiresAt }, key ?? `email-verification:${id}`);
    await this.outbox.stage(em, owner.tenantId, actor, [{ type: 'EmailVerificationSent', data: { userId: owner.userId, email: owner.email, verificationId: id, expiresAt } }]);
    return { notificationId, email: owner.email, expiresAt };
  }
}
