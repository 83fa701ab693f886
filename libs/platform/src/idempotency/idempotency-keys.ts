import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '../config/config';
import { TenantDb } from '../database/tenant-db';

/** What a request finds when it claims its key. */
export type KeyClaim =
  /** The request runs the command: the key was new, or its holder's lease had run out. */
  | { kind: 'claimed'; claimId: string; takenOver: boolean }
  | { kind: 'completed'; value: unknown }
  | { kind: 'in-progress'; retryAfterSeconds: number }
  | { kind: 'reused' };

interface KeyRow {
  request_hash: string;
  status: string;
  response_body: { value: unknown } | null;
  retry_after: number | string;
}

/** A key deleted between the claim and the look-up (its run failed) is claimed again, this often. */
const CLAIM_ATTEMPTS = 3;

/**
 * The key's bookkeeping commits without waiting for its WAL flush (visibility and order are as
 * usual; only durability against a server crash is given up). Losing it converges like the
 * paths that already exist: a lost claim is a key whose lease ran out (the repeat runs the
 * command, which finds the first run's events by the append's key), a lost completion or release
 * is one that failed (the lease runs out, likewise). A claim also becomes durable with the
 * command's own append, whose synchronous commit flushes the WAL written before it. Each of the
 * three writes used to wait for a flush of its own, one after another with the append's.
 */
const ASYNC_COMMIT = { text: `select set_config('synchronous_commit', 'off', true)`, values: [] };

/**
 * The bookkeeping of `platform.idempotency_keys`. A claim carries a lease on the database's
 * clock (every API process agrees on it): while it runs, a repeat is told to come back later;
 * once it has run out, the holder is presumed dead (SIGKILL, OOM, lost host) and the next
 * repeat takes the key over in the same upsert that would have inserted it. The upsert's
 * `where` is re-checked on the row after any concurrent takeover committed, so of two repeats
 * racing for an expired key exactly one gets it. Every later write names the claim, so a run
 * whose key was taken over cannot complete or free it under the run that took it.
 */
@Injectable()
export class IdempotencyKeys {
  constructor(private readonly db: TenantDb, private readonly config: AppConfig) {}

  /**
   * One round trip per attempt (TenantDb.batch): the upsert and, for a key it did not take, the
   * look-up of what holds it, as two statements of one message. The look-up is a statement of its
   * own so it sees a row committed after the upsert's snapshot (the one it waited on).
   */
  async claim(tenantId: string, key: string, requestHash: string): Promise<KeyClaim> {
    const claimId = randomUUID();
    for (let attempt = 1; ; attempt++) {
      const [, [taken], [row]] = await this.db.batch([
        ASYNC_COMMIT,
        {
          text: `insert into platform.idempotency_keys as k (tenant_id, key, request_hash, status, claim_id, lease_expires_at)
                   values ($1, $2, $3, 'processing', $4, now() + $5 * interval '1 millisecond')
                 on conflict (tenant_id, key) do update set claim_id = excluded.claim_id, lease_expires_at = excluded.lease_expires_at
                   where k.status = 'processing' and k.request_hash = excluded.request_hash
                     and (k.lease_expires_at is null or k.lease_expires_at <= now())
                 returning (xmax = 0) as inserted`,
          values: [tenantId, key, requestHash, claimId, this.config.IDEMPOTENCY_LEASE_MS],
        },
        {
          text: `select request_hash, status, response_body,
                        greatest(1, ceil(extract(epoch from (lease_expires_at - now())))) as retry_after
                   from platform.idempotency_keys where tenant_id = $1 and key = $2`,
          values: [tenantId, key],
        },
      ], tenantId);
      if (taken) return { kind: 'claimed', claimId, takenOver: !taken.inserted };
      if (row) return outcomeOf(row as KeyRow, requestHash);
      if (attempt >= CLAIM_ATTEMPTS) return { kind: 'in-progress', retryAfterSeconds: 1 };
    }
  }

  /** False when the claim is no longer this run's (its lease ran out and a repeat took the key). */
  async complete(tenantId: string, key: string, claimId: string, value: unknown): Promise<boolean> {
    const body = JSON.stringify({ value: value ?? null });
    const [, rows] = await this.db.batch([ASYNC_COMMIT, {
      text: `update platform.idempotency_keys set status = 'completed', response_body = $1, lease_expires_at = null
              where tenant_id = $2 and key = $3 and claim_id = $4 and status = 'processing' returning key`,
      values: [body, tenantId, key, claimId],
    }], tenantId);
    return rows.length > 0;
  }

  /** A failed command frees its key, so the client can correct the request and try again. */
  async release(tenantId: string, key: string, claimId: string): Promise<void> {
    await this.db.batch([ASYNC_COMMIT, {
      text: `delete from platform.idempotency_keys where tenant_id = $1 and key = $2 and claim_id = $3 and status = 'processing'`,
      values: [tenantId, key, claimId],
    }], tenantId);
  }
}

function outcomeOf(row: KeyRow, requestHash: string): KeyClaim {
  if (row.request_hash !== requestHash) return { kind: 'reused' };
  if (row.status === 'completed') return { kind: 'completed', value: row.response_body?.value };
  // A lease that ran out after the upsert looked (or a legacy row without one): come back at once.
  return { kind: 'in-progress', retryAfterSeconds: Math.max(1, Number(row.retry_after) || 1) };
}
