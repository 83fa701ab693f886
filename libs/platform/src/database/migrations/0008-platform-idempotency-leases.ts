import { Migration } from '@mikro-orm/migrations';

/**
 * A claimed Idempotency-Key holds a lease: a key left `processing` by a crashed API process is
 * taken over by the next repeat once `lease_expires_at` has passed (one conditional update, so
 * two repeats cannot both take it) instead of answering 409 forever. `claim_id` names the run
 * that holds the key, so a run whose lease was taken over cannot complete or free the key of
 * the run that took it. Keys already stuck in `processing` are released to the next repeat.
 */
export class Migration0008PlatformIdempotencyLeases extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table platform.idempotency_keys
      add column lease_expires_at timestamptz,
      add column claim_id uuid`);
    this.addSql(`update platform.idempotency_keys set lease_expires_at = now() where status = 'processing'`);
  }
}
