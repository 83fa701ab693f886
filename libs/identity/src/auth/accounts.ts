import { Inject, Injectable } from '@nestjs/common';
import { Pool } from 'pg';
import { Role, SYSTEM_POOL, ConflictError } from '@workbay/platform';
import { LoginThrottle } from './login-throttle';
import { PasswordHashing } from './password-hashing';

export interface Account {
  id: string;
  email: string;
  passwordHash: string;
}

export interface Membership {
  userId: string;
  tenantId: string;
  shopName: string;
  roles: Role[];
}

/**
 * The one sign-in of an e-mail (platform.accounts), across all its shops. The table has no
 * tenant, so it is read and written through the system role only (see migration 0007).
 */
@Injectable()
export class Accounts {
  constructor(@Inject(SYSTEM_POOL) private readonly system: Pool, private readonly throttle: LoginThrottle, private readonly passwords: PasswordHashing) {}

  async find(email: string): Promise<Account | null> {
    const { rows: [row] } = await this.system.query<{ id: string; email: string; password_hash: string }>(
      `select id, email, password_hash from platform.accounts where email = $1`, [email],
    );
    return row ? { id: row.id, email: row.email, passwordHash: row.password_hash } : null;
  }

  /** The shops the account may sign in to: its active users. */
  async memberships(accountId: string): Promise<Membership[]> {
    const { rows } = await this.system.query<{ id: string; tenant_id: string; name: string; roles: Role[] }>(
      `select u.id, u.tenant_id, t.name, u.roles from platform.users u join platform.tenants t on t.id = u.tenant_id
        where u.account_id = $1 and u.status = 'active' order by t.name, t.id`, [accountId],
    );
    return rows.map((r) => ({ userId: r.id, tenantId: r.tenant_id, shopName: r.name, roles: r.roles }));
  }

  /**
   * For joining a shop (signup, accepting an invitation): the e-mail's account, whose password
   * the caller must know, or a new one with this password. Proving it is a password check like
   * login, so it is throttled like login: otherwise signup would be an unthrottled oracle.
   * The account is made outside the shop's transaction (another role); if that transaction then
   * fails, the account stays behind with the caller's password, which the next try proves.
   */
  async openOrProve(email: string, password: string, ip: string): Promise<string> {
    const existing = await this.find(email);
    if (existing) return this.prove(existing, password, ip);
    const passwordHash = await this.passwords.hash(password);
    const { rows: [made] } = await this.system.query<{ id: string }>(
      `insert into platform.accounts (id, email, password_hash) values (gen_random_uuid(), $1, $2) on conflict (email) do nothing returning id`,
      [email, passwordHash],
    );
    if (made) return made.id;
    // A concurrent request for the same e-mail made it first: it is now an existing account.
    return this.prove((await this.find(email))!, password, ip);
  }

  private async prove(account: Account, password: string, ip: string): Promise<string> {
    await this.throttle.admit(account.email, ip);
    if (!(await this.passwords.verify(account.passwordHash, password))) {
      await this.throttle.failed(account.email, ip);
      throw new ConflictError('an account with this e-mail already exists: give its password to add this shop to it', 'ACCOUNT_EXISTS');
    }
    await this.throttle.succeeded(account.email);
    return account.id;
  }
}
