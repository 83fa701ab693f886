import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { AppConfig, Clock, IdGenerator, Principal, RequestContext, Role, SYSTEM_POOL, TenantDb, ConflictError, IdempotencyKeyReused, UnauthenticatedError, ValidationFailed, AuditOutbox, TOKEN_ALGORITHM } from '@workbay/platform';
import { assertMayInvite } from '../users/role-grants';
import { HomeLocationCheck } from '../users/work-locations';
import { AcceptInvitationInput, AuthSession, Invitation, InviteUserInput, LoginInput, SignupInput } from './auth.dto';
import { isKeyTaken, PublicCommandKey, PublicCommandKeys } from './public-command-keys';
import { LoginThrottle } from './login-throttle';
import { Accounts } from './accounts';
import { PasswordHashing } from './password-hashing';
import { EmailVerifications } from './email-verification';
import { isSlugTaken, TenantSlugs } from '../tenancy/tenant-slugs';

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');
const normalize = (email: string) => email.trim().toLowerCase();
const WRONG_LOGIN = 'e-mail or password is wrong';

/**
 * Identity is stored in platform.tenants/users (login needs it before any read model could catch
 * up) and every change is also appended to the tenant's own stream, so auditors see it.
 */
@Injectable()
export class AuthService {
  constructor(
    private readonly db: TenantDb,
    @Inject(SYSTEM_POOL) private readonly system: Pool,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly passwords: PasswordHashing,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly context: RequestContext,
    private readonly homeLocation: HomeLocationCheck,
    private readonly keys: PublicCommandKeys,
    private readonly outbox: AuditOutbox,
    private readonly throttle: LoginThrottle,
    private readonly accounts: Accounts,
    private readonly verifications: EmailVerifications,
    private readonly slugs: TenantSlugs,
  ) {}

  /**
   * With an Idempotency-Key, a repeat (same e-mail, key and request) opens no second shop.
   * An e-mail that already has an account must give its password: the new shop's owner then
   * joins that account (one password for all of its shops).
   */
  async signup(input: SignupInput, ip: string): Promise<AuthSession> {
    const email = normalize(input.email);
    const keyed = this.keys.keyFor('signup', email, this.context.idempotencyKey, { ...input, email });
    return (keyed && (await this.repeated(keyed, input.password))) ?? this.keyedOnce(keyed, input.password, () => this.register(input, email, keyed, ip));
  }

  private async register(input: SignupInput, email: string, keyed: PublicCommandKey | null, ip: string): Promise<AuthSession> {
    const tenantId = this.ids.next();
    const userId = this.ids.next();
    const accountId = await this.accounts.openOrProve(email, input.password, ip);
    const open = (slug: string) => this.db.run(async (em) => {
      await em.execute(`insert into platform.tenants (id, name, country, currency, plan, slug) values (?, ?, ?, ?, ?, ?)`, [
        tenantId, input.companyName.trim(), input.country, input.currency, input.plan, slug,
      ]);
      await em.execute(
        `insert into platform.users (id, tenant_id, email, display_name, account_id, roles, status) values (?, ?, ?, ?, ?, ?, 'active')`,
        [userId, tenantId, email, input.ownerName.trim(), accountId, `{owner}`],
      );
      if (keyed) await this.keys.record(em, keyed, { tenantId, userId });
      await this.outbox.stage(em, tenantId, userId, [
        { type: 'TenantRegistered', data: { tenantId, name: input.companyName.trim(), country: input.country, currency: input.currency, plan: input.plan } },
        { type: 'UserJoined', data: { userId, email, displayName: input.ownerName.trim(), roles: ['owner'] } },
      ]);
      return this.verifications.start(em, { tenantId, userId, email, shopName: input.companyName.trim() });
    }, tenantId);
    const verificationEmail = await this.openWithFreeSlug(input.companyName, open);
    await this.outbox.flushAfterCommit(tenantId);
    await this.verifications.dispatchAfterCommit(tenantId, verificationEmail);
    return this.session({ userId, tenantId, roles: ['owner'], email });
  }

  /** A shop of the same name opening at the same moment may take the slug first: the unique index refuses the loser, which takes the next one. */
  private async openWithFreeSlug<T>(name: string, open: (slug: string) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await open(await this.slugs.freeFor(name));
      } catch (error) {
        if (!isSlugTaken(error) || attempt >= 5) throw error;
      }
    }
  }

  /**
   * One password verify, whatever number of shops the e-mail belongs to. `ip`: the client's
   * address (Express's req.ip under our proxy setting), for the per-IP limit.
   */
  async login(input: LoginInput, ip: string): Promise<AuthSession> {
    const email = normalize(input.email);
    await this.throttle.admit(email, ip);
    const account = await this.accounts.find(email);
    const proven = await this.passwords.verify(account?.passwordHash ?? (await this.passwords.timingEqualiser()), input.password);
    if (!account || !proven) {
      await this.throttle.failed(email, ip);
      throw new UnauthenticatedError(WRONG_LOGIN);
    }
    await this.throttle.succeeded(email);
    const memberships = await this.accounts.memberships(account.id);
    // Not a member of the shop asked for: the same answer as a wrong password, so a caller
    // learns nothing about which shops an address belongs to unless they know its password.
    const chosen = input.tenantId ? memberships.filter((m) => m.tenantId === input.tenantId) : memberships;
    if (chosen.length === 0) throw new UnauthenticatedError(WRONG_LOGIN);
    if (chosen.length > 1) {
      // Safe to list: the password was proven.
      const shops = chosen.map((m) => `${m.tenantId} (${m.shopName})`).join(', ');
      throw new ValidationFailed([{ field: 'tenantId', message: `this e-mail belongs to several shops: say which one of ${shops}` }]);
    }
    const [user] = chosen;
    return this.session({ userId: user.userId, tenantId: user.tenantId, roles: user.roles, email });
  }

  async invite(input: InviteUserInput): Promise<Invitation> {
    const inviter = this.context.principal;
    assertMayInvite(inviter, input.roles);
    const userId = this.ids.next();
    const email = normalize(input.email);
    const token = randomBytes(24).toString('base64url');
    const locationId = input.locationId ?? null;
    await this.homeLocation.assertUsable(locationId);
    await this.db.run(async (em) => {
      const [existing] = await em.execute(`select 1 from platform.users where email = ?`, [email]);
      if (existing) throw new ConflictError(`${email} is already a user of this shop`, 'USER_EXISTS');
      await em.execute(
        `insert into platform.users (id, tenant_id, email, display_name, roles, status, invite_token_hash, location_id) values (?, ?, ?, ?, ?, 'invited', ?, ?)`,
        [userId, inviter.tenantId, email, input.displayName.trim(), `{${input.roles.join(',')}}`, tokenHash(token), locationId],
      );
      await this.outbox.stage(em, inviter.tenantId, inviter.userId, [
        { type: 'UserInvited', data: { userId, email, displayName: input.displayName.trim(), roles: input.roles, locationId, invitedBy: inviter.userId } },
      ]);
    });
    await this.outbox.flushAfterCommit(inviter.tenantId);
    return { userId, email, roles: input.roles, locationId, invitationToken: token };
  }

  /**
   * With an Idempotency-Key, a repeat of an accepted invitation answers like the first time.
   * An invited address that already has an account gives that account's password (the
   * invitation sets no second one); otherwise the password given opens its account.
   */
  async acceptInvitation(input: AcceptInvitationInput, ip: string): Promise<AuthSession> {
    const keyed = this.keys.keyFor('accept-invitation', tokenHash(input.token), this.context.idempotencyKey, input);
    return (keyed && (await this.repeated(keyed, input.password))) ?? this.keyedOnce(keyed, input.password, () => this.accept(input, keyed, ip));
  }

  private async accept(input: AcceptInvitationInput, keyed: PublicCommandKey | null, ip: string): Promise<AuthSession> {
    // The tenant is not known before the token is looked up; the update then runs under its RLS scope.
    const { rows: [invited] } = await this.system.query<{ tenant_id: string; email: string }>(
      `select tenant_id, email from platform.users where invite_token_hash = $1 and status = 'invited'`, [tokenHash(input.token)],
    );
    if (!invited) throw new UnauthenticatedError('the invitation is unknown or was already used');
    const accountId = await this.accounts.openOrProve(invited.email, input.password, ip);
    const user = await this.db.run(async (em) => {
      const [row] = await em.execute<{ id: string; tenant_id: string; roles: Role[]; email: string }[]>(
        `update platform.users set status = 'active', account_id = ?, invite_token_hash = null
          where invite_token_hash = ? and status = 'invited' returning id, tenant_id, roles, email`,
        [accountId, tokenHash(input.token)],
      );
      if (row && keyed) await this.keys.record(em, keyed, { tenantId: row.tenant_id, userId: row.id });
      if (row) await this.outbox.stage(em, row.tenant_id, row.id, [{ type: 'InvitationAccepted', data: { userId: row.id } }]);
      return row;
    }, invited.tenant_id);
    if (!user) throw new UnauthenticatedError('the invitation is unknown or was already used');
    await this.outbox.flushAfterCommit(user.tenant_id);
    return this.session({ userId: user.id, tenantId: user.tenant_id, roles: user.roles, email: user.email });
  }

  /** Runs `first`; if a concurrent request with the same key won the race, answers as its repeat. */
  private async keyedOnce(keyed: PublicCommandKey | null, password: string, first: () => Promise<AuthSession>): Promise<AuthSession> {
    try {
      return await first();
    } catch (error) {
      const repeat = keyed && isKeyTaken(error) ? await this.repeated(keyed, password) : null;
      if (repeat) return repeat;
      throw error;
    }
  }

  /**
   * The session of a keyed request that already ran, for the user it made; null if none ran.
   * Anything else than the same request with the same password is a different request (422).
   */
  private async repeated(keyed: PublicCommandKey, password: string): Promise<AuthSession | null> {
    const done = await this.keys.outcomeOf(keyed);
    if (!done) return null;
    const { rows: [user] } = await this.system.query<{ password_hash: string | null; roles: Role[]; email: string; status: string }>(
      `select a.password_hash, u.roles, u.email, u.status from platform.users u left join platform.accounts a on a.id = u.account_id where u.id = $1`,
      [done.userId],
    );
    if (done.requestHash !== keyed.requestHash || !user?.password_hash || !(await this.passwords.verify(user.password_hash, password))) {
      throw new IdempotencyKeyReused();
    }
    if (user.status !== 'active') throw new UnauthenticatedError('this account is no longer active');
    return this.session({ userId: done.userId, tenantId: done.tenantId, roles: user.roles, email: user.email });
  }

  private async session(p: Principal): Promise<AuthSession> {
    // The grace's end rides in the token, so the common request never asks whether the shop is verified.
    const evd = await this.verifications.dueClaim(p.tenantId);
    const accessToken = await this.jwt.signAsync(
      { sub: p.userId, tid: p.tenantId, roles: p.roles, email: p.email, ...(evd === undefined ? {} : { evd }) },
      { expiresIn: this.config.JWT_TTL_SECONDS, algorithm: TOKEN_ALGORITHM, issuer: this.config.JWT_ISSUER, audience: this.config.JWT_AUDIENCE },
    );
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.JWT_TTL_SECONDS, userId: p.userId, tenantId: p.tenantId, roles: p.roles };
  }
}
