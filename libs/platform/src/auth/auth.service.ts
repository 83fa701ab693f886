import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import * as argon2 from 'argon2';
import { createHash, randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { AppConfig } from '../config/config';
import { Clock, IdGenerator } from '../context/clock';
import { Principal, RequestContext, Role } from '../context/request-context';
import { SYSTEM_POOL } from '../database/system-pool';
import { TenantDb } from '../database/tenant-db';
import { HomeLocationCheck } from '../users/work-locations';
import { ConflictError, IdempotencyKeyReused, UnauthenticatedError, ValidationFailed } from '../errors/errors';
import { AcceptInvitationInput, AuthSession, Invitation, InviteUserInput, LoginInput, SignupInput } from './auth.dto';
import { isKeyTaken, PublicCommandKey, PublicCommandKeys } from './public-command-keys';
import { AuditOutbox } from '../audit/audit-outbox';
import { TOKEN_ALGORITHM } from './token-policy';
import { LoginThrottle } from './login-throttle';

// Verifying against a real hash when the e-mail is unknown keeps response times alike, so
// login does not reveal which addresses have accounts.
const DUMMY_HASH = argon2.hash('workbay-timing-equaliser');
const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');
const normalize = (email: string) => email.trim().toLowerCase();

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
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly context: RequestContext,
    private readonly homeLocation: HomeLocationCheck,
    private readonly keys: PublicCommandKeys,
    private readonly outbox: AuditOutbox,
    private readonly throttle: LoginThrottle,
  ) {}

  /** With an Idempotency-Key, a repeat (same e-mail, key and request) opens no second shop. */
  async signup(input: SignupInput): Promise<AuthSession> {
    const email = normalize(input.email);
    const keyed = this.keys.keyFor('signup', email, this.context.idempotencyKey, { ...input, email });
    return (keyed && (await this.repeated(keyed, input.password))) ?? this.keyedOnce(keyed, input.password, () => this.register(input, email, keyed));
  }

  private async register(input: SignupInput, email: string, keyed: PublicCommandKey | null): Promise<AuthSession> {
    const tenantId = this.ids.next();
    const userId = this.ids.next();
    const passwordHash = await argon2.hash(input.password);
    await this.db.run(async (em) => {
      await em.execute(`insert into platform.tenants (id, name, country, currency, plan) values (?, ?, ?, ?, ?)`, [
        tenantId, input.companyName.trim(), input.country, input.currency, input.plan,
      ]);
      await em.execute(
        `insert into platform.users (id, tenant_id, email, display_name, password_hash, roles, status) values (?, ?, ?, ?, ?, ?, 'active')`,
        [userId, tenantId, email, input.ownerName.trim(), passwordHash, `{owner}`],
      );
      if (keyed) await this.keys.record(em, keyed, { tenantId, userId });
      await this.outbox.stage(em, tenantId, userId, [
        { type: 'TenantRegistered', data: { tenantId, name: input.companyName.trim(), country: input.country, currency: input.currency, plan: input.plan } },
        { type: 'UserJoined', data: { userId, email, displayName: input.ownerName.trim(), roles: ['owner'] } },
      ]);
    }, tenantId);
    await this.outbox.flushAfterCommit(tenantId);
    return this.session({ userId, tenantId, roles: ['owner'], email });
  }

  /** `ip`: the client's address (behind our proxy, Express's req.ip), for the per-IP limit. */
  async login(input: LoginInput, ip: string): Promise<AuthSession> {
    const email = normalize(input.email);
    await this.throttle.admit(email, ip);
    const { rows } = await this.system.query<{ id: string; tenant_id: string; password_hash: string; roles: Role[] }>(
      `select u.id, u.tenant_id, u.password_hash, u.roles from platform.users u join platform.tenants t on t.id = u.tenant_id
        where u.email = $1 and u.status = 'active' and ($2::uuid is null or u.tenant_id = $2::uuid)`,
      [email, input.tenantId ?? null],
    );
    const matches = [];
    for (const row of rows) if (await argon2.verify(row.password_hash, input.password)) matches.push(row);
    if (rows.length === 0) await argon2.verify(await DUMMY_HASH, input.password);
    if (matches.length === 0) {
      await this.throttle.failed(email, ip);
      throw new UnauthenticatedError('e-mail or password is wrong');
    }
    await this.throttle.succeeded(email);
    if (matches.length > 1) {
      throw new ValidationFailed([{ field: 'tenantId', message: 'this e-mail belongs to several shops: say which one' }]);
    }
    const [user] = matches;
    return this.session({ userId: user.id, tenantId: user.tenant_id, roles: user.roles, email });
  }

  async invite(input: InviteUserInput): Promise<Invitation> {
    const inviter = this.context.principal;
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

  /** With an Idempotency-Key, a repeat of an accepted invitation answers like the first time. */
  async acceptInvitation(input: AcceptInvitationInput): Promise<AuthSession> {
    const keyed = this.keys.keyFor('accept-invitation', tokenHash(input.token), this.context.idempotencyKey, input);
    return (keyed && (await this.repeated(keyed, input.password))) ?? this.keyedOnce(keyed, input.password, () => this.accept(input, keyed));
  }

  private async accept(input: AcceptInvitationInput, keyed: PublicCommandKey | null): Promise<AuthSession> {
    const passwordHash = await argon2.hash(input.password);
    // The tenant is not known before the token is looked up; the update then runs under its RLS scope.
    const { rows: [invited] } = await this.system.query<{ tenant_id: string }>(
      `select tenant_id from platform.users where invite_token_hash = $1 and status = 'invited'`, [tokenHash(input.token)],
    );
    const user = invited && (await this.db.run(async (em) => {
      const [row] = await em.execute<{ id: string; tenant_id: string; roles: Role[]; email: string }[]>(
        `update platform.users set status = 'active', password_hash = ?, invite_token_hash = null
          where invite_token_hash = ? and status = 'invited' returning id, tenant_id, roles, email`,
        [passwordHash, tokenHash(input.token)],
      );
      if (row && keyed) await this.keys.record(em, keyed, { tenantId: row.tenant_id, userId: row.id });
      if (row) await this.outbox.stage(em, row.tenant_id, row.id, [{ type: 'InvitationAccepted', data: { userId: row.id } }]);
      return row;
    }, invited.tenant_id));
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
      `select password_hash, roles, email, status from platform.users where id = $1`, [done.userId],
    );
    if (done.requestHash !== keyed.requestHash || !user?.password_hash || !(await argon2.verify(user.password_hash, password))) {
      throw new IdempotencyKeyReused();
    }
    if (user.status !== 'active') throw new UnauthenticatedError('this account is no longer active');
    return this.session({ userId: done.userId, tenantId: done.tenantId, roles: user.roles, email: user.email });
  }

  private async session(p: Principal): Promise<AuthSession> {
    const accessToken = await this.jwt.signAsync(
      { sub: p.userId, tid: p.tenantId, roles: p.roles, email: p.email },
      { expiresIn: this.config.JWT_TTL_SECONDS, algorithm: TOKEN_ALGORITHM, issuer: this.config.JWT_ISSUER, audience: this.config.JWT_AUDIENCE },
    );
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.JWT_TTL_SECONDS, userId: p.userId, tenantId: p.tenantId, roles: p.roles };
  }
}
