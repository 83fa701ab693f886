import { Migration } from '@mikro-orm/migrations';
import { SYSTEM_ROLE } from '../database-roles';

/**
 * One sign-in per e-mail: `platform.accounts` holds the address and the only password hash, and
 * each shop's user row points at it (`account_id`). Login verifies one hash, whatever number of
 * shops the address belongs to (before, one argon2 verify per shop: an amplification, and which
 * password worked depended on the shop).
 *
 * Existing users are folded into accounts by e-mail. Where one address had different passwords
 * in different shops, the account keeps the hash of its earliest active user (the oldest shop it
 * signed in to; a user with a password but no active row only when none is active) and the
 * other shops' passwords stop working: those people sign in with that first password. The users'
 * own hashes are then cleared, so no second password lingers anywhere.
 *
 * The table has no tenant: it is not under row-level security, so only the system role (login,
 * signup and invitations look it up before any tenant is known) may touch it; the app role has
 * no grant on it at all. Invited users get their account when they accept.
 */
export class Migration0007PlatformAccounts extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table platform.accounts (
      id uuid primary key,
      email text not null unique,
      password_hash text not null,
      created_at timestamptz not null default now())`);
    this.addSql(`alter table platform.users add column account_id uuid references platform.accounts(id)`);
    this.addSql(`create index users_account on platform.users (account_id)`);
    this.addSql(`insert into platform.accounts (id, email, password_hash, created_at)
      select distinct on (email) gen_random_uuid(), email, password_hash, created_at
        from platform.users where password_hash is not null
       order by email, (status = 'active') desc, created_at, id`);
    this.addSql(`update platform.users u set account_id = a.id, password_hash = null
      from platform.accounts a where a.email = u.email and u.status <> 'invited'`);
    this.addSql(`revoke all on platform.accounts from public`);
    this.addSql(`grant select, insert, update on platform.accounts to ${SYSTEM_ROLE}`);
  }
}
